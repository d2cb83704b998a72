//! The staff case list: the cases of the staff member's agency (every agency for national staff
//! and admins, or one they pick), filtered, searched by case number, NIP/NIK or name, newest first
//! or nearest deadline first, a page at a time by keyset, with the counts per state.

use chrono::{NaiveDate, NaiveDateTime};

use super::StaffUser;
use super::refcache::RefData;
use crate::db::DbConnection;
use crate::db::case_list::{self, CaseFilter, CaseListRow, Sort};
use crate::domain::area::{TimeZone, name_words};
use crate::domain::case_state::CaseState;
use crate::domain::ids::{AgencyId, ReportId};
use crate::domain::nip::AsnId;
use crate::domain::receipt::CaseNumber;
use crate::domain::workflow::{CaseTier, Classification};
use crate::error::AppError;

/// Cases per page.
pub const PAGE: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Honoured only for staff who see every agency; the others see their own.
    pub agency: Option<AgencyId>,
    pub state: Option<CaseState>,
    pub classification: Option<Classification>,
    pub tier: Option<CaseTier>,
    pub violation: Option<String>,
    pub election: Option<String>,
    /// Received from / up to and including these local days (the agency's zone).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub overdue: bool,
    pub mine: bool,
    /// A case number, a NIP/NIK, or words of a name.
    pub search: String,
    pub sort: Sort,
    /// Continue after this (sort time, id).
    pub after: Option<(NaiveDateTime, ReportId)>,
}

pub struct ListPage {
    pub rows: Vec<CaseListRow>,
    /// The search word began more names than one search reads (the page says so).
    pub narrowed: bool,
    pub counts: Vec<(CaseState, i64)>,
    /// The zone dates are read and shown in (the agency's; WIB for all agencies).
    pub tz: TimeZone,
    /// Where the next page starts, if there is one.
    pub next: Option<(NaiveDateTime, ReportId)>,
    /// The names of the page's handlers (one query for the page).
    pub handlers: std::collections::HashMap<crate::domain::ids::UserId, String>,
}

pub fn list(
    conn: &mut DbConnection,
    who: &StaffUser,
    refs: &RefData,
    q: &ListQuery,
    now: NaiveDateTime,
) -> Result<ListPage, AppError> {
    // Staff of an agency see their agency, whatever the query says.
    let agency_id = if who.sees_all_agencies() {
        q.agency
    } else {
        Some(who.agency_id.ok_or(AppError::Forbidden)?)
    };
    let tz = match agency_id {
        Some(a) => refs
            .agency_or_read(conn, a)?
            .and_then(|(_, zone)| TimeZone::parse(&zone)),
        None => None,
    }
    .unwrap_or(TimeZone::Wib);
    let day_start = |d: NaiveDate| d.and_hms_opt(0, 0, 0)?.checked_sub_signed(tz.shift());
    // Overdue cases come most overdue first: that order is an index range read at any size,
    // where "newest overdue first" had to sort every overdue case of the scope.
    let sort = if q.overdue { Sort::Deadline } else { q.sort };
    let mut filter = CaseFilter {
        agency_id,
        state: q.state,
        classification: q.classification,
        tier: q.tier,
        violation: q.violation.clone(),
        election_type: q.election.clone(),
        from: q.from.and_then(day_start),
        until: q.to.and_then(|d| day_start(d.succ_opt()?)),
        overdue_at: q.overdue.then_some(now),
        assigned_to: q.mine.then_some(who.id),
        sort,
        after: q.after,
        ..CaseFilter::default()
    };
    search(&mut filter, &q.search);
    let case_list::Page { mut rows, narrowed } = case_list::page(conn, &filter, PAGE as i64 + 1)?;
    let next = (rows.len() > PAGE)
        .then(|| rows.get(PAGE - 1))
        .flatten()
        .map(|r| match sort {
            Sort::Deadline => (r.deadline_at.unwrap_or(r.created_at), r.id),
            Sort::Newest => (r.created_at, r.id),
        });
    rows.truncate(PAGE);
    let counts = case_list::counts_by_state(conn, agency_id)?;
    let mut assigned: Vec<_> = rows.iter().filter_map(|r| r.assigned_user_id).collect();
    assigned.sort_unstable();
    assigned.dedup();
    let handlers = if assigned.is_empty() {
        Default::default()
    } else {
        crate::db::users::names(conn, &assigned)?
            .into_iter()
            .collect()
    };
    Ok(ListPage {
        handlers,
        rows,
        narrowed,
        counts,
        tz,
        next,
    })
}

/// What the search box holds: a case number, a NIP/NIK, or part of a name.
fn search(filter: &mut CaseFilter, q: &str) {
    let q = q.trim();
    if q.is_empty() {
        return;
    }
    let digits: String = q
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect();
    if let Some(n) = CaseNumber::parse(q) {
        filter.case_number = Some(n.as_str().to_owned());
    } else if let Some(kind) =
        AsnId::kind_of_length(digits.len()).filter(|_| digits.chars().all(|c| c.is_ascii_digit()))
    {
        filter.identifier = Some((kind, digits));
    } else {
        filter.name_words = name_words(q);
    }
}
