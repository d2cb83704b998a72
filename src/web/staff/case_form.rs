//! The one form every case action posts today (each action reads the fields it needs).

use serde::Deserialize;

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub internal: String,
    #[serde(default)]
    pub sanction: String,
    #[serde(default)]
    pub sanction2: String,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub sk_number: String,
    #[serde(default)]
    pub sk_date: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub target_agency: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub handler: String,
    /// The last audit entry the form's page showed (to list what changed on a conflict).
    #[serde(default)]
    pub seen: i64,
}

crate::web::forms::with_csrf!(ReasonForm);
