//! `/admin/agencies`: which agencies are active (the reference data scoping rests on; the
//! calendar is in `calendar`). Every change is audited.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Admin;
use crate::app::reference;
use crate::db::{self, agencies};
use crate::domain::ids::AgencyId;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::{AppState, csrf, render};

pub struct AgencyItem {
    pub id: AgencyId,
    pub code: String,
    pub name: String,
    pub timezone: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
pub struct AgenciesPage {
    pub t: Tr,
    pub calendar_warning: Option<super::CalendarWarning>,
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
        calendar_warning: super::calendar_warning(&state, t).await?,
        t,
        csrf: csrf::token(&session)?,
        agencies,
    })
}

#[derive(Deserialize)]
pub struct IdForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub(super) id: i64,
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

crate::web::forms::with_csrf!(IdForm);
