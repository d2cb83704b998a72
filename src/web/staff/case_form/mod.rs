//! The forms of the case page, one per thing staff do there: a message or note, an assignment, a
//! look at the reporter's identity, and a workflow step. Each carries only its own fields, and the
//! form that failed is given back to the page as it was typed (see `case_page::Draft`).

use serde::Deserialize;

use crate::app::case_fields::Fields;
use crate::app::case_transition::Transition;
use crate::domain::workflow::{Action, Classification, EndGround, RejectGround};
use crate::web::forms::clean_text;

/// A message to the reporter, or an internal note.
#[derive(Debug, Clone, Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub body: String,
    /// "yes": an internal note, never shown to the reporter.
    #[serde(default)]
    pub internal: String,
}

/// Assign the case to a handler ("" clears the assignment).
#[derive(Debug, Clone, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub handler: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub seen: i64,
}

/// Open the reporter's identity, with the reason the audit log records.
#[derive(Debug, Clone, Deserialize)]
pub struct RevealForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub reason: String,
}

/// The reported person's details as staff correct them (identity number, name, employee type,
/// unit, position and, before registration, the agency), with the reason.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub seen: i64,
    #[serde(default)]
    pub asn_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub employee_type: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub agency: String,
    #[serde(default)]
    pub reason: String,
}

/// A form that only carries its CSRF token (the evidence download).
#[derive(Debug, Clone, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// One workflow step: what every step sends, and the step with its own fields.
#[derive(Debug, Clone, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub csrf: String,
    /// The case version the form was shown at.
    #[serde(default)]
    pub version: i64,
    /// The last audit entry the form's page showed (to list what changed on a conflict).
    #[serde(default)]
    pub seen: i64,
    #[serde(default)]
    pub reason: String,
    /// None when the form names no step this page offers (a forged or stale post): the handler
    /// answers 400 after the role and agency checks, as for any malformed form.
    #[serde(flatten)]
    pub step: Option<Step>,
}

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
            Self::Close => Action::Close,
            Self::CloseWithoutDecision { detail } => {
                Action::CloseWithoutDecision(EndGround::parse(detail)?)
            }
        })
    }

    /// The fields the use case reads, text cleaned as it may be stored.
    fn fields(&self) -> Fields {
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
            _ => {}
        }
        f
    }
}

impl StepForm {
    /// The transition this form asks for; None when its detail names no ground or class.
    pub fn transition(&self) -> Option<Transition> {
        let step = self.step.as_ref()?;
        Some(Transition {
            action: step.action()?,
            version: self.version,
            seen: self.seen,
            reason: clean_text(self.reason.trim()),
            fields: step.fields(),
        })
    }

    /// Whether this is the form of the action `name` / `detail` on the page.
    pub fn is(&self, name: &str, detail: &str) -> bool {
        self.step
            .as_ref()
            .and_then(Step::action)
            .is_some_and(|a| a.name() == name && a.detail().unwrap_or("") == detail)
    }
}

crate::web::forms::with_csrf!(
    MessageForm,
    AssignForm,
    RevealForm,
    CsrfForm,
    StepForm,
    PersonForm
);

pub mod draft;

#[cfg(test)]
mod tests;
