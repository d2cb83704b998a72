//! Evidence files: metadata rows and, separately, their bytes (one blob table, so one backup holds
//! everything and listing evidence never reads the blobs).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{evidence, evidence_blobs};
use crate::domain::ids::ReportId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evidence)]
pub struct EvidenceRow {
    pub id: i64,
    pub report_id: ReportId,
    pub message_id: Option<i64>,
    pub source: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub metadata_removed: bool,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = evidence)]
pub struct NewEvidenceRow<'a> {
    pub report_id: ReportId,
    pub message_id: Option<i64>,
    pub source: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub metadata_removed: bool,
    pub created_at: chrono::NaiveDateTime,
}

/// Inserts the metadata row and the bytes; returns the evidence id.
pub fn insert(conn: &mut DbConnection, row: &NewEvidenceRow<'_>, bytes: &[u8]) -> QueryResult<i64> {
    let id: i64 = diesel::insert_into(evidence::table)
        .values(row)
        .returning(evidence::id)
        .get_result(conn)?;
    diesel::insert_into(evidence_blobs::table)
        .values((
            evidence_blobs::evidence_id.eq(id),
            evidence_blobs::data.eq(bytes),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn for_report(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<EvidenceRow>> {
    evidence::table
        .filter(evidence::report_id.eq(report_id))
        .order(evidence::id.asc())
        .select(EvidenceRow::as_select())
        .load(conn)
}

pub fn bytes(conn: &mut DbConnection, evidence_id: i64) -> QueryResult<Option<Vec<u8>>> {
    evidence_blobs::table
        .find(evidence_id)
        .select(evidence_blobs::data)
        .first(conn)
        .optional()
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    evidence::table.count().get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<EvidenceRow>> {
    evidence::table
        .find(id)
        .select(EvidenceRow::as_select())
        .first(conn)
        .optional()
}
