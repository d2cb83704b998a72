//! The sign-in's second step: "password accepted, code pending". For an account with a second
//! factor a right password signs nobody in: it opens a pending sign-in (`sign_in_challenges`)
//! that lasts five minutes and five wrong codes, and the session holds only its token. The
//! password's advance count in the sign-in throttle (`app::sign_in`) stays until the right code
//! is given, so a stolen password can neither sign in nor clear the account's failures; five
//! wrong codes end the pending sign-in and count as one more failed sign-in.
//!
//! An account without the factor is signed in by its password as before; when its role requires
//! the factor, the session reaches only the set-up page until it is on.

use super::second_factor::{self, Spent};
use super::sign_in::{self, Attempt};
use crate::crypto::{Keys, random_token};
use crate::db::sign_in_challenges::{self as challenges, NewChallenge};
use crate::db::users::UserRow;
use crate::db::{self, DbConnection, second_factor as factors, users};
use crate::domain::totp::Answer;
use crate::error::AppError;

/// What a right password leads to.
#[derive(Debug)]
pub enum AfterPassword {
    /// Signed in (the throttle took its count back). `factor_due`: the role requires a factor the
    /// account has not set up, so the session reaches only the set-up page.
    SignedIn { factor_due: bool },
    /// A code is awaited; the session keeps this token and nothing else.
    CodePending { token: String },
}

/// Call when `user`'s password was right for attempt `a`.
pub fn after_password(
    conn: &mut DbConnection,
    a: &Attempt,
    user: &UserRow,
) -> Result<AfterPassword, AppError> {
    db::write_tx(conn, |c| {
        if factors::find(c, user.id)?.is_none() {
            sign_in::take_back(c, a)?;
            let factor_due = second_factor::required(c, user.role)?;
            return Ok(AfterPassword::SignedIn { factor_due });
        }
        let token = random_token(32);
        challenges::insert(
            c,
            &NewChallenge {
                token: &token,
                user_id: user.id,
                session_epoch: user.session_epoch,
                email: &a.email,
                client: &a.client,
                device: a.device.as_deref(),
            },
        )?;
        Ok(AfterPassword::CodePending { token })
    })
}

/// What a code given to a pending sign-in came to.
#[derive(Debug)]
pub enum Answered {
    /// No such pending sign-in: expired, ended, or the account changed since (disabled, its
    /// factor reset, its password changed): sign in again.
    Gone,
    /// The account name (or device) or the address is locked: the pending sign-in ended.
    Locked,
    /// A wrong (or spent, or replayed) code; `failures` so far, for the pause.
    Wrong {
        failures: i32,
    },
    /// The last wrong code allowed: the pending sign-in ended and counted as a failed sign-in.
    Ended,
    Accepted(Box<Accepted>),
}

/// A sign-in completed by its code.
#[derive(Debug)]
pub struct Accepted {
    pub user: UserRow,
    /// The attempt as the password step saw it (for the device cookie).
    pub attempt: Attempt,
    pub spent: Spent,
}

/// Answers the pending sign-in `token` with `answer`, in one transaction.
pub fn answer(
    conn: &mut DbConnection,
    keys: &Keys,
    token: &str,
    answer: &Answer,
    now: chrono::NaiveDateTime,
) -> Result<Answered, AppError> {
    db::write_tx(conn, |c| {
        let Some(ch) = challenges::find_fresh(c, token, now)? else {
            return Ok(Answered::Gone);
        };
        let attempt = Attempt {
            email: ch.email.clone(),
            client: ch.client.clone(),
            device: ch.device.clone(),
        };
        if sign_in::locked(c, &attempt, now)? {
            challenges::delete(c, token)?;
            return Ok(Answered::Locked);
        }
        let user =
            users::find(c, ch.user_id)?.filter(|u| u.active && u.session_epoch == ch.session_epoch);
        let factor = factors::find(c, ch.user_id)?;
        let (Some(user), Some(factor)) = (user, factor) else {
            challenges::delete(c, token)?;
            return Ok(Answered::Gone);
        };
        if let Some(spent) = second_factor::spend(c, keys, &factor, answer, now)? {
            challenges::delete(c, token)?;
            sign_in::take_back(c, &attempt)?;
            return Ok(Answered::Accepted(Box::new(Accepted {
                user,
                attempt,
                spent,
            })));
        }
        let failures = challenges::add_failure(c, token)?;
        if failures < challenges::MAX_FAILURES {
            return Ok(Answered::Wrong { failures });
        }
        challenges::delete(c, token)?;
        sign_in::charge(c, &attempt, now)?;
        Ok(Answered::Ended)
    })
}

/// Whether `token` names a pending sign-in that is still waiting (the code page's GET).
pub fn pending(
    conn: &mut DbConnection,
    token: &str,
    now: chrono::NaiveDateTime,
) -> Result<bool, AppError> {
    Ok(challenges::find_fresh(conn, token, now)?.is_some())
}
