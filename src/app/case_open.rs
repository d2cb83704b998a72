//! Staff open a case themselves (issue 11, "Intake channel"; DOMAIN.md §3.1): from a Bawaslu or
//! SP4N-LAPOR! referral, with the referring letter's number and date, or from an internal finding.
//! The report is checked by the public form's rules (`report::validate`, run for staff: no
//! reporter, no declaration, no evidence required) and written by the same code as a public
//! filing, in one transaction with its audit row (the staff member, the letter) and the agency
//! staff's alerts. The case has no reporter and no receipt. A blank NIP/NIK is allowed: the case
//! is then "identity to be established", like a public report without one.

use chrono::NaiveDate;

use super::refcache::RefData;
use super::report_file::{Filing, Opened, Saved, batch};
use super::{Outcome, StaffUser};
use crate::crypto::Keys;
use crate::db::{self, DbConnection, agency_aliases};
use crate::domain::ids::AgencyId;
use crate::domain::intake::{self, LetterInput};
use crate::domain::report::{FieldError, FormContext, ReportInput, validate};
use crate::domain::workflow::Role;
use crate::error::AppError;

/// What the staff form sent, as typed (the reporter fields of `report` are ignored).
pub struct OpenCase {
    pub report: ReportInput,
    pub letter: LetterInput,
    /// The form's one-time token: the same form sent twice opens one case.
    pub submission_token: String,
}

/// Opens the case: its number, or every problem of the form (on its fields).
pub fn open(
    conn: &mut DbConnection,
    keys: &Keys,
    refs: &RefData,
    who: &StaffUser,
    cmd: &OpenCase,
    today: NaiveDate,
) -> Result<Outcome<String, Vec<FieldError>>, AppError> {
    if who.role == Role::Admin {
        return Err(AppError::Forbidden);
    }
    let agency_id = agency(conn, who, &cmd.report.agency)?;
    let input = ReportInput {
        identity_mode: "anonymous".into(),
        asn_id_unknown: true,
        reporter_name: String::new(),
        reporter_email: String::new(),
        reporter_phone: String::new(),
        declaration: true,
        // Agency staff open cases of their own agency: the form does not ask.
        agency: match agency_id {
            Some(id) if !who.sees_all_agencies() => refs
                .every_agency
                .get(&id)
                .map(|(name, _)| name.clone())
                .unwrap_or_default(),
            _ => cmd.report.agency.clone(),
        },
        ..cmd.report.clone()
    };
    let ctx = FormContext {
        today,
        violation_codes: &refs.violation_codes,
        regencies: &refs.regency_provinces,
        province_codes: &refs.province_codes,
        agency_id,
        file_count: 0,
        by_staff: true,
    };
    let report = validate(&input, &ctx);
    let letter = intake::letter(&cmd.letter, today);
    let (report, letter) = match (report, letter) {
        (Ok(r), Ok(l)) => (r, l),
        (r, l) => {
            let mut errors = l.err().unwrap_or_default();
            errors.extend(r.err().unwrap_or_default());
            return Ok(Outcome::Invalid(errors));
        }
    };
    if cmd.submission_token.is_empty() || cmd.submission_token.len() > 64 {
        return Err(AppError::BadRequest);
    }
    let filing = Filing {
        report,
        files: vec![],
        submission_token: cmd.submission_token.clone(),
        receipt_nonce: String::new(),
        // Matches no secret: nobody opens this case on the status page.
        receipt_hash: "-".into(),
        reporter_lang: "id".into(),
        opened: Some(Opened { by: who.id, letter }),
    };
    let saved = db::write_tx(conn, |c| {
        batch::save_all(c, keys, std::slice::from_ref(&filing))
    })?;
    match saved.into_iter().next() {
        Some(Saved::New { case_number, .. }) => Ok(Outcome::Done(case_number)),
        Some(Saved::Duplicate(row)) => Ok(Outcome::Done(row.case_number)),
        None => Err(AppError::Unexpected(anyhow::anyhow!(
            "a case got no answer"
        ))),
    }
}

/// The agency the case belongs to: the staff member's own, or (national staff) the one named.
fn agency(
    conn: &mut DbConnection,
    who: &StaffUser,
    typed: &str,
) -> Result<Option<AgencyId>, AppError> {
    if !who.sees_all_agencies() {
        return Ok(who.agency_id);
    }
    Ok(agency_aliases::find_by_name(conn, typed.trim())?.map(|a| a.id))
}
