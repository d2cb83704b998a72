//! An admin edits the violation and sanction catalogues (issue 11, defect 7): each edit is the
//! row's next version, its text kept in `catalogue_versions` (cases keep the version they were
//! decided under), and one audit row names the row, the versions and every change. One
//! transaction; a form shown before someone else's edit is refused, not applied over it.

use super::Outcome;
use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::catalogue::{self, SanctionEdit, SanctionRow, ViolationEdit, ViolationRow};
use crate::db::{self, DbConnection, catalogue_versions};
use crate::domain::event::AuditAction;
use crate::domain::ids::UserId;
use crate::error::AppError;

/// The classes a violation may allow, and the default tiers it may suggest (DOMAIN §1.2: a
/// neutrality breach is never ringan; "ptdh" and "pidana" are hints beyond PP 94's tiers).
pub const CLASSES: [&str; 3] = ["ethics", "discipline", "criminal"];
pub const DEFAULT_TIERS: [&str; 6] = ["", "moral", "sedang", "berat", "ptdh", "pidana"];

const MAX_NAME: usize = 500;
const MAX_NOTES: usize = 2000;

fn long(s: &str, max: usize) -> bool {
    s.chars().count() > max
}

fn text_problems(name_id: &str, name_en: &str, basis: &str, reason: &str) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if name_id.is_empty()
        || name_en.is_empty()
        || long(name_id, MAX_NAME)
        || long(name_en, MAX_NAME)
    {
        problems.push("admin.catalogue.names_required");
    }
    if basis.is_empty() || long(basis, MAX_NAME) {
        problems.push("admin.catalogue.basis_required");
    }
    if reason.is_empty() {
        problems.push("admin.catalogue.reason_required");
    }
    problems
}

/// "field: before → after" for each field that changes.
fn changes(fields: &[(&str, String, String)]) -> Vec<String> {
    fields
        .iter()
        .filter(|(_, a, b)| a != b)
        .map(|(f, a, b)| format!("{f}: {a} → {b}"))
        .collect()
}

pub fn edit_violation(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    code: &str,
    version: i32,
    edit: &ViolationEdit,
    reason: &str,
) -> Result<Outcome<(), Vec<&'static str>>, AppError> {
    let mut problems = text_problems(&edit.name_id, &edit.name_en, &edit.legal_basis, reason);
    if long(&edit.notes_id, MAX_NOTES) || long(&edit.notes_en, MAX_NOTES) {
        problems.push("admin.catalogue.notes_too_long");
    }
    let classes: Vec<&str> = edit.allowed_classes.split('|').collect();
    if edit.allowed_classes.is_empty() || classes.iter().any(|c| !CLASSES.contains(c)) {
        problems.push("admin.catalogue.classes_required");
    } else if !classes.contains(&edit.default_class.as_str()) {
        problems.push("admin.catalogue.default_class_allowed");
    }
    if !DEFAULT_TIERS.contains(&edit.default_tier.as_str()) {
        problems.push("admin.catalogue.tier_invalid");
    }
    let row = catalogue::violation(conn, code)?.ok_or(AppError::NotFound)?;
    let what = violation_changes(&row, edit);
    let target = ("violation", code, version);
    write(conn, key, by, target, problems, &what, reason, |c| {
        catalogue::update_violation(c, code, version, edit)
    })
}

pub fn edit_sanction(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    code: &str,
    version: i32,
    edit: &SanctionEdit,
    reason: &str,
) -> Result<Outcome<(), Vec<&'static str>>, AppError> {
    let mut problems = text_problems(&edit.name_id, &edit.name_en, &edit.legal_basis, reason);
    if edit
        .duration_months
        .is_some_and(|m| !(1..=120).contains(&m))
    {
        problems.push("admin.catalogue.duration_invalid");
    }
    let row = catalogue::sanction(conn, code)?.ok_or(AppError::NotFound)?;
    let what = sanction_changes(&row, edit);
    let target = ("sanction", code, version);
    write(conn, key, by, target, problems, &what, reason, |c| {
        catalogue::update_sanction(c, code, version, edit)
    })
}

/// Every problem of the form (an edit that changes nothing is one), or the new version, its text
/// kept and the audit row, in one transaction; a stale form changes nothing.
#[expect(
    clippy::too_many_arguments,
    reason = "the two edits' shared tail; a struct would only rename them"
)]
fn write(
    conn: &mut DbConnection,
    key: &ChainKey,
    by: UserId,
    (kind, code, version): (&str, &str, i32),
    mut problems: Vec<&'static str>,
    what: &[String],
    reason: &str,
    update: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<bool>,
) -> Result<Outcome<(), Vec<&'static str>>, AppError> {
    if problems.is_empty() && what.is_empty() {
        problems.push("admin.catalogue.unchanged");
    }
    if !problems.is_empty() {
        return Ok(Outcome::Invalid(problems));
    }
    db::write_tx(conn, |c| {
        if !update(c)? {
            return Ok(Outcome::Invalid(vec!["admin.catalogue.stale"]));
        }
        catalogue_versions::snapshot_missing(c)?;
        let why = format!(
            "{kind} {code} v{version} → v{}: {reason} ({})",
            version + 1,
            what.join("; ")
        );
        let ev = Event::outside_cases(Actor::Staff(by), AuditAction::CatalogueEdited, Some(&why));
        audit::append(c, key, &ev)?;
        Ok(Outcome::Done(()))
    })
}

fn violation_changes(row: &ViolationRow, e: &ViolationEdit) -> Vec<String> {
    changes(&[
        ("name_id", row.name_id.clone(), e.name_id.clone()),
        ("name_en", row.name_en.clone(), e.name_en.clone()),
        (
            "legal_basis",
            row.legal_basis.clone(),
            e.legal_basis.clone(),
        ),
        ("notes_id", row.notes_id.clone(), e.notes_id.clone()),
        ("notes_en", row.notes_en.clone(), e.notes_en.clone()),
        (
            "allowed_classes",
            row.allowed_classes.clone(),
            e.allowed_classes.clone(),
        ),
        (
            "default_class",
            row.default_class.clone(),
            e.default_class.clone(),
        ),
        (
            "default_tier",
            row.default_tier.clone(),
            e.default_tier.clone(),
        ),
        ("active", row.active.to_string(), e.active.to_string()),
    ])
}

fn sanction_changes(row: &SanctionRow, e: &SanctionEdit) -> Vec<String> {
    let months = |m: Option<i32>| m.map(|m| m.to_string()).unwrap_or_default();
    changes(&[
        ("name_id", row.name_id.clone(), e.name_id.clone()),
        ("name_en", row.name_en.clone(), e.name_en.clone()),
        (
            "legal_basis",
            row.legal_basis.clone(),
            e.legal_basis.clone(),
        ),
        (
            "duration_months",
            months(row.duration_months),
            months(e.duration_months),
        ),
        ("active", row.active.to_string(), e.active.to_string()),
    ])
}
