//! A staff member's own second sign-in factor as units of work: switching it on (a new secret
//! confirmed by one valid code), a new set of recovery codes, switching it off where the role
//! allows. Each is one transaction with its audit row and, where the staff member must hear of
//! it, the outbox row of their email. Switching the factor on or off ends the account's other
//! sessions (the epoch moves on). An admin's reset and the roles that require the factor are
//! `second_factor_admin`.
//!
//! Checking an answer ([`spend`]) uses it up in the same statement that accepts it: a code's step
//! (no code of that step or an earlier one is taken again) or a recovery code (spent once).

use super::{Outcome, StaffUser};
use crate::crypto::{Keys, TOTP_LABEL, random_bytes, random_token};
use crate::db::audit::{self, Actor, Event};
use crate::db::outbox::{self, Recipient};
use crate::db::second_factor::{self as factors, FactorRow};
use crate::db::{self, DbConnection, throttle, users};
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::UserId;
use crate::domain::login_policy::{self, Scope};
use crate::domain::totp::{self, Answer, Secret};
use crate::domain::workflow::Role;
use crate::error::AppError;

/// A new set of recovery codes: the codes as shown (once), and the nonce of that one showing.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
    pub view: String,
}

/// The factor is on: the session's new epoch, and the recovery codes to show.
pub struct Enrolled {
    pub epoch: i64,
    pub codes: RecoveryCodes,
}

/// The account's factor as its page shows it.
pub struct State {
    /// Since when it is on.
    pub on: Option<chrono::NaiveDateTime>,
    pub codes_left: i64,
    /// The role requires it (so it cannot be switched off).
    pub required: bool,
}

/// How a right answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    Code,
    Recovery,
}

/// Whether an account of `role` must have the factor now.
pub fn required(c: &mut DbConnection, role: Role) -> Result<bool, AppError> {
    if totp::always_required(role) {
        return Ok(true);
    }
    Ok(totp::required(
        role,
        factors::required_roles(c)?.contains(&role),
    ))
}

pub fn state(c: &mut DbConnection, who: &StaffUser) -> Result<State, AppError> {
    let row = factors::find(c, who.id)?;
    Ok(State {
        codes_left: match row {
            Some(_) => factors::codes_left(c, who.id)?,
            None => 0,
        },
        on: row.map(|r| r.enabled_at),
        required: required(c, who.role)?,
    })
}

/// Checks `answer` against the account's factor and uses it up, inside the caller's transaction.
/// None: wrong, spent already, or a code of a step already used (a replay).
pub(crate) fn spend(
    c: &mut DbConnection,
    keys: &Keys,
    factor: &FactorRow,
    answer: &Answer,
    now: chrono::NaiveDateTime,
) -> Result<Option<Spent>, AppError> {
    let user = factor.user_id;
    match answer {
        Answer::Code(code) => {
            let secret = open(keys, &factor.secret)?;
            let now_step = totp::step_at(now.and_utc().timestamp());
            let Some(step) = secret
                .step_of(code, now_step)
                .and_then(|s| i64::try_from(s).ok())
            else {
                return Ok(None);
            };
            Ok(factors::take_step(c, user, step)?.then_some(Spent::Code))
        }
        Answer::Recovery(code) => {
            let hash = keys.recovery_code_hash(user.get(), code);
            if !factors::spend_code(c, user, &hash)? {
                return Ok(None);
            }
            let ev = Event::outside_cases(Actor::Staff(user), AuditAction::RecoveryCodeUsed, None);
            audit::append(c, keys.audit(), &ev)?;
            Ok(Some(Spent::Recovery))
        }
    }
}

fn open(keys: &Keys, sealed: &[u8]) -> Result<Secret, AppError> {
    keys.open(TOTP_LABEL, sealed)
        .ok()
        .and_then(Secret::from_bytes)
        .ok_or_else(|| {
            AppError::Unexpected(anyhow::anyhow!(
                "a stored TOTP secret does not open under the secret key"
            ))
        })
}

/// A fresh set: the codes as shown and their stored hashes.
fn new_codes(keys: &Keys, user: UserId) -> (RecoveryCodes, Vec<String>) {
    let mut shown = Vec::with_capacity(totp::RECOVERY_CODES);
    let mut hashes = Vec::with_capacity(totp::RECOVERY_CODES);
    while shown.len() < totp::RECOVERY_CODES {
        let mut random = [0u8; totp::RECOVERY_CODE_LEN];
        random.copy_from_slice(&random_bytes(totp::RECOVERY_CODE_LEN));
        let code = totp::recovery_code(&random);
        let hash = keys.recovery_code_hash(user.get(), &code);
        // Two equal codes in one set (one chance in 10^14) would be one code: draw again.
        if !hashes.contains(&hash) {
            shown.push(totp::recovery_display(&code));
            hashes.push(hash);
        }
    }
    let codes = RecoveryCodes {
        codes: shown,
        view: random_token(16),
    };
    (codes, hashes)
}

/// Queues the staff member's email about their factor.
pub(super) fn mail(c: &mut DbConnection, user: UserId, kind: MailKind) -> Result<(), AppError> {
    let lang = users::lang(c, user)?;
    outbox::enqueue(
        c,
        kind,
        None,
        &Recipient::User {
            id: user,
            lang: &lang,
        },
    )?;
    Ok(())
}

pub(super) fn record(c: &mut DbConnection, keys: &Keys, ev: &Event<'_>) -> Result<(), AppError> {
    audit::append(c, keys.audit(), ev)?;
    Ok(())
}

/// Switches the factor on with `secret` (the one the set-up page showed), if `code` is its code
/// now: the code's step is used up, ten recovery codes are made, the account's other sessions
/// end, and the staff member is told by email.
pub fn enrol(
    conn: &mut DbConnection,
    keys: &Keys,
    who: &StaffUser,
    secret: &Secret,
    code: &str,
    now: chrono::NaiveDateTime,
) -> Result<Outcome<Enrolled>, AppError> {
    let now_step = totp::step_at(now.and_utc().timestamp());
    let Some(step) = secret
        .step_of(code, now_step)
        .and_then(|s| i64::try_from(s).ok())
    else {
        return Ok(Outcome::Invalid("factor.code_wrong"));
    };
    db::write_tx(conn, |c| {
        if factors::find(c, who.id)?.is_some() {
            return Ok(Outcome::Invalid("factor.already_on"));
        }
        let (codes, hashes) = new_codes(keys, who.id);
        factors::insert(
            c,
            who.id,
            &keys.seal(TOTP_LABEL, secret.bytes()),
            step,
            &codes.view,
        )?;
        factors::replace_codes(c, who.id, &hashes)?;
        let epoch = users::next_epoch(c, who.id)?;
        let ev = Event::outside_cases(
            Actor::Staff(who.id),
            AuditAction::SecondFactorEnrolled,
            None,
        );
        record(c, keys, &ev)?;
        mail(c, who.id, MailKind::SecondFactorOn)?;
        Ok(Outcome::Done(Enrolled { epoch, codes }))
    })
}

/// The key under which wrong codes on the account's own factor forms are counted: like wrong
/// sign-ins, five lock the forms for 15 minutes, so a session left open is no code oracle.
fn guard_key(user: UserId) -> String {
    format!("factor:{user}")
}

/// Checks a code given on one of the account's own factor forms; `Err(TooMany)` while locked.
fn confirm(
    c: &mut DbConnection,
    keys: &Keys,
    user: UserId,
    answer: &Answer,
    now: chrono::NaiveDateTime,
) -> Result<Option<FactorRow>, AppError> {
    let key = guard_key(user);
    let record = throttle::get(c, &key)?;
    if login_policy::check(record, now).is_err() {
        return Err(AppError::TooMany);
    }
    let Some(factor) = factors::find(c, user)? else {
        return Ok(None);
    };
    if spend(c, keys, &factor, answer, now)?.is_some() {
        throttle::clear(c, &key)?;
        Ok(Some(factor))
    } else {
        throttle::put(
            c,
            &key,
            &login_policy::after_failure(record, Scope::Account, now),
        )?;
        Ok(None)
    }
}

/// A new set of recovery codes for a current code (or an unused recovery code); the old set
/// is void.
pub fn renew_codes(
    conn: &mut DbConnection,
    keys: &Keys,
    who: &StaffUser,
    answer: &Answer,
    now: chrono::NaiveDateTime,
) -> Result<Outcome<RecoveryCodes>, AppError> {
    db::write_tx(conn, |c| {
        if confirm(c, keys, who.id, answer, now)?.is_none() {
            return Ok(Outcome::Invalid("factor.code_wrong"));
        }
        let (codes, hashes) = new_codes(keys, who.id);
        factors::replace_codes(c, who.id, &hashes)?;
        factors::set_codes_view(c, who.id, &codes.view)?;
        let ev = Event::outside_cases(
            Actor::Staff(who.id),
            AuditAction::RecoveryCodesRenewed,
            None,
        );
        record(c, keys, &ev)?;
        Ok(Outcome::Done(codes))
    })
}

/// Switches the factor off for a current code, where the role does not require it; returns the
/// session's new epoch (every other session ends).
pub fn switch_off(
    conn: &mut DbConnection,
    keys: &Keys,
    who: &StaffUser,
    answer: &Answer,
    now: chrono::NaiveDateTime,
) -> Result<Outcome<i64>, AppError> {
    db::write_tx(conn, |c| {
        if required(c, who.role)? {
            return Ok(Outcome::Invalid("factor.required_for_role"));
        }
        if confirm(c, keys, who.id, answer, now)?.is_none() {
            return Ok(Outcome::Invalid("factor.code_wrong"));
        }
        factors::delete(c, who.id)?;
        let epoch = users::next_epoch(c, who.id)?;
        let ev = Event::outside_cases(
            Actor::Staff(who.id),
            AuditAction::SecondFactorSwitchedOff,
            None,
        );
        record(c, keys, &ev)?;
        mail(c, who.id, MailKind::SecondFactorOff)?;
        Ok(Outcome::Done(epoch))
    })
}

/// Uses up the one showing of a new set of recovery codes: true once.
pub fn take_codes_view(
    conn: &mut DbConnection,
    user: UserId,
    view: &str,
) -> Result<bool, AppError> {
    Ok(db::write_tx(conn, |c| {
        factors::take_codes_view(c, user, view)
    })?)
}
