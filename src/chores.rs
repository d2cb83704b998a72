//! The background chores the server runs every minute: deadline consequences (the PPK
//! data-blocking flag, the needs-info timeout, deadline alerts) and the daily digests. Each is idempotent and safe with
//! several instances on one database, so a restart or a second instance changes nothing.

use crate::crypto::ChainKey;
use crate::db::{self, Pool};

/// One round; each chore runs even when another failed, and logs what it did.
pub fn run_round(pool: &Pool, key: &ChainKey, digest_hour: Option<u32>) {
    let mut conn = match pool.get() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "chores: no database connection");
            return;
        }
    };
    // Shared rate-limit buckets that are full again (PostgreSQL; none on SQLite).
    if let Err(e) = crate::db::rate_buckets::tidy(&mut conn, db::now()) {
        tracing::warn!(error = %e, "tidying the rate-limit buckets failed");
    }
    match crate::app::deadlines::flag_overdue_ppk(&mut conn, key, db::now()) {
        Ok(0) => {}
        Ok(n) => tracing::warn!(cases = n, "PPK decisions overdue: data-blocking flag set"),
        Err(e) => tracing::error!(error = ?e, "checking overdue PPK decisions failed"),
    }
    match crate::app::needs_info_timeout::expire(&mut conn, key, db::now()) {
        Ok(0) => {}
        Ok(n) => tracing::info!(cases = n, "needs-info windows passed: not registered"),
        Err(e) => tracing::error!(error = ?e, "the needs-info timeout failed"),
    }
    // Deadline alerts go out from the digest hour (07:00 when digests are off).
    match crate::app::deadlines::alert_deadlines(
        &mut conn,
        key,
        db::now(),
        digest_hour.unwrap_or(7),
    ) {
        Ok(a) if a.soon + a.missed == 0 => {}
        Ok(a) => tracing::info!(soon = a.soon, missed = a.missed, "deadline alerts queued"),
        Err(e) => tracing::error!(error = ?e, "deadline alerts failed"),
    }
    if let Some(hour) = digest_hour {
        match crate::app::digest::send_due(&mut conn, key, db::now(), hour) {
            Ok(0) => {}
            Ok(n) => tracing::info!(agencies = n, "daily digests queued"),
            Err(e) => tracing::error!(error = ?e, "daily digests failed"),
        }
        match crate::app::audit_checkpoint::send_due(&mut conn, key, db::now(), hour) {
            Ok(false) => {}
            Ok(true) => tracing::info!("the audit checkpoint of the day queued"),
            Err(e) => tracing::error!(error = ?e, "the audit checkpoint failed"),
        }
    }
}
