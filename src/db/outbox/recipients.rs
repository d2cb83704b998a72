//! Who an alert goes to: the staff of an agency by role and alert preference, the digest's
//! readers, the checkpoint's.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::users;
use crate::domain::event::AlertPref;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::workflow::Role;

/// Active staff of an agency with one of `roles` who take every alert (not the digest only):
/// (user id, language).
pub fn staff_recipients(
    conn: &mut DbConnection,
    agency_id: AgencyId,
    roles: &[Role],
) -> QueryResult<Vec<(UserId, String)>> {
    Ok(staff_recipients_in(conn, &[agency_id], roles)?
        .into_iter()
        .map(|(_, id, lang)| (id, lang))
        .collect())
}

/// Every active inspector and BKPSDM user of an agency, whatever their alert preference: the
/// daily digest's recipients.
pub fn digest_recipients(
    conn: &mut DbConnection,
    agency_id: AgencyId,
) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::agency_id.eq(agency_id))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any([Role::Inspector, Role::Bkpsdm]))
        .order(users::id.asc())
        .select((users::id, users::lang))
        .load(conn)
}

/// Who gets the audit chain's daily checkpoint: active national staff and admins.
pub fn checkpoint_recipients(conn: &mut DbConnection) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::active.eq(true))
        .filter(users::role.eq_any([Role::National, Role::Admin]))
        .order(users::id.asc())
        .select((users::id, users::lang))
        .load(conn)
}

/// [`staff_recipients`] of several agencies in one query: (agency, user id, language).
pub fn staff_recipients_in(
    conn: &mut DbConnection,
    agency_ids: &[AgencyId],
    roles: &[Role],
) -> QueryResult<Vec<(AgencyId, UserId, String)>> {
    users::table
        .filter(users::agency_id.eq_any(agency_ids))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any(roles))
        .filter(users::alert_pref.ne(AlertPref::DigestOnly))
        .order(users::id.asc())
        .select((users::agency_id.assume_not_null(), users::id, users::lang))
        .load(conn)
}
