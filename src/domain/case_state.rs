//! The states a case can be in (DESIGN.md, "The case"). The transitions between them are the
//! staff workflow's; the public side only creates cases in `Submitted` and reads states in words.

codes! {
    /// A case's state, stored as its `as_str` name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CaseState {
        Submitted = "submitted",
        Verification = "verification",
        NeedsInfo = "needs_info",
        Rejected = "rejected",
        /// The reporter did not complete the report within the needs-info window: not
        /// registered (DOMAIN.md §3.3 DITOLAK_TIDAK_DIREGISTRASI), set by the server. Staff may
        /// reopen it, with a reason.
        NotRegistered = "not_registered",
        Registered = "registered",
        Examination = "examination",
        ForwardedGakkumdu = "forwarded_gakkumdu",
        NotProven = "not_proven",
        ForwardedAgency = "forwarded_agency",
        Recommendation = "recommendation",
        AwaitingPpk = "awaiting_ppk",
        Decided = "decided",
        /// The sanctioned ASN filed a keberatan or banding against the decree (PP 79/2021): the
        /// superior or BPASN decides it.
        Objection = "objection",
        /// The objection was decided and the decree upheld or changed: closed by BKPSDM.
        ObjectionDecided = "objection_decided",
        /// The objection annulled the decree: nobody is sanctioned (the "cancelled" bucket).
        Annulled = "annulled",
        Closed = "closed",
        /// Ended before a decision: the reported person retired, resigned, was dismissed or died.
        ClosedNoDecision = "closed_no_decision",
    }
}

impl CaseState {
    /// The stage deadline (in `stage_deadlines`) that runs while a case is in this state.
    pub fn deadline_stage(self) -> Option<&'static str> {
        match self {
            Self::Submitted | Self::Verification => Some("verification"),
            Self::NeedsInfo => Some("needs_info"),
            Self::Registered | Self::Examination => Some("examination"),
            Self::Recommendation => Some("recommendation"),
            Self::AwaitingPpk => Some("awaiting_ppk"),
            // A banding gives BPASN its own time: see `objection::ObjectionKind::decision_stage`.
            Self::Objection => Some("objection_decision"),
            _ => None,
        }
    }

    /// Whether the reporter may still write to the case from the status page.
    pub fn accepts_reporter_messages(self) -> bool {
        // A case not registered for want of an answer still takes one: staff may reopen it.
        !matches!(
            self,
            Self::Rejected
                | Self::NotProven
                | Self::Annulled
                | Self::Closed
                | Self::ClosedNoDecision
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_name() {
        for &s in CaseState::ALL {
            assert_eq!(CaseState::parse(s.as_str()), Some(s));
        }
        assert_eq!(CaseState::parse("bogus"), None);
    }
}
