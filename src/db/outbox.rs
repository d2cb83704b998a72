//! The transactional outbox: a row per email to send, written in the same transaction as the event
//! that causes it. A worker delivers them (see `notify`); nothing here sends anything.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{outbox, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub message_id: String,
    pub kind: String,
    pub report_id: Option<i64>,
    pub recipient_user_id: Option<i64>,
    pub recipient_email: Option<Vec<u8>>,
    pub lang: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: chrono::NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub sent_at: Option<chrono::NaiveDateTime>,
}

/// Who a message goes to: a staff account, or a reporter's (encrypted) address.
#[derive(Debug, Clone)]
pub enum Recipient<'a> {
    User {
        id: i64,
        lang: &'a str,
    },
    Reporter {
        email_sealed: &'a [u8],
        lang: &'a str,
    },
}

/// Queues one message. `message_id` is stable for the row, so a repeated delivery is recognisable.
pub fn enqueue(
    conn: &mut DbConnection,
    kind: &str,
    report_id: Option<i64>,
    to: &Recipient<'_>,
) -> QueryResult<i64> {
    let now = super::now();
    let message_id = format!("<{}.{}@netra>", kind, crate::crypto::random_token(16));
    let (user, email, lang) = match to {
        Recipient::User { id, lang } => (Some(*id), None, *lang),
        Recipient::Reporter { email_sealed, lang } => (None, Some(*email_sealed), *lang),
    };
    diesel::insert_into(outbox::table)
        .values((
            outbox::message_id.eq(message_id),
            outbox::kind.eq(kind),
            outbox::report_id.eq(report_id),
            outbox::recipient_user_id.eq(user),
            outbox::recipient_email.eq(email),
            outbox::lang.eq(lang),
            outbox::status.eq("pending"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::created_at.eq(now),
        ))
        .returning(outbox::id)
        .get_result(conn)
}

/// Active staff of an agency with one of `roles`: (user id, language).
pub fn staff_recipients(
    conn: &mut DbConnection,
    agency_id: i64,
    roles: &[&str],
) -> QueryResult<Vec<(i64, String)>> {
    users::table
        .filter(users::agency_id.eq(agency_id))
        .filter(users::active.eq(true))
        .filter(users::role.eq_any(roles))
        .order(users::id.asc())
        .select((users::id, users::lang))
        .load(conn)
}

pub fn for_report(conn: &mut DbConnection, report_id: i64) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::report_id.eq(report_id))
        .order(outbox::id.asc())
        .select(OutboxRow::as_select())
        .load(conn)
}
