//! The append-only, hash-chained audit log. Each row's hash covers its own fields and the previous
//! row's hash, so editing or deleting a row breaks the chain from that row on; `verify` finds it.

use diesel::prelude::*;
use sha2::{Digest as _, Sha256};

use super::DbConnection;
use super::schema::{audit_chain, audit_log};

mod verify;
mod view;

use crate::domain::case_state::CaseState;
use crate::domain::event::AuditAction;
use crate::domain::ids::{ReportId, UserId};
pub use verify::{Verdict, verify};
pub use view::{AuditFilter, StoredAuditRow, actions, page};

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Reporter,
    Staff(UserId),
    System,
}

impl Actor {
    fn kind(self) -> &'static str {
        match self {
            Self::Reporter => "reporter",
            Self::Staff(_) => "staff",
            Self::System => "system",
        }
    }
    fn user_id(self) -> Option<UserId> {
        match self {
            Self::Staff(id) => Some(id),
            _ => None,
        }
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub actor: Actor,
    pub report_id: Option<ReportId>,
    pub action: AuditAction,
    pub from_state: Option<CaseState>,
    pub to_state: Option<CaseState>,
    pub reason: Option<&'a str>,
    /// Shown on the reporter's status timeline.
    pub public: bool,
}

impl<'a> Event<'a> {
    /// An event about no case (accounts, reference data, mail, chores), not on any timeline.
    pub fn outside_cases(actor: Actor, action: AuditAction, reason: Option<&'a str>) -> Self {
        Self {
            actor,
            report_id: None,
            action,
            from_state: None,
            to_state: None,
            reason,
            public: false,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: i64,
    pub seq: i64,
    pub at: chrono::NaiveDateTime,
    pub actor_kind: String,
    pub actor_user_id: Option<UserId>,
    pub report_id: Option<ReportId>,
    pub action: AuditAction,
    pub from_state: Option<CaseState>,
    pub to_state: Option<CaseState>,
    pub reason: Option<String>,
    pub public: bool,
    pub prev_hash: String,
    pub hash: String,
}

/// Takes the chain's row lock for the rest of the transaction (see `db::write_tx`).
pub fn lock_chain(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(audit_chain::table.filter(audit_chain::id.eq(1)))
        .set(audit_chain::seq.eq(audit_chain::seq))
        .execute(conn)
        .map(|_| ())
}

#[expect(
    clippy::too_many_arguments,
    reason = "every field of the row goes into its hash"
)]
pub fn row_hash(
    seq: i64,
    at: chrono::NaiveDateTime,
    actor_kind: &str,
    actor_user_id: Option<UserId>,
    report_id: Option<ReportId>,
    action: &str,
    states: (Option<&str>, Option<&str>),
    reason: Option<&str>,
    public: bool,
    prev_hash: &str,
) -> String {
    // Length-prefixed fields so no two different rows serialise to the same bytes.
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_be_bytes());
        h.update(s.as_bytes());
    };
    field(&seq.to_string());
    field(&at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string());
    field(actor_kind);
    field(&actor_user_id.map(|v| v.to_string()).unwrap_or_default());
    field(&report_id.map(|v| v.to_string()).unwrap_or_default());
    field(action);
    field(states.0.unwrap_or("\u{0}"));
    field(states.1.unwrap_or("\u{0}"));
    field(reason.unwrap_or("\u{0}"));
    field(if public { "1" } else { "0" });
    field(prev_hash);
    hex::encode(h.finalize())
}

/// Appends one event. Must run inside `db::write_tx` (which holds the chain lock).
pub fn append(conn: &mut DbConnection, ev: &Event<'_>) -> QueryResult<i64> {
    let (seq, prev_hash): (i64, String) = audit_chain::table
        .filter(audit_chain::id.eq(1))
        .select((audit_chain::seq, audit_chain::last_hash))
        .first(conn)?;
    let seq = seq + 1;
    let at = super::now();
    let hash = row_hash(
        seq,
        at,
        ev.actor.kind(),
        ev.actor.user_id(),
        ev.report_id,
        ev.action.as_str(),
        (
            ev.from_state.map(CaseState::as_str),
            ev.to_state.map(CaseState::as_str),
        ),
        ev.reason,
        ev.public,
        &prev_hash,
    );
    let id = diesel::insert_into(audit_log::table)
        .values((
            audit_log::seq.eq(seq),
            audit_log::at.eq(at),
            audit_log::actor_kind.eq(ev.actor.kind()),
            audit_log::actor_user_id.eq(ev.actor.user_id()),
            audit_log::report_id.eq(ev.report_id),
            audit_log::action.eq(ev.action),
            audit_log::from_state.eq(ev.from_state),
            audit_log::to_state.eq(ev.to_state),
            audit_log::reason.eq(ev.reason),
            audit_log::public.eq(ev.public),
            audit_log::prev_hash.eq(&prev_hash),
            audit_log::hash.eq(&hash),
        ))
        .returning(audit_log::id)
        .get_result(conn)?;
    diesel::update(audit_chain::table.filter(audit_chain::id.eq(1)))
        .set((audit_chain::seq.eq(seq), audit_chain::last_hash.eq(&hash)))
        .execute(conn)?;
    Ok(id)
}

/// The public events of one report, oldest first (the reporter's timeline).
pub fn public_for_report(
    conn: &mut DbConnection,
    report_id: ReportId,
) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::report_id.eq(report_id))
        .filter(audit_log::public.eq(true))
        .order(audit_log::seq.asc())
        .select(AuditRow::as_select())
        .load(conn)
}

/// All events of one report, oldest first.
pub fn for_report(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::report_id.eq(report_id))
        .order(audit_log::seq.asc())
        .select(AuditRow::as_select())
        .load(conn)
}
