//! The staff case list: one agency's cases (or all, for national staff), newest first, keyset
//! paginated so a page costs the same at any depth (index `reports_agency_created` /
//! `reports_agency_state`).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{case_counts, report_violations, reported_persons, reports};

#[derive(Debug, Clone, Queryable)]
pub struct CaseListRow {
    pub id: i64,
    pub case_number: String,
    pub state: String,
    pub reported_name: String,
    /// Named from the cached reference lists: a join here let SQLite drive the page from the
    /// agencies table and sort the whole scope (12 ms a page at 10k for "nearest deadline").
    pub agency_id: i64,
    pub created_at: chrono::NaiveDateTime,
    pub deadline_at: Option<chrono::NaiveDateTime>,
}

/// How the list is ordered; each order has its own keyset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first, by (created_at, id) descending.
    #[default]
    Newest,
    /// Nearest deadline first, by (deadline_at, id) ascending; cases without a deadline are left out.
    Deadline,
}

#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// None: every agency (national and admin staff only; the handler decides).
    pub agency_id: Option<i64>,
    pub state: Option<String>,
    pub classification: Option<String>,
    pub tier: Option<String>,
    pub violation: Option<String>,
    pub election_type: Option<String>,
    /// Received on or after / before these UTC times.
    pub from: Option<chrono::NaiveDateTime>,
    pub until: Option<chrono::NaiveDateTime>,
    /// Past their deadline at this time (open stages only).
    pub overdue_at: Option<chrono::NaiveDateTime>,
    pub assigned_to: Option<i64>,
    /// A case number, found exactly.
    pub case_number: Option<String>,
    /// A NIP/NIK, found exactly (digits).
    pub id_number: Option<String>,
    /// A part of the reported person's name (a search key: lower case, letters and digits).
    pub name_key: Option<String>,
    pub sort: Sort,
    /// Continue after this (sort time, id).
    pub after: Option<(chrono::NaiveDateTime, i64)>,
}

/// States whose deadline is running (overdue only means something there).
pub const OPEN_WITH_DEADLINE: [&str; 7] = [
    "submitted",
    "verification",
    "needs_info",
    "registered",
    "examination",
    "recommendation",
    "awaiting_ppk",
];

pub fn page(conn: &mut DbConnection, f: &CaseFilter, limit: i64) -> QueryResult<Vec<CaseListRow>> {
    let mut q = reports::table
        .inner_join(reported_persons::table)
        .select((
            reports::id,
            reports::case_number,
            reports::state,
            reports::reported_name,
            reports::agency_id,
            reports::created_at,
            reports::deadline_at,
        ))
        .limit(limit)
        .into_boxed();
    if let Some(a) = f.agency_id {
        q = q.filter(reports::agency_id.eq(a));
    }
    if let Some(s) = &f.state {
        q = q.filter(reports::state.eq(s.clone()));
    }
    if let Some(c) = &f.classification {
        q = q.filter(reports::classification.eq(c.clone()));
    }
    if let Some(t) = &f.tier {
        q = q.filter(reports::tier.eq(t.clone()));
    }
    if let Some(v) = &f.violation {
        q = q.filter(diesel::dsl::exists(
            report_violations::table
                .filter(report_violations::report_id.eq(reports::id))
                .filter(report_violations::code.eq(v.clone())),
        ));
    }
    if let Some(e) = &f.election_type {
        q = q.filter(reports::election_type.eq(e.clone()));
    }
    if let Some(from) = f.from {
        q = q.filter(reports::created_at.ge(from));
    }
    if let Some(until) = f.until {
        q = q.filter(reports::created_at.lt(until));
    }
    if let Some(now) = f.overdue_at {
        q = q
            .filter(reports::deadline_at.lt(now))
            .filter(reports::state.eq_any(OPEN_WITH_DEADLINE));
    }
    if let Some(u) = f.assigned_to {
        q = q.filter(reports::assigned_user_id.eq(u));
    }
    if let Some(n) = &f.case_number {
        q = q.filter(reports::case_number.eq(n.clone()));
    }
    if let Some(n) = &f.id_number {
        q = q.filter(reported_persons::id_number.eq(n.clone()));
    }
    if let Some(k) = &f.name_key {
        q = q
            .filter(reported_persons::name_search.like(format!("%{}%", k.replace(['%', '_'], ""))));
    }
    match f.sort {
        Sort::Newest => {
            q = q.order((reports::created_at.desc(), reports::id.desc()));
            if let Some((at, id)) = f.after {
                // The `<=` bound lets the index range start at the cursor; the OR alone made
                // SQLite walk the index from the top to it (a deep page cost its depth).
                q = q
                    .filter(reports::created_at.le(at))
                    .filter(reports::created_at.lt(at).or(reports::id.lt(id)));
            }
        }
        Sort::Deadline => {
            q = q
                .filter(reports::deadline_at.is_not_null())
                .order((reports::deadline_at.asc(), reports::id.asc()));
            if let Some((at, id)) = f.after {
                q = q
                    .filter(reports::deadline_at.ge(at))
                    .filter(reports::deadline_at.gt(at).or(reports::id.gt(id)));
            }
        }
    }
    q.load(conn)
}

/// Cases per state, for the counts above the list: read from the counters the triggers keep
/// (one row per state; agency 0 holds the national counts), never counted.
pub fn counts_by_state(
    conn: &mut DbConnection,
    agency_id: Option<i64>,
) -> QueryResult<Vec<(String, i64)>> {
    case_counts::table
        .filter(case_counts::agency_id.eq(agency_id.unwrap_or(0)))
        .select((case_counts::state, case_counts::n))
        .load(conn)
}

/// Open cases of an agency past their deadline.
pub fn count_overdue(
    conn: &mut DbConnection,
    agency_id: i64,
    now: chrono::NaiveDateTime,
) -> QueryResult<i64> {
    reports::table
        .filter(reports::agency_id.eq(agency_id))
        .filter(reports::state.eq_any(OPEN_WITH_DEADLINE))
        .filter(reports::deadline_at.lt(now))
        .count()
        .get_result(conn)
}

/// Cases filed with an agency since `since` (or forwarded to it: it counts from filing).
pub fn count_filed_since(
    conn: &mut DbConnection,
    agency_id: i64,
    since: chrono::NaiveDateTime,
) -> QueryResult<i64> {
    reports::table
        .filter(reports::agency_id.eq(agency_id))
        .filter(reports::created_at.ge(since))
        .count()
        .get_result(conn)
}

/// How many of the person's other cases the case page lists (the most recent).
pub const HISTORY_SHOWN: i64 = 50;
/// Counts about one person stop here: "999+" tells staff what they need, and a person with 70,000
/// cases must not make the page count 70,000 index entries.
pub const COUNT_CAP: i64 = 1000;

/// The reported person's other cases, for the repeat-offender view: (number, state, sanction
/// codes of that case), the `HISTORY_SHOWN` most recent (index `reports_person_created`, or
/// `reports_person_agency` when scoped). `agency`: only that agency's cases (staff of one agency
/// must not learn other agencies' case numbers); None: every agency (national staff, admins).
pub fn for_person(
    conn: &mut DbConnection,
    person_id: i64,
    except: i64,
    agency: Option<i64>,
) -> QueryResult<Vec<(String, String, Vec<String>)>> {
    let mut q = reports::table
        .filter(reports::reported_person_id.eq(person_id))
        .filter(reports::id.ne(except))
        .order((reports::created_at.desc(), reports::id.desc()))
        .limit(HISTORY_SHOWN)
        .select((reports::id, reports::case_number, reports::state))
        .into_boxed();
    if let Some(a) = agency {
        q = q.filter(reports::agency_id.eq(a));
    }
    let cases: Vec<(i64, String, String)> = q.load(conn)?;
    let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
    let sanctions: Vec<(i64, String)> = super::schema::sanctions::table
        .filter(super::schema::sanctions::report_id.eq_any(&ids))
        .select((
            super::schema::sanctions::report_id,
            super::schema::sanctions::sanction_code,
        ))
        .load(conn)?;
    Ok(cases
        .into_iter()
        .map(|(id, n, st)| {
            let codes = sanctions
                .iter()
                .filter(|(r, _)| *r == id)
                .map(|(_, c)| c.clone())
                .collect();
            (n, st, codes)
        })
        .collect())
}

/// How many other cases about this person there are in the scope, up to `COUNT_CAP`.
pub fn count_for_person(
    conn: &mut DbConnection,
    person_id: i64,
    except: i64,
    agency: Option<i64>,
) -> QueryResult<i64> {
    let mut q = reports::table
        .filter(reports::reported_person_id.eq(person_id))
        .filter(reports::id.ne(except))
        .select(reports::id)
        .into_boxed();
    if let Some(a) = agency {
        q = q.filter(reports::agency_id.eq(a));
    }
    capped_count(conn, q)
}

/// How many cases about this person other agencies hold (a count only: no numbers, no states),
/// up to `COUNT_CAP`.
pub fn count_elsewhere(conn: &mut DbConnection, person_id: i64, agency: i64) -> QueryResult<i64> {
    let q = reports::table
        .filter(reports::reported_person_id.eq(person_id))
        .filter(reports::agency_id.ne(agency))
        .select(reports::id)
        .into_boxed();
    capped_count(conn, q)
}

/// The rows of `q`, counted up to `COUNT_CAP` (reading ids off the index, never more).
fn capped_count(
    conn: &mut DbConnection,
    q: reports::BoxedQuery<'_, <DbConnection as Connection>::Backend, diesel::sql_types::BigInt>,
) -> QueryResult<i64> {
    Ok(q.limit(COUNT_CAP).load::<i64>(conn)?.len() as i64)
}
