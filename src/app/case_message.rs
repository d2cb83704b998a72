//! A message to the reporter (shown on their status page, with a content-free email) or an
//! internal note only staff read.

use super::case_access::visible;
use super::{Outcome, StaffUser, notify_reporter};
use crate::crypto::ChainKey;
use crate::db::reports::ReportRow;
use crate::db::{self, DbConnection, audit, messages};
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::Role;
use crate::error::AppError;

/// The longest message or note, in characters.
pub const MAX_CHARS: usize = 5000;

pub struct PostMessage {
    /// Cleaned of control characters (`web::forms::clean_text`) and trimmed.
    pub body: String,
    /// A note for staff only, not a message to the reporter.
    pub internal: bool,
}

/// Whether `cmd` may be posted, without writing it: a message to the reporter is shown to staff
/// as the reporter will see it before it is sent (issue 12), and only a postable one is shown.
pub fn check(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &PostMessage,
) -> Result<Outcome<()>, AppError> {
    Ok(checked(conn, who, number, cmd)?.map(|_| ()))
}

fn checked(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &PostMessage,
) -> Result<Outcome<ReportRow>, AppError> {
    let r = visible(conn, who, number)?;
    if who.role == Role::Admin {
        // Admins keep accounts and reference data; talking to reporters is case work.
        return Err(AppError::Forbidden);
    }
    if cmd.body.is_empty() || cmd.body.chars().count() > MAX_CHARS {
        return Ok(Outcome::Invalid("case.staff.message_invalid"));
    }
    // A case staff opened from a referral or finding has nobody to read a message.
    if !cmd.internal && r.channel != crate::domain::intake::Channel::Web.as_str() {
        return Ok(Outcome::Invalid("case.staff.no_reporter_to_write"));
    }
    Ok(Outcome::Done(r))
}

pub fn post(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &PostMessage,
) -> Result<Outcome<()>, AppError> {
    let r = match checked(conn, who, number, cmd)? {
        Outcome::Done(r) => r,
        Outcome::Invalid(k) => return Ok(Outcome::Invalid(k)),
        Outcome::Conflict(c) => return Ok(Outcome::Conflict(c)),
    };
    let (direction, action) = if cmd.internal {
        (messages::INTERNAL, AuditAction::NoteAdded)
    } else {
        (messages::TO_REPORTER, AuditAction::MessageToReporter)
    };
    db::write_tx(conn, |c| {
        let m = messages::NewMessageRow {
            report_id: r.id,
            direction,
            author_user_id: Some(who.id),
            body: &cmd.body,
            client_token: None,
            created_at: db::now(),
        };
        messages::insert(c, &m)?;
        audit::append(c, key, &who.event(r.id, action, None, !cmd.internal))?;
        if !cmd.internal {
            notify_reporter(c, r.id, MailKind::MessageToReporter)?;
        }
        Ok(Outcome::Done(()))
    })
}
