//! The delivery worker: claims due outbox rows one by one (a guarded update, so several instances
//! on one database never send the same row twice), renders and sends each, and marks it sent,
//! due again later (exponential backoff with jitter), or failed (a permanent 5xx, or too many
//! attempts): kept with its last error, never dropped.

use std::time::Duration;

use rand::Rng as _;

use super::mailer::{Mailer, SendError};
use super::message;
use super::plan::{Plan, plan};
use crate::config::Settings;
use crate::crypto::Keys;
use crate::db::outbox::{self, OutboxRow};
use crate::db::{self, Pool};

/// After this many attempts a message is marked failed for an operator to look at.
pub const MAX_ATTEMPTS: i32 = 10;
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
    let jitter = rand::thread_rng().gen_range(0.8..1.2);
    d.mul_f64(jitter)
}

/// Delivers every due message once; returns how many were sent. Safe to run from several
/// instances at once.
pub async fn deliver_due(
    pool: &Pool,
    mailer: &Mailer,
    keys: &Keys,
    settings: &Settings,
) -> anyhow::Result<usize> {
    let now = db::now();
    let due = {
        let pool = pool.clone();
        actix_web::web::block(move || -> anyhow::Result<Vec<OutboxRow>> {
            let mut c = pool.get()?;
            outbox::release_stale(&mut c, now - chrono::Duration::minutes(STALE_CLAIM_MINUTES))?;
            Ok(outbox::due(&mut c, now, 100)?)
        })
        .await??
    };
    let mut sent = 0;
    for row in due {
        let (pool2, keys2, settings2) = (pool.clone(), keys.clone(), settings.clone());
        let claimed =
            actix_web::web::block(move || -> anyhow::Result<Option<(OutboxRow, Plan)>> {
                let mut c = pool2.get()?;
                if !outbox::claim(&mut c, row.id, db::now())? {
                    return Ok(None); // another instance has it
                }
                let plan = plan(&mut c, &keys2, &settings2, &row)?;
                Ok(Some((row, plan)))
            })
            .await??;
        let Some((row, plan)) = claimed else { continue };
        let outcome = match plan {
            Plan::Skip(why) => Outcome::Skipped(why),
            Plan::Send(facts) => match message::build(&facts, &settings.mail_from) {
                Err(e) => Outcome::Failed(format!("could not build the message: {e}")),
                Ok(m) => match mailer.send(m, &row.id.to_string()).await {
                    Ok(()) => Outcome::Sent,
                    Err(SendError::Permanent(e)) => Outcome::Failed(e),
                    Err(SendError::Transient(e)) if row.attempts + 1 >= MAX_ATTEMPTS => {
                        Outcome::Failed(e)
                    }
                    Err(SendError::Transient(e)) => Outcome::Retry(e),
                },
            },
        };
        if matches!(outcome, Outcome::Sent) {
            sent += 1;
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
            }
            Ok(())
        })
        .await??;
    }
    Ok(sent)
}

enum Outcome {
    Sent,
    Skipped(&'static str),
    Failed(String),
    Retry(String),
}
