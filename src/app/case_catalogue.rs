//! A case's violations and sanctions in the catalogue's words, as they stood when the case was
//! decided: a classified case shows the versions its violations were pinned to, a recommended
//! sanction the version it was recommended under, and says when the catalogue changed since.

use std::collections::HashMap;

use super::case_read::ViolationView;
use super::refcache::RefData;
use crate::db::catalogue_versions::{self, SANCTION, VIOLATION, VersionRow};
use crate::db::reports::ReportRow;
use crate::db::sanctions::SanctionRow;
use crate::db::{DbConnection, reports};
use crate::error::AppError;

/// The case's violations, in catalogue order.
pub fn violations(
    conn: &mut DbConnection,
    refs: &RefData,
    report: &ReportRow,
    english: bool,
) -> Result<Vec<ViolationView>, AppError> {
    let current: HashMap<&str, &crate::db::catalogue::ViolationRow> = refs
        .violations
        .iter()
        .map(|v| (v.code.as_str(), v))
        .collect();
    let pick = |id: &str, en: &str| if english { en } else { id }.to_owned();
    if report.classification.is_none() {
        // Not classified yet: nothing is pinned, the catalogue's current words apply.
        return Ok(reports::violation_codes(conn, report.id)?
            .into_iter()
            .map(|code| {
                let row = current.get(code.as_str());
                ViolationView {
                    name: row
                        .map(|v| pick(&v.name_id, &v.name_en))
                        .unwrap_or_default(),
                    notes: row
                        .map(|v| pick(&v.notes_id, &v.notes_en))
                        .unwrap_or_default(),
                    legal_basis: row.map(|v| v.legal_basis.clone()).unwrap_or_default(),
                    changed: false,
                    code,
                }
            })
            .collect());
    }
    let pinned = catalogue_versions::pinned_violations(conn, report.id)?;
    let texts = catalogue_versions::versions(conn, VIOLATION, &pinned)?;
    Ok(pinned
        .into_iter()
        .map(|(code, version)| {
            let text = texts
                .iter()
                .find(|t| t.code == code && t.version == version);
            ViolationView {
                name: text
                    .map(|t| pick(&t.name_id, &t.name_en))
                    .unwrap_or_default(),
                notes: text
                    .map(|t| pick(&t.notes_id, &t.notes_en))
                    .unwrap_or_default(),
                legal_basis: text.map(|t| t.legal_basis.clone()).unwrap_or_default(),
                changed: current
                    .get(code.as_str())
                    .is_some_and(|v| v.version != version),
                code,
            }
        })
        .collect())
}

/// The name each sanction had in the catalogue when it was recommended, by sanction id.
pub fn sanction_names(
    conn: &mut DbConnection,
    rows: &[SanctionRow],
    english: bool,
) -> Result<HashMap<i64, String>, AppError> {
    let pairs: Vec<(String, i32)> = rows
        .iter()
        .map(|s| (s.sanction_code.clone(), s.catalogue_version))
        .collect();
    let texts: Vec<VersionRow> = catalogue_versions::versions(conn, SANCTION, &pairs)?;
    Ok(rows
        .iter()
        .filter_map(|s| {
            texts
                .iter()
                .find(|t| t.code == s.sanction_code && t.version == s.catalogue_version)
                .map(|t| (s.id, if english { &t.name_en } else { &t.name_id }.clone()))
        })
        .collect())
}
