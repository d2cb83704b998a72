//! Correcting the reported person on a case (issue 11, defect 5): the identity number, name,
//! employee type, work unit and position, and before registration the agency. The case is
//! re-linked to the person its corrected number names (the person history follows), its name
//! keys rebuilt, and one audit row says what changed from what, with the reason. One transaction;
//! a case moved to another agency loses its handler and that agency's staff are alerted.

use super::case_access::{changes_since, visible};
use super::case_transition::Moved;
use super::{Outcome, StaffUser};
use crate::crypto::ChainKey;
use crate::db::reported_persons::{self, NewReportedPersonRow};
use crate::db::reports::{PersonFields, ReportRow};
use crate::db::{self, DbConnection, agencies, agency_aliases, audit, case_keys, outbox, reports};
use crate::domain::area::search_key;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::AgencyId;
use crate::domain::nip::{AsnId, UNKNOWN_KIND};
use crate::domain::receipt::CaseNumber;
use crate::domain::report::EMPLOYEE_TYPES;
use crate::domain::workflow::{self, Role};
use crate::error::AppError;

/// The corrected details, cleaned and trimmed; the number already parsed by the domain's rules
/// (the adapter words its problem, which names the digits typed).
pub struct Correction {
    /// None: the number typed breaks a rule. Nothing is written, and the other fields are still
    /// checked so that every problem shows at once (the list may then be empty). Some(None): left
    /// blank, which only a person whose identity is still to be established may be.
    pub asn_id: Option<Option<AsnId>>,
    pub name: String,
    pub employee_type: String,
    pub unit: String,
    pub position: String,
    /// The agency's name as typed; empty or the case's own: unchanged.
    pub agency: String,
    pub reason: String,
    /// The case version the form was shown at.
    pub version: i64,
    /// The last audit entry the form's page showed.
    pub seen: i64,
}

const MAX_TEXT: usize = 200;

pub fn correct(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    number: &CaseNumber,
    cmd: &Correction,
) -> Result<Outcome<Moved, Vec<&'static str>>, AppError> {
    let r = visible(conn, who, number)?;
    if who.role == Role::Admin {
        return Err(AppError::Forbidden);
    }
    if workflow::is_closed(r.state) {
        return Ok(Outcome::Conflict(changes_since(conn, &r, cmd.seen)?));
    }
    let (target, mut problems) = check(conn, &r, cmd)?;
    let Some(typed) = &cmd.asn_id else {
        return Ok(Outcome::Invalid(problems));
    };
    let person = reported_persons::find(conn, r.reported_person_id)?.ok_or(AppError::NotFound)?;
    let asn_id = typed.as_ref();
    if asn_id.is_none() && person.id_kind != UNKNOWN_KIND {
        problems.push("case.staff.person_id_required");
        return Ok(Outcome::Invalid(problems));
    }
    let number_changed = asn_id.is_some_and(|id| {
        (person.id_kind.as_str(), person.id_number.as_str()) != (id.kind(), id.digits())
    });
    let mut changes = describe(&r, &person, cmd, asn_id);
    if target != r.agency_id {
        let name = |c: &mut DbConnection, id| {
            agencies::find(c, id).map(|a| a.map(|a| a.name).unwrap_or_default())
        };
        changes.push(format!(
            "agency: {} → {}",
            name(conn, r.agency_id)?,
            name(conn, target)?
        ));
    }
    if problems.is_empty() && changes.is_empty() {
        problems.push("case.staff.person_unchanged");
    }
    if !problems.is_empty() {
        return Ok(Outcome::Invalid(problems));
    }
    let moved = target != r.agency_id;
    let done = db::write_tx(conn, |c| {
        let person_id = match asn_id {
            Some(id) if number_changed => person_for(c, cmd, id, target)?,
            _ => r.reported_person_id,
        };
        let fields = PersonFields {
            reported_person_id: person_id,
            reported_name: &cmd.name,
            employee_type: &cmd.employee_type,
            reported_unit: &cmd.unit,
            reported_position: &cmd.position,
            agency_id: target,
        };
        if !reports::correct_person(c, r.id, cmd.version, &fields, moved)? {
            return Ok::<_, AppError>(false);
        }
        if cmd.name != r.reported_name {
            case_keys::rekey(c, &[(r.id, target, r.created_at, cmd.name.clone())])?;
        }
        let why = format!("{} ({})", cmd.reason, changes.join("; "));
        let ev = who.event(r.id, AuditAction::PersonCorrected, Some(&why), false);
        audit::append(c, key, &ev)?;
        if moved {
            for (id, lang) in outbox::staff_recipients(c, target, &[Role::Inspector, Role::Bkpsdm])?
            {
                let to = outbox::Recipient::User { id, lang: &lang };
                outbox::enqueue(c, MailKind::NewCase, Some(r.id), &to)?;
            }
        }
        Ok(true)
    })?;
    if !done {
        return Ok(Outcome::Conflict(changes_since(conn, &r, cmd.seen)?));
    }
    Ok(Outcome::Done(if moved {
        Moved::Forwarded
    } else {
        Moved::Here
    }))
}

/// Every problem of the form at once, and the agency the case will belong to.
fn check(
    conn: &mut DbConnection,
    r: &ReportRow,
    cmd: &Correction,
) -> Result<(AgencyId, Vec<&'static str>), AppError> {
    let mut problems = Vec::new();
    if cmd.name.is_empty() || cmd.name.chars().count() > MAX_TEXT {
        problems.push("case.staff.person_name_required");
    }
    if !EMPLOYEE_TYPES.contains(&cmd.employee_type.as_str()) {
        problems.push("case.staff.person_type_required");
    }
    if cmd.unit.chars().count() > MAX_TEXT || cmd.position.chars().count() > MAX_TEXT {
        problems.push("case.staff.person_text_too_long");
    }
    let mut target = r.agency_id;
    if !cmd.agency.is_empty() {
        match agency_aliases::find_by_name(conn, &cmd.agency)? {
            None => problems.push("case.staff.agency_unknown"),
            Some(a) if a.id == r.agency_id => {}
            Some(_) if !workflow::agency_correctable(r.state) => {
                problems.push("case.staff.person_agency_registered");
            }
            Some(a) => target = a.id,
        }
    }
    if cmd.reason.is_empty() {
        problems.push("case.staff.reason_required");
    }
    Ok((target, problems))
}

/// What the correction changes besides the agency, as "field: before → after" (the audit row's
/// words; empty when nothing changes).
fn describe(
    r: &ReportRow,
    person: &reported_persons::ReportedPersonRow,
    cmd: &Correction,
    asn_id: Option<&AsnId>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = |name: &str, before: &str, after: &str| {
        if before != after {
            out.push(format!("{name}: {before} → {after}"));
        }
    };
    if let Some(id) = asn_id {
        let before = if person.id_kind == UNKNOWN_KIND {
            UNKNOWN_KIND.to_owned()
        } else {
            format!("{} {}", person.id_kind, person.id_number)
        };
        field("id", &before, &format!("{} {}", id.kind(), id.digits()));
    }
    field("name", &r.reported_name, &cmd.name);
    field("employee_type", &r.employee_type, &cmd.employee_type);
    field("unit", &r.reported_unit, &cmd.unit);
    field("position", &r.reported_position, &cmd.position);
    out
}

/// The person the corrected number names: the one already on record, or a new one.
fn person_for(
    c: &mut DbConnection,
    cmd: &Correction,
    asn_id: &AsnId,
    agency: AgencyId,
) -> Result<i64, AppError> {
    let (kind, digits) = (asn_id.kind(), asn_id.digits());
    if let Some(id) = reported_persons::id_of(c, kind, digits)? {
        return Ok(id);
    }
    let now = db::now();
    let search = search_key(&cmd.name);
    let row = NewReportedPersonRow {
        id_kind: kind,
        id_number: digits,
        name: &cmd.name,
        name_search: &search,
        employee_type: &cmd.employee_type,
        agency_id: agency,
        created_at: now,
        updated_at: now,
    };
    reported_persons::insert_many(c, &[row])?
        .into_iter()
        .next()
        .map(|(id, _, _)| id)
        .ok_or(AppError::NotFound)
}
