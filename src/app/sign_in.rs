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
//! (`domain::password::Hasher`), between [`begin`] and [`succeeded`].

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
    fn keys(&self) -> [String; 2] {
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
    let keys = a.keys();
    db::write_tx(conn, |c| {
        let records = [throttle::get(c, &keys[0])?, throttle::get(c, &keys[1])?];
        if records
            .iter()
            .any(|r| login_policy::check(*r, now).is_err())
        {
            return Ok(Begun::Locked);
        }
        let mut failures = 0;
        for (key, (record, scope)) in keys
            .iter()
            .zip(records.into_iter().zip([Scope::Account, Scope::Client]))
        {
            let next = login_policy::after_failure(record, scope, now);
            throttle::put(c, key, &next)?;
            failures = failures.max(next.failures);
        }
        let user = users::find_by_email(c, &a.email)?.map(Box::new);
        Ok(Begun::Counted { failures, user })
    })
}

/// The password was right: the account's (or device's) count starts again, and the address
/// gets back the failure it was charged in advance.
pub fn succeeded(conn: &mut DbConnection, a: &Attempt) -> Result<(), AppError> {
    let [first, client] = a.keys();
    db::write_tx(conn, |c| {
        throttle::clear(c, &first)?;
        if let Some(r) = throttle::get(c, &client)? {
            throttle::put(c, &client, &login_policy::after_success(r))?;
        }
        Ok(())
    })
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
