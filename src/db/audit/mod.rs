//! The append-only, hash-chained audit log. Each row's MAC (keyed with a key derived from the
//! secret key, never stored in the database) covers its own fields and the previous row's MAC, so
//! editing, adding or deleting a row breaks the chain from that row on, and whoever can write the
//! database cannot forge a chain that verifies; `verify` finds it. What a chain alone cannot show
//! (its tail cut off, or all of it replaced by an older copy) a checkpoint kept outside shows.

use diesel::prelude::*;
use sha2::{Digest as _, Sha256};

use super::DbConnection;
use super::schema::{audit_chain, audit_log};

mod verify;
mod view;

use crate::crypto::ChainKey;
use crate::domain::case_state::CaseState;
use crate::domain::event::AuditAction;
use crate::domain::ids::{ReportId, UserId};
pub use verify::{Checkpoint, Verdict, checkpoint, last_row_fits, rekey, verify};
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

/// Every field of a row that its MAC covers, as stored.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub seq: i64,
    pub at: chrono::NaiveDateTime,
    pub actor_kind: &'a str,
    pub actor_user_id: Option<UserId>,
    pub report_id: Option<ReportId>,
    pub action: &'a str,
    pub from_state: Option<&'a str>,
    pub to_state: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub public: bool,
    pub prev_hash: &'a str,
}

impl Fields<'_> {
    /// The row's MAC: HMAC-SHA256 under the chain key (which the database never holds) of its
    /// fields, the previous row's MAC among them.
    pub fn hash(&self, key: &ChainKey) -> String {
        let mut m = key.mac();
        self.feed(&mut m);
        hex::encode(hmac::Mac::finalize(m).into_bytes())
    }

    /// The unkeyed SHA-256 of the chains written before issue 10 (what anyone can compute): read
    /// by `rekey`, and by the tests that forge rows the way the old chain allowed.
    pub fn legacy_hash(&self) -> String {
        let mut h = Sha256::new();
        self.feed(&mut h);
        hex::encode(h.finalize())
    }

    fn feed(&self, h: &mut impl sha2::digest::Update) {
        // Length-prefixed fields so no two different rows serialise to the same bytes.
        let mut field = |s: &str| {
            h.update(&(s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        };
        field(&self.seq.to_string());
        field(&self.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string());
        field(self.actor_kind);
        field(
            &self
                .actor_user_id
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        field(&self.report_id.map(|v| v.to_string()).unwrap_or_default());
        field(self.action);
        field(self.from_state.unwrap_or("\u{0}"));
        field(self.to_state.unwrap_or("\u{0}"));
        field(self.reason.unwrap_or("\u{0}"));
        field(if self.public { "1" } else { "0" });
        field(self.prev_hash);
    }
}

impl StoredAuditRow {
    /// The fields its MAC covers, as stored.
    pub fn fields(&self) -> Fields<'_> {
        Fields {
            seq: self.seq,
            at: self.at,
            actor_kind: &self.actor_kind,
            actor_user_id: self.actor_user_id,
            report_id: self.report_id,
            action: &self.action,
            from_state: self.from_state.as_deref(),
            to_state: self.to_state.as_deref(),
            reason: self.reason.as_deref(),
            public: self.public,
            prev_hash: &self.prev_hash,
        }
    }
}

/// Appends one event. Must run inside `db::write_tx` (which holds the chain lock).
pub fn append(conn: &mut DbConnection, key: &ChainKey, ev: &Event<'_>) -> QueryResult<i64> {
    let (rows, head) = chained(conn, key, std::slice::from_ref(ev))?;
    let id = match rows.first() {
        Some(row) => diesel::insert_into(audit_log::table)
            .values(row)
            .returning(audit_log::id)
            .get_result(conn)?,
        None => return Err(diesel::result::Error::NotFound),
    };
    move_head(conn, head)?;
    Ok(id)
}

/// Appends several events in order, in one statement (a batch of filings). Must run inside
/// `db::write_tx`.
pub fn append_all(
    conn: &mut DbConnection,
    key: &ChainKey,
    events: &[Event<'_>],
) -> QueryResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let (rows, head) = chained(conn, key, events)?;
    insert_all!(conn, audit_log::table, rows, 2000);
    move_head(conn, head)
}

/// A row as appended: the event with its place in the chain.
#[derive(Insertable)]
#[diesel(table_name = audit_log)]
#[diesel(treat_none_as_default_value = false)]
struct NewAuditRow<'a> {
    seq: i64,
    at: chrono::NaiveDateTime,
    actor_kind: &'static str,
    actor_user_id: Option<UserId>,
    report_id: Option<ReportId>,
    action: AuditAction,
    from_state: Option<CaseState>,
    to_state: Option<CaseState>,
    reason: Option<&'a str>,
    public: bool,
    prev_hash: String,
    hash: String,
}

/// The rows of `events` chained after the current head, and the head after the last of them.
fn chained<'a>(
    conn: &mut DbConnection,
    key: &ChainKey,
    events: &[Event<'a>],
) -> QueryResult<(Vec<NewAuditRow<'a>>, (i64, String))> {
    let (mut seq, mut prev_hash): (i64, String) = audit_chain::table
        .filter(audit_chain::id.eq(1))
        .select((audit_chain::seq, audit_chain::last_hash))
        .first(conn)?;
    let at = super::now();
    let mut rows = Vec::with_capacity(events.len());
    for ev in events {
        seq += 1;
        let hash = Fields {
            seq,
            at,
            actor_kind: ev.actor.kind(),
            actor_user_id: ev.actor.user_id(),
            report_id: ev.report_id,
            action: ev.action.as_str(),
            from_state: ev.from_state.map(CaseState::as_str),
            to_state: ev.to_state.map(CaseState::as_str),
            reason: ev.reason,
            public: ev.public,
            prev_hash: &prev_hash,
        }
        .hash(key);
        rows.push(NewAuditRow {
            seq,
            at,
            actor_kind: ev.actor.kind(),
            actor_user_id: ev.actor.user_id(),
            report_id: ev.report_id,
            action: ev.action,
            from_state: ev.from_state,
            to_state: ev.to_state,
            reason: ev.reason,
            public: ev.public,
            prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
            hash,
        });
    }
    Ok((rows, (seq, prev_hash)))
}

fn move_head(conn: &mut DbConnection, (seq, hash): (i64, String)) -> QueryResult<()> {
    diesel::update(audit_chain::table.filter(audit_chain::id.eq(1)))
        .set((audit_chain::seq.eq(seq), audit_chain::last_hash.eq(&hash)))
        .execute(conn)
        .map(drop)
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
