//! Reading one case for staff: what the case page shows, read in one go: the report, its reporter (sealed unless a
//! permitted role asked to see it), the evidence list, the reported person's other cases, the
//! whole timeline and every message.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::StaffUser;
use super::case_access::may_see;
pub use super::case_catalogue::ViolationView;
use super::refcache::RefData;
use crate::app::case_fields::sanction_type;
use crate::crypto::Keys;
use crate::crypto::{IDENTITY_LABEL, WITNESSES_LABEL};
use crate::db::reported_persons::ReportedPersonRow;
use crate::db::reports::{self, ReportRow, ReporterRow};
use crate::db::sanctions::SanctionRow;
use crate::db::{DbConnection, audit, evidence, messages, person_history, users};
use crate::domain::area::TimeZone;
use crate::domain::ids::{ReportId, UserId};
use crate::domain::nip::employee_type::{TypeMismatch, stored_mismatch};
use crate::domain::receipt::CaseNumber;
use crate::domain::sanction_rules::last_day;
use crate::domain::workflow::{CaseTier, Classification, allowed_classifications};
use crate::error::AppError;

#[derive(serde::Deserialize)]
pub struct Identity {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// One sanction of the case: the catalogue's words, the tier, how long it runs and, once the PPK
/// decided, the decree and the dates the sentence runs between.
#[derive(Debug, Clone)]
pub struct SanctionView {
    pub code: String,
    pub name: String,
    /// The catalogue's legal basis, as the version recommended had it.
    pub legal_basis: String,
    pub tier: CaseTier,
    pub duration_months: Option<i32>,
    pub sk_number: Option<String>,
    pub sk_date: Option<NaiveDate>,
    /// Terhitung mulai tanggal: the day the sentence starts.
    pub start_date: Option<NaiveDate>,
    /// The sentence's last day, from the start date and the duration.
    pub last_day: Option<NaiveDate>,
    /// An objection's decision replaced or annulled it.
    pub superseded: bool,
}

pub struct CaseData {
    pub report: ReportRow,
    pub agency: String,
    pub tz: TimeZone,
    pub person_id_kind: String,
    pub person_id_number: String,
    pub violations: Vec<ViolationView>,
    /// The classifications the case's violations allow (the catalogue's union, see
    /// `workflow::allowed_classifications`).
    pub classes: Vec<Classification>,
    pub anonymous: bool,
    pub has_email: bool,
    /// Opened only for the one view after an audited "show identity".
    pub identity: Option<Identity>,
    pub witnesses: Option<String>,
    pub evidence: Vec<evidence::EvidenceRow>,
    /// The preview link token of each image, by evidence id (`evidence::preview_token`).
    pub previews: HashMap<i64, String>,
    /// The most recent `HISTORY_SHOWN` of them.
    pub other_cases: Vec<(String, String, Vec<String>)>,
    /// How many there are in all, counted up to `COUNT_CAP`.
    pub other_count: i64,
    pub timeline: Vec<(audit::AuditRow, String)>,
    pub messages: Vec<(messages::MessageRow, String)>,
    /// Catalogue sanctions that fit the case (for the recommendation form).
    pub sanction_options: Vec<(String, String)>,
    /// The case's sanctions, with the decree once recorded.
    pub sanctions: Vec<SanctionView>,
    /// The local date the sanctions were recommended on (a decree before it gets a warning).
    pub recommended_on: Option<NaiveDate>,
    /// The identity number disagrees with the recorded employee type (staff should correct it).
    pub type_mismatch: Option<TypeMismatch>,
    pub agency_names: Vec<String>,
    /// Cases about the same person held by other agencies: a count only (up to `COUNT_CAP`).
    pub cases_elsewhere: i64,
    /// Who can be assigned: the agency's active inspectors and BKPSDM staff.
    pub handlers: Vec<(UserId, String)>,
    /// The process records: referral letter, documents (`case_process`).
    pub process: super::case_process::Process,
}

impl CaseData {
    /// Nobody knew the reported person's NIP/NIK when the report came in: staff must record it
    /// before the case is registered.
    pub fn identity_unknown(&self) -> bool {
        self.person_id_kind == crate::domain::nip::UNKNOWN_KIND
    }
}

/// The case as the staff member may see it (404 outside their scope); the reporter's identity
/// opened only when `reveal` (the one view after an audited request).
pub fn read(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
    keys: &Keys,
    refs: &RefData,
    grant: Option<&str>,
    english: bool,
) -> Result<CaseData, AppError> {
    let (r, person, reporter) = reports::with_person_and_reporter(conn, number.as_str())?
        .filter(|(r, _, _)| may_see(who, r))
        .ok_or(AppError::NotFound)?;
    // A grant is used up by the view it allows: the same token never opens the identity again.
    let reveal = match grant {
        Some(token) => crate::db::identity_grants::take(conn, token, r.id, who.id)?,
        None => false,
    };
    let mut data = load(
        conn,
        keys,
        refs,
        Case {
            report: r,
            person,
            reporter,
        },
        reveal,
        english,
        who.sees_all_agencies(),
    )?;
    let known = super::case_process::Known {
        objected: data
            .timeline
            .iter()
            .any(|(a, _)| a.to_state == Some(crate::domain::case_state::CaseState::Objection)),
        decree_date: data
            .sanctions
            .iter()
            .filter(|s| !s.superseded)
            .filter_map(|s| s.sk_date)
            .max(),
    };
    data.process = super::case_process::read(conn, &data.report, &known)?;
    data.previews = data
        .evidence
        .iter()
        .filter(|e| e.content_type.starts_with("image/"))
        .map(|e| (e.id, super::evidence::preview_token(keys, who, e.id)))
        .collect();
    Ok(data)
}

/// The case as read in one query: the report, its person and its reporter.
struct Case {
    report: ReportRow,
    person: ReportedPersonRow,
    reporter: Option<ReporterRow>,
}

fn load(
    conn: &mut DbConnection,
    keys: &Keys,
    refs: &RefData,
    case: Case,
    reveal: bool,
    english: bool,
    all_agencies: bool,
) -> Result<CaseData, AppError> {
    let Case {
        report,
        person,
        reporter,
    } = case;
    let agency = refs.agency_or_read(conn, report.agency_id)?;
    let tz = agency
        .as_ref()
        .and_then(|(_, zone)| TimeZone::parse(zone))
        .unwrap_or(TimeZone::Wib);
    let violations = super::case_catalogue::violations(conn, refs, &report, english)?;
    let classes = allowed_classifications(
        refs.violations
            .iter()
            .filter(|v| violations.iter().any(|c| c.code == v.code))
            .map(|v| v.allowed_classes.as_str()),
    );
    let open = |label: &str, sealed: &Option<Vec<u8>>| -> Option<Vec<u8>> {
        sealed.as_ref().and_then(|s| keys.open(label, s).ok())
    };
    let identity = reporter
        .as_ref()
        .filter(|_| reveal)
        .and_then(|r| open(IDENTITY_LABEL, &r.identity))
        .and_then(|plain| serde_json::from_slice(&plain).ok());
    let witnesses = reporter
        .as_ref()
        .filter(|_| reveal)
        .and_then(|r| open(WITNESSES_LABEL, &r.witnesses))
        .map(|w| String::from_utf8_lossy(&w).into_owned());
    let scope = (!all_agencies).then_some(report.agency_id);
    let person_id = report.reported_person_id;
    let history = person_history::for_person(conn, person_id, report.id, scope)?;
    let other_count = if (history.len() as i64) < person_history::HISTORY_SHOWN {
        history.len() as i64
    } else {
        person_history::count_for_person(conn, person_id, report.id, scope)?
    };
    // The case's sanctions and those of the person's other cases listed, in one query.
    let ids: Vec<ReportId> = std::iter::once(report.id)
        .chain(history.iter().map(|h| h.0))
        .collect();
    let (own_sanctions, listed_sanctions): (Vec<SanctionRow>, Vec<SanctionRow>) =
        crate::db::sanctions::for_reports(conn, &ids)?
            .into_iter()
            .partition(|s| s.report_id == report.id);
    let other_cases = history
        .into_iter()
        .map(|(id, number, state)| {
            let codes = listed_sanctions
                .iter()
                .filter(|s| s.report_id == id && s.superseded_at.is_none())
                .map(|s| s.sanction_code.clone())
                .collect();
            (number, state, codes)
        })
        .collect();
    let cases_elsewhere = match scope {
        Some(a) => person_history::count_elsewhere(conn, person_id, a)?,
        None => 0,
    };
    let catalogue_entries = &refs.sanctions;
    let today = TimeZone::today_everywhere(crate::db::now());
    let type_mismatch = stored_mismatch(
        &person.id_kind,
        &person.id_number,
        &report.employee_type,
        today,
    );
    let sanction_options = crate::app::case_fields::options(
        catalogue_entries,
        &report,
        sanction_type(&report, type_mismatch),
        english,
    );
    let recommended_on = crate::app::case_fields::recommended_on(&own_sanctions, tz);
    let mut names = super::case_catalogue::sanction_names(conn, refs, &own_sanctions, english)?;
    let sanctions = own_sanctions
        .into_iter()
        .map(|s| {
            let (name, legal_basis) = names.remove(&s.id).unwrap_or_default();
            let last_day = s
                .start_date
                .zip(s.duration_months)
                .and_then(|(d, m)| last_day(d, m));
            SanctionView {
                code: s.sanction_code,
                name,
                legal_basis,
                tier: s.tier,
                duration_months: s.duration_months,
                sk_number: s.sk_number,
                sk_date: s.sk_date,
                start_date: s.start_date,
                last_day,
                superseded: s.superseded_at.is_some(),
            }
        })
        .collect();
    let agency_names = refs.agencies.iter().map(|a| a.name.clone()).collect();
    let timeline_rows = audit::for_report(conn, report.id)?;
    let message_rows = messages::all_for_report(conn, report.id)?;
    let user_ids: Vec<UserId> = timeline_rows
        .iter()
        .filter_map(|a| a.actor_user_id)
        .chain(message_rows.iter().filter_map(|m| m.author_user_id))
        .collect();
    let (names, handlers) = users::names_and_handlers(conn, &user_ids, report.agency_id)?;
    let who: HashMap<UserId, String> = names.into_iter().collect();
    let name_of = |id: Option<UserId>, kind: &str| {
        id.and_then(|i| who.get(&i).cloned())
            .unwrap_or_else(|| kind.to_owned())
    };
    Ok(CaseData {
        agency: agency.map(|(name, _)| name).unwrap_or_default(),
        tz,
        person_id_kind: person.id_kind,
        person_id_number: person.id_number,
        violations,
        classes,
        anonymous: reporter.as_ref().is_none_or(|r| r.anonymous),
        has_email: reporter.as_ref().is_some_and(|r| r.email.is_some()),
        identity,
        witnesses,
        evidence: evidence::for_report(conn, report.id)?,
        previews: HashMap::new(),
        process: Default::default(),
        other_cases,
        other_count,
        timeline: timeline_rows
            .into_iter()
            .map(|a| {
                let n = name_of(a.actor_user_id, &a.actor_kind);
                (a, n)
            })
            .collect(),
        messages: message_rows
            .into_iter()
            .map(|m| {
                let n = name_of(m.author_user_id, "reporter");
                (m, n)
            })
            .collect(),
        sanction_options,
        sanctions,
        recommended_on,
        type_mismatch,
        agency_names,
        cases_elsewhere,
        handlers,
        report,
    })
}
