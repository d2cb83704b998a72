//! A reporter's access to their case after a successful status check (migration 000010): the
//! session holds only the token, the row says which case and until when.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::status_access;
use crate::domain::ids::ReportId;

/// How long access lasts without use; each use extends it.
pub const LIFETIME: chrono::Duration = chrono::Duration::minutes(30);
/// A use extends the access only when less than this is left of it: at most one write per few
/// minutes of reading, not one per page.
const EXTEND_BELOW: chrono::Duration = chrono::Duration::minutes(25);

pub fn insert(conn: &mut DbConnection, token: &str, report_id: ReportId) -> QueryResult<()> {
    let now = super::now();
    // Access nobody ended ("Keluar" not pressed) goes the next time anyone opens a case.
    diesel::delete(status_access::table.filter(status_access::expires_at.le(now))).execute(conn)?;
    diesel::insert_into(status_access::table)
        .values((
            status_access::token.eq(token),
            status_access::report_id.eq(report_id),
            status_access::expires_at.eq(now + LIFETIME),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The case this token opens while fresh, extended on use.
pub fn find(conn: &mut DbConnection, token: &str) -> QueryResult<Option<ReportId>> {
    let now = super::now();
    let found: Option<(ReportId, chrono::NaiveDateTime)> = status_access::table
        .filter(status_access::token.eq(token))
        .filter(status_access::expires_at.gt(now))
        .select((status_access::report_id, status_access::expires_at))
        .first(conn)
        .optional()?;
    let Some((report_id, expires_at)) = found else {
        return Ok(None);
    };
    if expires_at - now < EXTEND_BELOW {
        diesel::update(status_access::table.filter(status_access::token.eq(token)))
            .set(status_access::expires_at.eq(now + LIFETIME))
            .execute(conn)?;
    }
    Ok(Some(report_id))
}

/// Ends every access to the case this token opens (every browser, every copy of a cookie).
/// Answers whether the token was still good.
pub fn end_everywhere(conn: &mut DbConnection, token: &str) -> QueryResult<bool> {
    let report: Option<ReportId> = status_access::table
        .filter(status_access::token.eq(token))
        .select(status_access::report_id)
        .first(conn)
        .optional()?;
    let Some(report) = report else {
        return Ok(false);
    };
    diesel::delete(status_access::table.filter(status_access::report_id.eq(report)))
        .execute(conn)?;
    Ok(true)
}
