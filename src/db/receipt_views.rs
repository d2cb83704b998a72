//! Receipts waiting to be shown (migration 000010). The receipt's secret itself is never stored:
//! it travels in the encrypted session with a nonce, and the receipt page shows it only if it
//! can delete that nonce's row here, once.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::receipt_views;

/// How long a receipt waits for its page (which follows the filing's redirect at once).
pub const LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

/// The row of one receipt (a form sent again gets its receipt once more).
pub fn insert(conn: &mut DbConnection, nonce: &str) -> QueryResult<()> {
    insert_many(conn, &[nonce])
}

/// The rows of several filings' receipts, in one statement.
pub fn insert_many(conn: &mut DbConnection, nonces: &[&str]) -> QueryResult<()> {
    let now = super::now();
    let rows: Vec<_> = nonces
        .iter()
        .map(|n| {
            (
                receipt_views::nonce.eq(*n),
                receipt_views::created_at.eq(now),
            )
        })
        .collect();
    insert_all!(conn, receipt_views::table, rows, 4000);
    Ok(())
}

/// Uses up the nonce: true once, while fresh; false for a replay. Clears stale rows too.
pub fn take(conn: &mut DbConnection, nonce: &str) -> QueryResult<bool> {
    let fresh_since = super::now() - LIFETIME;
    diesel::delete(receipt_views::table.filter(receipt_views::created_at.lt(fresh_since)))
        .execute(conn)?;
    diesel::delete(receipt_views::table.filter(receipt_views::nonce.eq(nonce)))
        .execute(conn)
        .map(|n| n == 1)
}
