//! Reported persons, keyed by NIP or NIK so repeat reports about one civil servant link together.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::reported_persons;
use crate::domain::ids::AgencyId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reported_persons)]
pub struct ReportedPersonRow {
    pub id: i64,
    pub id_kind: String,
    pub id_number: String,
    pub name: String,
    pub name_search: String,
    pub employee_type: String,
    pub agency_id: AgencyId,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reported_persons)]
pub struct NewReportedPersonRow<'a> {
    pub id_kind: &'a str,
    pub id_number: &'a str,
    pub name: &'a str,
    pub name_search: &'a str,
    pub employee_type: &'a str,
    pub agency_id: AgencyId,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn find_by_identifier(
    conn: &mut DbConnection,
    kind: &str,
    number: &str,
) -> QueryResult<Option<ReportedPersonRow>> {
    reported_persons::table
        .filter(reported_persons::id_kind.eq(kind))
        .filter(reported_persons::id_number.eq(number))
        .select(ReportedPersonRow::as_select())
        .first(conn)
        .optional()
}

/// The person with this NIP/NIK (their id), created if new. An existing person keeps
/// their record; the report itself keeps what this reporter wrote (name, unit, position) as
/// reported.
pub fn find_or_create(conn: &mut DbConnection, new: &NewReportedPersonRow<'_>) -> QueryResult<i64> {
    if let Some(found) = find_by_identifier(conn, new.id_kind, new.id_number)? {
        return Ok(found.id);
    }
    diesel::insert_into(reported_persons::table)
        .values(new)
        .returning(reported_persons::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ReportedPersonRow>> {
    reported_persons::table
        .find(id)
        .select(ReportedPersonRow::as_select())
        .first(conn)
        .optional()
}
