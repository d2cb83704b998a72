//! Opening the reporter's identity: only inspectorate and national staff, only with a reason,
//! and every opening is an audit row.

use super::case_access::visible;
use super::{Outcome, StaffUser};
use crate::db::{self, DbConnection, audit};
use crate::domain::event::AuditAction;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::Role;
use crate::error::AppError;

pub struct Reveal {
    /// Why the identity is needed (cleaned, trimmed); kept in the audit row.
    pub reason: String,
}

/// Records the audited request; the caller then shows the identity for exactly one view.
pub fn reveal(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &Reveal,
) -> Result<Outcome<()>, AppError> {
    let r = visible(conn, who, number)?;
    if !matches!(who.role, Role::Inspector | Role::National) {
        return Err(AppError::Forbidden);
    }
    if cmd.reason.is_empty() {
        return Ok(Outcome::Invalid("case.staff.reason_required"));
    }
    db::write_tx(conn, |c| {
        let ev = who.event(r.id, AuditAction::IdentityViewed, Some(&cmd.reason), false);
        audit::append(c, &ev)?;
        Ok(Outcome::Done(()))
    })
}
