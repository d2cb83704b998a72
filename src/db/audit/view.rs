//! The admin's view of the log: rows as stored (names as text), a page at a time, filtered.

use diesel::prelude::*;

use super::super::DbConnection;
use super::super::schema::audit_log;
use crate::domain::event::AuditAction;
use crate::domain::ids::{ReportId, UserId};

/// A row as stored, every name as text: what `verify` hashes and the admin's audit view lists,
/// so a row whose names were tampered with is still read, shown and found out, not an error.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct StoredAuditRow {
    pub id: i64,
    pub seq: i64,
    pub at: chrono::NaiveDateTime,
    pub actor_kind: String,
    pub actor_user_id: Option<UserId>,
    pub report_id: Option<ReportId>,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub reason: Option<String>,
    pub public: bool,
    pub prev_hash: String,
    pub hash: String,
}

/// Filters of the admin audit view.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub report_id: Option<ReportId>,
    pub actor_user_id: Option<UserId>,
    pub from: Option<chrono::NaiveDateTime>,
    pub until: Option<chrono::NaiveDateTime>,
    /// Continue below this sequence number (newest first).
    pub before_seq: Option<i64>,
}

pub fn page(
    conn: &mut DbConnection,
    f: &AuditFilter,
    limit: i64,
) -> QueryResult<Vec<StoredAuditRow>> {
    let mut q = audit_log::table
        .order(audit_log::seq.desc())
        .limit(limit)
        .select(StoredAuditRow::as_select())
        .into_boxed();
    if let Some(a) = f.action {
        q = q.filter(audit_log::action.eq(a));
    }
    if let Some(r) = f.report_id {
        q = q.filter(audit_log::report_id.eq(r));
    }
    if let Some(u) = f.actor_user_id {
        q = q.filter(audit_log::actor_user_id.eq(u));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_log::at.ge(from));
    }
    if let Some(until) = f.until {
        q = q.filter(audit_log::at.lt(until));
    }
    if let Some(s) = f.before_seq {
        q = q.filter(audit_log::seq.lt(s));
    }
    q.load(conn)
}

/// Every action name recorded so far (for the filter's choices).
pub fn actions(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    audit_log::table
        .select(audit_log::action)
        .distinct()
        .order(audit_log::action.asc())
        .load(conn)
}
