//! The reporter opens their case on the status page with its number and receipt secret. The
//! secret is never stored, only its keyed hash; the comparison takes the same time whether the
//! case exists or not, so the answer tells nothing about which case numbers are taken.

use crate::crypto::constant_time_eq;
use crate::db::{DbConnection, reports};
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
