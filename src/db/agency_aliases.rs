//! Other names of agencies (migration 000016), and finding an active agency by any of its names:
//! its own name's search key or an alias's, with the kind of regional government written out
//! however it was typed (`domain::area::agency_keys`).

use std::collections::HashSet;

use diesel::prelude::*;

use super::DbConnection;
use super::agencies::AgencyRow;
use super::schema::{agencies, agency_aliases};
use crate::domain::area::{agency_fragment, agency_keys};
use crate::domain::ids::AgencyId;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = agency_aliases)]
pub struct NewAliasRow<'a> {
    pub alias_key: String,
    pub agency_id: AgencyId,
    pub alias: &'a str,
}

/// The alias keys on record.
pub fn keys(conn: &mut DbConnection) -> QueryResult<HashSet<String>> {
    Ok(agency_aliases::table
        .select(agency_aliases::alias_key)
        .load::<String>(conn)?
        .into_iter()
        .collect())
}

pub fn insert(conn: &mut DbConnection, row: &NewAliasRow<'_>) -> QueryResult<()> {
    diesel::insert_into(agency_aliases::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The one active agency the typed name stands for: the agency whose own name it is, else the
/// only agency any of its readings names (own name or alias). Two candidates ("Banjar": a
/// regency and a city) give none, and the caller offers suggestions.
pub fn find_by_name(conn: &mut DbConnection, typed: &str) -> QueryResult<Option<AgencyRow>> {
    let keys = agency_keys(typed);
    if keys.first().is_none_or(String::is_empty) {
        return Ok(None);
    }
    let by_alias = agency_aliases::table
        .filter(agency_aliases::alias_key.eq_any(&keys))
        .select(agency_aliases::agency_id);
    let found: Vec<AgencyRow> = agencies::table
        .filter(agencies::active.eq(true))
        .filter(
            agencies::search_key
                .eq_any(&keys)
                .or(agencies::id.eq_any(by_alias)),
        )
        .select(AgencyRow::as_select())
        .limit(8)
        .load(conn)?;
    if let Some(own) = found.iter().find(|a| a.search_key == keys[0]) {
        return Ok(Some(own.clone()));
    }
    // Each agency is one row of `found`.
    Ok(match found.len() {
        1 => found.into_iter().next(),
        _ => None,
    })
}

/// Up to `limit` active agencies whose name or one of whose aliases contains what was typed
/// (without the kind of regional government), by name.
pub fn search(conn: &mut DbConnection, typed: &str, limit: i64) -> QueryResult<Vec<AgencyRow>> {
    let fragment = agency_fragment(typed);
    if fragment.is_empty() {
        return Ok(vec![]);
    }
    let pattern = format!("%{}%", fragment.replace(['%', '_'], ""));
    let by_alias = agency_aliases::table
        .filter(agency_aliases::alias_key.like(pattern.clone()))
        .select(agency_aliases::agency_id);
    agencies::table
        .filter(agencies::active.eq(true))
        .filter(
            agencies::search_key
                .like(pattern)
                .or(agencies::id.eq_any(by_alias)),
        )
        .order(agencies::name.asc())
        .limit(limit)
        .select(AgencyRow::as_select())
        .load(conn)
}

/// Inserts the aliases (agency code, alias) not yet on record; an alias whose key is an agency's
/// own name or another agency's alias, or whose agency is missing, is skipped. Answers how many
/// were inserted.
pub fn insert_missing(conn: &mut DbConnection, wanted: &[(&str, &str)]) -> QueryResult<usize> {
    let mut taken = keys(conn)?;
    let every: Vec<(AgencyId, String, String)> = agencies::table
        .select((agencies::id, agencies::code, agencies::search_key))
        .load(conn)?;
    let own: HashSet<&str> = every.iter().map(|(_, _, k)| k.as_str()).collect();
    let ids: std::collections::HashMap<&str, AgencyId> =
        every.iter().map(|(id, c, _)| (c.as_str(), *id)).collect();
    let mut inserted = 0;
    for (code, alias) in wanted {
        let key = crate::domain::area::search_key(alias);
        if key.is_empty() || own.contains(key.as_str()) || taken.contains(&key) {
            continue;
        }
        let Some(&agency_id) = ids.get(code) else {
            continue;
        };
        insert(
            conn,
            &NewAliasRow {
                alias_key: key.clone(),
                agency_id,
                alias,
            },
        )?;
        taken.insert(key);
        inserted += 1;
    }
    Ok(inserted)
}
