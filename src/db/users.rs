//! Staff accounts. Sign-in and management come with the staff side; the public side only needs to
//! know who of an agency receives which alerts (see `outbox::staff_recipients`).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::users;
use crate::domain::event::AlertPref;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::workflow::Role;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub password_hash: String,
    pub active: bool,
    pub must_change_password: bool,
    pub alert_pref: AlertPref,
    pub lang: String,
    pub session_epoch: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUserRow<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub password_hash: &'a str,
    pub active: bool,
    pub must_change_password: bool,
    pub alert_pref: AlertPref,
    pub lang: &'a str,
    pub session_epoch: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewUserRow<'_>) -> QueryResult<UserId> {
    diesel::insert_into(users::table)
        .values(row)
        .returning(users::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: UserId) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn lang(conn: &mut DbConnection, id: UserId) -> QueryResult<String> {
    users::table.find(id).select(users::lang).first(conn)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .order(users::email.asc())
        .select(UserRow::as_select())
        .load(conn)
}

pub fn any_active_admin(conn: &mut DbConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table
            .filter(users::role.eq(Role::Admin))
            .filter(users::active.eq(true)),
    ))
    .get_result(conn)
}

/// Disables an account; bumping the epoch ends its sessions at their next request.
pub fn disable(conn: &mut DbConnection, id: UserId) -> QueryResult<bool> {
    diesel::update(users::table.find(id))
        .set((
            users::active.eq(false),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Sets a new password hash and ends every existing session of the account.
pub fn set_password(
    conn: &mut DbConnection,
    id: UserId,
    hash: &str,
    must_change: bool,
) -> QueryResult<i64> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::must_change_password.eq(must_change),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(super::now()),
        ))
        .returning(users::session_epoch)
        .get_result(conn)
}

/// Names of the given accounts (for a case's timeline).
pub fn names(conn: &mut DbConnection, ids: &[UserId]) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)
}

/// Active staff of an agency who can handle a case (inspectors and BKPSDM), by name.
pub fn handlers(
    conn: &mut DbConnection,
    agency_id: AgencyId,
) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::agency_id.eq(agency_id))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any([Role::Inspector, Role::Bkpsdm]))
        .order(users::name.asc())
        .select((users::id, users::name))
        .load(conn)
}

/// Accounts by id, with their names.
pub type Named = Vec<(UserId, String)>;

/// [`names`] of `ids` and the [`handlers`] of an agency, in one query (the case page needs
/// both).
pub fn names_and_handlers(
    conn: &mut DbConnection,
    ids: &[UserId],
    agency_id: AgencyId,
) -> QueryResult<(Named, Named)> {
    let handler_roles = [Role::Inspector, Role::Bkpsdm];
    let rows: Vec<(UserId, String, Role, Option<AgencyId>, bool)> = users::table
        .filter(
            users::id.eq_any(ids).or(users::agency_id
                .eq(agency_id)
                .and(users::active.eq(true))
                .and(users::role.eq_any(handler_roles))),
        )
        .order(users::name.asc())
        .select((
            users::id,
            users::name,
            users::role,
            users::agency_id,
            users::active,
        ))
        .load(conn)?;
    let names = rows
        .iter()
        .filter(|r| ids.contains(&r.0))
        .map(|r| (r.0, r.1.clone()))
        .collect();
    let handlers = rows
        .into_iter()
        .filter(|r| r.4 && r.3 == Some(agency_id) && handler_roles.contains(&r.2))
        .map(|r| (r.0, r.1))
        .collect();
    Ok((names, handlers))
}

/// Active national staff, with their language (overdue PPK decisions). They get no digest, so
/// they get every alert whatever `alert_pref` says.
pub fn national(conn: &mut DbConnection) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::role.eq(Role::National))
        .filter(users::active.eq(true))
        .order(users::id.asc())
        .select((users::id, users::lang))
        .load(conn)
}

/// Ends every session of the account (they carry the old epoch).
pub fn bump_epoch(conn: &mut DbConnection, id: UserId) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::session_epoch.eq(users::session_epoch + 1))
        .execute(conn)
        .map(|_| ())
}

/// The account's email preferences: every alert or the digest only, and the language.
pub fn set_email_prefs(
    conn: &mut DbConnection,
    id: UserId,
    alert_pref: AlertPref,
    lang: &str,
) -> QueryResult<bool> {
    diesel::update(users::table.find(id))
        .set((
            users::alert_pref.eq(alert_pref),
            users::lang.eq(lang),
            users::updated_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Ends every session of the account and returns the new epoch, for the session that made the
/// change to continue with (the second factor switched on or off).
pub fn next_epoch(conn: &mut DbConnection, id: UserId) -> QueryResult<i64> {
    diesel::update(users::table.find(id))
        .set((
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(super::now()),
        ))
        .returning(users::session_epoch)
        .get_result(conn)
}
