//! What the workflow tests check the module against, written out by hand from DESIGN.md's diagram
//! and DOMAIN.md §3.3, so a change to the module not also made here fails.

use super::super::*;

use crate::domain::objection::ObjectionOutcome as O;
use Action as A;
use CaseState as S;
use Classification as C;
use EndGround as E;
use RejectGround as G;
use Role as R;

use Refusal::{WrongRole, WrongState};

/// Inspectorate work: verify, examine, classify, recommend.
pub(super) const CASEWORK: &[Role] = &[R::Inspector, R::National];
/// BKPSDM work: the PPK's decision and closing.
pub(super) const PPK_WORK: &[Role] = &[R::Bkpsdm, R::National];
/// Either unit: ending a case whose reported person left the service.
pub(super) const ANY_WORK: &[Role] = &[R::Inspector, R::Bkpsdm, R::National];

/// Every staff move the machine allows: from, action, the roles that may perform it, to. Written
/// out by hand from DESIGN.md's diagram, so a change to the module not also made here fails.
#[rustfmt::skip] // one row per line reads as the table it is
pub(super) const TABLE: &[(CaseState, Action, &[Role], CaseState)] = &[
    (S::Submitted,         A::StartVerification,               CASEWORK, S::Verification),
    (S::ForwardedAgency,   A::StartVerification,               CASEWORK, S::Verification),
    (S::Verification,      A::RequestInfo,                     CASEWORK, S::NeedsInfo),
    (S::NeedsInfo,         A::ResumeVerification,              CASEWORK, S::Verification),
    (S::Verification,      A::Reject(G::Late),                 CASEWORK, S::Rejected),
    (S::Verification,      A::Reject(G::NotAsn),               CASEWORK, S::Rejected),
    (S::Verification,      A::Reject(G::Duplicate),            CASEWORK, S::Rejected),
    (S::Verification,      A::Reject(G::OutOfScope),           CASEWORK, S::Rejected),
    (S::Verification,      A::Register,                        CASEWORK, S::Registered),
    (S::NotRegistered,     A::Reopen,                          CASEWORK, S::Verification),
    (S::Verification,      A::Classify(C::NotOurAuthority),    CASEWORK, S::ForwardedAgency),
    (S::Registered,        A::Classify(C::NotOurAuthority),    CASEWORK, S::ForwardedAgency),
    (S::Registered,        A::StartExamination,                CASEWORK, S::Examination),
    (S::Examination,       A::Classify(C::Ethics),             CASEWORK, S::Recommendation),
    (S::Examination,       A::Classify(C::Discipline),         CASEWORK, S::Recommendation),
    (S::Examination,       A::Classify(C::Criminal),           CASEWORK, S::ForwardedGakkumdu),
    (S::Examination,       A::Classify(C::NotProven),          CASEWORK, S::NotProven),
    (S::Examination,       A::Classify(C::NotOurAuthority),    CASEWORK, S::ForwardedAgency),
    (S::ForwardedGakkumdu, A::ContinueAdministrative,          CASEWORK, S::Examination),
    (S::Recommendation,    A::Recommend,                       CASEWORK, S::AwaitingPpk),
    (S::AwaitingPpk,       A::RecordDecision,                  PPK_WORK, S::Decided),
    (S::Decided,           A::Close,                           PPK_WORK, S::Closed),
    (S::Decided,           A::FileObjection,                   PPK_WORK, S::Objection),
    (S::Objection,         A::ResolveObjection(O::Upheld),     PPK_WORK, S::ObjectionDecided),
    (S::Objection,         A::ResolveObjection(O::Changed),    PPK_WORK, S::ObjectionDecided),
    (S::Objection,         A::ResolveObjection(O::Annulled),   PPK_WORK, S::Annulled),
    (S::ObjectionDecided,  A::Close,                           PPK_WORK, S::Closed),
    (S::Registered,        A::CloseWithoutDecision(E::Retired), ANY_WORK, S::ClosedNoDecision),
    (S::Registered,        A::CloseWithoutDecision(E::Resigned), ANY_WORK, S::ClosedNoDecision),
    (S::Registered,        A::CloseWithoutDecision(E::Dismissed), ANY_WORK, S::ClosedNoDecision),
    (S::Registered,        A::CloseWithoutDecision(E::Deceased), ANY_WORK, S::ClosedNoDecision),
    (S::Examination,       A::CloseWithoutDecision(E::Retired), ANY_WORK, S::ClosedNoDecision),
    (S::Examination,       A::CloseWithoutDecision(E::Resigned), ANY_WORK, S::ClosedNoDecision),
    (S::Examination,       A::CloseWithoutDecision(E::Dismissed), ANY_WORK, S::ClosedNoDecision),
    (S::Examination,       A::CloseWithoutDecision(E::Deceased), ANY_WORK, S::ClosedNoDecision),
    (S::ForwardedGakkumdu, A::CloseWithoutDecision(E::Retired), ANY_WORK, S::ClosedNoDecision),
    (S::ForwardedGakkumdu, A::CloseWithoutDecision(E::Resigned), ANY_WORK, S::ClosedNoDecision),
    (S::ForwardedGakkumdu, A::CloseWithoutDecision(E::Dismissed), ANY_WORK, S::ClosedNoDecision),
    (S::ForwardedGakkumdu, A::CloseWithoutDecision(E::Deceased), ANY_WORK, S::ClosedNoDecision),
    (S::Recommendation,    A::CloseWithoutDecision(E::Retired), ANY_WORK, S::ClosedNoDecision),
    (S::Recommendation,    A::CloseWithoutDecision(E::Resigned), ANY_WORK, S::ClosedNoDecision),
    (S::Recommendation,    A::CloseWithoutDecision(E::Dismissed), ANY_WORK, S::ClosedNoDecision),
    (S::Recommendation,    A::CloseWithoutDecision(E::Deceased), ANY_WORK, S::ClosedNoDecision),
    (S::AwaitingPpk,       A::CloseWithoutDecision(E::Retired), ANY_WORK, S::ClosedNoDecision),
    (S::AwaitingPpk,       A::CloseWithoutDecision(E::Resigned), ANY_WORK, S::ClosedNoDecision),
    (S::AwaitingPpk,       A::CloseWithoutDecision(E::Dismissed), ANY_WORK, S::ClosedNoDecision),
    (S::AwaitingPpk,       A::CloseWithoutDecision(E::Deceased), ANY_WORK, S::ClosedNoDecision),
];

/// The state-to-state edges of DESIGN.md's diagram, plus the documented choices (Gakkumdu back
/// to examination, a forwarded case verified again at the receiving agency, a misrouted report
/// forwarded from verification on: issue 11, defect 2).
pub(super) const DIAGRAM_EDGES: &[(CaseState, CaseState)] = &[
    (S::Submitted, S::Verification),
    (S::Verification, S::NeedsInfo),
    (S::NeedsInfo, S::Verification),
    (S::Verification, S::Rejected),
    (S::Verification, S::Registered),
    (S::Registered, S::Examination),
    (S::Examination, S::Recommendation),
    (S::Examination, S::ForwardedGakkumdu),
    (S::Examination, S::NotProven),
    (S::Examination, S::ForwardedAgency),
    (S::Verification, S::ForwardedAgency),
    (S::Registered, S::ForwardedAgency),
    (S::ForwardedGakkumdu, S::Examination),
    (S::ForwardedAgency, S::Verification),
    (S::Recommendation, S::AwaitingPpk),
    (S::AwaitingPpk, S::Decided),
    (S::Decided, S::Closed),
    (S::Decided, S::Objection),
    (S::Objection, S::ObjectionDecided),
    (S::Objection, S::Annulled),
    (S::ObjectionDecided, S::Closed),
    (S::NeedsInfo, S::NotRegistered),
    (S::NotRegistered, S::Verification),
    (S::Registered, S::ClosedNoDecision),
    (S::Examination, S::ClosedNoDecision),
    (S::ForwardedGakkumdu, S::ClosedNoDecision),
    (S::Recommendation, S::ClosedNoDecision),
    (S::AwaitingPpk, S::ClosedNoDecision),
];

/// The edges the server takes (a window passing), not in the staff table.
pub(super) const SYSTEM_EDGES: &[(CaseState, CaseState)] = &[(S::NeedsInfo, S::NotRegistered)];

pub(super) const ADMIN: Actor = Actor::Staff(R::Admin);
pub(super) const INSPECTOR: Actor = Actor::Staff(R::Inspector);
pub(super) const BKPSDM: Actor = Actor::Staff(R::Bkpsdm);
pub(super) const NATIONAL: Actor = Actor::Staff(R::National);
pub(super) const REPORTER: Actor = Actor::Reporter;
pub(super) const SYSTEM: Actor = Actor::System;
pub(super) const ACTORS: [Actor; 6] = [ADMIN, NATIONAL, INSPECTOR, BKPSDM, REPORTER, SYSTEM];

/// Named refusals: state, action, actor, the refusal. The role is checked before the state.
#[rustfmt::skip] // one row per line reads as the table it is
pub(super) const REFUSALS: &[(CaseState, Action, Actor, Refusal)] = &[
    // right role, wrong state: no skipping, no going back, nothing after the end
    (S::Submitted,      A::Register,               INSPECTOR, WrongState),
    (S::Submitted,      A::Reject(G::Late),        INSPECTOR, WrongState),
    (S::Verification,   A::Classify(C::Ethics),    INSPECTOR, WrongState),
    (S::Examination,    A::Recommend,              INSPECTOR, WrongState),
    (S::Examination,    A::ContinueAdministrative, INSPECTOR, WrongState),
    (S::Recommendation, A::RecordDecision,         BKPSDM,    WrongState),
    (S::AwaitingPpk,    A::Close,                  BKPSDM,    WrongState),
    (S::Rejected,       A::Register,               NATIONAL,  WrongState),
    (S::NotProven,      A::StartVerification,      NATIONAL,  WrongState),
    (S::Closed,         A::StartVerification,      INSPECTOR, WrongState),
    (S::Verification,   A::ReporterAnswered,       REPORTER,  WrongState),
    // wrong role, whatever the state
    (S::AwaitingPpk,    A::RecordDecision,         INSPECTOR, WrongRole),
    (S::Decided,        A::Close,                  INSPECTOR, WrongRole),
    (S::Submitted,      A::StartVerification,      BKPSDM,    WrongRole),
    (S::Registered,     A::StartExamination,       BKPSDM,    WrongRole),
    (S::Examination,    A::Classify(C::Ethics),    BKPSDM,    WrongRole),
    (S::Recommendation, A::Recommend,              BKPSDM,    WrongRole),
    (S::Submitted,      A::StartVerification,      ADMIN,     WrongRole),
    (S::AwaitingPpk,    A::RecordDecision,         ADMIN,     WrongRole),
    (S::NeedsInfo,      A::ReporterAnswered,       NATIONAL,  WrongRole),
    (S::NeedsInfo,      A::ResumeVerification,     REPORTER,  WrongRole),
    (S::Submitted,      A::StartVerification,      REPORTER,  WrongRole),
    // both wrong: the role is named
    (S::Submitted,      A::RecordDecision,         INSPECTOR, WrongRole),
    (S::Closed,         A::Register,               BKPSDM,    WrongRole),
];

pub(super) type Step = (Action, Actor);
