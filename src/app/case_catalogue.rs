//! A case's violations and sanctions in the catalogue's words, as they stood when the case was
//! decided: a classified case shows the versions its violations were pinned to, a recommended
//! sanction the version it was recommended under, and says when the catalogue changed since. The
//! texts come from the reference cache; a version newer than the cache is read from the database.

use std::collections::HashMap;

use super::refcache::RefData;
use crate::db::DbConnection;
use crate::db::catalogue_versions::{self, SANCTION, VIOLATION, VersionRow};
use crate::db::reports::ReportRow;
use crate::db::sanctions::SanctionRow;
use crate::error::AppError;

/// One of the case's violations as the catalogue words it, in the page's language.
#[derive(Debug, Clone)]
pub struct ViolationView {
    pub code: String,
    pub name: String,
    pub legal_basis: String,
    /// Penalty ranges, disputes: what staff should know besides the legal basis.
    pub notes: String,
    /// The catalogue row was edited after the case was classified (this is the text it was
    /// classified under).
    pub changed: bool,
}

/// The texts of these (code, version) pairs of one catalogue: from the cache, the rest read.
fn texts(
    conn: &mut DbConnection,
    refs: &RefData,
    catalogue: &str,
    pairs: &[(String, i32)],
) -> Result<HashMap<(String, i32), VersionRow>, AppError> {
    let mut found = HashMap::new();
    let mut missing = Vec::new();
    for (code, v) in pairs {
        match refs
            .catalogue_texts
            .get(&(catalogue.to_owned(), code.clone(), *v))
        {
            Some(t) => {
                found.insert((code.clone(), *v), t.clone());
            }
            None => missing.push((code.clone(), *v)),
        }
    }
    if !missing.is_empty() {
        for t in catalogue_versions::versions(conn, catalogue, &missing)? {
            found.insert((t.code.clone(), t.version), t);
        }
    }
    Ok(found)
}

/// The case's violations, in the order they were filed.
pub fn violations(
    conn: &mut DbConnection,
    refs: &RefData,
    report: &ReportRow,
    english: bool,
) -> Result<Vec<ViolationView>, AppError> {
    let current = |code: &str| {
        refs.catalogue_current
            .get(&(VIOLATION.to_owned(), code.to_owned()))
            .copied()
    };
    // Pinned at classification; until then the catalogue's current words apply.
    let classified = report.classification.is_some();
    let shown: Vec<(String, i32, bool)> = catalogue_versions::pinned_violations(conn, report.id)?
        .into_iter()
        .map(|(code, pinned)| {
            let now = current(&code).unwrap_or(pinned);
            if classified {
                (code, pinned, now != pinned)
            } else {
                (code, now, false)
            }
        })
        .collect();
    let pairs: Vec<(String, i32)> = shown.iter().map(|(c, v, _)| (c.clone(), *v)).collect();
    let texts = texts(conn, refs, VIOLATION, &pairs)?;
    let pick = |id: &str, en: &str| if english { en } else { id }.to_owned();
    Ok(shown
        .into_iter()
        .map(|(code, version, changed)| {
            let t = texts.get(&(code.clone(), version));
            ViolationView {
                name: t.map(|t| pick(&t.name_id, &t.name_en)).unwrap_or_default(),
                notes: t
                    .map(|t| pick(&t.notes_id, &t.notes_en))
                    .unwrap_or_default(),
                legal_basis: t.map(|t| t.legal_basis.clone()).unwrap_or_default(),
                changed,
                code,
            }
        })
        .collect())
}

/// The name each sanction had in the catalogue when it was recommended, by sanction id.
pub fn sanction_names(
    conn: &mut DbConnection,
    refs: &RefData,
    rows: &[SanctionRow],
    english: bool,
) -> Result<HashMap<i64, (String, String)>, AppError> {
    let pairs: Vec<(String, i32)> = rows
        .iter()
        .map(|s| (s.sanction_code.clone(), s.catalogue_version))
        .collect();
    let texts = texts(conn, refs, SANCTION, &pairs)?;
    Ok(rows
        .iter()
        .filter_map(|s| {
            texts
                .get(&(s.sanction_code.clone(), s.catalogue_version))
                .map(|t| {
                    let name = if english { &t.name_en } else { &t.name_id };
                    (s.id, (name.clone(), t.legal_basis.clone()))
                })
        })
        .collect())
}
