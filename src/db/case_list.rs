//! The staff case list: one agency's cases (or all, for national staff), newest first, keyset
//! paginated so a page costs the same at any depth (index `reports_agency_created` /
//! `reports_agency_state`).

use diesel::prelude::*;

use super::DbConnection;
use super::case_keys::{self as case_keys_db, name_key, violation_key};
use super::schema::{case_counts, case_keys, reports};
use crate::domain::case_state::CaseState;
use crate::domain::ids::{AgencyId, ReportId, UserId};
use crate::domain::workflow::{CaseTier, Classification};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct CaseListRow {
    pub id: ReportId,
    pub case_number: String,
    pub state: CaseState,
    pub reported_name: String,
    /// Named from the cached reference lists: a join here let SQLite drive the page from the
    /// agencies table and sort the whole scope (12 ms a page at 10k for "nearest deadline").
    pub agency_id: AgencyId,
    pub created_at: chrono::NaiveDateTime,
    pub deadline_at: Option<chrono::NaiveDateTime>,
    /// The handler, named by the list from one look-up per page.
    pub assigned_user_id: Option<crate::domain::ids::UserId>,
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
    pub agency_id: Option<AgencyId>,
    pub state: Option<CaseState>,
    pub classification: Option<Classification>,
    pub tier: Option<CaseTier>,
    pub violation: Option<String>,
    pub election_type: Option<String>,
    /// Received on or after / before these UTC times.
    pub from: Option<chrono::NaiveDateTime>,
    pub until: Option<chrono::NaiveDateTime>,
    /// Past their deadline at this time (open stages only).
    pub overdue_at: Option<chrono::NaiveDateTime>,
    pub assigned_to: Option<UserId>,
    /// A case number, found exactly.
    pub case_number: Option<String>,
    /// A NIP/NIK, found exactly: its kind (`nip`, `nik`) and digits.
    pub identifier: Option<(&'static str, String)>,
    /// The person that identifier names, once looked up (`page` does, before the page is read).
    pub person_id: Option<i64>,
    /// Words of the reported person's name, each matched whole (as `domain::area::name_words`
    /// splits them).
    pub name_words: Vec<String>,
    pub sort: Sort,
    /// Continue after this (sort time, id).
    pub after: Option<(chrono::NaiveDateTime, ReportId)>,
}

/// States whose deadline is running (overdue only means something there).
pub const OPEN_WITH_DEADLINE: [CaseState; 8] = [
    CaseState::Submitted,
    CaseState::Verification,
    CaseState::NeedsInfo,
    CaseState::Registered,
    CaseState::Examination,
    CaseState::Recommendation,
    CaseState::AwaitingPpk,
    // The superior's or BPASN's decision on an objection: staff follow it up once late.
    CaseState::Objection,
];

/// How many names one search word may stand for: a word is the beginning of a name word
/// ("wulan" finds "Wulandari"), and the page is read along each matching word's range and merged.
pub const WORDS_PER_SEARCH: usize = 16;

/// A page of the list, and whether the search word began more than [`WORDS_PER_SEARCH`] names
/// (only the first of them, in alphabetical order, were searched: the page says so).
pub struct Page {
    pub rows: Vec<CaseListRow>,
    pub narrowed: bool,
}

/// One page of the list: a newest-first page with a name or a violation to match is read along
/// `case_keys` ([`search`]); every other page along the `reports` index of its sort and filter.
pub fn page(conn: &mut DbConnection, f: &CaseFilter, limit: i64) -> QueryResult<Page> {
    // A NIP/NIK names at most one person: looked up first, so the page is read along that
    // person's own index in order however many cases they have (as a subquery, both planners
    // read all of a person's cases and sorted them: 31 ms on PostgreSQL for one with 21,860).
    let resolved;
    let f = match &f.identifier {
        Some((kind, digits)) => {
            let Some(id) = super::reported_persons::id_of(conn, kind, digits)? else {
                return Ok(Page {
                    rows: Vec::new(),
                    narrowed: false,
                });
            };
            resolved = CaseFilter {
                identifier: None,
                person_id: Some(id),
                ..f.clone()
            };
            &resolved
        }
        None => f,
    };
    if let Some(p) = search::page(conn, f, limit)? {
        return Ok(p);
    }
    Ok(Page {
        rows: page_by_reports(conn, f, limit)?,
        narrowed: false,
    })
}

/// What each case must also carry, checked per row as `from <= key < to`: its violation key
/// (exactly: keys hold no control characters, so nothing lies between `k` and `k\u{1}`), and
/// for every name word the range of name words it begins; except those in `driving` (by their
/// first key), which the page is already read along.
fn checked_ranges(f: &CaseFilter, driving: &[String]) -> Vec<(String, String)> {
    let violation = f.violation.iter().map(|v| {
        let k = violation_key(v);
        let end = format!("{k}\u{1}");
        (k, end)
    });
    let words = f.name_words.iter().map(|w| {
        let k = name_key(w);
        let end = case_keys_db::prefix_end(&k);
        (k, end)
    });
    violation
        .chain(words)
        .filter(|(k, _)| !driving.contains(k))
        .collect()
}

/// The filters on the case's own columns, the same whichever table drives the page; `$case_id`:
/// the case id column the key checks correlate with.
macro_rules! case_filters {
    ($q:ident, $f:expr, $driving:expr, $case_id:expr) => {{
        let f: &CaseFilter = $f;
        if let Some(s) = f.state {
            $q = $q.filter(reports::state.eq(s));
        }
        if let Some(c) = f.classification {
            $q = $q.filter(reports::classification.eq(c));
        }
        if let Some(t) = f.tier {
            $q = $q.filter(reports::tier.eq(t));
        }
        if let Some(e) = &f.election_type {
            $q = $q.filter(reports::election_type.eq(e.clone()));
        }
        if let Some(now) = f.overdue_at {
            $q = $q
                .filter(reports::deadline_at.lt(now))
                .filter(reports::state.eq_any(OPEN_WITH_DEADLINE));
        }
        if let Some(u) = f.assigned_to {
            $q = $q.filter(reports::assigned_user_id.eq(u));
        }
        if let Some(n) = &f.case_number {
            $q = $q.filter(reports::case_number.eq(n.clone()));
        }
        if let Some(p) = f.person_id {
            $q = $q.filter(reports::reported_person_id.eq(p));
        }
        for (from, to) in checked_ranges(f, $driving) {
            $q = $q.filter(diesel::dsl::exists(
                keys2
                    .filter(keys2.field(case_keys::report_id).eq($case_id))
                    .filter(keys2.field(case_keys::key).ge(from))
                    .filter(keys2.field(case_keys::key).lt(to)),
            ));
        }
    }};
}

diesel::alias!(case_keys as keys2: CheckedKeys);

mod by_reports;
mod search;

use by_reports::page_by_reports;

/// Cases per state, for the counts above the list: read from the counters the triggers keep
/// (one row per state; agency 0 holds the national counts), never counted.
pub fn counts_by_state(
    conn: &mut DbConnection,
    agency_id: Option<AgencyId>,
) -> QueryResult<Vec<(CaseState, i64)>> {
    case_counts::table
        .filter(case_counts::agency_id.eq(agency_id.map_or(0, AgencyId::get)))
        .select((case_counts::state, case_counts::n))
        .load(conn)
}

/// Open cases of an agency past their deadline.
pub fn count_overdue(
    conn: &mut DbConnection,
    agency_id: AgencyId,
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
    agency_id: AgencyId,
    since: chrono::NaiveDateTime,
) -> QueryResult<i64> {
    reports::table
        .filter(reports::agency_id.eq(agency_id))
        .filter(reports::created_at.ge(since))
        .count()
        .get_result(conn)
}
