//! The transactional outbox: a row per email to send, written in the same transaction as the event
//! that causes it. A worker delivers them (see `notify`); nothing here sends anything.

use diesel::prelude::*;

mod recipients;

use super::DbConnection;
use super::schema::outbox;
use crate::domain::event::MailKind;
use crate::domain::ids::{ReportId, UserId};

pub use recipients::{
    checkpoint_recipients, digest_recipients, staff_recipients, staff_recipients_in,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub message_id: String,
    pub kind: MailKind,
    pub report_id: Option<ReportId>,
    pub recipient_user_id: Option<UserId>,
    pub recipient_email: Option<Vec<u8>>,
    pub lang: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: chrono::NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub sent_at: Option<chrono::NaiveDateTime>,
    pub claimed_at: Option<chrono::NaiveDateTime>,
    /// Content-free facts beyond the case (a digest's counts, an alert's deadline), JSON.
    pub payload: Option<String>,
}

/// Who a message goes to: a staff account, or a reporter's (encrypted) address.
#[derive(Debug, Clone)]
pub enum Recipient<'a> {
    User {
        id: UserId,
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
    kind: MailKind,
    report_id: Option<ReportId>,
    to: &Recipient<'_>,
) -> QueryResult<i64> {
    enqueue_with(conn, kind, report_id, to, None)
}

/// `enqueue` with a payload: content-free facts the message needs beyond its case.
pub fn enqueue_with(
    conn: &mut DbConnection,
    kind: MailKind,
    report_id: Option<ReportId>,
    to: &Recipient<'_>,
    payload: Option<&str>,
) -> QueryResult<i64> {
    diesel::insert_into(outbox::table)
        .values(NewOutboxRow::new(
            kind,
            report_id,
            to,
            payload,
            super::now(),
        ))
        .returning(outbox::id)
        .get_result(conn)
}

/// One message to queue, as [`enqueue_many`] takes it.
pub struct Queued<'a> {
    pub kind: MailKind,
    pub report_id: Option<ReportId>,
    pub to: Recipient<'a>,
}

/// Queues several messages in one statement (a batch of filings' alerts).
pub fn enqueue_many(conn: &mut DbConnection, messages: &[Queued<'_>]) -> QueryResult<()> {
    let now = super::now();
    let rows: Vec<NewOutboxRow<'_>> = messages
        .iter()
        .map(|m| NewOutboxRow::new(m.kind, m.report_id, &m.to, None, now))
        .collect();
    insert_all!(conn, outbox::table, rows, 2000);
    Ok(())
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
#[diesel(treat_none_as_default_value = false)]
struct NewOutboxRow<'a> {
    message_id: String,
    kind: MailKind,
    report_id: Option<ReportId>,
    recipient_user_id: Option<UserId>,
    recipient_email: Option<&'a [u8]>,
    lang: &'a str,
    status: &'static str,
    attempts: i32,
    next_attempt_at: chrono::NaiveDateTime,
    created_at: chrono::NaiveDateTime,
    payload: Option<&'a str>,
}

impl<'a> NewOutboxRow<'a> {
    /// `message_id` is stable for the row, so a repeated delivery is recognisable.
    fn new(
        kind: MailKind,
        report_id: Option<ReportId>,
        to: &Recipient<'a>,
        payload: Option<&'a str>,
        now: chrono::NaiveDateTime,
    ) -> Self {
        let (recipient_user_id, recipient_email, lang) = match to {
            Recipient::User { id, lang } => (Some(*id), None, *lang),
            Recipient::Reporter { email_sealed, lang } => (None, Some(*email_sealed), *lang),
        };
        Self {
            message_id: format!(
                "<{}.{}@netra>",
                kind.as_str(),
                crate::crypto::random_token(16)
            ),
            kind,
            report_id,
            recipient_user_id,
            recipient_email,
            lang,
            status: PENDING,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            payload,
        }
    }
}

pub fn for_report(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::report_id.eq(report_id))
        .order(outbox::id.asc())
        .select(OutboxRow::as_select())
        .load(conn)
}

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

/// Due messages (pending, next attempt reached), oldest first, digests last: an alert queued
/// during the morning's digest burst waits for at most one round, not for every digest.
pub fn due(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let due = |digests: bool| {
        let q = outbox::table
            .filter(outbox::status.eq(PENDING))
            .filter(outbox::next_attempt_at.le(now))
            .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
            .select(OutboxRow::as_select())
            .into_boxed();
        if digests {
            q.filter(outbox::kind.eq(MailKind::Digest))
        } else {
            q.filter(outbox::kind.ne(MailKind::Digest))
        }
    };
    let mut rows = due(false).limit(limit).load(conn)?;
    let room = limit - i64::try_from(rows.len()).unwrap_or(limit);
    if room > 0 {
        rows.extend(due(true).limit(room).load(conn)?);
    }
    Ok(rows)
}

/// Claims one message for this worker. The guarded update is atomic on both backends, so when
/// several instances race for a row exactly one gets `true`: no message goes out twice because
/// two instances raced.
pub fn claim(conn: &mut DbConnection, id: i64, now: chrono::NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(PENDING)),
    )
    .set((outbox::status.eq(SENDING), outbox::claimed_at.eq(Some(now))))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn mark_sent(conn: &mut DbConnection, id: i64, now: chrono::NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(SENT),
            outbox::sent_at.eq(Some(now)),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Back to pending after a failed attempt, to be tried again at `next`.
pub fn mark_retry(
    conn: &mut DbConnection,
    id: i64,
    next: chrono::NaiveDateTime,
    error: &str,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(PENDING),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(next),
            outbox::last_error.eq(Some(error)),
            outbox::claimed_at.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Back to pending because the server could not be used at all: no attempt is counted, so an
/// outage never exhausts a message's attempts.
pub fn mark_unavailable(
    conn: &mut DbConnection,
    id: i64,
    next: chrono::NaiveDateTime,
    error: &str,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(PENDING),
            outbox::next_attempt_at.eq(next),
            outbox::last_error.eq(Some(error)),
            outbox::claimed_at.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Given up on: kept with its last error, never deleted, for an operator to see and retry.
pub fn mark_failed(conn: &mut DbConnection, id: i64, error: &str) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(FAILED),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Claims older than `before` belong to a worker that died mid-delivery: back to pending. The
/// message may go out again, with the same Message-ID, so a mail client shows it once.
pub fn release_stale(conn: &mut DbConnection, before: chrono::NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::status.eq(SENDING))
            .filter(outbox::claimed_at.lt(before)),
    )
    .set((
        outbox::status.eq(PENDING),
        outbox::claimed_at.eq(None::<chrono::NaiveDateTime>),
    ))
    .execute(conn)
}

/// An operator's retry of a failed message: pending again, due now.
pub fn retry(conn: &mut DbConnection, id: i64, now: chrono::NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(FAILED)),
    )
    .set((
        outbox::status.eq(PENDING),
        outbox::next_attempt_at.eq(now),
        outbox::attempts.eq(0),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Messages per status.
pub fn counts(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)
}

/// Pending, sending and failed messages, newest first (the operator's view).
pub fn unsent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::status.ne(SENT))
        .order(outbox::id.desc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)
}

pub const SKIPPED: &str = "skipped";

/// Not sent on purpose (a disabled account, an opted-out reporter): kept with the reason.
pub fn mark_skipped(conn: &mut DbConnection, id: i64, why: &str) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((outbox::status.eq(SKIPPED), outbox::last_error.eq(Some(why))))
        .execute(conn)
        .map(|_| ())
}
