//! The second sign-in factor as an admin keeps it: resetting a staff member's factor (a lost
//! phone; audited, every session of the account ends, its owner is told by email) and the roles
//! that require it besides admins and national staff, who always need it.

use super::Outcome;
use super::second_factor::{mail, record};
use crate::crypto::Keys;
use crate::db::audit::{Actor, Event};
use crate::db::second_factor as factors;
use crate::db::{self, DbConnection, users};
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::UserId;
use crate::domain::totp;
use crate::domain::workflow::Role;
use crate::error::AppError;

/// Removes the factor of the account with `email` (an admin's page or the command line), ends
/// every session of that account, and tells its owner. Its next sign-in asks to set the factor
/// up again where the role requires it. `NotFound` for no such account.
pub fn reset(
    conn: &mut DbConnection,
    keys: &Keys,
    by: Actor,
    email: &str,
) -> Result<Outcome<()>, AppError> {
    let email = email.trim().to_lowercase();
    db::write_tx(conn, |c| {
        let user = users::find_by_email(c, &email)?.ok_or(AppError::NotFound)?;
        if !factors::delete(c, user.id)? {
            return Ok(Outcome::Invalid("admin.users.factor_none"));
        }
        users::bump_epoch(c, user.id)?;
        let ev = Event::outside_cases(by, AuditAction::SecondFactorReset, Some(&email));
        record(c, keys, &ev)?;
        mail(c, user.id, MailKind::SecondFactorOff)?;
        Ok(Outcome::Done(()))
    })
}

/// Requires the factor of each switchable role in `on` and stops requiring it of the others,
/// with an audit row per change. It applies from each account's next sign-in.
pub fn set_required_roles(
    conn: &mut DbConnection,
    keys: &Keys,
    admin: UserId,
    on: &[Role],
) -> Result<(), AppError> {
    db::write_tx(conn, |c| {
        for role in totp::SWITCHABLE_ROLES {
            let wanted = on.contains(&role);
            if factors::set_role_required(c, role, wanted)? {
                let why = format!("{}: {}", role.as_str(), if wanted { "on" } else { "off" });
                let ev = Event::outside_cases(
                    Actor::Staff(admin),
                    AuditAction::SecondFactorRoleChanged,
                    Some(&why),
                );
                record(c, keys, &ev)?;
            }
        }
        Ok(())
    })
}
