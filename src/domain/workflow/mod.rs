//! The case workflow: which actor may move a case from which state, by which action, to which
//! state (DESIGN.md, "The case"; DOMAIN.md §3.3 and §4).
//!
//! This module owns the rules only, so they can be tested exhaustively without a server or a
//! database: the web layer asks [`next`] before it writes anything, and a refusal means nothing
//! is written. What it does not own: the agency check (a case of another agency is a 404, decided
//! from the case's agency column before this module is asked), the reason and the other form
//! fields each action needs, the version check against concurrent edits, and the audit row.
//!
//! Refusals are checked in a fixed order: first whether the actor's role ever performs the action
//! ([`Refusal::WrongRole`]), then whether the action leads anywhere from the case's state
//! ([`Refusal::WrongState`]). The role rule therefore does not depend on the state, and an admin
//! or a reporter hears the same answer whatever state the case is in.

use std::fmt;

use super::case_state::CaseState;
use super::objection::ObjectionOutcome;

mod action;
mod classes;
mod tier;
pub use action::Action;
pub use classes::{allowed_classifications, available_for};
pub use tier::{CaseTier, Tier, TierRefusal, tier_allowed_for_neutrality};

#[cfg(test)]
mod tests;

codes! {
    /// A staff account's role (issue 3, item 1), stored as its `as_str` name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Role {
        /// Manages agencies, users, holidays and the catalogue (DESIGN.md, "Who uses it"); never
        /// moves a case, so whoever can create accounts cannot also decide cases with them.
        Admin = "admin",
        /// BKN staff: every agency, and everything an inspector or BKPSDM user may do, because BKN
        /// carries the national supervision of neutrality since Sept 2024 (DOMAIN.md §4).
        National = "national",
        /// Inspektorat: verifies, examines, classifies and recommends (issue 3; DOMAIN.md §4).
        Inspector = "inspector",
        /// BKPSDM/BKD: drafts and records the PPK's decree, then closes the case (DOMAIN.md §4).
        Bkpsdm = "bkpsdm",
    }
}

impl Role {
    /// Admin and national staff see every agency; the others only their own.
    pub fn sees_all_agencies(self) -> bool {
        matches!(self, Self::Admin | Self::National)
    }

    /// Whether an account of this role (with an agency) gets its agency's daily digest, and so
    /// may take the digest alone; the others get every alert.
    pub fn gets_digest(self, has_agency: bool) -> bool {
        has_agency && matches!(self, Self::Inspector | Self::Bkpsdm)
    }
}

codes! {
    /// The outcome of an examination (DOMAIN.md §1.1, §3.3 KLASIFIKASI). Stored per case, not per
    /// behaviour, because the same act can be ethics or discipline (§1.1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Classification {
        /// Code of ethics, PP 42/2004: a moral sanction (§2.1).
        Ethics = "ethics",
        /// Discipline, PP 94/2021: a sedang or berat sanction (§2.2).
        Discipline = "discipline",
        /// A crime under UU 7/2017 or UU 10/2016: forwarded to Sentra Gakkumdu (§1.1).
        Criminal = "criminal",
        /// The breach is not proven; the case ends.
        NotProven = "not_proven",
        /// Another body is competent (e.g. TNI/Polri, a village head): the case moves there (§3.3).
        NotOurAuthority = "not_our_authority",
    }
}

impl Classification {
    /// The state a case in examination moves to when classified this way.
    pub fn target(self) -> CaseState {
        match self {
            // Both end in a recommendation to the PPK; a case may carry an ethics and a
            // discipline sanction at once (PP 42/2004 Pasal 16, DOMAIN.md §2.1).
            Self::Ethics | Self::Discipline => CaseState::Recommendation,
            Self::Criminal => CaseState::ForwardedGakkumdu,
            Self::NotProven => CaseState::NotProven,
            Self::NotOurAuthority => CaseState::ForwardedAgency,
        }
    }
}

codes! {
    /// Why a report is rejected at verification (issue 3, item 4; DOMAIN.md §3.2 and §3.3 DITOLAK).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RejectGround {
        /// Filed after the legal window (DOMAIN.md §3.2: ≤ 7 days since the breach became known).
        /// A staff judgement, not automatic: a late report may still warrant internal discipline
        /// (DOMAIN.md §5, `tanggal_diketahui`).
        Late = "late",
        /// The reported person is not an ASN (PNS, CPNS or PPPK).
        NotAsn = "not_asn",
        /// Another case already covers the same report; the form names that case.
        Duplicate = "duplicate",
        /// Not a neutrality matter at all.
        OutOfScope = "out_of_scope",
    }
}

codes! {
    /// Why a case ends without a decision (issue 11, "official buckets"): the reported person left
    /// the service before the PPK decided, so there is nobody left to sanction.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum EndGround {
        /// Retired (pensiun).
        Retired = "retired",
        /// Resigned at their own request.
        Resigned = "resigned",
        /// Dismissed on other grounds (another case, a criminal conviction).
        Dismissed = "dismissed",
        Deceased = "deceased",
    }
}

/// Who asks for a move: a signed-in staff member, or the reporter holding the receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    /// A signed-in staff member with this role.
    Staff(Role),
    /// The reporter, on the status page with the case number and receipt secret.
    Reporter,
    /// The server, when a window passes (the background chores).
    System,
}

/// Why [`next`] refused a move. A refused move changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The action does not lead anywhere from the case's current state.
    WrongState,
    /// The actor's role never performs this action.
    WrongRole,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::WrongState => "this action is not possible in the case's current state",
            Self::WrongRole => "this role may not perform this action",
        })
    }
}

impl std::error::Error for Refusal {}

/// Whether `actor` ever performs `action`, in any state (DOMAIN.md §4; issue 3, item 1).
fn performs(actor: Actor, action: Action) -> bool {
    use Action as A;
    let inspector = matches!(
        action,
        A::StartVerification
            | A::RequestInfo
            | A::ResumeVerification
            | A::Reject(_)
            | A::Reopen
            | A::Register
            | A::StartExamination
            | A::Classify(_)
            | A::ContinueAdministrative
            | A::Recommend
    );
    // Either unit may learn that the person left the service.
    // BKPSDM administers the decree, so it records the objection against it and its outcome.
    let bkpsdm = matches!(
        action,
        A::RecordDecision
            | A::FileObjection
            | A::ResolveObjection(_)
            | A::Close
            | A::CloseWithoutDecision(_)
    );
    let inspector = inspector || matches!(action, A::CloseWithoutDecision(_));
    match actor {
        Actor::Reporter => action == A::ReporterAnswered,
        Actor::System => action == A::TimeOut,
        Actor::Staff(Role::Admin) => false,
        Actor::Staff(Role::Inspector) => inspector,
        Actor::Staff(Role::Bkpsdm) => bkpsdm,
        // National staff act across agencies in both capacities, but never answer for the reporter.
        Actor::Staff(Role::National) => inspector || bkpsdm,
    }
}

/// Where `action` takes a case in `state`, whoever asks; `None` if it leads nowhere from there.
fn target(state: CaseState, action: Action) -> Option<CaseState> {
    use Action as A;
    use CaseState as S;
    match (state, action) {
        // A forwarded case arrives at the receiving agency like a new report: that agency has not
        // verified it yet, so it starts at verification (DOMAIN.md §3.3, DITERUSKAN_INSTANSI_LAIN).
        (S::Submitted | S::ForwardedAgency, A::StartVerification) => Some(S::Verification),
        (S::Verification, A::RequestInfo) => Some(S::NeedsInfo),
        (S::NeedsInfo, A::ReporterAnswered | A::ResumeVerification) => Some(S::Verification),
        (S::Verification, A::Reject(_)) => Some(S::Rejected),
        (S::NotRegistered, A::Reopen) => Some(S::Verification),
        (S::NeedsInfo, A::TimeOut) => Some(S::NotRegistered),
        (S::Verification, A::Register) => Some(S::Registered),
        (S::Registered, A::StartExamination) => Some(S::Examination),
        (S::Examination, A::Classify(c)) => Some(c.target()),
        // A misrouted report goes to the competent agency as soon as it is seen to be one: it
        // need not be registered and examined by the wrong agency first (issue 11, defect 2).
        (S::Verification | S::Registered, A::Classify(Classification::NotOurAuthority)) => {
            Some(S::ForwardedAgency)
        }
        // The criminal track runs in parallel (DOMAIN.md §1.1, §3.3 PIDANA). The administrative
        // track resumes at examination, not at recommendation: a recommendation needs an ethics or
        // discipline classification with a tier and sanction, and "criminal" carries neither. The
        // examiners record that administrative classification there; the Gakkumdu reference
        // stays in the case's history.
        (S::ForwardedGakkumdu, A::ContinueAdministrative) => Some(S::Examination),
        (S::Recommendation, A::Recommend) => Some(S::AwaitingPpk),
        (S::AwaitingPpk, A::RecordDecision) => Some(S::Decided),
        (S::Decided, A::FileObjection) => Some(S::Objection),
        (S::Objection, A::ResolveObjection(ObjectionOutcome::Annulled)) => Some(S::Annulled),
        (S::Objection, A::ResolveObjection(_)) => Some(S::ObjectionDecided),
        (S::Decided | S::ObjectionDecided, A::Close) => Some(S::Closed),
        (
            S::Registered
            | S::Examination
            | S::ForwardedGakkumdu
            | S::Recommendation
            | S::AwaitingPpk,
            A::CloseWithoutDecision(_),
        ) => Some(S::ClosedNoDecision),
        _ => None,
    }
}

/// The state a case moves to when `actor` performs `action` in `state`, or why not.
pub fn next(state: CaseState, action: &Action, actor: Actor) -> Result<CaseState, Refusal> {
    if !performs(actor, *action) {
        return Err(Refusal::WrongRole);
    }
    target(state, *action).ok_or(Refusal::WrongState)
}

/// The move that took a case from `from` to `to`, with `detail` (the ground, classification or
/// outcome, as the audit row's reason carries it): how the history names a state change in words.
/// None when no single move fits (a row written before a move existed, or a corrupted one).
pub fn action_between(from: CaseState, to: CaseState, detail: Option<&str>) -> Option<Action> {
    Action::ALL
        .into_iter()
        .find(|a| target(from, *a) == Some(to) && a.detail() == detail)
}

/// What a staff member of `role` may do to a case in `state`, in [`Action::ALL`] order, with
/// every ground and classification listed: the forms the case page shows.
pub fn available(state: CaseState, role: Role) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| next(state, a, Actor::Staff(role)).is_ok())
        .collect()
}

/// Whether the case has ended: no actor can move it any more, but for staff reopening a case
/// that was not registered ([`Action::Reopen`]).
///
/// `ForwardedAgency` is not closed. For the original agency the case is gone, but that is
/// enforced by the case's agency moving to the receiving agency (the original one then gets a
/// 404), not by the state: the receiving agency still has to verify it. `ForwardedGakkumdu` is
/// not closed either, because the administrative track may continue (DOMAIN.md §1.1).
pub fn is_closed(state: CaseState) -> bool {
    matches!(
        state,
        CaseState::Rejected
            | CaseState::NotRegistered
            | CaseState::NotProven
            | CaseState::Annulled
            | CaseState::Closed
            | CaseState::ClosedNoDecision
    )
}

/// Whether staff may correct the reported person's agency on the case itself: only before it is
/// registered. Later the receiving agency would inherit an examination it did not make; the
/// case is forwarded instead ("not our authority"), which starts it afresh there.
pub fn agency_correctable(state: CaseState) -> bool {
    matches!(
        state,
        CaseState::Submitted | CaseState::Verification | CaseState::NeedsInfo
    )
}
