//! Staff accounts. Sign-in and management come with the staff side; the public side only needs to
//! know who of an agency receives which alerts (see `outbox::staff_recipients`).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::users;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub agency_id: Option<i64>,
    pub password_hash: String,
    pub active: bool,
    pub must_change_password: bool,
    pub alert_pref: String,
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
    pub role: &'a str,
    pub agency_id: Option<i64>,
    pub password_hash: &'a str,
    pub active: bool,
    pub must_change_password: bool,
    pub alert_pref: &'a str,
    pub lang: &'a str,
    pub session_epoch: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewUserRow<'_>) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values(row)
        .returning(users::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn lang(conn: &mut DbConnection, id: i64) -> QueryResult<String> {
    users::table.find(id).select(users::lang).first(conn)
}
