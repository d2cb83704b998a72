//! Single-use grants to view a reporter's identity: written with the audit row of the request,
//! deleted by the one case page that shows the identity.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::identity_grants;
use crate::domain::ids::{ReportId, UserId};

/// How long a grant waits for its view (the page follows the request at once).
pub const LIFETIME: chrono::Duration = chrono::Duration::minutes(5);

pub fn insert(
    conn: &mut DbConnection,
    token: &str,
    report_id: ReportId,
    user_id: UserId,
) -> QueryResult<()> {
    let now = super::now();
    // Grants never used (a closed tab) go the next time anyone asks for one.
    diesel::delete(identity_grants::table.filter(identity_grants::created_at.lt(now - LIFETIME)))
        .execute(conn)?;
    diesel::insert_into(identity_grants::table)
        .values((
            identity_grants::token.eq(token),
            identity_grants::report_id.eq(report_id),
            identity_grants::user_id.eq(user_id),
            identity_grants::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Uses up the grant: true when it existed for this case and this user and was fresh. A second
/// call with the same token is false.
pub fn take(
    conn: &mut DbConnection,
    token: &str,
    report_id: ReportId,
    user_id: UserId,
) -> QueryResult<bool> {
    let fresh_since = super::now() - LIFETIME;
    diesel::delete(
        identity_grants::table
            .filter(identity_grants::token.eq(token))
            .filter(identity_grants::report_id.eq(report_id))
            .filter(identity_grants::user_id.eq(user_id))
            .filter(identity_grants::created_at.ge(fresh_since)),
    )
    .execute(conn)
    .map(|n| n == 1)
}
