//! `/dashboard`: the cases of the signed-in user's agency (all agencies for national staff and
//! admins, with an agency filter): filters by state, classification, tier, violation, election,
//! dates received, overdue and "assigned to me"; search by case number, NIP/NIK or name; newest
//! first or nearest deadline first; counts per state; keyset pagination.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::Staff;
use crate::db;
use crate::db::case_list::{self, CaseFilter, Sort};
use crate::domain::area::{TimeZone, name_words};
use crate::domain::case_state::CaseState;
use crate::domain::receipt::CaseNumber;
use crate::domain::report::ELECTION_TYPES;
use crate::domain::workflow::Classification;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::{AppState, render};

const PAGE: i64 = 50;

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
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    pub t: Tr,
    pub csrf: String,
    pub staff_name: String,
    pub all_agencies: bool,
    pub agency_choices: Vec<Opt>,
    pub states: Vec<(Opt, i64)>,
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

fn parse_cursor(s: &str) -> Option<(chrono::NaiveDateTime, i64)> {
    let (micros, id) = s.split_once('.')?;
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, id.parse().ok()?))
}

/// The start of a local calendar day, as UTC.
fn day_start(s: &str, tz: TimeZone) -> Option<chrono::NaiveDateTime> {
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    d.and_hms_opt(0, 0, 0)?.checked_sub_signed(tz.shift())
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
    } else if digits.chars().all(|c| c.is_ascii_digit())
        && (digits.len() == 16 || digits.len() == 18)
    {
        filter.id_number = Some(digits);
    } else {
        filter.name_words = name_words(q);
    }
}

pub async fn index(
    staff: Staff,
    state: web::Data<AppState>,
    session: actix_session::Session,
    t: Tr,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let mut query = query.into_inner();
    // Overdue cases come most overdue first: that order is an index range read at any size,
    // where "newest overdue first" had to sort every overdue case of the scope.
    if query.overdue == "1" {
        query.sort = "deadline".into();
    }
    let all = staff.sees_all_agencies();
    // Staff of an agency see their agency, whatever the URL says.
    let agency_id = if all {
        query.agency.parse::<i64>().ok()
    } else {
        Some(staff.agency_id.ok_or(AppError::Forbidden)?)
    };
    let now = db::now();
    let (case_list::Page { rows, narrowed }, counts, refs, tz) = {
        let (q, staff_id, cache) = (query.clone(), staff.id, state.refs.clone());
        db::run(&state.pool, move |c| {
            let refs = cache.get(c)?;
            let own_tz = match agency_id {
                Some(a) => refs
                    .agency_or_read(c, a)?
                    .and_then(|(_, zone)| TimeZone::parse(&zone)),
                None => None,
            };
            let tz = own_tz.unwrap_or(TimeZone::Wib);
            let non_empty = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            let mut filter = CaseFilter {
                agency_id,
                state: CaseState::parse(&q.state).map(|s| s.as_str().to_owned()),
                classification: Classification::parse(&q.classification)
                    .map(|c| c.as_str().to_owned()),
                tier: non_empty(&q.tier),
                violation: non_empty(&q.violation),
                election_type: non_empty(&q.election),
                from: day_start(&q.from, tz),
                until: day_start(&q.to, tz)
                    .and_then(|d| d.checked_add_signed(chrono::Duration::days(1))),
                overdue_at: (q.overdue == "1").then_some(now),
                assigned_to: (q.mine == "1").then_some(staff_id),
                sort: if q.sort == "deadline" {
                    Sort::Deadline
                } else {
                    Sort::Newest
                },
                after: parse_cursor(&q.after),
                ..CaseFilter::default()
            };
            search(&mut filter, &q.q);
            let page = case_list::page(c, &filter, PAGE + 1)?;
            let counts = case_list::counts_by_state(c, agency_id)?;
            Ok::<_, AppError>((page, counts, refs, tz))
        })
        .await?
    };
    let sort_deadline = query.sort == "deadline";
    let next = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1).map(|r| {
                let at = if sort_deadline {
                    r.deadline_at.unwrap_or(r.created_at)
                } else {
                    r.created_at
                };
                format!("{}.{}", at.and_utc().timestamp_micros(), r.id)
            })
        })
        .flatten()
        .map(|cursor| {
            let carry = query.carry();
            if carry.is_empty() {
                format!("after={cursor}")
            } else {
                format!("{carry}&after={cursor}")
            }
        });
    let rows = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| {
            let (agency, zone) = refs
                .every_agency
                .get(&r.agency_id)
                .map_or(("", ""), |(n, z)| (n.as_str(), z.as_str()));
            let row_tz = TimeZone::parse(zone).unwrap_or(tz);
            let open = case_list::OPEN_WITH_DEADLINE.contains(&r.state.as_str());
            Row {
                overdue: open && r.deadline_at.is_some_and(|d| d < now),
                deadline: r.deadline_at.map(|d| row_tz.display(d)).unwrap_or_default(),
                filed: row_tz.display(r.created_at),
                state: t.t(&format!("state.{}", r.state)).to_owned(),
                number: r.case_number,
                reported: r.reported_name,
                agency: agency.to_owned(),
            }
        })
        .collect();
    let states = CaseState::ALL
        .iter()
        .map(|s| {
            let n = counts
                .iter()
                .find(|(st, _)| st == s.as_str())
                .map_or(0, |(_, n)| *n);
            let label = t.t(&format!("state.{}", s.as_str())).to_owned();
            (
                Opt {
                    value: s.as_str().to_owned(),
                    label,
                    selected: query.state == s.as_str(),
                },
                n,
            )
        })
        .collect();
    let page = DashboardPage {
        t,
        csrf: crate::web::csrf::token(&session)?,
        staff_name: staff.name,
        all_agencies: all,
        agency_choices: opts(
            refs.agencies
                .iter()
                .filter(|_| all)
                .map(|a| (a.id.to_string(), a.name.clone())),
            &query.agency,
        ),
        states,
        classifications: opts(
            Classification::ALL.iter().map(|c| {
                (
                    c.as_str().to_owned(),
                    t.t(&format!("classification.{}", c.as_str())).to_owned(),
                )
            }),
            &query.classification,
        ),
        tiers: opts(
            ["ringan", "sedang", "berat", "moral"]
                .map(|v| (v.to_owned(), t.t(&format!("tier.{v}")).to_owned())),
            &query.tier,
        ),
        violations: opts(
            refs.violations.iter().map(|v| {
                (
                    v.code.clone(),
                    format!("{} — {}", v.code, t.pick(&v.name_id, &v.name_en)),
                )
            }),
            &query.violation,
        ),
        elections: opts(
            ELECTION_TYPES.iter().map(|e| {
                (
                    (*e).to_owned(),
                    t.t(&format!("election_type.{e}")).to_owned(),
                )
            }),
            &query.election,
        ),
        query,
        rows,
        narrowed,
        next,
    };
    render::ok(&page)
}
