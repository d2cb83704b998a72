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
        asn_id_unknown: form.checked("asn_id_unknown"),
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
            match cleaned(&u.filename, || crate::domain::evidence::clean(u.bytes)) {
                Ok(f) => clean.push((u.filename, f)),
                Err(key) => errors.push(FieldError::with("evidence", key, u.filename)),
            }
        }
        (clean, errors)
    })
    .await
    .map_err(|_| AppError::Unexpected(anyhow::anyhow!("evidence cleaning was cancelled")))
}

/// Runs a cleaner so that a defect in it (a panic on a file nobody foresaw) refuses that one
/// file with its own message instead of failing the whole form with a 500 and losing what the
/// reporter typed. Nothing of the file is kept. The refusal's catalogue key, if refused.
fn cleaned(
    filename: &str,
    clean: impl FnOnce() -> Result<CleanFile, EvidenceError>,
) -> Result<CleanFile, &'static str> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(clean)) {
        Ok(done) => done.map_err(|refused| refusal_key(&refused)),
        Err(_) => {
            tracing::error!(%filename, "an evidence cleaner panicked; the file was refused");
            Err("evidence.unchecked")
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cleaner_that_panics_refuses_its_file_with_a_message() {
        let refused = cleaned("foto.jpg", || panic!("a defect in a cleaner"));
        assert_eq!(refused.err(), Some("evidence.unchecked"));
    }

    #[test]
    fn a_cleaners_own_refusal_keeps_its_message() {
        let refused = cleaned("x.bin", || Err(EvidenceError::UnknownType));
        assert_eq!(refused.err(), Some("evidence.unknown_type"));
    }
}
