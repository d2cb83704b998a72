//! Signing in, throttled per typed account name and per client address. Every attempt counts as
//! a failure before the password is checked, in one serialised transaction, so parallel guesses
//! cannot overwrite each other's count and slip past the lock; a success then takes its count
//! back (the account's is cleared, the address's loses the one it was charged), so only failures
//! count and twenty colleagues behind one office address never lock the twenty-first out.
//!
//! A browser that signed in to an account before carries a device cookie for it (OWASP's device
//! cookies, `Keys::device_cookie`): its attempts count against that device, not the account, so
//! someone guessing the account's password from elsewhere locks the account for every other
//! browser but not for its owner's. Guessing with a device cookie locks that device.
//!
//! The password itself is checked by the caller, off the async threads
//! (`domain::password::Hasher`), between [`begin`] and [`succeeded`]. An account with a second
//! factor is not signed in by its password: its advance count stays until the code is given
//! (`app::sign_in_code`), so a stolen password does not clear the account's failures.

use crate::db::users::UserRow;
use crate::db::{self, DbConnection, throttle, users};
use crate::domain::login_policy::{self, Scope};
use crate::domain::password::Hasher;
use crate::error::AppError;

/// Who is trying: the account name as typed (cleaned, lower case) and the client's address.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub email: String,
    pub client: String,
    /// The id of this browser's device cookie, already checked to be ours and for this email.
    pub device: Option<String>,
}

impl Attempt {
    /// The first key is the account's, or this device's when it proved one.
    pub(crate) fn keys(&self) -> [String; 2] {
        let first = match &self.device {
            Some(id) => format!("device:{id}"),
            None => format!("account:{}", self.email),
        };
        [first, format!("client:{}", self.client)]
    }
}

pub enum Begun {
    /// The account name or the client is locked: no password is checked.
    Locked,
    /// The attempt is counted; `failures`: the most either key has now (for the pause).
    Counted {
        failures: i32,
        user: Option<Box<UserRow>>,
    },
}

pub fn begin(
    conn: &mut DbConnection,
    a: &Attempt,
    now: chrono::NaiveDateTime,
) -> Result<Begun, AppError> {
    db::write_tx(conn, |c| {
        if locked(c, a, now)? {
            return Ok(Begun::Locked);
        }
        let failures = charge(c, a, now)?;
        let user = users::find_by_email(c, &a.email)?.map(Box::new);
        Ok(Begun::Counted { failures, user })
    })
}

/// The password was right: the account's (or device's) count starts again, and the address
/// gets back the failure it was charged in advance.
pub fn succeeded(conn: &mut DbConnection, a: &Attempt) -> Result<(), AppError> {
    db::write_tx(conn, |c| take_back(c, a))
}

/// Counts one failure against the attempt's keys, inside the caller's transaction; returns the
/// most either key has now.
pub(crate) fn charge(
    c: &mut DbConnection,
    a: &Attempt,
    now: chrono::NaiveDateTime,
) -> Result<i32, AppError> {
    let mut failures = 0;
    for (key, scope) in a.keys().iter().zip([Scope::Account, Scope::Client]) {
        let next = login_policy::after_failure(throttle::get(c, key)?, scope, now);
        throttle::put(c, key, &next)?;
        failures = failures.max(next.failures);
    }
    Ok(failures)
}

/// Whether either of the attempt's keys is locked now.
pub(crate) fn locked(
    c: &mut DbConnection,
    a: &Attempt,
    now: chrono::NaiveDateTime,
) -> Result<bool, AppError> {
    for key in a.keys() {
        if login_policy::check(throttle::get(c, &key)?, now).is_err() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// [`succeeded`] inside the caller's transaction.
pub(crate) fn take_back(c: &mut DbConnection, a: &Attempt) -> Result<(), AppError> {
    let [first, client] = a.keys();
    throttle::clear(c, &first)?;
    if let Some(r) = throttle::get(c, &client)? {
        throttle::put(c, &client, &login_policy::after_success(r))?;
    }
    Ok(())
}

/// The account, when `typed` is its password and it is active. An unknown or disabled account is
/// checked against the dummy hash: the same work, the same answer. Slow on purpose (argon2): call
/// it off the async threads.
pub fn check_password(
    hasher: &Hasher,
    user: Option<Box<UserRow>>,
    typed: &str,
) -> Option<Box<UserRow>> {
    let stored = user
        .as_ref()
        .filter(|u| u.active)
        .map(|u| u.password_hash.as_str());
    let ok = hasher.verify(typed, stored);
    user.filter(|_| ok)
}
