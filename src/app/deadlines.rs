//! Deadline consequences that nobody has to remember: a PPK decision past its deadline sets the
//! case's data-blocking flag (DOMAIN.md §2.4: BKN blocks the employee's personnel data until the
//! PPK acts), with its audit row and alerts to the agency's staff and to national staff, in one
//! transaction per case. The decree lifts the flag (see the staff case actions).
//!
//! And alerts about every other deadline: one working day before it (every stage), and once it
//! is missed (every stage but the PPK decision, which has the data-blocking alert above). Each goes
//! to the agency's staff once per case, kind and deadline, in one transaction with its audit row.

use crate::crypto::ChainKey;
use std::collections::HashSet;

use crate::db::audit::{self, Actor, Event};
use crate::db::deadline_alerts::{self, Running};
use crate::db::{self, DbConnection, catalogue, outbox, reports, users};
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::domain::event::{AuditAction, DeadlineAlert, MailKind};
use crate::domain::workflow::Role;
use crate::domain::working_days::{
    deadline_utc, due_within_one_working_day, is_working_day, with_fixed_dates,
};

/// How far back the missed-deadline alert looks (see `alert_deadlines`).
pub const MISSED_LOOKBACK_DAYS: i64 = 30;

/// Deadline alerts queued by one run of `alert_deadlines`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Alerted {
    pub soon: usize,
    pub missed: usize,
}

/// Queues the alerts that are due: deadlines one working day away (sent on a working day from
/// `hour` local time, when people read them, not at midnight or on a Sunday), and missed
/// deadlines (at once).
pub fn alert_deadlines(
    conn: &mut DbConnection,
    key: &ChainKey,
    now: chrono::NaiveDateTime,
    hour: u32,
) -> anyhow::Result<Alerted> {
    // One working day can span a long Lebaran break (11 days in 2024): look two weeks ahead,
    // decide per case.
    let horizon = now + chrono::Duration::days(15);
    let today = now.date();
    let holidays = days_off(
        conn,
        today - chrono::Days::new(2),
        today + chrono::Days::new(40),
    )?;
    let mut done = Alerted::default();
    for case in deadline_alerts::unalerted(conn, DeadlineAlert::Soon, Some(now), horizon, &[])? {
        let tz = TimeZone::parse(&case.timezone).unwrap_or(TimeZone::Wib);
        let local = tz.local(now);
        let office_hours =
            is_working_day(local.date(), &holidays) && chrono::Timelike::hour(&local) >= hour;
        if office_hours
            && due_within_one_working_day(now, case.deadline_at, &holidays, tz.offset())
            && alert(conn, key, &case, DeadlineAlert::Soon)?
        {
            done.soon += 1;
        }
    }
    // The PPK decision has its own alert, with the data-blocking flag (above). Missed deadlines
    // are looked for over the last `MISSED_LOOKBACK_DAYS` only: the chore runs every minute, and
    // at national size "every past deadline" was every old open case, read each minute. A
    // deadline missed while the server was stopped for longer than that still shows in the
    // agency's daily digest and in the overdue list.
    let since = now - chrono::Duration::days(MISSED_LOOKBACK_DAYS);
    for case in deadline_alerts::unalerted(
        conn,
        DeadlineAlert::Missed,
        Some(since),
        now,
        &[CaseState::AwaitingPpk],
    )? {
        if alert(conn, key, &case, DeadlineAlert::Missed)? {
            done.missed += 1;
        }
    }
    Ok(done)
}

/// One alert about one deadline, once: the record, its audit row and a message to each of the
/// agency's staff who take every alert.
fn alert(
    conn: &mut DbConnection,
    key: &ChainKey,
    case: &Running,
    kind: DeadlineAlert,
) -> anyhow::Result<bool> {
    db::write_tx(conn, |c| {
        // Still the same deadline in the same state? A case moved on meanwhile needs no alert.
        let Some(report) = reports::find(c, case.report_id)? else {
            return Ok::<_, anyhow::Error>(false);
        };
        if report.deadline_at != Some(case.deadline_at)
            || report.state != case.state
            || !deadline_alerts::record_once(c, case.report_id, kind, case.deadline_at)?
        {
            return Ok(false);
        }
        audit::append(
            c,
            key,
            &Event {
                actor: Actor::System,
                report_id: Some(case.report_id),
                action: kind.audit_action(),
                from_state: None,
                to_state: None,
                reason: None,
                public: false,
            },
        )?;
        let payload = serde_json::json!({ "deadline": case.deadline_at }).to_string();
        for (user_id, lang) in
            outbox::staff_recipients(c, case.agency_id, &[Role::Inspector, Role::Bkpsdm])?
        {
            outbox::enqueue_with(
                c,
                kind.mail_kind(),
                Some(case.report_id),
                &outbox::Recipient::User {
                    id: user_id,
                    lang: &lang,
                },
                Some(&payload),
            )?;
        }
        Ok(true)
    })
}

/// Flags every overdue PPK decision; returns how many cases were flagged now.
pub fn flag_overdue_ppk(
    conn: &mut DbConnection,
    key: &ChainKey,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<usize> {
    let mut flagged = 0;
    for (report_id, agency_id) in reports::overdue_ppk_unflagged(conn, now)? {
        let changed = db::write_tx(conn, |c| {
            // Guarded on the flag itself: two instances racing flag (and alert) once.
            if !reports::flag_if_still_overdue(c, report_id, now)? {
                return Ok::<_, anyhow::Error>(false);
            }
            let ev = Event {
                actor: Actor::System,
                report_id: Some(report_id),
                action: AuditAction::DataBlockingFlagged,
                from_state: None,
                to_state: None,
                reason: Some("PPK decision overdue"),
                public: false,
            };
            audit::append(c, key, &ev)?;
            let mut to = outbox::staff_recipients(c, agency_id, &[Role::Inspector, Role::Bkpsdm])?;
            to.extend(users::national(c)?);
            for (user_id, lang) in to {
                outbox::enqueue(
                    c,
                    MailKind::PpkOverdue,
                    Some(report_id),
                    &outbox::Recipient::User {
                        id: user_id,
                        lang: &lang,
                    },
                )?;
            }
            Ok(true)
        })?;
        flagged += usize::from(changed);
    }
    Ok(flagged)
}

/// The days off from `from` to `to` (exclusive): the calendar's, and the fixed-date holidays by
/// rule in a year that has none entered (see `working_days::with_fixed_dates`).
pub fn days_off(
    conn: &mut DbConnection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> diesel::QueryResult<HashSet<chrono::NaiveDate>> {
    let entered = catalogue::holidays_between(conn, from, to)?;
    Ok(with_fixed_dates(
        entered.into_iter().map(|h| h.day),
        from,
        to,
    ))
}

/// The deadline of `stage` from now, in the agency's working days and time zone.
pub fn stage_deadline(
    conn: &mut DbConnection,
    stage: &str,
    timezone: &str,
) -> diesel::QueryResult<Option<chrono::NaiveDateTime>> {
    Ok(StageClock::read(conn, stage)?.map(|clock| clock.deadline(timezone)))
}

/// What a stage's deadline from now is counted with: its working days and the holidays ahead.
/// Read once, it serves every time zone (a batch of filings to several agencies).
pub struct StageClock {
    days: u32,
    holidays: HashSet<chrono::NaiveDate>,
    now: chrono::NaiveDateTime,
}

impl StageClock {
    /// None when the stage has no deadline.
    pub fn read(conn: &mut DbConnection, stage: &str) -> diesel::QueryResult<Option<Self>> {
        let Some(days) = catalogue::stage_deadline(conn, stage)? else {
            return Ok(None);
        };
        // A stage lasts at most 90 working days: the holidays of the next 400 days are all that
        // can matter (from yesterday, for the zone offset).
        let now = db::now();
        let today = now.date();
        let (from, to) = (today - chrono::Days::new(1), today + chrono::Days::new(400));
        let holidays = days_off(conn, from, to)?;
        Ok(Some(Self {
            days: u32::try_from(days).unwrap_or(0),
            holidays,
            now,
        }))
    }

    /// The deadline in an agency's time zone (WIB when the zone is not one Netra knows).
    pub fn deadline(&self, timezone: &str) -> chrono::NaiveDateTime {
        let tz = TimeZone::parse(timezone).unwrap_or(TimeZone::Wib);
        deadline_utc(self.now, self.days, &self.holidays, tz.offset())
    }
}
