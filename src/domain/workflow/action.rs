//! The moves a case can make, as the forms name them (`name` and `detail`).

use super::{Classification, EndGround, RejectGround};
use crate::domain::objection::ObjectionOutcome;

/// Every move a case can make. Each is one form on the case page; every form also takes a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Take a new report (or one forwarded from another agency) into formal/material verification.
    StartVerification,
    /// Ask the reporter a question; the case waits for them (DOMAIN.md §3.3 PERLU_PERBAIKAN).
    RequestInfo,
    /// The reporter answered on the status page: verification resumes. The reporter's only move.
    ReporterAnswered,
    /// Staff resume verification without an answer. A discipline breach is not a complaint-only
    /// offence (PP 94 Pasal 26, DOMAIN.md §2.2), so an anonymous reporter who never comes back
    /// must not freeze the case; once resumed, staff register it or reject it on a ground.
    ResumeVerification,
    /// End the case at verification on one ground.
    Reject(RejectGround),
    /// Take a case that was not registered (the reporter did not answer in time) back into
    /// verification, with a reason (issue 11; DOMAIN.md §3.3).
    Reopen,
    /// The needs-info window passed without an answer: the case is not registered (DOMAIN.md
    /// §3.3, PERLU_PERBAIKAN timeout). The server's move, never a person's.
    TimeOut,
    /// The report meets the formal and material requirements and becomes a registered case.
    Register,
    /// Clarification, summons, Tim Pemeriksa or Majelis Kode Etik (DOMAIN.md §3.3 PEMERIKSAAN).
    StartExamination,
    /// Record the outcome of the examination; where the case goes depends on the classification.
    Classify(Classification),
    /// After forwarding a criminal case to Gakkumdu, take up the administrative track too.
    ContinueAdministrative,
    /// Send the recommendation (tier and sanctions) to the PPK; the PPK deadline starts.
    Recommend,
    /// Record the PPK's decree: SK number, date, start date and duration (DOMAIN.md §2.2).
    RecordDecision,
    /// The sanctioned ASN filed a keberatan or banding against the decree (PP 79/2021).
    FileObjection,
    /// Record how the superior or BPASN decided the objection, with its decision letter.
    ResolveObjection(ObjectionOutcome),
    /// Close a decided case.
    Close,
    /// End a case before any decision because the reported person left the service.
    CloseWithoutDecision(EndGround),
}

impl Action {
    /// Every action, with the grounds and classifications expanded.
    pub const ALL: [Action; 29] = [
        Self::StartVerification,
        Self::RequestInfo,
        Self::ReporterAnswered,
        Self::ResumeVerification,
        Self::Reject(RejectGround::Late),
        Self::Reject(RejectGround::NotAsn),
        Self::Reject(RejectGround::Duplicate),
        Self::Reject(RejectGround::OutOfScope),
        Self::Reopen,
        Self::TimeOut,
        Self::Register,
        Self::StartExamination,
        Self::Classify(Classification::Ethics),
        Self::Classify(Classification::Discipline),
        Self::Classify(Classification::Criminal),
        Self::Classify(Classification::NotProven),
        Self::Classify(Classification::NotOurAuthority),
        Self::ContinueAdministrative,
        Self::Recommend,
        Self::RecordDecision,
        Self::FileObjection,
        Self::ResolveObjection(ObjectionOutcome::Upheld),
        Self::ResolveObjection(ObjectionOutcome::Changed),
        Self::ResolveObjection(ObjectionOutcome::Annulled),
        Self::Close,
        Self::CloseWithoutDecision(EndGround::Retired),
        Self::CloseWithoutDecision(EndGround::Resigned),
        Self::CloseWithoutDecision(EndGround::Dismissed),
        Self::CloseWithoutDecision(EndGround::Deceased),
    ];

    /// The form this action belongs to: `reject` and `classify` for all their variants.
    pub fn name(self) -> &'static str {
        match self {
            Self::StartVerification => "start_verification",
            Self::RequestInfo => "request_info",
            Self::ReporterAnswered => "reporter_answered",
            Self::ResumeVerification => "resume_verification",
            Self::Reject(_) => "reject",
            Self::Reopen => "reopen",
            Self::TimeOut => "time_out",
            Self::Register => "register",
            Self::StartExamination => "start_examination",
            Self::Classify(_) => "classify",
            Self::ContinueAdministrative => "continue_administrative",
            Self::Recommend => "recommend",
            Self::RecordDecision => "record_decision",
            Self::FileObjection => "file_objection",
            Self::ResolveObjection(_) => "resolve_objection",
            Self::Close => "close",
            Self::CloseWithoutDecision(_) => "close_without_decision",
        }
    }

    /// The variant's detail (the ground or the classification), if it has one.
    pub fn detail(self) -> Option<&'static str> {
        match self {
            Self::Reject(g) => Some(g.as_str()),
            Self::Classify(c) => Some(c.as_str()),
            Self::CloseWithoutDecision(g) => Some(g.as_str()),
            Self::ResolveObjection(o) => Some(o.as_str()),
            _ => None,
        }
    }

    /// Parses a form's `name` and, for `reject` and `classify`, its `detail`.
    pub fn parse(name: &str, detail: Option<&str>) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.name() == name && a.detail() == detail)
    }
}
