//! "Keluar" on the status page (migration 000010): when the reporter last ended every access to
//! their case. An access opened before that moment is over.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::status_signouts;
use crate::domain::ids::ReportId;

/// When every access to the case was last ended, if ever.
pub fn last(
    conn: &mut DbConnection,
    report_id: ReportId,
) -> QueryResult<Option<chrono::NaiveDateTime>> {
    status_signouts::table
        .find(report_id)
        .select(status_signouts::at)
        .first(conn)
        .optional()
}

/// Ends every access to the case opened until `at` (no upsert through the multi-backend:
/// update, else insert).
pub fn record(
    conn: &mut DbConnection,
    report_id: ReportId,
    at: chrono::NaiveDateTime,
) -> QueryResult<()> {
    let n = diesel::update(status_signouts::table.find(report_id))
        .set(status_signouts::at.eq(at))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(status_signouts::table)
            .values((
                status_signouts::report_id.eq(report_id),
                status_signouts::at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}
