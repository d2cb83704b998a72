//! The workflow step a case-page form asks for, with the fields only that step's form has, and
//! what the use case reads from them.

use serde::Deserialize;

use crate::app::case_fields::Fields;
use crate::domain::objection::ObjectionOutcome;
use crate::domain::workflow::{Action, Classification, EndGround, RejectGround};
use crate::web::forms::clean_text;

/// The step a [`StepForm`] asks for, named by the form's `action` field, with the fields only
/// that step's form has.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Step {
    StartVerification,
    RequestInfo {
        #[serde(default)]
        question: String,
    },
    /// Never offered to staff; kept so that a forged post is refused by the workflow (403), as
    /// every other move staff may not make.
    ReporterAnswered,
    ResumeVerification,
    Reject {
        /// The ground (`RejectGround`).
        #[serde(default)]
        detail: String,
        /// The case a duplicate repeats.
        #[serde(default)]
        reference: String,
    },
    /// Back to verification, for a case that was not registered.
    Reopen,
    /// Never offered to staff (the server's move); kept so that a forged post is refused by the
    /// workflow (403).
    TimeOut,
    Register,
    StartExamination,
    Classify {
        /// The classification (`Classification`).
        #[serde(default)]
        detail: String,
        /// Sentra Gakkumdu's reference, for a criminal case.
        #[serde(default)]
        reference: String,
        /// The competent agency, for a case that is not ours.
        #[serde(default)]
        target_agency: String,
    },
    ContinueAdministrative,
    Recommend {
        #[serde(default)]
        sanction: String,
        #[serde(default)]
        sanction2: String,
        #[serde(default)]
        justification: String,
    },
    RecordDecision {
        #[serde(default)]
        sk_number: String,
        #[serde(default)]
        sk_date: String,
        #[serde(default)]
        start_date: String,
        /// "yes": the decree's date, earlier than the recommendation, was checked.
        #[serde(default)]
        sk_date_checked: String,
    },
    FileObjection {
        /// `ObjectionKind`: keberatan or banding.
        #[serde(default)]
        objection_kind: String,
        #[serde(default)]
        filed_on: String,
        /// "yes": filed after the window, accepted (the decree reached the ASN late).
        #[serde(default)]
        late_checked: String,
    },
    /// Sent as multipart with the decision letter's scan (see `case_decree`).
    ResolveObjection {
        /// `ObjectionOutcome`.
        #[serde(default)]
        detail: String,
        #[serde(default)]
        decision_number: String,
        #[serde(default)]
        decision_date: String,
        /// The new sentence, when the outcome is "changed".
        #[serde(default)]
        sanction: String,
        #[serde(default)]
        sanction2: String,
        #[serde(default)]
        justification: String,
        #[serde(default)]
        start_date: String,
    },
    Close,
    CloseWithoutDecision {
        /// The ground (`EndGround`).
        #[serde(default)]
        detail: String,
    },
}

impl Step {
    /// The workflow action, if the step's detail names one.
    pub fn action(&self) -> Option<Action> {
        Some(match self {
            Self::StartVerification => Action::StartVerification,
            Self::RequestInfo { .. } => Action::RequestInfo,
            Self::ReporterAnswered => Action::ReporterAnswered,
            Self::ResumeVerification => Action::ResumeVerification,
            Self::Reject { detail, .. } => Action::Reject(RejectGround::parse(detail)?),
            Self::Reopen => Action::Reopen,
            Self::TimeOut => Action::TimeOut,
            Self::Register => Action::Register,
            Self::StartExamination => Action::StartExamination,
            Self::Classify { detail, .. } => Action::Classify(Classification::parse(detail)?),
            Self::ContinueAdministrative => Action::ContinueAdministrative,
            Self::Recommend { .. } => Action::Recommend,
            Self::RecordDecision { .. } => Action::RecordDecision,
            Self::FileObjection { .. } => Action::FileObjection,
            Self::ResolveObjection { detail, .. } => {
                Action::ResolveObjection(ObjectionOutcome::parse(detail)?)
            }
            Self::Close => Action::Close,
            Self::CloseWithoutDecision { detail } => {
                Action::CloseWithoutDecision(EndGround::parse(detail)?)
            }
        })
    }

    /// The fields the use case reads, text cleaned as it may be stored.
    pub(super) fn fields(&self) -> Fields {
        let text = |s: &str| clean_text(s.trim());
        let mut f = Fields::default();
        match self {
            Self::RequestInfo { question } => f.question = text(question),
            Self::Reject { reference, .. } => f.reference = text(reference),
            Self::Classify {
                reference,
                target_agency,
                ..
            } => {
                f.reference = text(reference);
                f.target_agency = target_agency.clone();
            }
            Self::Recommend {
                sanction,
                sanction2,
                justification,
            } => {
                f.sanctions = vec![text(sanction), text(sanction2)];
                f.justification = text(justification);
            }
            Self::RecordDecision {
                sk_number,
                sk_date,
                start_date,
                sk_date_checked,
            } => {
                f.sk_number = text(sk_number);
                f.sk_date = sk_date.clone();
                f.start_date = start_date.clone();
                f.sk_date_checked = sk_date_checked == "yes";
            }
            Self::FileObjection {
                objection_kind,
                filed_on,
                late_checked,
            } => {
                f.objection_kind = objection_kind.clone();
                f.filed_on = filed_on.clone();
                f.late_checked = late_checked == "yes";
            }
            Self::ResolveObjection {
                decision_number,
                decision_date,
                sanction,
                sanction2,
                justification,
                start_date,
                ..
            } => {
                f.sk_number = text(decision_number);
                f.sk_date = decision_date.clone();
                f.sanctions = vec![text(sanction), text(sanction2)];
                f.justification = text(justification);
                f.start_date = start_date.clone();
            }
            _ => {}
        }
        f
    }
}
