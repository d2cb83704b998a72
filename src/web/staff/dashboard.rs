//! `/dashboard`: the cases of the signed-in user's agency (all agencies for national staff and
//! admins, with an agency filter): filters by state, classification, tier, violation, election,
//! dates received, overdue and "assigned to me"; search by case number, NIP/NIK or name; newest
//! first or nearest deadline first; counts per state; keyset pagination.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::Staff;
use crate::app::case_list::{ListPage, ListQuery};
use crate::app::refcache::RefData;
use crate::db::case_list::{self, Sort};
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::domain::ids::ReportId;
use crate::domain::report::ELECTION_TYPES;
use crate::domain::workflow::{CaseTier, Classification, Role};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::FirstQuery;
use crate::web::{AppState, render};
use crate::{app, db};

#[derive(Deserialize, Default, Clone)]
pub struct Query {
    #[serde(default)]
    state: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    classification: String,
    #[serde(default)]
    tier: String,
    #[serde(default)]
    violation: String,
    #[serde(default)]
    election: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    overdue: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    after: String,
}

impl Query {
    /// The filters as a query string, for the next-page link.
    fn carry(&self) -> String {
        let pairs = [
            ("state", &self.state),
            ("agency", &self.agency),
            ("classification", &self.classification),
            ("tier", &self.tier),
            ("violation", &self.violation),
            ("election", &self.election),
            ("from", &self.from),
            ("to", &self.to),
            ("overdue", &self.overdue),
            ("mine", &self.mine),
            ("q", &self.q),
            ("sort", &self.sort),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

pub struct Row {
    pub number: String,
    pub state: String,
    pub reported: String,
    pub agency: String,
    pub filed: String,
    pub deadline: String,
    pub overdue: bool,
    /// The handler's name, "" when nobody is assigned.
    pub assignee: String,
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    /// Admins only: the holiday calendar ahead is not confirmed.
    pub calendar_warning: Option<crate::web::admin::CalendarWarning>,
    pub t: Tr,
    pub csrf: String,
    pub staff_name: String,
    /// Not an admin: may open a case from a referral or finding.
    pub opens_cases: bool,
    pub all_agencies: bool,
    pub agency_choices: Vec<Opt>,
    pub states: Vec<StateCount>,
    pub buckets: Vec<super::buckets::BucketView>,
    pub classifications: Vec<Opt>,
    pub tiers: Vec<Opt>,
    pub violations: Vec<Opt>,
    pub elections: Vec<Opt>,
    pub query: Query,
    /// The search word began more names than the search reads (the page says so).
    pub narrowed: bool,
    pub rows: Vec<Row>,
    pub next: Option<String>,
}

fn opts(values: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Opt> {
    values
        .into_iter()
        .map(|(value, label)| Opt {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

fn parse_cursor(s: &str) -> Option<(chrono::NaiveDateTime, ReportId)> {
    let (micros, id) = s.split_once('.')?;
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, id.parse().ok()?))
}

impl Query {
    /// What the list is asked for, each value parsed (what does not parse is no filter).
    fn list_query(&self) -> ListQuery {
        let non_empty = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        ListQuery {
            agency: self.agency.parse().ok(),
            state: CaseState::parse(&self.state),
            classification: Classification::parse(&self.classification),
            tier: CaseTier::parse(&self.tier),
            violation: non_empty(&self.violation),
            election: non_empty(&self.election),
            from: day(&self.from),
            to: day(&self.to),
            overdue: self.overdue == "1",
            mine: self.mine == "1",
            search: self.q.clone(),
            sort: if self.sort == "deadline" {
                Sort::Deadline
            } else {
                Sort::Newest
            },
            after: parse_cursor(&self.after),
        }
    }

    /// The link to the page that starts after `cursor`, with the same filters.
    fn next_link(&self, (at, id): (chrono::NaiveDateTime, ReportId)) -> String {
        let cursor = format!("{}.{id}", at.and_utc().timestamp_micros());
        match self.carry() {
            carry if carry.is_empty() => format!("after={cursor}"),
            carry => format!("{carry}&after={cursor}"),
        }
    }
}

pub async fn index(
    staff: Staff,
    state: web::Data<AppState>,
    session: actix_session::Session,
    t: Tr,
    FirstQuery(mut query): FirstQuery<Query>,
) -> Result<HttpResponse, AppError> {
    if query.overdue == "1" {
        // Shown as it is read: most overdue first.
        query.sort = "deadline".into();
    }
    let (who, cache, q, now) = (
        staff.user(),
        state.refs.clone(),
        query.list_query(),
        db::now(),
    );
    let (list, refs) = db::run(&state.pool, move |c| {
        let refs = cache.get(c)?;
        Ok::<_, AppError>((app::case_list::list(c, &who, &refs, &q, now)?, refs))
    })
    .await?;
    let all = staff.sees_all_agencies();
    let c = choices(t, &refs, all, &query);
    let calendar_warning = if staff.role == Role::Admin {
        crate::web::admin::calendar_warning(&state, t).await?
    } else {
        None
    };
    let page = DashboardPage {
        calendar_warning,
        t,
        csrf: crate::web::csrf::token(&session)?,
        staff_name: staff.name,
        opens_cases: staff.role != Role::Admin,
        all_agencies: all,
        agency_choices: c.agencies,
        states: state_counts(t, &list.counts, &query.state),
        buckets: super::buckets::figures(t, &refs, &list.counts),
        classifications: c.classifications,
        tiers: c.tiers,
        violations: c.violations,
        elections: c.elections,
        narrowed: list.narrowed,
        rows: rows(t, &refs, &list, now),
        next: list.next.map(|c| query.next_link(c)),
        query,
    };
    render::ok(&page)
}

/// The list's rows in words, each case's times in its own agency's zone.
fn rows(t: Tr, refs: &RefData, list: &ListPage, now: chrono::NaiveDateTime) -> Vec<Row> {
    list.rows
        .iter()
        .map(|r| {
            let (agency, zone) = refs
                .every_agency
                .get(&r.agency_id)
                .map_or(("", ""), |(n, z)| (n.as_str(), z.as_str()));
            let row_tz = TimeZone::parse(zone).unwrap_or(list.tz);
            let open = case_list::OPEN_WITH_DEADLINE.contains(&r.state);
            Row {
                overdue: open && r.deadline_at.is_some_and(|d| d < now),
                deadline: r.deadline_at.map(|d| row_tz.display(d)).unwrap_or_default(),
                filed: row_tz.display(r.created_at),
                state: t.t(&format!("state.{}", r.state.as_str())).to_owned(),
                number: r.case_number.clone(),
                reported: r.reported_name.clone(),
                agency: agency.to_owned(),
                assignee: r
                    .assigned_user_id
                    .and_then(|u| list.handlers.get(&u).cloned())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// A state as a filter choice, with how many cases are in it.
pub struct StateCount {
    pub opt: Opt,
    pub n: i64,
}

fn state_counts(t: Tr, counts: &[(CaseState, i64)], current: &str) -> Vec<StateCount> {
    CaseState::ALL
        .iter()
        .map(|s| {
            let n = counts.iter().find(|(st, _)| st == s).map_or(0, |(_, n)| *n);
            let opt = Opt {
                value: s.as_str().to_owned(),
                label: t.label("state", *s),
                selected: current == s.as_str(),
            };
            StateCount { opt, n }
        })
        .collect()
}

/// The choices of the filter bar, each with the query's value selected.
struct Choices {
    agencies: Vec<Opt>,
    classifications: Vec<Opt>,
    tiers: Vec<Opt>,
    violations: Vec<Opt>,
    elections: Vec<Opt>,
}

fn choices(t: Tr, refs: &RefData, all: bool, query: &Query) -> Choices {
    let agencies = refs.agencies.iter().filter(|_| all);
    let violation = |v: &crate::db::catalogue::ViolationRow| {
        let label = format!("{} — {}", v.code, t.pick(&v.name_id, &v.name_en));
        (v.code.clone(), label)
    };
    Choices {
        agencies: opts(
            agencies.map(|a| (a.id.to_string(), a.name.clone())),
            &query.agency,
        ),
        classifications: opts(
            Classification::ALL.iter().map(|c| {
                let key = format!("classification.{}", c.as_str());
                (c.as_str().to_owned(), t.t(&key).to_owned())
            }),
            &query.classification,
        ),
        tiers: opts(
            CaseTier::ALL.iter().map(|v| {
                let key = format!("tier.{}", v.as_str());
                (v.as_str().to_owned(), t.t(&key).to_owned())
            }),
            &query.tier,
        ),
        violations: opts(refs.violations.iter().map(violation), &query.violation),
        elections: opts(
            ELECTION_TYPES.iter().map(|e| {
                let label = t.t(&format!("election_type.{e}")).to_owned();
                ((*e).to_owned(), label)
            }),
            &query.election,
        ),
    }
}
