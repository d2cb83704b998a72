//! The forms of the case page, one per thing staff do there: a message or note, an assignment, a
//! look at the reporter's identity, and a workflow step. Each carries only its own fields, and the
//! form that failed is given back to the page as it was typed (see `case_page::Draft`).

use serde::Deserialize;

use crate::app::case_transition::Transition;
use crate::web::forms::clean_text;

/// A message to the reporter or an internal note: two forms on the page, never one box whose
/// checkbox decides who reads it (issue 12).
#[derive(Debug, Clone, Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub body: String,
    /// "note": an internal note, never shown to the reporter; "reporter": a message to the
    /// reporter, shown as they will see it first; "edit": back from that preview to the page.
    #[serde(default)]
    pub to: String,
    /// "yes": the message was previewed and is to be sent.
    #[serde(default)]
    pub confirm: String,
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
mod step;
pub use step::Step;

#[cfg(test)]
mod tests;
