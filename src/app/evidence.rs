//! Taking a piece of evidence out of Netra: as a download, or as an image preview on the case
//! page. Both are audited: a photo can show who took it.

use super::StaffUser;
use super::case_access::visible;
use crate::crypto::ChainKey;
use crate::crypto::Keys;
use crate::db::evidence::{self, EvidenceRow};
use crate::db::reports::ReportRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::event::AuditAction;
use crate::domain::evidence::EvidenceKind;
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;

/// The evidence row and its bytes, with the download audited.
pub fn download(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    id: i64,
) -> Result<(EvidenceRow, Vec<u8>), AppError> {
    let (r, e) = of_case(conn, who, number, id)?;
    db::write_tx(conn, |c| {
        let ev = who.event(
            r.id,
            AuditAction::EvidenceDownloaded,
            Some(&e.filename),
            false,
        );
        audit::append(c, key, &ev)?;
        let bytes = evidence::bytes(c, e.id)?.ok_or(AppError::NotFound)?;
        Ok((e, bytes))
    })
}

/// How long a preview link from the case page stays good.
pub const PREVIEW_LINK_SECONDS: i64 = 15 * 60;

/// The token of a preview link the case page shows this staff member.
pub fn preview_token(keys: &Keys, who: &StaffUser, evidence_id: i64) -> String {
    let expires = chrono::Utc::now().timestamp() + PREVIEW_LINK_SECONDS;
    keys.preview_token(evidence_id, who.id.get(), expires)
}

/// An image's kind and bytes for the preview, when the stored bytes still sniff as JPEG, PNG or
/// WebP (anything else is download-only: not found here), with the preview audited. The link
/// must carry this staff member's fresh token from the case page (404 without): a GET that
/// writes an audit row may not be triggerable from another site.
pub fn preview(
    conn: &mut DbConnection,
    keys: &Keys,
    who: &StaffUser,
    number: &CaseNumber,
    id: i64,
    token: &str,
) -> Result<(EvidenceKind, Vec<u8>), AppError> {
    let now = chrono::Utc::now().timestamp();
    if !keys.preview_token_valid(token, id, who.id.get(), now) {
        return Err(AppError::NotFound);
    }
    let (r, e) = of_case(conn, who, number, id)?;
    let bytes = evidence::bytes(conn, e.id)?.ok_or(AppError::NotFound)?;
    let kind = EvidenceKind::sniff(&bytes)
        .filter(|k| k.is_image())
        .ok_or(AppError::NotFound)?;
    db::write_tx(conn, |c| {
        let ev = who.event(
            r.id,
            AuditAction::EvidencePreviewed,
            Some(&e.filename),
            false,
        );
        audit::append(c, keys.audit(), &ev)
    })?;
    Ok((kind, bytes))
}

/// The evidence `id` of a case this staff member may see; 404 for one of another case.
fn of_case(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
    id: i64,
) -> Result<(ReportRow, EvidenceRow), AppError> {
    let r = visible(conn, who, number)?;
    let e = evidence::find(conn, id)?
        .filter(|e| e.report_id == r.id)
        .ok_or(AppError::NotFound)?;
    Ok((r, e))
}
