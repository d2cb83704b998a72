//! The examination as it happens (issue 11): summons letters, whether the ASN appeared, and the
//! hearings with their members and BAP. The rules are `domain::examination`'s; each step is
//! guarded by role (the examiners: inspectorate and national staff), agency and state (the case
//! is in examination), and is one transaction with its audit row (the BAP stored with the
//! hearing as a case document).

use std::collections::HashSet;

use chrono::NaiveDate;

use super::case_access::{changes_since, visible};
use super::{Outcome, StaffUser};
use crate::app::case_documents;
use crate::app::deadlines::days_off;
use crate::crypto::ChainKey;
use crate::db::examination::{self, HearingRow, SummonsRow};
use crate::db::reports::ReportRow;
use crate::db::{self, DbConnection, audit, catalogue};
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::domain::document::DocumentKind;
use crate::domain::event::AuditAction;
use crate::domain::evidence::CleanFile;
use crate::domain::examination::{self as rules, Attendance, HearingBody, Rules, Summons};
use crate::domain::receipt::CaseNumber;
use crate::domain::report::FieldError;
use crate::domain::workflow::Role;
use crate::error::AppError;

type Result<T> = std::result::Result<Outcome<T, Vec<FieldError>>, AppError>;

/// A summons as typed.
pub struct NewSummons {
    pub letter_number: String,
    pub letter_date: String,
    pub appear_on: String,
    pub place: String,
    pub seen: i64,
}

/// A hearing as typed, its BAP cleaned (None: no file came).
pub struct NewHearing {
    pub body: String,
    pub held_on: String,
    pub members: String,
    pub asn_present: bool,
    pub bap: Option<CleanFile>,
    pub seen: i64,
}

/// The largest number of members a hearing lists.
const MAX_MEMBERS: usize = 15;

/// The case, if this staff member examines it now; a conflict (what happened since) otherwise.
fn examined(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
    seen: i64,
) -> std::result::Result<std::result::Result<ReportRow, super::Changes>, AppError> {
    let r = visible(conn, who, number)?;
    if !matches!(who.role, Role::Inspector | Role::National) {
        return Err(AppError::Forbidden);
    }
    if r.state != CaseState::Examination {
        return Ok(Err(changes_since(conn, &r, seen)?));
    }
    Ok(Ok(r))
}

fn on_record(rows: &[SummonsRow]) -> Vec<Summons> {
    rows.iter()
        .map(|s| Summons {
            round: s.round,
            appear_on: s.appear_on,
            outcome: s.outcome.as_deref().and_then(Attendance::parse),
        })
        .collect()
}

fn date(errors: &mut Vec<FieldError>, field: &'static str, raw: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    if d.is_none() {
        errors.push(FieldError::new(field, "date.invalid"));
    }
    d
}

fn text(errors: &mut Vec<FieldError>, field: &'static str, value: &str) {
    if value.is_empty() || value.chars().count() > 200 {
        errors.push(FieldError::new(field, "case.summons.text_required"));
    }
}

pub fn summon(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &NewSummons,
) -> Result<()> {
    let r = match examined(conn, who, number, cmd.seen)? {
        Ok(r) => r,
        Err(changes) => return Ok(Outcome::Conflict(changes)),
    };
    let rows = examination::summonses_of(conn, r.id)?;
    let before = on_record(&rows);
    let round = match rules::next_round(&before) {
        Ok(n) => n,
        Err(key) => return Ok(Outcome::Invalid(vec![FieldError::new("summons", key)])),
    };
    let mut errors = Vec::new();
    text(&mut errors, "letter_number", &cmd.letter_number);
    text(&mut errors, "place", &cmd.place);
    let letter = date(&mut errors, "letter_date", &cmd.letter_date);
    let appear = date(&mut errors, "appear_on", &cmd.appear_on);
    let (Some(letter), Some(appear)) = (letter, appear) else {
        return Ok(Outcome::Invalid(errors));
    };
    let today = TimeZone::today_everywhere(db::now());
    // The days off the counts cross: from the letter (or, for the second summons, the first one's
    // day, which may be earlier) to past the day set by the longest notice anyone keeps.
    let from = before
        .iter()
        .map(|s| s.appear_on)
        .fold(letter, NaiveDate::min);
    let until = appear.max(letter) + chrono::Duration::days(120);
    let holidays: HashSet<NaiveDate> = days_off(conn, from, until)?;
    let mut days = |stage| catalogue::stage_deadline(conn, stage).map(|d| d.unwrap_or(7));
    let rules = Rules {
        notice: u32::try_from(days("summons_notice")?).unwrap_or(7),
        interval: u32::try_from(days("summons_interval")?).unwrap_or(7),
        holidays: &holidays,
        today,
    };
    errors.extend(rules::check_dates(&before, letter, appear, &rules));
    if !errors.is_empty() {
        return Ok(Outcome::Invalid(errors));
    }
    let row = SummonsRow {
        id: 0,
        report_id: r.id,
        round,
        letter_number: cmd.letter_number.clone(),
        letter_date: letter,
        appear_on: appear,
        place: cmd.place.clone(),
        outcome: None,
        created_by: who.id,
        created_at: db::now(),
    };
    let why = format!(
        "summons {round}: {} of {letter}, to appear on {appear} at {}",
        cmd.letter_number, cmd.place
    );
    let saved = db::write_tx(conn, |c| {
        examination::insert_summons(c, &row)?;
        let ev = who.event(r.id, AuditAction::SummonsSent, Some(&why), false);
        audit::append(c, key, &ev)?;
        Ok::<_, AppError>(())
    });
    match saved {
        Ok(()) => Ok(Outcome::Done(())),
        // The same round recorded meanwhile by someone else.
        Err(e) if e.is_unique_violation() => {
            Ok(Outcome::Conflict(changes_since(conn, &r, cmd.seen)?))
        }
        Err(e) => Err(e),
    }
}

/// Records whether the ASN appeared for summons `round`.
pub fn attendance(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    round: i32,
    outcome: Option<Attendance>,
    seen: i64,
) -> Result<()> {
    let r = match examined(conn, who, number, seen)? {
        Ok(r) => r,
        Err(changes) => return Ok(Outcome::Conflict(changes)),
    };
    let rows = examination::summonses_of(conn, r.id)?;
    let Some(summons) = on_record(&rows).into_iter().find(|s| s.round == round) else {
        return Err(AppError::NotFound);
    };
    let Some(outcome) = outcome else {
        return Ok(Outcome::Invalid(vec![FieldError::new(
            "summons",
            "case.summons.outcome_required",
        )]));
    };
    let today = TimeZone::today_everywhere(db::now());
    if let Err(key) = rules::attendance_open(&summons, today) {
        return Ok(Outcome::Invalid(vec![FieldError::new("summons", key)]));
    }
    let why = format!("summons {round}: {}", outcome.as_str());
    let done = db::write_tx(conn, |c| {
        if !examination::set_outcome(c, r.id, round, outcome.as_str())? {
            return Ok::<_, AppError>(false);
        }
        let ev = who.event(r.id, AuditAction::SummonsAnswered, Some(&why), false);
        audit::append(c, key, &ev)?;
        Ok(true)
    })?;
    if !done {
        return Ok(Outcome::Conflict(changes_since(conn, &r, seen)?));
    }
    Ok(Outcome::Done(()))
}

/// Records a hearing with its members and BAP.
pub fn hearing(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &NewHearing,
) -> Result<()> {
    let r = match examined(conn, who, number, cmd.seen)? {
        Ok(r) => r,
        Err(changes) => return Ok(Outcome::Conflict(changes)),
    };
    let mut errors = Vec::new();
    let body = HearingBody::parse(cmd.body.trim());
    if body.is_none() {
        errors.push(FieldError::new("body", "form.choose"));
    }
    let held = date(&mut errors, "held_on", &cmd.held_on);
    if held.is_some_and(|d| d > TimeZone::today_everywhere(db::now())) {
        errors.push(FieldError::new("held_on", "date.future"));
    }
    let members: Vec<&str> = cmd
        .members
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if members.is_empty()
        || members.len() > MAX_MEMBERS
        || members.iter().any(|m| m.chars().count() > 200)
    {
        errors.push(FieldError::new("members", "case.hearing.members_required"));
    }
    if !cmd.asn_present {
        let rows = examination::summonses_of(conn, r.id)?;
        if !rules::may_hear_without(&on_record(&rows)) {
            errors.push(FieldError::new(
                "asn_present",
                "case.hearing.absent_too_early",
            ));
        }
    }
    if cmd.bap.is_none() {
        errors.push(FieldError::new("bap", "case.hearing.bap_required"));
    }
    let (Some(body), Some(held), Some(bap), true) = (body, held, &cmd.bap, errors.is_empty())
    else {
        return Ok(Outcome::Invalid(errors));
    };
    let members = members.join("\n");
    db::write_tx(conn, |c| {
        let title = format!("BAP {held}");
        let doc = case_documents::store(c, key, who, r.id, DocumentKind::Bap, &title, bap)?;
        examination::insert_hearing(
            c,
            &HearingRow {
                id: 0,
                report_id: r.id,
                body: body.as_str().to_owned(),
                held_on: held,
                members: members.clone(),
                asn_present: cmd.asn_present,
                bap_document_id: doc,
                created_by: who.id,
                created_at: db::now(),
            },
        )?;
        let presence = if cmd.asn_present { "present" } else { "absent" };
        let why = format!(
            "{} on {held}, ASN {presence}; members: {}",
            body.as_str(),
            members.replace('\n', ", ")
        );
        let ev = who.event(r.id, AuditAction::HearingHeld, Some(&why), false);
        audit::append(c, key, &ev)?;
        Ok::<_, AppError>(())
    })?;
    Ok(Outcome::Done(()))
}
