//! Bulk writes for `netra seed-demo`: whole tables' worth of rows with ids chosen by the caller, in
//! multi-row INSERTs. Row-at-a-time inserts through the multi backend (the path the application
//! uses) write about 40,000 rows/s on SQLite; these reach the million cases the benchmark needs in
//! under two minutes. Nothing else uses this module.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{
    audit_chain, audit_log, case_keys, deadline_alerts, evidence, evidence_blobs, report_reporters,
    report_violations, reported_persons, reports, sanctions,
};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reported_persons)]
pub struct PersonRow {
    pub id: i64,
    pub id_kind: &'static str,
    pub id_number: String,
    pub name: String,
    pub name_search: String,
    pub employee_type: &'static str,
    pub agency_id: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: i64,
    pub case_number: String,
    pub submission_token: String,
    pub receipt_hash: String,
    pub state: &'static str,
    pub version: i64,
    pub channel: &'static str,
    pub agency_id: i64,
    pub reported_person_id: i64,
    pub reported_name: String,
    pub employee_type: &'static str,
    pub reported_unit: String,
    pub reported_position: String,
    pub election_type: &'static str,
    pub election_stage: &'static str,
    pub incident_date: chrono::NaiveDate,
    pub known_date: chrono::NaiveDate,
    pub late_for_bawaslu: bool,
    pub province_code: String,
    pub regency_code: Option<String>,
    pub place: String,
    pub description: String,
    pub evidence_links: String,
    pub classification: Option<&'static str>,
    pub tier: Option<&'static str>,
    pub assigned_user_id: Option<i64>,
    pub deadline_at: Option<chrono::NaiveDateTime>,
    pub data_blocked: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub closed_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = report_violations)]
pub struct ViolationRow {
    pub id: i64,
    pub report_id: i64,
    pub code: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: i64,
    pub seq: i64,
    pub at: chrono::NaiveDateTime,
    pub actor_kind: &'static str,
    pub actor_user_id: Option<i64>,
    pub report_id: Option<i64>,
    pub action: &'static str,
    pub from_state: Option<&'static str>,
    pub to_state: Option<&'static str>,
    pub reason: Option<String>,
    pub public: bool,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = sanctions)]
pub struct SanctionRow {
    pub id: i64,
    pub report_id: i64,
    pub sanction_code: String,
    pub tier: String,
    pub justification: Option<String>,
    pub sk_number: Option<String>,
    pub sk_date: Option<chrono::NaiveDate>,
    pub start_date: Option<chrono::NaiveDate>,
    pub duration_months: Option<i32>,
    pub created_at: chrono::NaiveDateTime,
    pub decided_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = evidence)]
pub struct EvidenceRow {
    pub id: i64,
    pub report_id: i64,
    pub message_id: Option<i64>,
    pub source: &'static str,
    pub filename: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub sha256: String,
    pub metadata_removed: bool,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = evidence_blobs)]
pub struct BlobRow {
    pub evidence_id: i64,
    pub data: Vec<u8>,
}

/// A deadline alert counted as sent: seeded deadlines that are already past or near must not set
/// off thousands of alerts at the first start.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = deadline_alerts)]
pub struct AlertRow {
    pub report_id: i64,
    pub kind: &'static str,
    pub deadline_at: chrono::NaiveDateTime,
    pub created_at: chrono::NaiveDateTime,
}

/// One batch of demo rows, written together in one transaction.
#[derive(Debug, Default)]
pub struct Batch {
    pub persons: Vec<PersonRow>,
    pub reports: Vec<ReportRow>,
    pub reporters: Vec<super::reports::ReporterRow>,
    pub violations: Vec<ViolationRow>,
    pub audit: Vec<AuditRow>,
    pub sanctions: Vec<SanctionRow>,
    pub evidence: Vec<EvidenceRow>,
    pub blobs: Vec<BlobRow>,
    pub alerts: Vec<AlertRow>,
    /// The name keys of the batch's cases (violation keys come from report_violations).
    pub keys: Vec<super::case_keys::CaseKeyRow>,
}

/// Writes up to `max` batches as they arrive, in one transaction, calling `each` after each;
/// returns how many it wrote (fewer than `max` when the batches ended). One commit per several
/// batches: the unique indexes on random keys (case number, submission token, NIP) take a new
/// entry on almost every one of their pages per batch, and each commit wrote them whole again.
pub fn write_some(
    conn: &mut DbConnection,
    batches: &mut impl Iterator<Item = Batch>,
    max: usize,
    mut each: impl FnMut(&Batch),
) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let mut n = 0;
        while n < max {
            let Some(b) = batches.next() else { break };
            write(conn, &b)?;
            each(&b);
            n += 1;
        }
        Ok(n)
    })
}

/// Writes a batch and moves the audit chain's head to its last row (inside the caller's
/// transaction), so the chain is whole at every commit.
fn write(conn: &mut DbConnection, b: &Batch) -> QueryResult<()> {
    {
        insert_all!(conn, reported_persons::table, b.persons, 2000);
        insert_all!(conn, reports::table, b.reports, 1000);
        insert_all!(conn, report_reporters::table, b.reporters, 4000);
        insert_all!(conn, report_violations::table, b.violations, 8000);
        insert_all!(conn, audit_log::table, b.audit, 2000);
        insert_all!(conn, sanctions::table, b.sanctions, 2500);
        insert_all!(conn, evidence::table, b.evidence, 2500);
        insert_all!(conn, evidence_blobs::table, b.blobs, 8000);
        insert_all!(conn, deadline_alerts::table, b.alerts, 8000);
        insert_all!(conn, case_keys::table, b.keys, 8000);
        if let Some(last) = b.audit.last() {
            diesel::update(audit_chain::table.filter(audit_chain::id.eq(1)))
                .set((
                    audit_chain::seq.eq(last.seq),
                    audit_chain::last_hash.eq(&last.hash),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}

/// The next free id of each table the demo writes, in [`Batch`] order (persons, reports,
/// violations, audit, sanctions, evidence).
pub fn next_ids(conn: &mut DbConnection) -> QueryResult<[i64; 6]> {
    use diesel::dsl::max;
    let next = |m: Option<i64>| m.unwrap_or(0) + 1;
    Ok([
        next(
            reported_persons::table
                .select(max(reported_persons::id))
                .first(conn)?,
        ),
        next(reports::table.select(max(reports::id)).first(conn)?),
        next(
            report_violations::table
                .select(max(report_violations::id))
                .first(conn)?,
        ),
        next(audit_log::table.select(max(audit_log::id)).first(conn)?),
        next(sanctions::table.select(max(sanctions::id)).first(conn)?),
        next(evidence::table.select(max(evidence::id)).first(conn)?),
    ])
}

/// The audit chain's head: (last seq, last hash).
pub fn chain_head(conn: &mut DbConnection) -> QueryResult<(i64, String)> {
    audit_chain::table
        .filter(audit_chain::id.eq(1))
        .select((audit_chain::seq, audit_chain::last_hash))
        .first(conn)
}

/// What `bulk_start` took off `reports`, `report_violations`, `case_keys` and `audit_log` and
/// `bulk_end` puts back: their secondary indexes and triggers, as the schema wrote them.
#[derive(Default)]
pub struct Bulk {
    ddl: Vec<String>,
}

#[derive(QueryableByName)]
struct Ddl {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Before the bulk writes into a database without cases, on SQLite: a page cache for this
/// connection, and `reports`, `report_violations`, `case_keys` and `audit_log` without their
/// secondary indexes and triggers (kept up row by row they made 1M cases take 5 minutes; built
/// once at the end they cost seconds; the audit log's two, 5 million rows at 1M cases, were a
/// sixth of the bulk writes). PostgreSQL: nothing.
pub fn bulk_start(conn: &mut DbConnection, empty: bool) -> QueryResult<Bulk> {
    use diesel::connection::SimpleConnection as _;
    let DbConnection::Sqlite(c) = conn else {
        return Ok(Bulk::default());
    };
    // threads: CREATE INDEX may sort on a second core at the end.
    c.batch_execute("PRAGMA cache_size = -524288; PRAGMA threads = 2;")?;
    if !empty {
        return Ok(Bulk::default());
    }
    // A database without cases holds nothing a crash mid-seed could lose that a new seed would
    // not write again: skip the fsync of every batch's commit and of every WAL checkpoint
    // (`bulk_end` turns it back on).
    c.batch_execute("PRAGMA synchronous = OFF;")?;
    let ddl: Vec<Ddl> = diesel::sql_query(
        "SELECT name, sql FROM sqlite_master \
         WHERE tbl_name IN ('reports', 'report_violations', 'case_keys', 'audit_log') AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
    )
    .load(c)?;
    for d in &ddl {
        let kind = if d.sql.starts_with("CREATE TRIGGER") {
            "TRIGGER"
        } else {
            "INDEX"
        };
        c.batch_execute(&format!("DROP {kind} \"{}\"", d.name))?;
    }
    Ok(Bulk {
        ddl: ddl.into_iter().map(|d| d.sql).collect(),
    })
}

/// After the bulk writes: the violation keys and the per-state counters (which the triggers did
/// not keep meanwhile) made once, then the indexes and triggers back.
pub fn bulk_end(conn: &mut DbConnection, bulk: Bulk) -> QueryResult<()> {
    use diesel::connection::SimpleConnection as _;
    let DbConnection::Sqlite(c) = conn else {
        return Ok(());
    };
    if bulk.ddl.is_empty() {
        return Ok(());
    }
    c.batch_execute(
        "INSERT INTO case_keys (key, agency_id, created_at, report_id)
           SELECT 'v:' || v.code, r.agency_id, r.created_at, r.id
           FROM report_violations v JOIN reports r ON r.id = v.report_id;",
    )?;
    // A small page cache makes CREATE INDEX sort in runs of 16 MiB, each sorted by a worker
    // thread (`threads = 2`) while the table is still being read: with the whole sort in one
    // 512 MiB cache it ran on one core (1M cases: 44 s of index builds -> 28 s).
    c.batch_execute("PRAGMA cache_size = -16384;")?;
    for sql in &bulk.ddl {
        c.batch_execute(sql)?;
    }
    c.batch_execute("PRAGMA synchronous = FULL;")?;
    c.batch_execute(
        "DELETE FROM case_counts;
         INSERT INTO case_counts (agency_id, state, n)
           SELECT agency_id, state, count(*) FROM reports GROUP BY agency_id, state;
         INSERT INTO case_counts (agency_id, state, n)
           SELECT 0, state, count(*) FROM reports GROUP BY state;",
    )
}

/// After explicit ids: moves PostgreSQL's sequences past them (SQLite needs nothing), and
/// refreshes both planners' statistics so the new rows are planned for.
pub fn finish(conn: &mut DbConnection) -> QueryResult<()> {
    use diesel::connection::SimpleConnection as _;
    match conn {
        DbConnection::Pg(c) => {
            for t in [
                "reported_persons",
                "reports",
                "report_violations",
                "audit_log",
                "sanctions",
                "evidence",
            ] {
                c.batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), \
                     (SELECT COALESCE(max(id), 1) FROM {t}))"
                ))?;
            }
            // VACUUM too: a million trigger updates left the counters' rows a thousand dead
            // versions each, and the national counts read 1,557 index entries for 17 rows.
            c.batch_execute("VACUUM ANALYZE")
        }
        // Statistics from a sample of each index (as PostgreSQL's ANALYZE does): a full
        // ANALYZE read every index of a 4 GB database.
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA analysis_limit = 2000; ANALYZE"),
    }
}
