//! The case file leaving the system as a PDF (issue 11, "A printable case file"): recorded in the
//! audit log like a document download, before the bytes are sent. The file itself is made by the
//! web layer from the case page's data (`web::staff::case_file_pdf`).

use super::StaffUser;
use crate::crypto::ChainKey;
use crate::db::audit;
use crate::db::{self, DbConnection};
use crate::domain::event::AuditAction;
use crate::domain::ids::ReportId;
use crate::error::AppError;

pub fn record(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    report_id: ReportId,
) -> Result<(), AppError> {
    db::write_tx(conn, |c| {
        let ev = who.event(report_id, AuditAction::CaseFileExported, Some("PDF"), false);
        audit::append(c, key, &ev)?;
        Ok(())
    })
}
