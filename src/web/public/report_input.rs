//! What a filled-in report form sent: its fields as typed, and its files recognised and cleaned
//! (shared with the reply on the status page).

use actix_web::web;

use crate::domain::evidence::{CleanFile, EvidenceError};
use crate::domain::report::{FieldError, ReportInput};
use crate::error::AppError;
use crate::web::multipart::Form;

/// The fields as typed.
pub fn input_from(form: &Form) -> ReportInput {
    ReportInput {
        identity_mode: form.text("identity_mode"),
        reporter_name: form.text("reporter_name"),
        reporter_email: form.text("reporter_email"),
        reporter_phone: form.text("reporter_phone"),
        asn_id: form.text("asn_id"),
        asn_name: form.text("asn_name"),
        employee_type: form.text("employee_type"),
        // A suggestion picked after an unknown agency name wins over the text typed before.
        agency: Some(form.text("agency_pick"))
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| form.text("agency")),
        unit: form.text("unit"),
        position: form.text("position"),
        violations: form.all("violations"),
        election_type: form.text("election_type"),
        election_stage: form.text("election_stage"),
        incident_date: form.text("incident_date"),
        known_date: form.text("known_date"),
        province: form.text("province"),
        regency: form.text("regency"),
        place: form.text("place"),
        description: form.text("description"),
        links: form.text("links"),
        witnesses: form.text("witnesses"),
        declaration: form.checked("declaration"),
    }
}

/// Recognises and cleans the attached files off the async threads; a refused file becomes a
/// message on the `evidence` field.
pub async fn clean_files(
    form: &mut Form,
) -> Result<(Vec<(String, CleanFile)>, Vec<FieldError>), AppError> {
    let uploads = std::mem::take(&mut form.files);
    let refused = form.refused.clone();
    web::block(move || {
        let mut errors: Vec<FieldError> = refused
            .into_iter()
            .map(|r| FieldError::with("evidence", r.key, r.filename))
            .collect();
        let mut clean = Vec::new();
        for u in uploads {
            match crate::domain::evidence::clean(u.bytes) {
                Ok(f) => clean.push((u.filename, f)),
                Err(refused) => errors.push(FieldError::with(
                    "evidence",
                    refusal_key(&refused),
                    u.filename,
                )),
            }
        }
        (clean, errors)
    })
    .await
    .map_err(|_| AppError::Unexpected(anyhow::anyhow!("evidence cleaning was cancelled")))
}

/// The message for a file the cleaner refused: each says why, and that nothing was stored.
fn refusal_key(refused: &EvidenceError) -> &'static str {
    match refused {
        EvidenceError::UnknownType => "evidence.unknown_type",
        EvidenceError::Corrupt => "evidence.corrupt",
        EvidenceError::PdfUnreadable => "evidence.pdf_unreadable",
        EvidenceError::PdfEncrypted => "evidence.pdf_encrypted",
        EvidenceError::VideoUnreadable => "evidence.video_unreadable",
    }
}

/// A submission token as the form hands them out (32 hex digits).
pub fn is_token(s: &str) -> bool {
    s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit())
}
