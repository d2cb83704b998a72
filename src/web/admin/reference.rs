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
use crate::db::audit::{self, Actor, Event};
use crate::db::catalogue::{self, NewHolidayRow};
use crate::db::{self, agencies};
use crate::domain::event::AuditAction;
use crate::domain::ids::AgencyId;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::forms::clean_text;
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

fn event<'a>(admin: &Admin, action: AuditAction, reason: &'a str) -> Event<'a> {
    Event {
        actor: Actor::Staff(admin.0.id),
        report_id: None,
        action,
        from_state: None,
        to_state: None,
        reason: Some(reason),
        public: false,
    }
}

#[derive(Template)]
#[template(path = "admin/calendar.html")]
pub struct CalendarPage {
    pub t: Tr,
    pub csrf: String,
    pub year: i32,
    pub holidays: Vec<(i64, String, String, String)>,
    pub stages: Vec<(String, String, i32)>,
    pub errors: Vec<FormError>,
    pub form: HolidayForm,
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
    year: Option<i32>,
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
            .map(|h| {
                (
                    h.id,
                    h.day.format("%d-%m-%Y").to_string(),
                    t.t(&format!("holiday.{}", h.kind)).to_owned(),
                    t.pick(&h.name_id, &h.name_en).to_owned(),
                )
            })
            .collect(),
        stages: stages
            .into_iter()
            .map(|(s, d)| (s.clone(), t.t(&format!("stage.{s}")).to_owned(), d))
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
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let year = q
        .year
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
    let (name_id, name_en) = (
        clean_text(form.name_id.trim()),
        clean_text(form.name_en.trim()),
    );
    let kind_ok = form.kind == "national" || form.kind == "cuti_bersama";
    let year = day.map_or_else(|| db::now().year(), |d| d.year());
    let problem = match day {
        None => Some("admin.calendar.date_invalid"),
        Some(_) if !kind_ok => Some("admin.calendar.kind_required"),
        Some(_) if name_id.is_empty() || name_en.is_empty() => {
            Some("admin.calendar.names_required")
        }
        Some(_) => None,
    };
    if let Some(key) = problem {
        let p = calendar_page(&state, &session, t, year, form, Some(t.t(key).to_owned())).await?;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let Some(day) = day else {
        return Err(AppError::BadRequest);
    };
    let row = NewHolidayRow {
        day,
        kind: form.kind.clone(),
        name_id,
        name_en,
    };
    let added = db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            if catalogue::holiday_exists(c, row.day)? {
                return Ok::<_, AppError>(false);
            }
            catalogue::insert_holiday(c, &row)?;
            audit::append(
                c,
                &event(
                    &admin,
                    AuditAction::HolidayAdded,
                    &format!("{} {}", row.day, row.name_id),
                ),
            )?;
            Ok(true)
        })
    })
    .await?;
    if !added {
        let p = calendar_page(
            &state,
            &session,
            t,
            year,
            form,
            Some(t.t("admin.calendar.duplicate").to_owned()),
        )
        .await?;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    Ok(render::see_other(&format!("/admin/calendar?year={year}")))
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
    let id = form.id;
    let year = db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let row = catalogue::delete_holiday(c, id)?.ok_or(AppError::NotFound)?;
            audit::append(
                c,
                &event(
                    &admin,
                    AuditAction::HolidayDeleted,
                    &format!("{} {}", row.day, row.name_id),
                ),
            )?;
            Ok::<_, AppError>(row.day.year())
        })
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
    let Some(days) = form
        .days
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|d| (1..=90).contains(d))
    else {
        let p = calendar_page(
            &state,
            &session,
            t,
            db::now().year(),
            HolidayForm::default(),
            Some(t.t("admin.calendar.days_invalid").to_owned()),
        )
        .await?;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let stage = form.stage.clone();
    db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            if !catalogue::set_stage_deadline(c, &stage, days)? {
                return Err(AppError::NotFound);
            }
            audit::append(
                c,
                &event(
                    &admin,
                    AuditAction::DeadlineChanged,
                    &format!("{stage}: {days}"),
                ),
            )?;
            Ok(())
        })
    })
    .await?;
    Ok(render::see_other("/admin/calendar"))
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
pub struct AgenciesPage {
    pub t: Tr,
    pub csrf: String,
    pub agencies: Vec<(AgencyId, String, String, String, bool)>,
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
        .map(|a| (a.id, a.code, a.name, a.timezone, a.active))
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
    let id = AgencyId(form.id);
    db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let a = agencies::find(c, id)?.ok_or(AppError::NotFound)?;
            agencies::set_active(c, id, !a.active)?;
            let what = format!("{} {}", a.code, if a.active { "off" } else { "on" });
            audit::append(c, &event(&admin, AuditAction::AgencyToggled, &what))?;
            Ok::<_, AppError>(())
        })
    })
    .await?;
    // The form and the case pages offer active agencies only: read the list again now.
    state.refs.forget();
    Ok(render::see_other("/admin/agencies"))
}

crate::web::forms::with_csrf!(HolidayForm, IdForm, StageForm);
