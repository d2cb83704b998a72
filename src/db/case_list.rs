//! The staff case list: one agency's cases (or all, for national staff), newest first, keyset
//! paginated so a page costs the same at any depth (index `reports_agency_created` /
//! `reports_agency_state`).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{agencies, reports};

#[derive(Debug, Clone, Queryable)]
pub struct CaseListRow {
    pub id: i64,
    pub case_number: String,
    pub state: String,
    pub reported_name: String,
    pub agency_name: String,
    pub agency_timezone: String,
    pub created_at: chrono::NaiveDateTime,
    pub deadline_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// None: every agency (national and admin staff only; the handler decides).
    pub agency_id: Option<i64>,
    pub state: Option<String>,
    /// Continue after this (created_at, id).
    pub after: Option<(chrono::NaiveDateTime, i64)>,
}

pub fn page(conn: &mut DbConnection, f: &CaseFilter, limit: i64) -> QueryResult<Vec<CaseListRow>> {
    let mut q = reports::table
        .inner_join(agencies::table)
        .select((
            reports::id,
            reports::case_number,
            reports::state,
            reports::reported_name,
            agencies::name,
            agencies::timezone,
            reports::created_at,
            reports::deadline_at,
        ))
        .order((reports::created_at.desc(), reports::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(a) = f.agency_id {
        q = q.filter(reports::agency_id.eq(a));
    }
    if let Some(s) = &f.state {
        q = q.filter(reports::state.eq(s.clone()));
    }
    if let Some((at, id)) = f.after {
        q = q.filter(
            reports::created_at
                .lt(at)
                .or(reports::created_at.eq(at).and(reports::id.lt(id))),
        );
    }
    q.load(conn)
}

/// Cases per state, for the counts above the list.
pub fn counts_by_state(
    conn: &mut DbConnection,
    agency_id: Option<i64>,
) -> QueryResult<Vec<(String, i64)>> {
    let mut q = reports::table
        .group_by(reports::state)
        .select((reports::state, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(a) = agency_id {
        q = q.filter(reports::agency_id.eq(a));
    }
    q.load(conn)
}

/// The reported person's other cases (number, state), for the repeat-offender view.
pub fn for_person(
    conn: &mut DbConnection,
    person_id: i64,
    except: i64,
) -> QueryResult<Vec<(String, String)>> {
    reports::table
        .filter(reports::reported_person_id.eq(person_id))
        .filter(reports::id.ne(except))
        .order(reports::created_at.desc())
        .select((reports::case_number, reports::state))
        .load(conn)
}
