//! A staff member changes their own password: the current one must be right, the new one strong
//! enough, different and typed twice alike. Stored with its audit row; every other session of the
//! account ends (the epoch moves on).

use super::Problems;
use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, DbConnection, users};
use crate::domain::event::AuditAction;
use crate::domain::ids::UserId;
use crate::domain::password::{self, Hasher};
use crate::error::AppError;

pub struct ChangePassword {
    pub current: String,
    pub new: String,
    pub confirm: String,
}

/// Checks the change against the stored hash and the account's own email and name, and hashes
/// the new password. CPU-heavy (argon2 twice): run it off the async threads, with no database
/// connection held.
pub fn check(
    hasher: &Hasher,
    stored_hash: &str,
    cmd: &ChangePassword,
    user_inputs: &[&str],
) -> anyhow::Result<Result<String, Problems>> {
    let mut problems = Problems::new();
    if !hasher.verify(&cmd.current, Some(stored_hash)) {
        problems.push(("current", "password.current_wrong"));
    }
    match password::check_strength(&cmd.new, user_inputs) {
        Err(weakness) => problems.push(("new", weakness.message_key())),
        Ok(()) if cmd.new == cmd.current => problems.push(("new", "password.same")),
        Ok(()) => {}
    }
    if cmd.new != cmd.confirm {
        problems.push(("confirm", "password.mismatch"));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(hasher.hash(&cmd.new)?))
}

/// Stores the checked password's hash; returns the account's new session epoch.
pub fn store(
    conn: &mut DbConnection,
    key: &ChainKey,
    user: UserId,
    hash: &str,
) -> Result<i64, AppError> {
    db::write_tx(conn, |c| {
        let epoch = users::set_password(c, user, hash, false)?;
        audit::append(
            c,
            key,
            &Event::outside_cases(Actor::Staff(user), AuditAction::PasswordChanged, None),
        )?;
        Ok(epoch)
    })
}
