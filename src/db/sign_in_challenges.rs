//! Sign-ins whose password was right and whose code is awaited (migration 000013). The session
//! holds only the token; the attempt count lives here, so replaying an older copy of the session
//! cookie does not give the wrong codes back.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::sign_in_challenges;
use crate::domain::ids::UserId;

/// How long a code is awaited after the password.
pub const LIFETIME: chrono::Duration = chrono::Duration::minutes(5);
/// Wrong codes that end a pending sign-in.
pub const MAX_FAILURES: i32 = 5;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sign_in_challenges)]
pub struct ChallengeRow {
    pub token: String,
    pub user_id: UserId,
    pub session_epoch: i64,
    pub email: String,
    pub client: String,
    pub device: Option<String>,
    pub failures: i32,
    pub created_at: chrono::NaiveDateTime,
}

pub struct NewChallenge<'a> {
    pub token: &'a str,
    pub user_id: UserId,
    pub session_epoch: i64,
    pub email: &'a str,
    pub client: &'a str,
    pub device: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, c: &NewChallenge<'_>) -> QueryResult<()> {
    let now = super::now();
    // Sign-ins abandoned at the code go the next time anyone signs in.
    diesel::delete(
        sign_in_challenges::table.filter(sign_in_challenges::created_at.lt(now - LIFETIME)),
    )
    .execute(conn)?;
    diesel::insert_into(sign_in_challenges::table)
        .values((
            sign_in_challenges::token.eq(c.token),
            sign_in_challenges::user_id.eq(c.user_id),
            sign_in_challenges::session_epoch.eq(c.session_epoch),
            sign_in_challenges::email.eq(c.email),
            sign_in_challenges::client.eq(c.client),
            sign_in_challenges::device.eq(c.device),
            sign_in_challenges::failures.eq(0),
            sign_in_challenges::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The pending sign-in with this token, while it lasts.
pub fn find_fresh(
    conn: &mut DbConnection,
    token: &str,
    now: chrono::NaiveDateTime,
) -> QueryResult<Option<ChallengeRow>> {
    sign_in_challenges::table
        .find(token)
        .filter(sign_in_challenges::created_at.ge(now - LIFETIME))
        .select(ChallengeRow::as_select())
        .first(conn)
        .optional()
}

/// Counts one more wrong code; returns the count.
pub fn add_failure(conn: &mut DbConnection, token: &str) -> QueryResult<i32> {
    diesel::update(sign_in_challenges::table.find(token))
        .set(sign_in_challenges::failures.eq(sign_in_challenges::failures + 1))
        .returning(sign_in_challenges::failures)
        .get_result(conn)
}

/// Ends the pending sign-in.
pub fn delete(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    diesel::delete(sign_in_challenges::table.find(token))
        .execute(conn)
        .map(|_| ())
}
