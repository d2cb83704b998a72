//! Every version of each catalogue row (migration 000019), and the versions a case pinned: its
//! violations' when it was classified, its sanctions' when they were recommended. A case shows
//! the text it was decided under, however the catalogue changed since.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{catalogue_versions, report_violations, violation_catalogue};
use crate::domain::ids::ReportId;

pub const VIOLATION: &str = "violation";
pub const SANCTION: &str = "sanction";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = catalogue_versions)]
pub struct VersionRow {
    pub code: String,
    pub version: i32,
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub notes_id: String,
    pub notes_en: String,
    pub tier: String,
}

/// Records the current text of every catalogue row whose current version has none yet (after the
/// seed inserted rows, and after an admin's edit): two statements.
pub fn snapshot_missing(conn: &mut DbConnection) -> QueryResult<usize> {
    let violations = diesel::sql_query(
        "INSERT INTO catalogue_versions \
         SELECT 'violation', v.code, v.version, v.name_id, v.name_en, v.legal_basis, v.notes_id, \
                v.notes_en, v.default_tier, CURRENT_TIMESTAMP \
         FROM violation_catalogue v WHERE NOT EXISTS (SELECT 1 FROM catalogue_versions c \
         WHERE c.catalogue = 'violation' AND c.code = v.code AND c.version = v.version)",
    )
    .execute(conn)?;
    let sanctions = diesel::sql_query(
        "INSERT INTO catalogue_versions \
         SELECT 'sanction', s.code, s.version, s.name_id, s.name_en, s.legal_basis, '', '', \
                s.tier, CURRENT_TIMESTAMP \
         FROM sanction_catalogue s WHERE NOT EXISTS (SELECT 1 FROM catalogue_versions c \
         WHERE c.catalogue = 'sanction' AND c.code = s.code AND c.version = s.version)",
    )
    .execute(conn)?;
    Ok(violations + sanctions)
}

/// Pins the case's violations to the catalogue's current versions (at classification).
pub fn pin_violations(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<usize> {
    let current = violation_catalogue::table
        .filter(violation_catalogue::code.eq(report_violations::code))
        .select(violation_catalogue::version)
        .single_value()
        .assume_not_null();
    diesel::update(report_violations::table.filter(report_violations::report_id.eq(report_id)))
        .set(report_violations::catalogue_version.eq(current))
        .execute(conn)
}

/// The versions of these (code, version) pairs of one catalogue.
pub fn versions(
    conn: &mut DbConnection,
    catalogue: &str,
    pairs: &[(String, i32)],
) -> QueryResult<Vec<VersionRow>> {
    let codes: Vec<&str> = pairs.iter().map(|(c, _)| c.as_str()).collect();
    let rows: Vec<VersionRow> = catalogue_versions::table
        .filter(catalogue_versions::catalogue.eq(catalogue))
        .filter(catalogue_versions::code.eq_any(&codes))
        .select(VersionRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|r| pairs.iter().any(|(c, v)| *c == r.code && *v == r.version))
        .collect())
}

/// The case's violations with the version each is pinned to (the default, 1, until the case is
/// classified), in the order they were filed.
pub fn pinned_violations(
    conn: &mut DbConnection,
    report_id: ReportId,
) -> QueryResult<Vec<(String, i32)>> {
    report_violations::table
        .filter(report_violations::report_id.eq(report_id))
        .order(report_violations::id.asc())
        .select((
            report_violations::code,
            report_violations::catalogue_version,
        ))
        .load(conn)
}

/// Every version of every row (a few per row: the reference cache keeps them all).
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<(String, VersionRow)>> {
    catalogue_versions::table
        .select((catalogue_versions::catalogue, VersionRow::as_select()))
        .load(conn)
}

/// The current version of every row of both catalogues, active or not: (catalogue, code, version).
pub fn current(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, i32)>> {
    use super::schema::sanction_catalogue;
    let mut out: Vec<(String, String, i32)> = violation_catalogue::table
        .select((violation_catalogue::code, violation_catalogue::version))
        .load::<(String, i32)>(conn)?
        .into_iter()
        .map(|(c, v)| (VIOLATION.to_owned(), c, v))
        .collect();
    out.extend(
        sanction_catalogue::table
            .select((sanction_catalogue::code, sanction_catalogue::version))
            .load::<(String, i32)>(conn)?
            .into_iter()
            .map(|(c, v)| (SANCTION.to_owned(), c, v)),
    );
    Ok(out)
}
