//! The states a case can be in (DESIGN.md, "The case"). The transitions between them are the
//! staff workflow's; the public side only creates cases in `Submitted` and reads states in words.

/// A case's state, stored as its `as_str` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseState {
    Submitted,
    Verification,
    NeedsInfo,
    Rejected,
    Registered,
    Examination,
    ForwardedGakkumdu,
    NotProven,
    ForwardedAgency,
    Recommendation,
    AwaitingPpk,
    Decided,
    Closed,
}

impl CaseState {
    pub const ALL: [CaseState; 13] = [
        Self::Submitted,
        Self::Verification,
        Self::NeedsInfo,
        Self::Rejected,
        Self::Registered,
        Self::Examination,
        Self::ForwardedGakkumdu,
        Self::NotProven,
        Self::ForwardedAgency,
        Self::Recommendation,
        Self::AwaitingPpk,
        Self::Decided,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Verification => "verification",
            Self::NeedsInfo => "needs_info",
            Self::Rejected => "rejected",
            Self::Registered => "registered",
            Self::Examination => "examination",
            Self::ForwardedGakkumdu => "forwarded_gakkumdu",
            Self::NotProven => "not_proven",
            Self::ForwardedAgency => "forwarded_agency",
            Self::Recommendation => "recommendation",
            Self::AwaitingPpk => "awaiting_ppk",
            Self::Decided => "decided",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The stage deadline (in `stage_deadlines`) that runs while a case is in this state.
    pub fn deadline_stage(self) -> Option<&'static str> {
        match self {
            Self::Submitted | Self::Verification => Some("verification"),
            Self::NeedsInfo => Some("needs_info"),
            Self::Registered | Self::Examination => Some("examination"),
            Self::Recommendation => Some("recommendation"),
            Self::AwaitingPpk => Some("awaiting_ppk"),
            _ => None,
        }
    }

    /// Whether the reporter may still write to the case from the status page.
    pub fn accepts_reporter_messages(self) -> bool {
        !matches!(self, Self::Rejected | Self::NotProven | Self::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_name() {
        for s in CaseState::ALL {
            assert_eq!(CaseState::parse(s.as_str()), Some(s));
        }
        assert_eq!(CaseState::parse("bogus"), None);
    }
}
