//! Case documents (issue 11): staff upload the referral letter, summons letters, the BAP, the SK
//! and other papers to a case, and download them; both audited, never shown to the reporter.
//! [`store`] is also what the steps that carry a document (the decree, a hearing's BAP) call
//! inside their own transaction.

use super::case_access::{changes_since, visible};
use super::{Outcome, StaffUser};
use crate::crypto::ChainKey;
use crate::db::case_documents::{self, DocumentRow, NewDocumentRow};
use crate::db::{self, DbConnection, audit};
use crate::domain::document::{DocumentKind, TITLE_MAX};
use crate::domain::event::AuditAction;
use crate::domain::evidence::CleanFile;
use crate::domain::ids::ReportId;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::{self, Role};
use crate::error::AppError;

/// An upload as the form sent it, the file already recognised and cleaned.
pub struct NewDocument {
    /// None: no kind (or an unknown one) was chosen.
    pub kind: Option<DocumentKind>,
    pub title: String,
    /// None: no file came (a refused one is the adapter's message).
    pub file: Option<CleanFile>,
    /// The last audit entry the form's page showed.
    pub seen: i64,
}

/// What is wrong with the document's own fields, every problem at once.
pub fn problems(kind: Option<DocumentKind>, title: &str, file: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    if kind.is_none() {
        out.push("case.doc.kind_required");
    }
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        out.push("case.doc.title_required");
    }
    if !file {
        out.push("case.doc.file_required");
    }
    out
}

pub fn add(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    doc: &NewDocument,
) -> Result<Outcome<(), Vec<&'static str>>, AppError> {
    let r = visible(conn, who, number)?;
    if who.role == Role::Admin {
        return Err(AppError::Forbidden);
    }
    if workflow::is_closed(r.state) {
        return Ok(Outcome::Conflict(changes_since(conn, &r, doc.seen)?));
    }
    let problems = problems(doc.kind, &doc.title, doc.file.is_some());
    let (Some(kind), Some(file), true) = (doc.kind, &doc.file, problems.is_empty()) else {
        return Ok(Outcome::Invalid(problems));
    };
    db::write_tx(conn, |c| {
        store(c, key, who, r.id, kind, &doc.title, file).map(|_| ())
    })?;
    Ok(Outcome::Done(()))
}

/// Stores a document with its audit row, inside the caller's transaction; its id.
pub fn store(
    c: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    report_id: ReportId,
    kind: DocumentKind,
    title: &str,
    file: &CleanFile,
) -> Result<i64, AppError> {
    // A neutral name from the content: an uploaded file's own name can carry a person's name.
    let filename = format!(
        "{}-{}.{}",
        kind.as_str(),
        file.sha256.get(..12).unwrap_or_default(),
        file.kind.extension()
    );
    let id = case_documents::insert(
        c,
        &NewDocumentRow {
            report_id,
            kind: kind.as_str(),
            title,
            filename: &filename,
            content_type: file.kind.mime(),
            size_bytes: i64::try_from(file.bytes.len()).unwrap_or(i64::MAX),
            sha256: &file.sha256,
            uploaded_by: who.id,
            created_at: db::now(),
        },
        &file.bytes,
    )?;
    let why = format!(
        "{}: {title} ({filename}, sha256 {})",
        kind.as_str(),
        file.sha256
    );
    audit::append(
        c,
        key,
        &who.event(report_id, AuditAction::DocumentAdded, Some(&why), false),
    )?;
    Ok(id)
}

/// The document and its bytes, with the download audited; 404 for another case's.
pub fn download(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    id: i64,
) -> Result<(DocumentRow, Vec<u8>), AppError> {
    let r = visible(conn, who, number)?;
    let d = case_documents::find(conn, id)?
        .filter(|d| d.report_id == r.id)
        .ok_or(AppError::NotFound)?;
    db::write_tx(conn, |c| {
        let why = format!("{} ({})", d.title, d.filename);
        let ev = who.event(r.id, AuditAction::DocumentDownloaded, Some(&why), false);
        audit::append(c, key, &ev)?;
        let bytes = case_documents::bytes(c, d.id)?.ok_or(AppError::NotFound)?;
        Ok((d, bytes))
    })
}
