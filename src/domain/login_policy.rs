//! How repeated sign-in failures slow down and then lock: per typed account name and per client
//! address, counted whether or not the account exists, so neither the delay nor the lock tells
//! anyone which accounts are real.

use chrono::{Duration, NaiveDateTime};

/// The failures counted under one key within the current window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub failures: i32,
    pub window_start: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
}

/// Which kind of key: an account name is locked sooner than an address many people may share
/// (an office or a carrier-grade NAT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Account,
    Client,
}

impl Scope {
    fn lock_after(self) -> i32 {
        match self {
            Self::Account => 5,
            Self::Client => 20,
        }
    }
}

/// Failures older than this start a fresh count.
pub const WINDOW_MINUTES: i64 = 15;
/// How long a lock lasts.
pub const LOCK_MINUTES: i64 = 15;

/// Whether a sign-in may be tried now; `Err` holds when the lock ends.
pub fn check(record: Option<Record>, now: NaiveDateTime) -> Result<(), NaiveDateTime> {
    match record.and_then(|r| r.locked_until) {
        Some(until) if until > now => Err(until),
        _ => Ok(()),
    }
}

/// The record after one more failure.
pub fn after_failure(record: Option<Record>, scope: Scope, now: NaiveDateTime) -> Record {
    let fresh = Record {
        failures: 0,
        window_start: now,
        locked_until: None,
    };
    let mut r = match record {
        Some(r)
            if now - r.window_start <= Duration::minutes(WINDOW_MINUTES)
                && r.locked_until.is_none_or(|u| u > now) =>
        {
            r
        }
        _ => fresh,
    };
    r.failures += 1;
    if r.failures >= scope.lock_after() {
        r.locked_until = Some(now + Duration::minutes(LOCK_MINUTES));
    }
    r
}

/// The record after an attempt that was counted in advance turned out right: one failure fewer
/// (never below none), the window and any lock as they were.
pub fn after_success(record: Record) -> Record {
    Record {
        failures: (record.failures - 1).max(0),
        ..record
    }
}

/// How long to wait before answering a failed attempt: nothing for the first two, then doubling
/// from `base` (half a second in production) up to eight times it, which makes guessing slow
/// without punishing a typo.
pub fn delay(failures: i32, base: std::time::Duration) -> std::time::Duration {
    if failures <= 2 {
        return std::time::Duration::ZERO;
    }
    let steps = u32::try_from(failures - 3).unwrap_or(0).min(3);
    base * 2u32.pow(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_700_000_000 + min * 60, 0)
            .unwrap_or_default()
            .naive_utc()
    }

    #[test]
    fn an_account_locks_after_five_failures_for_fifteen_minutes() {
        let mut r = None;
        for i in 0..5 {
            assert!(check(r, t(i)).is_ok(), "attempt {i} allowed");
            r = Some(after_failure(r, Scope::Account, t(i)));
        }
        assert_eq!(check(r, t(5)), Err(t(4 + LOCK_MINUTES)));
        assert!(check(r, t(4 + LOCK_MINUTES)).is_ok(), "the lock ends");
    }

    #[test]
    fn a_client_address_tolerates_more_failures_than_an_account() {
        let mut r = None;
        for i in 0..19 {
            r = Some(after_failure(r, Scope::Client, t(0)));
            assert!(check(r, t(0)).is_ok(), "failure {i}");
        }
        r = Some(after_failure(r, Scope::Client, t(0)));
        assert!(check(r, t(0)).is_err());
    }

    #[test]
    fn old_failures_and_ended_locks_start_a_fresh_count() {
        let r = after_failure(None, Scope::Account, t(0));
        let later = after_failure(Some(r), Scope::Account, t(WINDOW_MINUTES + 1));
        assert_eq!(later.failures, 1);
        let locked = Record {
            failures: 5,
            window_start: t(0),
            locked_until: Some(t(15)),
        };
        assert_eq!(
            after_failure(Some(locked), Scope::Account, t(16)).failures,
            1
        );
    }

    #[test]
    fn a_success_takes_back_its_advance_count_and_leaves_a_lock() {
        let r = after_failure(None, Scope::Client, t(0));
        assert_eq!(after_success(r).failures, 0);
        assert_eq!(
            after_success(after_success(r)).failures,
            0,
            "never below none"
        );
        let locked = Record {
            failures: 20,
            window_start: t(0),
            locked_until: Some(t(15)),
        };
        assert_eq!(after_success(locked).locked_until, Some(t(15)));
        // A thousand sign-ins that all succeed never reach the lock.
        let mut r = None;
        for i in 0..1000 {
            let counted = after_failure(r, Scope::Client, t(0));
            assert!(check(Some(counted), t(0)).is_ok(), "sign-in {i}");
            r = Some(after_success(counted));
        }
    }

    #[test]
    fn failures_slow_down_before_they_lock() {
        const HALF: std::time::Duration = std::time::Duration::from_millis(500);
        assert_eq!(delay(1, HALF), std::time::Duration::ZERO);
        assert_eq!(delay(3, HALF), std::time::Duration::from_millis(500));
        assert_eq!(delay(4, HALF), std::time::Duration::from_secs(1));
        assert_eq!(delay(50, HALF), std::time::Duration::from_secs(4));
    }
}
