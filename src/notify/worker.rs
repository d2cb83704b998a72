//! The delivery worker: claims due outbox rows one by one (a guarded update, so several instances
//! on one database never send the same row twice), renders and sends each, and marks it sent,
//! due again later (exponential backoff with jitter, at most an hour apart), or failed (a
//! permanent 5xx, or deferred with 4xx for longer than the queue lifetime, five days unless set):
//! kept with its last error, never dropped. When the server cannot be used at all
//! (unreachable, TLS or credentials refused) no message is charged an attempt: the round stops
//! and the worker waits, so a long outage loses nothing and fails nothing.

use std::time::Duration;

use rand::RngExt as _;

use super::mailer::{Mailer, SendError};
use super::message;
use super::plan::{Plan, plan};
use crate::config::Settings;
use crate::crypto::Keys;
use crate::db::outbox::{self, OutboxRow};
use crate::db::{self, Pool};

/// Rows taken per round.
const ROUND_SIZE: i64 = 100;
/// A claim older than this belongs to a worker that died mid-delivery.
const STALE_CLAIM_MINUTES: i64 = 10;

/// The wait before attempt `attempts + 1`: base × 2^(attempts−1), at most an hour, ±20%.
pub fn backoff(attempts: i32, base: Duration) -> Duration {
    let exp = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(16);
    let d = base
        .saturating_mul(2u32.saturating_pow(exp))
        .min(Duration::from_secs(3600));
    let jitter = rand::rng().random_range(0.8..1.2);
    d.mul_f64(jitter)
}

/// True when a message queued at `queued` has been waiting longer than `lifetime`.
fn outlived(queued: chrono::NaiveDateTime, lifetime: Duration) -> bool {
    chrono::Duration::from_std(lifetime).is_ok_and(|l| db::now() - queued >= l)
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    /// The mail server could not be used at all; the round stopped there. Wait before the next.
    pub unavailable: bool,
    /// The round took as many rows as it may: more may be due, start the next one at once.
    pub full: bool,
}

/// Delivers every due message once, until the server proves unusable. Safe to run from several
/// instances at once.
pub async fn deliver_due(
    pool: &Pool,
    mailer: &Mailer,
    keys: &Keys,
    settings: &Settings,
) -> anyhow::Result<Round> {
    let now = db::now();
    let due = {
        let pool = pool.clone();
        actix_web::web::block(move || -> anyhow::Result<Vec<OutboxRow>> {
            let mut c = pool.get()?;
            outbox::release_stale(&mut c, now - chrono::Duration::minutes(STALE_CLAIM_MINUTES))?;
            Ok(outbox::due(&mut c, now, ROUND_SIZE)?)
        })
        .await??
    };
    // What each row's planning needs from the settings, shared rather than copied per row.
    let base_url: std::sync::Arc<str> = settings.base_url.as_str().into();
    let mut round = Round {
        full: i64::try_from(due.len()).is_ok_and(|n| n >= ROUND_SIZE),
        ..Round::default()
    };
    for row in due {
        let (pool2, keys2, base2) = (pool.clone(), keys.clone(), base_url.clone());
        let claimed =
            actix_web::web::block(move || -> anyhow::Result<Option<(OutboxRow, Plan)>> {
                let mut c = pool2.get()?;
                if !outbox::claim(&mut c, row.id, db::now())? {
                    return Ok(None); // another instance has it
                }
                // A row that cannot be prepared fails on its own, visibly; the round goes on.
                let plan = plan(&mut c, &keys2, &base2, &row).unwrap_or_else(|e| {
                    Plan::Broken(format!("could not prepare the message: {e:#}"))
                });
                Ok(Some((row, plan)))
            })
            .await??;
        let Some((row, plan)) = claimed else { continue };
        let outcome = match plan {
            Plan::Skip(why) => Outcome::Skipped(why),
            Plan::Broken(e) => Outcome::Failed(e),
            Plan::Send(facts) => match message::build(&facts, &settings.mail_from) {
                Err(e) => Outcome::Failed(format!("could not build the message: {e}")),
                Ok(m) => match mailer.send(m, &row.id.to_string()).await {
                    Ok(()) => Outcome::Sent,
                    Err(SendError::Permanent(e)) => Outcome::Failed(e),
                    // Deferred (4xx) is retried for the queue's lifetime, however many
                    // attempts that takes; only then is it failed for an operator to look at.
                    Err(SendError::Transient(e))
                        if outlived(row.created_at, settings.mail_queue_lifetime) =>
                    {
                        Outcome::Failed(format!(
                            "still deferred after {} days: {e}",
                            settings.mail_queue_lifetime.as_secs() / 86_400
                        ))
                    }
                    Err(SendError::Transient(e)) => Outcome::Retry(e),
                    Err(SendError::Unavailable(e)) => Outcome::Unavailable(e),
                },
            },
        };
        match outcome {
            Outcome::Sent => round.sent += 1,
            Outcome::Unavailable(_) => round.unavailable = true,
            _ => {}
        }
        let (pool3, base) = (pool.clone(), settings.mail_retry_base);
        actix_web::web::block(move || -> anyhow::Result<()> {
            let mut c = pool3.get()?;
            let now = db::now();
            match outcome {
                Outcome::Sent => outbox::mark_sent(&mut c, row.id, now)?,
                Outcome::Skipped(why) => outbox::mark_skipped(&mut c, row.id, why)?,
                Outcome::Failed(e) => {
                    tracing::warn!(outbox = row.id, error = %e, "mail failed for good");
                    outbox::mark_failed(&mut c, row.id, &e)?
                }
                Outcome::Retry(e) => {
                    let wait = backoff(row.attempts + 1, base);
                    let next = now
                        + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                    outbox::mark_retry(&mut c, row.id, next, &e)?
                }
                Outcome::Unavailable(e) => {
                    tracing::error!(error = %e, "the mail server cannot be used; pausing delivery (check NETRA_SMTP_URL)");
                    let next = now + chrono::Duration::from_std(base).unwrap_or_default();
                    outbox::mark_unavailable(&mut c, row.id, next, &e)?
                }
            }
            Ok(())
        })
        .await??;
        if round.unavailable {
            break; // the rest stay due, untouched, for the next round
        }
    }
    Ok(round)
}

enum Outcome {
    Sent,
    Skipped(&'static str),
    Failed(String),
    Retry(String),
    Unavailable(String),
}
