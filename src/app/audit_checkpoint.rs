//! The audit chain's daily checkpoint, sent outside the database: once a day from the digest
//! hour (WIB), every active national staff member and admin gets the chain's sequence number and
//! keyed head by email. Whoever later rewrites the database cannot reach into those mailboxes, and
//! `netra audit verify --checkpoint SEQ:HEAD` fails when any row up to it was changed or removed.

use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, DbConnection, audit_checkpoints, outbox};
use crate::domain::area::TimeZone;
use crate::domain::event::{AuditAction, MailKind};

/// What the checkpoint email carries (the outbox row's payload).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Payload {
    pub day: chrono::NaiveDate,
    /// `SEQ:HEAD`.
    pub checkpoint: String,
}

/// Sends the day's checkpoint when it is due at `now` (UTC) for local hour `hour` (WIB) and not
/// sent yet; answers whether it was queued. The checkpoint covers its own audit row.
pub fn send_due(
    conn: &mut DbConnection,
    key: &ChainKey,
    now: chrono::NaiveDateTime,
    hour: u32,
) -> anyhow::Result<bool> {
    let local = TimeZone::Wib.local(now);
    if chrono::Timelike::hour(&local) < hour {
        return Ok(false);
    }
    let day = local.date();
    if audit_checkpoints::sent(conn, day)? {
        return Ok(false); // the common case, every minute after the hour: one read
    }
    db::write_tx(conn, |c| -> anyhow::Result<bool> {
        // Again under the chain lock every write transaction takes first: two instances that
        // both saw the day unsent get here one after the other, and the second stops.
        if audit_checkpoints::sent(c, day)? {
            return Ok(false);
        }
        let to = outbox::checkpoint_recipients(c)?;
        let what = format!("{day}, {} recipients", to.len());
        audit::append(
            c,
            key,
            &Event::outside_cases(Actor::System, AuditAction::CheckpointSent, Some(&what)),
        )?;
        let Some(cp) = audit::checkpoint(c)? else {
            return Ok(false);
        };
        audit_checkpoints::record(c, day, &cp)?;
        let payload = serde_json::to_string(&Payload {
            day,
            checkpoint: cp.to_string(),
        })?;
        for (user_id, lang) in &to {
            outbox::enqueue_with(
                c,
                MailKind::AuditCheckpoint,
                None,
                &outbox::Recipient::User { id: *user_id, lang },
                Some(&payload),
            )?;
        }
        Ok(true)
    })
}
