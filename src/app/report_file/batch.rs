//! Filing a batch of reports with one statement per table, not per report: what the
//! group-commit writer runs for every filing waiting at that moment. On PostgreSQL each statement
//! is a round trip the one writer waits for (24 a filing before, 300 filings a second with the
//! machine half idle); here a batch of 64 costs about as many as one filing did.
//!
//! What a filing writes is exactly what it wrote alone: the report, its reporter, violations,
//! name keys, files, audit row (chained in the batch's order), staff alerts and receipt row.
//! Anything a filing could fail on alone (an unknown agency, a submission token twice in one
//! batch) fails the batch instead, and the writer then files each report in its own savepoint
//! through this same function with a batch of one: a failure stays with its filing.

use std::collections::{HashMap, HashSet};

use chrono::Datelike as _;

use super::Filing;
use super::{EMAIL_LABEL, IDENTITY_LABEL, Identity, Saved, WITNESSES_LABEL, store_files};
use crate::app::deadlines::StageClock;
use crate::crypto::Keys;
use crate::db::audit::{self, Actor, Event};
use crate::db::outbox::{self, Queued, Recipient};
use crate::db::referrals::{self, ReferralRow};
use crate::db::reported_persons::{self, NewReportedPersonRow};
use crate::db::reports::{self, NewReportRow, NewViolationRow, ReportRow, ReporterRow};
use crate::db::{self, DbConnection, agencies, case_keys, receipt_views};
use crate::domain::area::{name_words, search_key};
use crate::domain::case_state::CaseState;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::{AgencyId, ReportId};
use crate::domain::intake::Channel;
use crate::domain::nip::UNKNOWN_KIND;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::Role;
use crate::error::AppError;

/// Files every report of `filings` (inside the caller's write transaction); one answer each, in
/// order. A form sent again answers the report its token made before.
pub fn save_all(
    conn: &mut DbConnection,
    keys: &Keys,
    filings: &[Filing],
) -> Result<Vec<Saved>, AppError> {
    let tokens: Vec<&str> = filings
        .iter()
        .map(|f| f.submission_token.as_str())
        .collect();
    if tokens.iter().collect::<HashSet<_>>().len() < tokens.len() {
        // A form sent twice at once: filed one at a time, the second finds the first's report.
        return Err(AppError::Unexpected(anyhow::anyhow!(
            "a submission token twice in one batch"
        )));
    }
    let mut before: HashMap<String, ReportRow> = reports::by_submission_tokens(conn, &tokens)?
        .into_iter()
        .map(|r| (r.submission_token.clone(), r))
        .collect();
    let new: Vec<&Filing> = filings
        .iter()
        .filter(|f| !before.contains_key(&f.submission_token))
        .collect();
    let ids = if new.is_empty() {
        HashMap::new()
    } else {
        insert(conn, keys, &new)?
    };
    filings
        .iter()
        .map(|f| match before.remove(&f.submission_token) {
            Some(row) => Ok(Saved::Duplicate(Box::new(row))),
            None => ids
                .get(&f.submission_token)
                .map(|(_, number)| Saved::New {
                    case_number: number.clone(),
                    late: f.report.late_for_bawaslu,
                    nonce: f.receipt_nonce.clone(),
                })
                .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("a filing got no id"))),
        })
        .collect()
}

/// Writes the new filings; (report id, case number) by submission token.
fn insert(
    conn: &mut DbConnection,
    keys: &Keys,
    new: &[&Filing],
) -> Result<HashMap<String, (ReportId, String)>, AppError> {
    let now = db::now();
    let agency_ids: Vec<AgencyId> = distinct(new.iter().map(|f| f.report.agency_id));
    let zones: HashMap<AgencyId, String> = agencies::timezones(conn, &agency_ids)?
        .into_iter()
        .collect();
    if zones.len() < agency_ids.len() {
        return Err(AppError::BadRequest);
    }
    let state = CaseState::Submitted;
    let clock = match state.deadline_stage() {
        Some(stage) => StageClock::read(conn, stage)?,
        None => None,
    };
    let numbers = case_numbers(conn, (now + chrono::Duration::hours(7)).year(), new.len())?;
    // A person nobody could identify gets a record of their own, numbered with the case's.
    let idents: Vec<(&str, &str)> = new
        .iter()
        .zip(&numbers)
        .map(|(f, number)| match &f.report.asn_id {
            Some(id) => (id.kind(), id.digits()),
            None => (UNKNOWN_KIND, number.as_str()),
        })
        .collect();
    let persons = persons(conn, new, &idents, now)?;
    let links: Vec<String> = new.iter().map(|f| f.report.links.join("\n")).collect();
    let mut rows = Vec::with_capacity(new.len());
    for (((f, number), links), ident) in new.iter().zip(&numbers).zip(&links).zip(&idents) {
        let r = &f.report;
        let person = persons
            .get(ident)
            .copied()
            .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("a person was not filed")))?;
        rows.push(NewReportRow {
            case_number: number.as_str(),
            submission_token: &f.submission_token,
            receipt_hash: &f.receipt_hash,
            state,
            version: 1,
            channel: f
                .opened
                .as_ref()
                .map_or(Channel::Web, |o| o.letter.channel)
                .as_str(),
            agency_id: r.agency_id,
            reported_person_id: person,
            reported_name: &r.asn_name,
            employee_type: &r.employee_type,
            reported_unit: &r.unit,
            reported_position: &r.position,
            election_type: &r.election_type,
            election_stage: &r.election_stage,
            incident_date: r.incident_date,
            known_date: r.known_date,
            late_for_bawaslu: r.late_for_bawaslu,
            province_code: &r.province,
            regency_code: r.regency.as_deref(),
            place: &r.place,
            description: &r.description,
            evidence_links: links,
            deadline_at: clock
                .as_ref()
                .map(|c| c.deadline(zones.get(&r.agency_id).map_or("", String::as_str))),
            data_blocked: false,
            created_at: now,
            updated_at: now,
        });
    }
    let ids: HashMap<String, ReportId> = reports::insert_many(conn, &rows)?
        .into_iter()
        .map(|(id, token)| (token, id))
        .collect();
    let id_of = |f: &Filing| {
        ids.get(&f.submission_token)
            .copied()
            .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("a report got no id")))
    };
    let mut reporters = Vec::with_capacity(new.len());
    let mut violations = Vec::new();
    let mut name_keys = Vec::new();
    let letters: Vec<Option<String>> = new
        .iter()
        .map(|f| f.opened.as_ref().map(|o| o.letter.describe()))
        .collect();
    let mut events = Vec::with_capacity(new.len());
    for (f, letter) in new.iter().zip(&letters) {
        let (id, r) = (id_of(f)?, &f.report);
        match &f.opened {
            None => reporters.push(reporter(keys, f, id)),
            Some(o) => referrals::insert(
                conn,
                &ReferralRow {
                    report_id: id,
                    letter_number: o.letter.number.clone(),
                    letter_date: o.letter.date,
                    sender: o.letter.sender.clone(),
                    opened_by: o.by,
                },
            )?,
        }
        violations.extend(r.violations.iter().map(|code| NewViolationRow {
            report_id: id,
            code,
        }));
        // The list finds the case by the words of the name this report gave: never by what
        // another report (perhaps of another agency) called the same NIP.
        name_keys.extend(case_keys::name_rows(
            id,
            r.agency_id,
            now,
            &name_words(&r.asn_name),
        ));
        store_files(conn, id, None, &f.files)?;
        events.push(match &f.opened {
            None => Event {
                actor: Actor::Reporter,
                report_id: Some(id),
                action: AuditAction::ReportSubmitted,
                from_state: None,
                to_state: Some(state),
                reason: None,
                public: true,
            },
            Some(o) => Event {
                actor: Actor::Staff(o.by),
                report_id: Some(id),
                action: AuditAction::CaseOpened,
                from_state: None,
                to_state: Some(state),
                reason: letter.as_deref(),
                public: false,
            },
        });
    }
    reports::insert_reporters(conn, &reporters)?;
    reports::add_violations(conn, &violations)?;
    case_keys::add(conn, &name_keys)?;
    audit::append_all(conn, keys.audit(), &events)?;
    let staff = outbox::staff_recipients_in(conn, &agency_ids, &[Role::Inspector, Role::Bkpsdm])?;
    let mut alerts = Vec::new();
    for f in new {
        let id = id_of(f)?;
        alerts.extend(
            staff
                .iter()
                .filter(|(agency, user, _)| {
                    // Whoever opened the case knows of it.
                    *agency == f.report.agency_id && f.opened.as_ref().is_none_or(|o| o.by != *user)
                })
                .map(|(_, user, lang)| Queued {
                    kind: MailKind::NewCase,
                    report_id: Some(id),
                    to: Recipient::User { id: *user, lang },
                }),
        );
    }
    outbox::enqueue_many(conn, &alerts)?;
    let nonces: Vec<&str> = new
        .iter()
        .filter(|f| f.opened.is_none())
        .map(|f| f.receipt_nonce.as_str())
        .collect();
    receipt_views::insert_many(conn, &nonces)?;
    new.iter()
        .zip(numbers)
        .map(|(f, n)| {
            Ok((
                f.submission_token.clone(),
                (id_of(f)?, n.as_str().to_owned()),
            ))
        })
        .collect()
}

/// `n` case numbers of `year` that no case has (nor another of these).
fn case_numbers(conn: &mut DbConnection, year: i32, n: usize) -> Result<Vec<CaseNumber>, AppError> {
    let mut numbers: Vec<CaseNumber> = Vec::with_capacity(n);
    while numbers.len() < n {
        let mut fresh: Vec<CaseNumber> = Vec::new();
        while numbers.len() + fresh.len() < n {
            let c = CaseNumber::generate(year);
            if !numbers.contains(&c) && !fresh.contains(&c) {
                fresh.push(c);
            }
        }
        let asked: Vec<&str> = fresh.iter().map(CaseNumber::as_str).collect();
        let taken: HashSet<String> = reports::numbers_taken(conn, &asked)?.into_iter().collect();
        numbers.extend(fresh.into_iter().filter(|c| !taken.contains(c.as_str())));
    }
    Ok(numbers)
}

/// The person each filing is about, by (kind, number): found, or created from the first filing
/// that names them. An existing person keeps their record; each report keeps what its reporter
/// wrote (name, unit, position).
fn persons<'a>(
    conn: &mut DbConnection,
    new: &[&'a Filing],
    idents: &[(&'a str, &'a str)],
    now: chrono::NaiveDateTime,
) -> Result<HashMap<(&'a str, &'a str), i64>, AppError> {
    let wanted: Vec<(&str, &str)> = distinct(idents.iter().copied());
    let mut found: HashMap<(&str, &str), i64> = HashMap::new();
    for p in reported_persons::by_identifiers(conn, &wanted)? {
        if let Some(w) = wanted
            .iter()
            .find(|(k, n)| *k == p.id_kind && *n == p.id_number)
        {
            found.insert(*w, p.id);
        }
    }
    let searches: Vec<String> = new.iter().map(|f| search_key(&f.report.asn_name)).collect();
    let mut missing: Vec<NewReportedPersonRow<'_>> = Vec::new();
    for ((f, search), &id) in new.iter().zip(&searches).zip(idents) {
        let r = &f.report;
        if found.contains_key(&id) || missing.iter().any(|m| (m.id_kind, m.id_number) == id) {
            continue;
        }
        missing.push(NewReportedPersonRow {
            id_kind: id.0,
            id_number: id.1,
            name: &r.asn_name,
            name_search: search,
            employee_type: &r.employee_type,
            agency_id: r.agency_id,
            created_at: now,
            updated_at: now,
        });
    }
    if !missing.is_empty() {
        for (id, kind, number) in reported_persons::insert_many(conn, &missing)? {
            if let Some(w) = wanted.iter().find(|(k, n)| *k == kind && *n == number) {
                found.insert(*w, id);
            }
        }
    }
    Ok(found)
}

/// The reporter row: identity, contact and witnesses sealed (see `crypto`).
fn reporter(keys: &Keys, f: &Filing, report_id: ReportId) -> ReporterRow {
    let r = &f.report;
    let identity = r.named.as_ref().map(|n| {
        let plain = serde_json::to_vec(&Identity {
            name: &n.name,
            phone: n.phone.as_deref(),
            email: r.email.as_deref(),
        })
        .unwrap_or_default();
        keys.seal(IDENTITY_LABEL, &plain)
    });
    ReporterRow {
        report_id,
        anonymous: r.named.is_none(),
        identity,
        email: r
            .email
            .as_ref()
            .map(|e| keys.seal(EMAIL_LABEL, e.as_bytes())),
        lang: f.reporter_lang.clone(),
        opt_out: false,
        witnesses: (!r.witnesses.is_empty())
            .then(|| keys.seal(WITNESSES_LABEL, r.witnesses.as_bytes())),
    }
}

/// The values in their first order, each once.
fn distinct<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
