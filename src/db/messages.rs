//! Messages on a case: staff to reporter, reporter to staff, and internal notes the reporter never sees.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::messages;
use crate::domain::ids::{ReportId, UserId};

pub const TO_REPORTER: &str = "to_reporter";
pub const FROM_REPORTER: &str = "from_reporter";
pub const INTERNAL: &str = "internal";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = messages)]
pub struct MessageRow {
    pub id: i64,
    pub report_id: ReportId,
    pub direction: String,
    pub author_user_id: Option<UserId>,
    pub body: String,
    pub client_token: Option<String>,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = messages)]
pub struct NewMessageRow<'a> {
    pub report_id: ReportId,
    pub direction: &'a str,
    pub author_user_id: Option<UserId>,
    pub body: &'a str,
    pub client_token: Option<&'a str>,
    pub created_at: chrono::NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewMessageRow<'_>) -> QueryResult<i64> {
    diesel::insert_into(messages::table)
        .values(row)
        .returning(messages::id)
        .get_result(conn)
}

/// The messages the reporter may see (never internal notes), oldest first.
pub fn visible_to_reporter(
    conn: &mut DbConnection,
    report_id: ReportId,
) -> QueryResult<Vec<MessageRow>> {
    messages::table
        .filter(messages::report_id.eq(report_id))
        .filter(messages::direction.ne(INTERNAL))
        .order((messages::created_at.asc(), messages::id.asc()))
        .select(MessageRow::as_select())
        .load(conn)
}

pub fn token_used(conn: &mut DbConnection, token: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        messages::table.filter(messages::client_token.eq(token)),
    ))
    .get_result(conn)
}

/// Every message of a case, internal notes included (staff view), oldest first.
pub fn all_for_report(
    conn: &mut DbConnection,
    report_id: ReportId,
) -> QueryResult<Vec<MessageRow>> {
    messages::table
        .filter(messages::report_id.eq(report_id))
        .order((messages::created_at.asc(), messages::id.asc()))
        .select(MessageRow::as_select())
        .load(conn)
}
