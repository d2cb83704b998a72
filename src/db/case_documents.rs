//! Documents staff upload to a case (migration 000021): metadata rows and, separately, their
//! bytes, as evidence is stored. The reporter never sees them.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{case_document_blobs, case_documents};
use crate::domain::ids::{ReportId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = case_documents)]
pub struct DocumentRow {
    pub id: i64,
    pub report_id: ReportId,
    pub kind: String,
    pub title: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: UserId,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = case_documents)]
pub struct NewDocumentRow<'a> {
    pub report_id: ReportId,
    pub kind: &'a str,
    pub title: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: UserId,
    pub created_at: chrono::NaiveDateTime,
}

/// Inserts the row and the bytes; the document's id.
pub fn insert(conn: &mut DbConnection, row: &NewDocumentRow<'_>, bytes: &[u8]) -> QueryResult<i64> {
    let id: i64 = diesel::insert_into(case_documents::table)
        .values(row)
        .returning(case_documents::id)
        .get_result(conn)?;
    diesel::insert_into(case_document_blobs::table)
        .values((
            case_document_blobs::document_id.eq(id),
            case_document_blobs::data.eq(bytes),
        ))
        .execute(conn)?;
    Ok(id)
}

/// A case's documents, oldest first (never their bytes).
pub fn for_report(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<DocumentRow>> {
    case_documents::table
        .filter(case_documents::report_id.eq(report_id))
        .order(case_documents::id.asc())
        .select(DocumentRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<DocumentRow>> {
    case_documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()
}

pub fn bytes(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Vec<u8>>> {
    case_document_blobs::table
        .find(id)
        .select(case_document_blobs::data)
        .first(conn)
        .optional()
}
