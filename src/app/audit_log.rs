//! The admin's view of the audit log: a page of entries, newest first, filtered by action, case,
//! actor and days, each with the actor's name and the case's number; and, on request, the check
//! of the whole hash chain (read-only).

use crate::crypto::ChainKey;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::audit::{self, AuditFilter, StoredAuditRow, Verdict};
use crate::db::{DbConnection, reports, users};
use crate::domain::area::TimeZone;
use crate::domain::event::AuditAction;
use crate::domain::ids::{ReportId, UserId};
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;

/// Entries per page.
pub const PAGE: usize = 100;

/// The zone the audit view's days are read and its times shown in.
pub const ZONE: TimeZone = TimeZone::Wib;

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub action: Option<AuditAction>,
    /// A case number as typed; one that is malformed or names no case finds nothing.
    pub case: Option<String>,
    /// A staff account's email (lowercase); one that names no account finds nothing.
    pub actor_email: Option<String>,
    /// From / up to and including these days ([`ZONE`]).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Continue below this sequence number.
    pub before: Option<i64>,
    /// Also check the whole chain.
    pub verify: bool,
}

/// One entry as the view lists it.
pub struct Entry {
    pub row: StoredAuditRow,
    /// The staff member's name, or the kind of actor ("reporter", "system").
    pub actor: String,
    /// Empty for an entry about no case.
    pub case_number: String,
}

pub struct AuditLog {
    pub entries: Vec<Entry>,
    /// Where the next page starts, if there is one.
    pub next_before: Option<i64>,
    /// Every action recorded so far, for the filter's choices.
    pub actions: Vec<String>,
    pub verdict: Option<Verdict>,
    /// The chain's checkpoint as it stands, to note down outside Netra.
    pub checkpoint: Option<audit::Checkpoint>,
    /// The daily checkpoints sent by email, newest first.
    pub sent: Vec<(NaiveDate, audit::Checkpoint)>,
}

/// The start of a [`ZONE`] day, as UTC.
fn day_start(d: NaiveDate) -> Option<NaiveDateTime> {
    d.and_hms_opt(0, 0, 0)?.checked_sub_signed(ZONE.shift())
}

pub fn read(conn: &mut DbConnection, key: &ChainKey, q: &AuditQuery) -> Result<AuditLog, AppError> {
    let mut filter = AuditFilter {
        action: q.action,
        from: q.from.and_then(day_start),
        until: q.to.and_then(|d| day_start(d.succ_opt()?)),
        before_seq: q.before,
        ..AuditFilter::default()
    };
    // A case or an actor that does not exist matches no entry (not every entry).
    let mut nothing = false;
    if let Some(typed) = &q.case {
        let found = match CaseNumber::parse(typed) {
            Some(n) => reports::find_by_case_number(conn, n.as_str())?,
            None => None,
        };
        match found {
            Some(r) => filter.report_id = Some(r.id),
            None => nothing = true,
        }
    }
    if let Some(email) = &q.actor_email {
        match users::find_by_email(conn, email)? {
            Some(u) => filter.actor_user_id = Some(u.id),
            None => nothing = true,
        }
    }
    let mut rows = if nothing {
        vec![]
    } else {
        audit::page(conn, &filter, PAGE as i64 + 1)?
    };
    let next_before = (rows.len() > PAGE)
        .then(|| rows.get(PAGE - 1).map(|r| r.seq))
        .flatten();
    rows.truncate(PAGE);
    let user_ids: Vec<UserId> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let names: HashMap<UserId, String> = users::names(conn, &user_ids)?.into_iter().collect();
    let report_ids: Vec<ReportId> = rows.iter().filter_map(|r| r.report_id).collect();
    let numbers: HashMap<ReportId, String> = reports::case_numbers(conn, &report_ids)?
        .into_iter()
        .collect();
    let entries = rows
        .into_iter()
        .map(|row| Entry {
            actor: row
                .actor_user_id
                .and_then(|u| names.get(&u).cloned())
                .unwrap_or_else(|| row.actor_kind.clone()),
            case_number: row
                .report_id
                .and_then(|id| numbers.get(&id).cloned())
                .unwrap_or_default(),
            row,
        })
        .collect();
    let verdict = if q.verify {
        Some(audit::verify(conn, key, &[])?)
    } else {
        None
    };
    Ok(AuditLog {
        entries,
        next_before,
        actions: audit::actions(conn)?,
        verdict,
        checkpoint: audit::checkpoint(conn)?,
        sent: crate::db::audit_checkpoints::recent(conn, 7)?,
    })
}
