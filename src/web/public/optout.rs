//! `/status/berhenti/{report}/{token}`: a reporter stops the notice emails of their report from
//! the link in any of them, without an account and without the receipt secret.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::crypto::constant_time_eq;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, reports};
use crate::domain::event::AuditAction;
use crate::domain::ids::ReportId;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::{AppState, csrf, render};

#[derive(Template)]
#[template(path = "public/optout.html")]
pub struct OptOutPage {
    pub t: Tr,
    pub csrf: String,
    pub done: bool,
}

fn check(state: &AppState, id: i64, token: &str) -> Result<(), AppError> {
    if constant_time_eq(&state.keys.opt_out_token(id), token) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    check(&state, id, &token)?;
    let id = ReportId(id);
    let done = db::run(&state.pool, move |c| {
        reports::reporter(c, id).map_err(AppError::from)
    })
    .await?
    .ok_or(AppError::NotFound)?
    .opt_out;
    render::ok(&OptOutPage {
        t,
        csrf: csrf::token(&session)?,
        done,
    })
}

#[derive(Deserialize)]
pub struct Form {
    #[serde(default)]
    csrf: String,
}

pub async fn update(
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    _: Checked<Form>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    check(&state, id, &token)?;
    let id = ReportId(id);
    let key = state.keys.audit().clone();
    db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            if reports::set_reporter_opt_out(c, id)? {
                let ev = Event {
                    actor: Actor::Reporter,
                    report_id: Some(id),
                    action: AuditAction::ReporterOptedOut,
                    from_state: None,
                    to_state: None,
                    reason: None,
                    public: false,
                };
                audit::append(c, &key, &ev)?;
            }
            Ok::<_, AppError>(())
        })
    })
    .await?;
    Ok(render::see_other(&format!("/status/berhenti/{id}/{token}")))
}

crate::web::forms::with_csrf!(Form);
