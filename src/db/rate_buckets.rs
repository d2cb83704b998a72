//! Rate limits shared by every instance on one PostgreSQL database (migration 000012): GCRA, the
//! same rule `governor` applies in memory, over one row per key holding its theoretical arrival
//! time. The row is locked (`FOR UPDATE`) while it is read and moved on, so instances racing on
//! one key cannot both spend its last allowance.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::rate_buckets;

/// A rate as the bucket needs it: one request per `interval`, up to `burst` at once.
#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    pub burst: u32,
    pub period: std::time::Duration,
}

impl Bucket {
    fn interval(self) -> chrono::Duration {
        let per = self.period / self.burst.max(1);
        chrono::Duration::from_std(per).unwrap_or(chrono::Duration::MAX)
    }
}

/// Takes one request from `key`'s bucket at `now`: true when it was there to take. Only for
/// PostgreSQL (SQLite instances keep their limits in memory): on SQLite it always answers true.
pub fn take(
    conn: &mut DbConnection,
    key: &str,
    bucket: Bucket,
    now: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let DbConnection::Pg(pg) = conn else {
        return Ok(true);
    };
    let t = bucket.interval();
    // Saturating: an absurd period in the settings must not panic a request.
    let tau = t
        .checked_mul(i32::try_from(bucket.burst.saturating_sub(1)).unwrap_or(i32::MAX))
        .unwrap_or(chrono::Duration::MAX);
    // A first request for a key inserts its row; a racing instance that inserted it first makes
    // the insert do nothing, and the second pass finds and locks the row.
    for _ in 0..2 {
        let taken = pg.transaction(|pg| {
            let tat: Option<chrono::NaiveDateTime> = rate_buckets::table
                .find(key)
                .select(rate_buckets::tat)
                .for_update()
                .first(pg)
                .optional()?;
            let from = tat.map_or(now, |tat| tat.max(now));
            if from - now > tau {
                return Ok(Some(false));
            }
            let next = from
                .checked_add_signed(t)
                .unwrap_or(chrono::NaiveDateTime::MAX);
            if tat.is_some() {
                diesel::update(rate_buckets::table.find(key))
                    .set(rate_buckets::tat.eq(next))
                    .execute(pg)?;
                return Ok(Some(true));
            }
            let inserted = diesel::insert_into(rate_buckets::table)
                .values((rate_buckets::key.eq(key), rate_buckets::tat.eq(next)))
                .on_conflict_do_nothing()
                .execute(pg)?;
            Ok::<_, diesel::result::Error>((inserted == 1).then_some(true))
        })?;
        if let Some(taken) = taken {
            return Ok(taken);
        }
    }
    Ok(false)
}

/// Drops the buckets that are full again (their arrival time has passed): a key not seen since
/// is the same as a fresh one.
pub fn tidy(conn: &mut DbConnection, now: chrono::NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(rate_buckets::table.filter(rate_buckets::tat.lt(now))).execute(conn)
}
