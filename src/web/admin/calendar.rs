//! `/admin/calendar`: the reference data deadlines rest on: national holidays and cuti bersama,
//! which years' calendars are confirmed, and the working days per stage. Every change is
//! audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Datelike as _;
use serde::Deserialize;

use super::Admin;
use crate::app::Outcome;
use crate::app::reference::{self, NewHoliday};
use crate::db::{self, catalogue, holiday_calendars};
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
    pub calendar_warning: Option<super::CalendarWarning>,
    pub csrf: String,
    pub year: i32,
    pub holidays: Vec<HolidayItem>,
    /// The year's calendar: confirmed, and its basis.
    pub confirmed: bool,
    pub source: String,
    pub stages: Vec<StageItem>,
    pub errors: Vec<FormError>,
    pub form: HolidayForm,
}

pub struct HolidayItem {
    pub id: i64,
    pub day: String,
    pub kind: String,
    pub name: String,
    pub isbat: bool,
}

/// A stage and the working days it may take.
pub struct StageItem {
    pub stage: String,
    pub label: String,
    pub days: i32,
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
    /// The checkbox: "1" when ticked.
    #[serde(default)]
    pub isbat: String,
    /// The confirmation form's basis, kept when it is sent back.
    #[serde(default)]
    pub source: String,
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
    let (holidays, stages, calendar) = db::run(&state.pool, move |c| {
        Ok::<_, AppError>((
            catalogue::holidays_between(c, from, to)?,
            catalogue::stage_deadlines(c)?,
            holiday_calendars::find(c, year)?,
        ))
    })
    .await?;
    Ok(CalendarPage {
        calendar_warning: super::calendar_warning(state, t).await?,
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
                isbat: h.isbat,
            })
            .collect(),
        confirmed: calendar.as_ref().is_some_and(|c| c.confirmed),
        source: calendar.map(|c| c.source).unwrap_or_default(),
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
        isbat: form.isbat == "1",
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

pub async fn delete_holiday(
    admin: Admin,
    state: web::Data<AppState>,
    form: Checked<super::reference::IdForm>,
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

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    source: String,
}

/// Confirms the year shown: its days off are entered from the decree named in `source`.
pub async fn confirm_year(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let year: Option<i32> = form.year.trim().parse().ok();
    let source = clean_text(form.source.trim());
    let form = HolidayForm {
        source: form.source.clone(),
        ..HolidayForm::default()
    };
    let (by, key) = (admin.0.id, state.keys.audit().clone());
    let outcome = db::run(&state.pool, move |c| {
        reference::confirm_year(c, &key, by, year, &source)
    })
    .await?;
    let shown = year
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| db::now().year());
    match outcome {
        Outcome::Done(()) => Ok(render::see_other(&format!("/admin/calendar?year={shown}"))),
        Outcome::Invalid(key) => {
            let error = Some(t.t(key).to_owned());
            let p = calendar_page(&state, &session, t, shown, form, error).await?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Outcome::Conflict(_) => Err(AppError::Conflict),
    }
}

crate::web::forms::with_csrf!(HolidayForm, StageForm, ConfirmForm);
