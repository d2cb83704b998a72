//! The daily digest's record: one row per agency and local day, so the digest goes out once a day
//! even across restarts and several instances.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{agencies, digests, users};
use crate::domain::ids::AgencyId;
use crate::domain::workflow::Role;

/// Active agencies with at least one active inspector or BKPSDM user: (id, time zone).
pub fn agencies_with_staff(conn: &mut DbConnection) -> QueryResult<Vec<(AgencyId, String)>> {
    users::table
        .inner_join(agencies::table)
        .filter(agencies::active.eq(true))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any([Role::Inspector, Role::Bkpsdm]))
        .select((agencies::id, agencies::timezone))
        .distinct()
        .order(agencies::id.asc())
        .load(conn)
}

/// The (agency, day) digests recorded from `day` on.
pub fn recorded_since(
    conn: &mut DbConnection,
    day: chrono::NaiveDate,
) -> QueryResult<std::collections::HashSet<(AgencyId, chrono::NaiveDate)>> {
    let rows: Vec<(AgencyId, chrono::NaiveDate)> = digests::table
        .filter(digests::day.ge(day))
        .select((digests::agency_id, digests::day))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

pub fn done(
    conn: &mut DbConnection,
    agency_id: AgencyId,
    day: chrono::NaiveDate,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(digests::table.find((agency_id, day)))).get_result(conn)
}

/// Records the agency's digest for `day`; false when it was already recorded (call inside
/// `write_tx`, which serialises writers).
pub fn record_once(
    conn: &mut DbConnection,
    agency_id: AgencyId,
    day: chrono::NaiveDate,
    recipients: usize,
) -> QueryResult<bool> {
    if done(conn, agency_id, day)? {
        return Ok(false);
    }
    diesel::insert_into(digests::table)
        .values((
            digests::agency_id.eq(agency_id),
            digests::day.eq(day),
            digests::recipients.eq(i32::try_from(recipients).unwrap_or(i32::MAX)),
            digests::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|_| true)
}
