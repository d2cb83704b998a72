//! `/dashboard`: the cases of the signed-in user's agency (all agencies for national staff and
//! admins, with an agency filter), counts per state, overdue cases marked, keyset pagination.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::Staff;
use crate::db::case_list::{self, CaseFilter};
use crate::db::{self, agencies};
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::public::status_page::local;
use crate::web::{AppState, render};

const PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct Query {
    #[serde(default)]
    state: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    after: String,
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

pub struct StateCount {
    pub state: String,
    pub label: String,
    pub count: i64,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    pub t: Tr,
    pub csrf: String,
    pub staff_name: String,
    pub all_agencies: bool,
    pub agency_choices: Vec<(i64, String, bool)>,
    pub agency_param: String,
    pub counts: Vec<StateCount>,
    pub state_param: String,
    pub rows: Vec<Row>,
    pub next: Option<String>,
}

fn parse_cursor(s: &str) -> Option<(chrono::NaiveDateTime, i64)> {
    let (micros, id) = s.split_once('.')?;
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, id.parse().ok()?))
}

pub async fn index(
    staff: Staff,
    state: web::Data<AppState>,
    session: actix_session::Session,
    t: Tr,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let all = staff.sees_all_agencies();
    // Staff of an agency see their agency, whatever the URL says.
    let agency_id = if all {
        query.agency.parse::<i64>().ok()
    } else {
        Some(staff.agency_id.ok_or(AppError::Forbidden)?)
    };
    let state_filter = CaseState::parse(&query.state).map(|s| s.as_str().to_owned());
    let filter = CaseFilter {
        agency_id,
        state: state_filter.clone(),
        after: parse_cursor(&query.after),
    };
    let (rows, counts, agency_list) = db::run(&state.pool, move |c| {
        let rows = case_list::page(c, &filter, PAGE + 1)?;
        let counts = case_list::counts_by_state(c, agency_id)?;
        let agency_list = if all {
            agencies::list_active(c)?
        } else {
            vec![]
        };
        Ok::<_, AppError>((rows, counts, agency_list))
    })
    .await?;
    let now = db::now();
    let next = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1)
                .map(|r| format!("{}.{}", r.created_at.and_utc().timestamp_micros(), r.id))
        })
        .flatten();
    let rows = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| {
            let tz = TimeZone::parse(&r.agency_timezone).unwrap_or(TimeZone::Wib);
            let open = CaseState::parse(&r.state).is_some_and(|s| s.deadline_stage().is_some());
            Row {
                overdue: open && r.deadline_at.is_some_and(|d| d < now),
                deadline: r.deadline_at.map(|d| local(d, tz)).unwrap_or_default(),
                filed: local(r.created_at, tz),
                state: t.t(&format!("state.{}", r.state)).to_owned(),
                number: r.case_number,
                reported: r.reported_name,
                agency: r.agency_name,
            }
        })
        .collect();
    let counts = CaseState::ALL
        .iter()
        .map(|s| StateCount {
            state: s.as_str().to_owned(),
            label: t.t(&format!("state.{}", s.as_str())).to_owned(),
            count: counts
                .iter()
                .find(|(st, _)| st == s.as_str())
                .map_or(0, |(_, n)| *n),
            selected: state_filter.as_deref() == Some(s.as_str()),
        })
        .collect();
    let page = DashboardPage {
        t,
        csrf: crate::web::csrf::token(&session)?,
        staff_name: staff.name,
        all_agencies: all,
        agency_choices: agency_list
            .into_iter()
            .map(|a| (a.id, a.name, Some(a.id) == agency_id))
            .collect(),
        agency_param: agency_id
            .filter(|_| all)
            .map(|a| a.to_string())
            .unwrap_or_default(),
        counts,
        state_param: state_filter.unwrap_or_default(),
        rows,
        next,
    };
    render::ok(&page)
}
