//! The reporter opens their case on the status page with its number and receipt secret. The
//! secret is never stored, only its keyed hash; the comparison takes the same time whether the
//! case exists or not, so the answer tells nothing about which case numbers are taken. What the
//! check opens is checked on the server at every use (issue 10, item 6): "Keluar" ends every
//! access opened before it, whatever cookie comes back; and a receipt shows once.

use crate::crypto::constant_time_eq;
use crate::db::{self, DbConnection, receipt_views, reports, status_signouts};
use crate::domain::ids::ReportId;
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;

/// The case whose receipt hash is `typed_hash`, if `number` names it. `well_formed`: whether the
/// typed secret parsed at all (a malformed one is hashed anyway, and never matches).
pub fn open(
    conn: &mut DbConnection,
    number: Option<&CaseNumber>,
    typed_hash: &str,
    well_formed: bool,
) -> Result<Option<ReportId>, AppError> {
    let report = match number {
        Some(n) => reports::find_by_case_number(conn, n.as_str())?,
        None => None,
    };
    // Compare against a stand-in when there is no such case: same work, same answer.
    let stored = report
        .as_ref()
        .map_or_else(|| "0".repeat(64), |r| r.receipt_hash.clone());
    let matches = constant_time_eq(&stored, typed_hash) && well_formed;
    Ok(report.filter(|_| matches).map(|r| r.id))
}

/// Whether an access to the case opened at `opened` (by a status check) still holds: the
/// reporter has not pressed "Keluar" since, in any browser.
pub fn still_open(
    conn: &mut DbConnection,
    report_id: ReportId,
    opened: chrono::NaiveDateTime,
) -> Result<bool, AppError> {
    Ok(status_signouts::last(conn, report_id)?.is_none_or(|at| opened > at))
}

/// "Keluar": ends every access to the case opened until now, in every browser and every copy
/// of a cookie.
pub fn sign_out(conn: &mut DbConnection, report_id: ReportId) -> Result<(), AppError> {
    db::write_tx(conn, |c| status_signouts::record(c, report_id, db::now()))?;
    Ok(())
}

/// A resubmitted form may show its receipt again: a fresh nonce for that one showing.
pub fn receipt_again(conn: &mut DbConnection, nonce: &str) -> Result<(), AppError> {
    db::write_tx(conn, |c| receipt_views::insert(c, nonce))?;
    Ok(())
}

/// Whether the receipt carrying this nonce may be shown: true once, never for a replay.
pub fn receipt_shown(conn: &mut DbConnection, nonce: &str) -> Result<bool, AppError> {
    Ok(db::write_tx(conn, |c| receipt_views::take(c, nonce))?)
}
