//! A workflow transition (see `domain::workflow`), guarded by role, agency, state and version,
//! with the data some transitions carry: the recommendation's sanctions, the PPK decree, the
//! agency a misrouted case is forwarded to, the question to the reporter, the Gakkumdu
//! reference, the case a duplicate repeats. One transaction: the state, its data, the audit row,
//! the reporter's content-free notice and, on forwarding, the new agency's alerts.

use super::case_access::{changes_since, visible};
use super::case_documents;
use super::case_fields::{self, Fields};
use super::case_objection;
use super::{Outcome, StaffUser, notify_reporter};
use crate::crypto::ChainKey;
use crate::db::audit::{self, Event};
use crate::db::reports::ReportRow;
use crate::db::{
    self, DbConnection, agencies, catalogue, catalogue_versions, messages, reported_persons,
    reports,
};
use crate::domain::area::TimeZone;
use crate::domain::document::DocumentKind;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::intake::Channel;
use crate::domain::nip::UNKNOWN_KIND;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::{
    self, Action, Classification, RejectGround, allowed_classifications,
};
use crate::error::AppError;
use extra::Extra;

mod extra;

pub struct Transition {
    pub action: Action,
    /// The case version the form was shown at.
    pub version: i64,
    /// The last audit entry the form's page showed.
    pub seen: i64,
    /// Why (cleaned, trimmed): every transition needs one.
    pub reason: String,
    pub fields: Fields,
}

/// Where the case is after it.
#[derive(Debug, PartialEq, Eq)]
pub enum Moved {
    Here,
    /// Forwarded to another agency (its staff were alerted).
    Forwarded,
}

pub fn transition(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    t: &Transition,
) -> Result<Outcome<Moved, Vec<&'static str>>, AppError> {
    let r = visible(conn, who, number)?;
    let f = &t.fields;
    // Only the decree and an objection's decision carry a scan: a file sent with any other step
    // (a forged multipart post) is refused, never kept as a decision document.
    if f.sk_file.is_some()
        && !matches!(
            t.action,
            Action::RecordDecision | Action::ResolveObjection(_)
        )
    {
        return Err(AppError::BadRequest);
    }
    if let Action::Classify(k) = t.action
        && !allowed_classifications(
            catalogue::allowed_classes_of(conn, r.id)?
                .iter()
                .map(String::as_str),
        )
        .contains(&k)
    {
        return Ok(Outcome::Invalid(vec![
            "case.staff.classification_not_allowed",
        ]));
    }
    // What the form lacks, every problem at once, in the form's order.
    let mut problems = Vec::new();
    if t.action == Action::Classify(Classification::Criminal) && f.reference.is_empty() {
        problems.push("case.staff.reference_required");
    }
    let original = match t.action {
        Action::Reject(RejectGround::Duplicate) => {
            let found = duplicated(conn, who, &r, &f.reference)?;
            if found.is_none() {
                problems.push("case.staff.duplicate_required");
            }
            found
        }
        _ => None,
    };
    if t.action == Action::Register
        && reported_persons::find(conn, r.reported_person_id)?
            .is_some_and(|p| p.id_kind == UNKNOWN_KIND)
    {
        problems.push("case.staff.identity_required");
    }
    if t.action == Action::RequestInfo && r.channel != Channel::Web.as_str() {
        problems.push("case.staff.no_reporter_to_ask");
    }
    if t.action == Action::RequestInfo && f.question.is_empty() {
        problems.push("case.staff.question_required");
    }
    let from = r.state;
    let to = match workflow::next(from, &t.action, workflow::Actor::Staff(who.role)) {
        Ok(to) => to,
        Err(workflow::Refusal::WrongRole) => return Err(AppError::Forbidden),
        // Not where this action applies (any more): show what happened since the form.
        Err(_) => return Ok(Outcome::Conflict(changes_since(conn, &r, t.seen)?)),
    };
    // The data some transitions carry, checked before anything is written.
    let agency = agencies::find(conn, r.agency_id)?.ok_or(AppError::NotFound)?;
    let tz = TimeZone::parse(&agency.timezone).unwrap_or(TimeZone::Wib);
    let today = TimeZone::today_everywhere(db::now());
    let extra = match t.action {
        Action::Recommend => match case_fields::recommendation(conn, &r, f, today)? {
            Ok(chosen) => Extra::Sanctions(chosen),
            Err(key) => {
                problems.push(key);
                Extra::None
            }
        },
        Action::RecordDecision => {
            let decree = case_fields::decree(conn, &r, f, today, tz)?;
            if f.sk_file.is_none() {
                problems.push("case.staff.sk_file_required");
            }
            match decree {
                Ok(d) => Extra::Decree(d),
                Err(keys) => {
                    problems.extend(keys);
                    Extra::None
                }
            }
        }
        Action::FileObjection => match case_objection::filing(conn, &r, f, today)? {
            Ok(filing) => Extra::Objection(filing),
            Err(keys) => {
                problems.extend(keys);
                Extra::None
            }
        },
        Action::ResolveObjection(outcome) => {
            if f.sk_file.is_none() {
                problems.push("case.staff.objection_file_required");
            }
            match case_objection::decision(conn, &r, f, outcome, today)? {
                Ok(d) => Extra::ObjectionDecision(d),
                Err(keys) => {
                    problems.extend(keys);
                    Extra::None
                }
            }
        }
        Action::Classify(Classification::NotOurAuthority) => {
            match case_fields::target_agency(conn, &r, f)? {
                Ok(id) => Extra::Forward(id),
                Err(key) => {
                    problems.push(key);
                    Extra::None
                }
            }
        }
        _ => Extra::None,
    };
    if t.reason.is_empty() {
        problems.push("case.staff.reason_required");
    }
    if !problems.is_empty() {
        return Ok(Outcome::Invalid(problems));
    }
    let done = db::write_tx(conn, |c| {
        // A banding gives BPASN its own time, longer than a superior's.
        let stage = match &extra {
            Extra::Objection(o) => Some(o.kind.decision_stage()),
            _ => to.deadline_stage(),
        };
        let deadline = match stage {
            Some(stage) => crate::app::deadlines::stage_deadline(c, stage, &agency.timezone)?,
            None => None,
        };
        let classification = match t.action {
            Action::Classify(k) => Some(k),
            _ => None,
        };
        let closed = workflow::is_closed(to);
        if !reports::apply_transition(
            c,
            r.id,
            t.version,
            from,
            to,
            deadline,
            classification,
            closed,
        )? {
            return Ok::<_, AppError>(false);
        }
        // The case keeps the catalogue text it was classified under.
        if classification.is_some() {
            catalogue_versions::pin_violations(c, r.id)?;
        }
        let mut why = audit_reason(t, original.as_deref());
        why.push_str(&extra.write(c, who, &r, f)?);
        let ev = Event {
            from_state: Some(from),
            to_state: Some(to),
            ..who.event(r.id, AuditAction::StateChanged, Some(&why), true)
        };
        audit::append(c, key, &ev)?;
        if let Some(file) = &f.sk_file {
            let (kind, title) = if t.action == Action::RecordDecision {
                (DocumentKind::Sk, format!("SK {}", f.sk_number))
            } else {
                let title = format!("Keputusan {}", f.sk_number);
                (DocumentKind::Objection, title)
            };
            case_documents::store(c, key, who, r.id, kind, &title, file)?;
        }
        if t.action == Action::RequestInfo {
            let m = messages::NewMessageRow {
                report_id: r.id,
                direction: messages::TO_REPORTER,
                author_user_id: Some(who.id),
                body: &f.question,
                client_token: None,
                created_at: db::now(),
            };
            messages::insert(c, &m)?;
        }
        notify_reporter(c, r.id, MailKind::StateChanged)?;
        crate::app::bkpsdm_alert::queue(c, &r, to, deadline)?;
        Ok(true)
    })?;
    if !done {
        return Ok(Outcome::Conflict(changes_since(conn, &r, t.seen)?));
    }
    Ok(Outcome::Done(match extra {
        Extra::Forward(_) => Moved::Forwarded,
        _ => Moved::Here,
    }))
}

/// The case a duplicate repeats, by its number: it must exist, differ, and be one this staff
/// member may see (the rejection then points at it).
fn duplicated(
    conn: &mut DbConnection,
    who: &StaffUser,
    r: &ReportRow,
    reference: &str,
) -> Result<Option<String>, AppError> {
    let Some(original) = CaseNumber::parse(reference) else {
        return Ok(None);
    };
    if original.as_str() == r.case_number {
        return Ok(None);
    }
    match visible(conn, who, &original) {
        Ok(_) => Ok(Some(original.as_str().to_owned())),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The audit row's reason: the staff member's words, the action's detail, and what it points at.
fn audit_reason(t: &Transition, original: Option<&str>) -> String {
    let mut why = match t.action.detail() {
        Some(d) => format!("[{d}] {}", t.reason),
        None => t.reason.clone(),
    };
    if let Some(o) = original {
        why.push_str(&format!(" (duplicate of {o})"));
    } else if t.action == Action::Classify(Classification::Criminal) {
        why.push_str(&format!(" (Gakkumdu: {})", t.fields.reference));
    }
    why
}
