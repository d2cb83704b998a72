//! The fields of the objection steps (issue 11, "Administrative objection"; PP 79/2021): the
//! filing (which remedy, the day it was filed, inside the window counted from the decree's date)
//! and the decision (its letter's number and date and, when the sentence changed, the new one).
//! Checked before the transaction, every problem at once; each a catalogue key (422).

use chrono::NaiveDate;

use super::case_fields::{self, Chosen, Fields, date};
use crate::db::reports::ReportRow;
use crate::db::{DbConnection, catalogue, objections, sanctions};
use crate::domain::objection::{
    FilingProblem, ObjectionKind, ObjectionOutcome, check_filing, window_end,
};
use crate::error::AppError;

/// Working days to object when `stage_deadlines` has no `objection_window` row.
const DEFAULT_WINDOW: i32 = 14;

/// A filing that passed its checks.
pub struct Filing {
    pub kind: ObjectionKind,
    pub filed_on: NaiveDate,
    pub window_end: NaiveDate,
    pub late: bool,
}

/// A decision that passed its checks; `sentence` only when it changed the sanction.
pub struct Decision {
    pub outcome: ObjectionOutcome,
    pub number: String,
    pub date: NaiveDate,
    pub sentence: Option<(Chosen, Option<NaiveDate>)>,
}

/// The decree's date and the last day an objection may be filed, for a decided case.
pub fn window(
    conn: &mut DbConnection,
    r: &ReportRow,
) -> Result<Option<(NaiveDate, NaiveDate)>, AppError> {
    // The standing decree: the latest decree date among sentences not replaced.
    let sk_date = sanctions::for_report(conn, r.id)?
        .iter()
        .filter(|s| s.superseded_at.is_none())
        .filter_map(|s| s.sk_date)
        .max();
    window_from(conn, sk_date)
}

/// The window's last day for a decree of `sk_date` (None: no decree yet).
pub fn window_from(
    conn: &mut DbConnection,
    sk_date: Option<NaiveDate>,
) -> Result<Option<(NaiveDate, NaiveDate)>, AppError> {
    let Some(sk_date) = sk_date else {
        return Ok(None);
    };
    let days = catalogue::stage_deadline(conn, "objection_window")?.unwrap_or(DEFAULT_WINDOW);
    // 14 working days fit in two months even across Lebaran.
    let off = super::deadlines::days_off(conn, sk_date, sk_date + chrono::Days::new(120))?;
    let last = window_end(sk_date, u32::try_from(days).unwrap_or(0), &off);
    Ok(Some((sk_date, last)))
}

pub fn filing(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
    today: NaiveDate,
) -> Result<Result<Filing, Vec<&'static str>>, AppError> {
    let mut problems = Vec::new();
    let kind = ObjectionKind::parse(&f.objection_kind);
    if kind.is_none() {
        problems.push("case.staff.objection_kind_required");
    }
    let Some((sk_date, last)) = window(conn, r)? else {
        return Ok(Err(vec!["case.staff.objection_no_decree"]));
    };
    let filed = match check_filing(date(&f.filed_on), sk_date, last, today, f.late_checked) {
        Ok(d) => Some(d),
        Err(FilingProblem::BadDate) => {
            problems.push("case.staff.objection_date_invalid");
            None
        }
        Err(FilingProblem::Late) => {
            problems.push("case.staff.objection_late");
            None
        }
    };
    match (kind, filed) {
        (Some(kind), Some(filed_on)) if problems.is_empty() => Ok(Ok(Filing {
            kind,
            filed_on,
            window_end: last,
            late: filed_on > last,
        })),
        _ => Ok(Err(problems)),
    }
}

pub fn decision(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
    outcome: ObjectionOutcome,
    today: NaiveDate,
) -> Result<Result<Decision, Vec<&'static str>>, AppError> {
    let mut problems = Vec::new();
    let number = f.sk_number.clone();
    if number.is_empty() || number.chars().count() > 100 {
        problems.push("case.staff.objection_number_required");
    }
    let filed_on = objections::of(conn, r.id)?.map(|o| o.filed_on);
    let decided = date(&f.sk_date).filter(|d| *d <= today && filed_on.is_none_or(|f| *d >= f));
    if decided.is_none() {
        problems.push("case.staff.objection_decision_date_invalid");
    }
    let mut sentence = None;
    if outcome == ObjectionOutcome::Changed {
        match case_fields::recommendation(conn, r, f, today)? {
            Ok(chosen) => {
                let start = date(&f.start_date);
                let tiers = chosen.iter().map(|s| s.tier);
                problems.extend(case_fields::start_problems(tiers, start, decided));
                sentence = Some((chosen, start));
            }
            Err(key) => problems.push(key),
        }
    }
    match decided {
        Some(date) if problems.is_empty() => Ok(Ok(Decision {
            outcome,
            number,
            date,
            sentence,
        })),
        _ => Ok(Err(problems)),
    }
}
