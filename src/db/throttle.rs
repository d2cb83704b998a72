//! Sign-in failure counts (see `domain::login_policy`), shared by every instance on the database.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::login_throttle;
use crate::domain::login_policy::Record;

pub fn get(conn: &mut DbConnection, key: &str) -> QueryResult<Option<Record>> {
    login_throttle::table
        .find(key)
        .select((
            login_throttle::failures,
            login_throttle::window_start,
            login_throttle::locked_until,
        ))
        .first::<(i32, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>)>(conn)
        .optional()
        .map(|r| {
            r.map(|(failures, window_start, locked_until)| Record {
                failures,
                window_start,
                locked_until,
            })
        })
}

/// Stores `record` under `key` (no upsert through the multi-backend: update, else insert).
pub fn put(conn: &mut DbConnection, key: &str, record: &Record) -> QueryResult<()> {
    let n = diesel::update(login_throttle::table.find(key))
        .set((
            login_throttle::failures.eq(record.failures),
            login_throttle::window_start.eq(record.window_start),
            login_throttle::locked_until.eq(record.locked_until),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(login_throttle::table)
            .values((
                login_throttle::key.eq(key),
                login_throttle::failures.eq(record.failures),
                login_throttle::window_start.eq(record.window_start),
                login_throttle::locked_until.eq(record.locked_until),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn clear(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(key))
        .execute(conn)
        .map(|_| ())
}
