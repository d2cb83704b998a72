//! `/admin/calendar` and `/admin/agencies`: the reference data deadlines and scoping rest on:
//! national holidays and cuti bersama, working days per stage, and which agencies are active.
//! Every change is audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Datelike as _;
use serde::Deserialize;

use super::Admin;
use crate::app::Outcome;
use crate::app::reference::{self, NewHoliday};
use crate::db::{self, agencies, catalogue};
use crate::domain::ids::AgencyId;
use crate::domain::working_days::HolidayKind;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::clean_text;
use crate::web::forms::{Checked, FirstQuery};
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

#[derive(Template)]
#[template(path = "admin/calendar.html")]
pub struct CalendarPage {
    pub t: Tr,
    pub csrf: String,
    pub year: i32,
    pub holidays: Vec<HolidayItem>,
    pub stages: Vec<StageItem>,
    pub errors: Vec<FormError>,
    pub form: HolidayForm,
}

pub struct HolidayItem {
    pub id: i64,
    pub day: String,
    pub kind: String,
    pub name: String,
}

/// A stage and the working days it may take.
pub struct StageItem {
    pub stage: String,
    pub label: String,
    pub days: i32,
}

pub struct AgencyItem {
    pub id: AgencyId,
    pub code: String,
    pub name: String,
    pub timezone: String,
    pub active: bool,
}

#[derive(Deserialize, Default, Clone)]
pub struct HolidayForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name_id: String,
    #[serde(default)]
    pub name_en: String,
}

#[derive(Deserialize)]
pub struct YearQuery {
    /// Text, so that `?year=abc` shows this year rather than a 400.
    #[serde(default)]
    year: String,
}

async fn calendar_page(
    state: &AppState,
    session: &Session,
    t: Tr,
    year: i32,
    form: HolidayForm,
    error: Option<String>,
) -> Result<CalendarPage, AppError> {
    let from = chrono::NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::BadRequest)?;
    let to = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or(AppError::BadRequest)?;
    let (holidays, stages) = db::run(&state.pool, move |c| {
        Ok::<_, AppError>((
            catalogue::holidays_between(c, from, to)?,
            catalogue::stage_deadlines(c)?,
        ))
    })
    .await?;
    Ok(CalendarPage {
        t,
        csrf: csrf::token(session)?,
        year,
        holidays: holidays
            .into_iter()
            .map(|h| HolidayItem {
                id: h.id,
                day: h.day.format("%d-%m-%Y").to_string(),
                kind: t.label("holiday", h.kind),
                name: t.pick(&h.name_id, &h.name_en).to_owned(),
            })
            .collect(),
        stages: stages
            .into_iter()
            .map(|(stage, days)| StageItem {
                label: t.t(&format!("stage.{stage}")).to_owned(),
                stage,
                days,
            })
            .collect(),
        errors: error.map(FormError::general).into_iter().collect(),
        form,
    })
}

pub async fn calendar(
    _a: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    FirstQuery(q): FirstQuery<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let year = q
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| db::now().year());
    render::ok(&calendar_page(&state, &session, t, year, HolidayForm::default(), None).await?)
}

pub async fn add_holiday(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<HolidayForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let day = chrono::NaiveDate::parse_from_str(form.day.trim(), "%Y-%m-%d").ok();
    let h = NewHoliday {
        day,
        kind: HolidayKind::parse(&form.kind),
        name_id: clean_text(form.name_id.trim()),
        name_en: clean_text(form.name_en.trim()),
    };
    let year = day.map_or_else(|| db::now().year(), |d| d.year());
    let by = admin.0.id;
    let key = state.keys.audit().clone();
    match db::run(&state.pool, move |c| {
        reference::add_holiday(c, &key, by, &h)
    })
    .await?
    {
        Outcome::Done(()) => Ok(render::see_other(&format!("/admin/calendar?year={year}"))),
        Outcome::Invalid(key) => {
            let error = Some(t.t(key).to_owned());
            let p = calendar_page(&state, &session, t, year, form, error).await?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Outcome::Conflict(_) => Err(AppError::Conflict),
    }
}

#[derive(Deserialize)]
pub struct IdForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: i64,
}

pub async fn delete_holiday(
    admin: Admin,
    state: web::Data<AppState>,
    form: Checked<IdForm>,
) -> Result<HttpResponse, AppError> {
    let (by, id) = (admin.0.id, form.id);
    let key = state.keys.audit().clone();
    let year = db::run(&state.pool, move |c| {
        reference::delete_holiday(c, &key, by, id)
    })
    .await?;
    Ok(render::see_other(&format!("/admin/calendar?year={year}")))
}

#[derive(Deserialize)]
pub struct StageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    days: String,
}

pub async fn set_stage(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<StageForm>,
) -> Result<HttpResponse, AppError> {
    let (by, stage, days) = (
        admin.0.id,
        form.stage.clone(),
        form.days.trim().parse().ok(),
    );
    let key = state.keys.audit().clone();
    let outcome = db::run(&state.pool, move |c| {
        reference::set_stage_deadline(c, &key, by, &stage, days)
    })
    .await?;
    match outcome {
        Outcome::Done(()) => Ok(render::see_other("/admin/calendar")),
        Outcome::Invalid(key) => {
            let (year, error) = (db::now().year(), Some(t.t(key).to_owned()));
            let p = calendar_page(&state, &session, t, year, HolidayForm::default(), error).await?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Outcome::Conflict(_) => Err(AppError::Conflict),
    }
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
pub struct AgenciesPage {
    pub t: Tr,
    pub csrf: String,
    pub agencies: Vec<AgencyItem>,
}

pub async fn agencies(
    _a: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let rows = db::run(&state.pool, |c| {
        agencies::list_all(c).map_err(AppError::from)
    })
    .await?;
    let agencies = rows
        .into_iter()
        .map(|a| AgencyItem {
            id: a.id,
            code: a.code,
            name: a.name,
            timezone: a.timezone,
            active: a.active,
        })
        .collect();
    render::ok(&AgenciesPage {
        t,
        csrf: csrf::token(&session)?,
        agencies,
    })
}

pub async fn toggle_agency(
    admin: Admin,
    state: web::Data<AppState>,
    form: Checked<IdForm>,
) -> Result<HttpResponse, AppError> {
    let (by, id) = (admin.0.id, AgencyId(form.id));
    let key = state.keys.audit().clone();
    db::run(&state.pool, move |c| {
        reference::toggle_agency(c, &key, by, id)
    })
    .await?;
    // The form and the case pages offer active agencies only: read the list again now.
    state.refs.forget();
    Ok(render::see_other("/admin/agencies"))
}

crate::web::forms::with_csrf!(HolidayForm, IdForm, StageForm);
