//! The reporter opens their case on the status page with its number and receipt secret. The
//! secret is never stored, only its keyed hash; the comparison takes the same time whether the
//! case exists or not, so the answer tells nothing about which case numbers are taken. What the
//! check opens, and the receipt page's one showing, are kept on the server (issue 10, item 6): a
//! copied or replayed session cookie holds only a token that signing out or one use ends.

use crate::crypto::constant_time_eq;
use crate::db::{self, DbConnection, receipt_views, reports, status_access};
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

/// A successful check opens the case for this browser: a fresh token whose row (not the cookie)
/// says which case and until when. `None` when the number and secret do not fit.
pub fn open_access(
    conn: &mut DbConnection,
    number: Option<&CaseNumber>,
    typed_hash: &str,
    well_formed: bool,
) -> Result<Option<String>, AppError> {
    let Some(report_id) = open(conn, number, typed_hash, well_formed)? else {
        return Ok(None);
    };
    let token = crate::crypto::random_token(24);
    db::write_tx(conn, |c| status_access::insert(c, &token, report_id))?;
    Ok(Some(token))
}

/// The case a status token still opens (each use extends it).
pub fn access(conn: &mut DbConnection, token: &str) -> Result<Option<ReportId>, AppError> {
    Ok(status_access::find(conn, token)?)
}

/// "Keluar": ends every access to the token's case, in every browser and every copy of a cookie.
pub fn sign_out(conn: &mut DbConnection, token: &str) -> Result<(), AppError> {
    db::write_tx(conn, |c| status_access::end_everywhere(c, token))?;
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
