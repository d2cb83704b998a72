//! Filing a report: one transaction that writes the report, the reported person (found or created
//! by NIP/NIK), the violations, the name keys the case list searches, the evidence with its
//! SHA-256, the audit row and one outbox row per staff recipient. A resubmitted form finds the
//! report it already made instead of making another. The public form runs it through the
//! group-commit writer (`db::group_commit`), which commits several filings at once.

use chrono::Datelike as _;
use serde::{Deserialize, Serialize};

use crate::crypto::{EMAIL_LABEL, IDENTITY_LABEL, Keys, WITNESSES_LABEL};
use crate::db::audit::{self, Actor, Event};
use crate::db::reported_persons::{self, NewReportedPersonRow};
use crate::db::reports::{self, NewReportRow, ReportRow};
use crate::db::{self, DbConnection, case_keys, evidence, outbox};
use crate::domain::area::{name_words, search_key};
use crate::domain::case_state::CaseState;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::evidence::CleanFile;
use crate::domain::ids::ReportId;
use crate::domain::receipt::CaseNumber;
use crate::domain::report::ValidReport;
use crate::domain::workflow::Role;
use crate::error::AppError;

pub struct Filing {
    pub report: ValidReport,
    pub files: Vec<(String, CleanFile)>,
    pub submission_token: String,
    /// The `receipt_views` row the receipt page uses up when it shows this filing's receipt.
    pub receipt_nonce: String,
    pub receipt_hash: String,
    pub reporter_lang: String,
}

pub enum Saved {
    New {
        case_number: String,
        late: bool,
        /// The filing's `receipt_nonce`, written with it.
        nonce: String,
    },
    Duplicate(Box<ReportRow>),
}

#[derive(Serialize, Deserialize)]
struct Identity<'a> {
    name: &'a str,
    phone: Option<&'a str>,
    email: Option<&'a str>,
}

pub fn save(conn: &mut DbConnection, keys: &Keys, f: &Filing) -> Result<Saved, AppError> {
    let result = db::write_tx(conn, |conn| insert(conn, keys, f));
    match result {
        // Two identical submissions raced past the lookup: the loser returns the winner's report.
        Err(e) if e.is_unique_violation() => {
            match reports::find_by_submission_token(conn, &f.submission_token)? {
                Some(existing) => Ok(Saved::Duplicate(Box::new(existing))),
                None => Err(e),
            }
        }
        other => other,
    }
}

fn insert(conn: &mut DbConnection, keys: &Keys, f: &Filing) -> Result<Saved, AppError> {
    let key = keys.audit();
    if let Some(existing) = reports::find_by_submission_token(conn, &f.submission_token)? {
        return Ok(Saved::Duplicate(Box::new(existing)));
    }
    let r = &f.report;
    let now = db::now();
    let agency = db::agencies::find(conn, r.agency_id)?.ok_or(AppError::BadRequest)?;
    let year = (now + chrono::Duration::hours(7)).year();
    let case_number = loop {
        let n = CaseNumber::generate(year);
        if !reports::case_number_taken(conn, n.as_str())? {
            break n;
        }
    };
    let person_id = reported_persons::find_or_create(
        conn,
        &NewReportedPersonRow {
            id_kind: r.asn_id.kind(),
            id_number: r.asn_id.digits(),
            name: &r.asn_name,
            name_search: &search_key(&r.asn_name),
            employee_type: &r.employee_type,
            agency_id: r.agency_id,
            created_at: now,
            updated_at: now,
        },
    )?;
    let identity = r.named.as_ref().map(|n| {
        let plain = serde_json::to_vec(&Identity {
            name: &n.name,
            phone: n.phone.as_deref(),
            email: r.email.as_deref(),
        })
        .unwrap_or_default();
        keys.seal(IDENTITY_LABEL, &plain)
    });
    let email = r
        .email
        .as_ref()
        .map(|e| keys.seal(EMAIL_LABEL, e.as_bytes()));
    let witnesses =
        (!r.witnesses.is_empty()).then(|| keys.seal(WITNESSES_LABEL, r.witnesses.as_bytes()));
    let state = CaseState::Submitted;
    let deadline = match state.deadline_stage() {
        Some(stage) => crate::app::deadlines::stage_deadline(conn, stage, &agency.timezone)?,
        None => None,
    };
    let links = r.links.join("\n");
    let report_id = reports::insert(
        conn,
        &NewReportRow {
            case_number: case_number.as_str(),
            submission_token: &f.submission_token,
            receipt_hash: &f.receipt_hash,
            state,
            version: 1,
            channel: "web",
            agency_id: r.agency_id,
            reported_person_id: person_id,
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
            evidence_links: &links,
            deadline_at: deadline,
            data_blocked: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    reports::insert_reporter(
        conn,
        &reports::ReporterRow {
            report_id,
            anonymous: r.named.is_none(),
            identity,
            email,
            lang: f.reporter_lang.clone(),
            opt_out: false,
            witnesses,
        },
    )?;
    for code in &r.violations {
        reports::add_violation(conn, report_id, code)?;
    }
    // The list finds the case by the words of the name this report gave: never by what another
    // report (perhaps of another agency) called the same NIP.
    case_keys::add(
        conn,
        &case_keys::name_rows(report_id, r.agency_id, now, &name_words(&r.asn_name)),
    )?;
    store_files(conn, report_id, None, &f.files)?;
    audit::append(
        conn,
        key,
        &Event {
            actor: Actor::Reporter,
            report_id: Some(report_id),
            action: AuditAction::ReportSubmitted,
            from_state: None,
            to_state: Some(state),
            reason: None,
            public: true,
        },
    )?;
    for (user_id, lang) in
        outbox::staff_recipients(conn, r.agency_id, &[Role::Inspector, Role::Bkpsdm])?
    {
        outbox::enqueue(
            conn,
            MailKind::NewCase,
            Some(report_id),
            &outbox::Recipient::User {
                id: user_id,
                lang: &lang,
            },
        )?;
    }
    db::receipt_views::insert(conn, &f.receipt_nonce)?;
    Ok(Saved::New {
        case_number: case_number.as_str().to_owned(),
        late: r.late_for_bawaslu,
        nonce: f.receipt_nonce.clone(),
    })
}

/// Stores cleaned evidence files of a report (or of a reporter's message on it).
pub fn store_files(
    conn: &mut DbConnection,
    report_id: ReportId,
    message_id: Option<i64>,
    files: &[(String, CleanFile)],
) -> diesel::QueryResult<()> {
    let now = db::now();
    for (_, file) in files {
        // The name a phone gives a file can carry a capture time, an app or a person's name;
        // what is stored is a neutral name derived from the content.
        let name = format!(
            "bukti-{}.{}",
            file.sha256.get(..12).unwrap_or_default(),
            file.kind.extension()
        );
        let name = &name;
        evidence::insert(
            conn,
            &evidence::NewEvidenceRow {
                report_id,
                message_id,
                source: "reporter",
                filename: name,
                content_type: file.kind.mime(),
                size_bytes: i64::try_from(file.bytes.len()).unwrap_or(i64::MAX),
                sha256: &file.sha256,
                metadata_removed: file.metadata_removed,
                created_at: now,
            },
            &file.bytes,
        )?;
    }
    Ok(())
}
