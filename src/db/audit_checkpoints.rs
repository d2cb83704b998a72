//! The daily audit checkpoints sent (migration 000011): one row per WIB day, so each is sent once.

use diesel::prelude::*;

use super::DbConnection;
use super::audit::Checkpoint;
use super::schema::audit_checkpoints;

/// Whether the day's checkpoint was sent.
pub fn sent(conn: &mut DbConnection, day: chrono::NaiveDate) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        audit_checkpoints::table.filter(audit_checkpoints::day.eq(day)),
    ))
    .get_result(conn)
}

/// Records the day's checkpoint (inside the transaction that found the day unsent).
pub fn record(conn: &mut DbConnection, day: chrono::NaiveDate, cp: &Checkpoint) -> QueryResult<()> {
    diesel::insert_into(audit_checkpoints::table)
        .values((
            audit_checkpoints::day.eq(day),
            audit_checkpoints::seq.eq(cp.seq),
            audit_checkpoints::head.eq(&cp.head),
            audit_checkpoints::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The most recent checkpoints sent, newest first.
pub fn recent(
    conn: &mut DbConnection,
    limit: i64,
) -> QueryResult<Vec<(chrono::NaiveDate, Checkpoint)>> {
    let rows: Vec<(chrono::NaiveDate, i64, String)> = audit_checkpoints::table
        .order(audit_checkpoints::day.desc())
        .limit(limit)
        .select((
            audit_checkpoints::day,
            audit_checkpoints::seq,
            audit_checkpoints::head,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(day, seq, head)| (day, Checkpoint { seq, head }))
        .collect())
}
