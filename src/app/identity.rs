//! Opening the reporter's identity: only inspectorate and national staff, only with a reason;
//! every opening is an audit row and a grant good for exactly one view (`db::identity_grants`).

use super::case_access::visible;
use super::{Outcome, StaffUser};
use crate::crypto::ChainKey;
use crate::crypto::random_token;
use crate::db::{self, DbConnection, audit, identity_grants};
use crate::domain::event::AuditAction;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::Role;
use crate::error::AppError;

pub struct Reveal {
    /// Why the identity is needed (cleaned, trimmed); kept in the audit row.
    pub reason: String,
}

/// Records the audited request and its single-use grant; returns the grant's token, which the
/// caller keeps for the one view (`case_read::read` uses it up).
pub fn reveal(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &Reveal,
) -> Result<Outcome<String>, AppError> {
    let r = visible(conn, who, number)?;
    if !matches!(who.role, Role::Inspector | Role::National) {
        return Err(AppError::Forbidden);
    }
    if cmd.reason.is_empty() {
        return Ok(Outcome::Invalid("case.staff.reason_required"));
    }
    db::write_tx(conn, |c| {
        let ev = who.event(r.id, AuditAction::IdentityViewed, Some(&cmd.reason), false);
        audit::append(c, key, &ev)?;
        let token = random_token(16);
        identity_grants::insert(c, &token, r.id, who.id)?;
        Ok(Outcome::Done(token))
    })
}
