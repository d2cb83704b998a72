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

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ReportedPersonRow>> {
    reported_persons::table
        .find(id)
        .select(ReportedPersonRow::as_select())
        .first(conn)
        .optional()
}

/// The persons with these identifiers ((kind, number) pairs): one query per kind, each read along
/// the unique (kind, number) index (a number alone is no index's prefix: 42 ms a batch at 1M).
pub fn by_identifiers(
    conn: &mut DbConnection,
    ids: &[(&str, &str)],
) -> QueryResult<Vec<ReportedPersonRow>> {
    let mut kinds: Vec<&str> = ids.iter().map(|(k, _)| *k).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut found = Vec::new();
    for kind in kinds {
        let numbers: Vec<&str> = ids
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| *n)
            .collect();
        found.extend(
            reported_persons::table
                .filter(reported_persons::id_kind.eq(kind))
                .filter(reported_persons::id_number.eq_any(numbers))
                .select(ReportedPersonRow::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// The id of the person with this identifier, if anyone was ever reported under it: one seek
/// on the unique (kind, number).
pub fn id_of(conn: &mut DbConnection, kind: &str, number: &str) -> QueryResult<Option<i64>> {
    reported_persons::table
        .filter(reported_persons::id_kind.eq(kind))
        .filter(reported_persons::id_number.eq(number))
        .select(reported_persons::id)
        .first(conn)
        .optional()
}

/// New persons in one statement: (id, kind, number) of each.
pub fn insert_many(
    conn: &mut DbConnection,
    rows: &[NewReportedPersonRow<'_>],
) -> QueryResult<Vec<(i64, String, String)>> {
    let returning = (
        reported_persons::id,
        reported_persons::id_kind,
        reported_persons::id_number,
    );
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(reported_persons::table)
            .values(rows)
            .returning(returning)
            .get_results(c),
        DbConnection::Pg(c) => diesel::insert_into(reported_persons::table)
            .values(rows)
            .returning(returning)
            .get_results(c),
    }
}
