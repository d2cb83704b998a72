//! The reference data deadlines and scoping rest on, as an admin keeps it: the days off (national
//! holidays and cuti bersama), the working days each stage may take, and which agencies are
//! active. Each change is one transaction with its audit row.

use crate::crypto::ChainKey;
use chrono::{Datelike as _, NaiveDate};

use super::Outcome;
use crate::db::audit::{self, Actor, Event};
use crate::db::catalogue::{self, NewHolidayRow};
use crate::db::{self, DbConnection, agencies, holiday_calendars};
use crate::domain::event::AuditAction;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::working_days::HolidayKind;
use crate::error::AppError;

/// The working days a stage may be given.
pub const STAGE_DAYS: std::ops::RangeInclusive<i32> = 1..=90;

fn event(by: UserId, action: AuditAction, reason: &str) -> Event<'_> {
    Event::outside_cases(Actor::Staff(by), action, Some(reason))
}

/// A day off as the form gives it (each part None when it did not parse); names cleaned.
pub struct NewHoliday {
    pub day: Option<NaiveDate>,
    pub kind: Option<HolidayKind>,
    pub name_id: String,
    pub name_en: String,
    /// A Hijri date the isbat may move.
    pub isbat: bool,
}

pub fn add_holiday(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    h: &NewHoliday,
) -> Result<Outcome<()>, AppError> {
    let Some(day) = h.day else {
        return Ok(Outcome::Invalid("admin.calendar.date_invalid"));
    };
    let Some(kind) = h.kind else {
        return Ok(Outcome::Invalid("admin.calendar.kind_required"));
    };
    if h.name_id.is_empty() || h.name_en.is_empty() {
        return Ok(Outcome::Invalid("admin.calendar.names_required"));
    }
    let row = NewHolidayRow {
        day,
        kind,
        name_id: h.name_id.clone(),
        name_en: h.name_en.clone(),
        isbat: h.isbat,
    };
    db::write_tx(conn, |c| {
        if catalogue::holiday_exists(c, day)? {
            return Ok(Outcome::Invalid("admin.calendar.duplicate"));
        }
        catalogue::insert_holiday(c, &row)?;
        let what = format!("{day} {}", row.name_id);
        audit::append(c, key, &event(by, AuditAction::HolidayAdded, &what))?;
        Ok(Outcome::Done(()))
    })
}

/// Removes a day off; returns its year (the calendar page to go back to).
pub fn delete_holiday(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    id: i64,
) -> Result<i32, AppError> {
    db::write_tx(conn, |c| {
        let row = catalogue::delete_holiday(c, id)?.ok_or(AppError::NotFound)?;
        let what = format!("{} {}", row.day, row.name_id);
        audit::append(c, key, &event(by, AuditAction::HolidayDeleted, &what))?;
        Ok(row.day.year())
    })
}

/// Sets the working days of one stage; `days` None when it did not parse.
pub fn set_stage_deadline(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    stage: &str,
    days: Option<i32>,
) -> Result<Outcome<()>, AppError> {
    let Some(days) = days.filter(|d| STAGE_DAYS.contains(d)) else {
        return Ok(Outcome::Invalid("admin.calendar.days_invalid"));
    };
    db::write_tx(conn, |c| {
        if !catalogue::set_stage_deadline(c, stage, days)? {
            return Err(AppError::NotFound);
        }
        let what = format!("{stage}: {days}");
        audit::append(c, key, &event(by, AuditAction::DeadlineChanged, &what))?;
        Ok(Outcome::Done(()))
    })
}

/// Turns an agency off (no new reports, not offered for forwarding) or on again.
pub fn toggle_agency(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    id: AgencyId,
) -> Result<(), AppError> {
    db::write_tx(conn, |c| {
        let a = agencies::find(c, id)?.ok_or(AppError::NotFound)?;
        agencies::set_active(c, id, !a.active)?;
        let what = format!("{} {}", a.code, if a.active { "off" } else { "on" });
        audit::append(c, key, &event(by, AuditAction::AgencyToggled, &what))?;
        Ok(())
    })
}

/// How far ahead admins are warned about a year without a confirmed calendar.
pub const CALENDAR_WARNING_DAYS: u64 = 60;

/// The first year within the next [`CALENDAR_WARNING_DAYS`] whose holiday calendar is not
/// confirmed: deadlines in it are counted with estimated or missing days off.
pub fn unconfirmed_year_ahead(
    conn: &mut DbConnection,
    today: NaiveDate,
) -> diesel::QueryResult<Option<i32>> {
    let last = today + chrono::Days::new(CALENDAR_WARNING_DAYS);
    let years: Vec<i32> = (today.year()..=last.year()).collect();
    let confirmed = holiday_calendars::confirmed(conn, &years)?;
    Ok(years.into_iter().find(|y| !confirmed.contains(y)))
}

/// Confirms a year's calendar (its days off entered from the decree), naming the decree.
pub fn confirm_year(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    year: Option<i32>,
    source: &str,
) -> Result<Outcome<()>, AppError> {
    let Some(year) = year.filter(|y| (2000..=2100).contains(y)) else {
        return Ok(Outcome::Invalid("admin.calendar.year_invalid"));
    };
    if source.is_empty() {
        return Ok(Outcome::Invalid("admin.calendar.source_required"));
    }
    db::write_tx(conn, |c| {
        holiday_calendars::confirm(c, year, source)?;
        let what = format!("{year}: {source}");
        audit::append(c, key, &event(by, AuditAction::CalendarConfirmed, &what))?;
        Ok(Outcome::Done(()))
    })
}
