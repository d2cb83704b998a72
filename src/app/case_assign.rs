//! Assigning a case to a handler of its agency (or clearing the assignment); the new handler is
//! told by email.

use super::case_access::{changes_since, visible};
use super::{Outcome, StaffUser};
use crate::crypto::ChainKey;
use crate::db::{self, DbConnection, audit, outbox, reports, users};
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::UserId;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::Role;
use crate::error::AppError;

pub struct Assign {
    /// None: nobody.
    pub handler: Option<UserId>,
    /// The case version the form was shown at.
    pub version: i64,
    /// The last audit entry the form's page showed.
    pub seen: i64,
}

pub fn assign(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &Assign,
) -> Result<Outcome<()>, AppError> {
    let r = visible(conn, who, number)?;
    if who.role == Role::Admin {
        return Err(AppError::Forbidden);
    }
    let name = match cmd.handler {
        Some(h) => Some(
            users::handlers(conn, r.agency_id)?
                .into_iter()
                .find(|(id, _)| *id == h)
                .map(|(_, name)| name)
                .ok_or(AppError::BadRequest)?,
        ),
        None => None,
    };
    let done = db::write_tx(conn, |c| {
        if !reports::assign(c, r.id, cmd.version, cmd.handler)? {
            return Ok::<_, AppError>(false);
        }
        let what = name.unwrap_or_else(|| "-".into());
        audit::append(
            c,
            key,
            &who.event(r.id, AuditAction::Assigned, Some(&what), false),
        )?;
        if let Some(h) = cmd.handler {
            let lang = users::lang(c, h)?;
            let to = outbox::Recipient::User { id: h, lang: &lang };
            outbox::enqueue(c, MailKind::Assigned, Some(r.id), &to)?;
        }
        Ok(true)
    })?;
    if done {
        Ok(Outcome::Done(()))
    } else {
        Ok(Outcome::Conflict(changes_since(conn, &r, cmd.seen)?))
    }
}
