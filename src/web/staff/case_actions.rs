//! What staff write on a case: messages to the reporter, internal notes, assignment and workflow
//! transitions. Each handler reads its form, runs one `app` operation and answers: 303 to the
//! case, 422 with the message on the case page, or 409 with what changed meanwhile.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use super::case::invalid;
use super::case_form::{AssignForm, StepForm};
use super::case_items::TimelineEntry;
use super::case_page::Draft;
use super::session::{CaseWorker, Staff};
use crate::app::case_assign::{self, Assign};
use crate::app::case_transition::{self, Moved};
use crate::app::{Changes, Outcome};
use crate::db;
use crate::domain::ids::UserId;
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::paths::CasePath;
use crate::web::{AppState, render};

/// A workflow transition (see `domain::workflow`), guarded by role, agency, state and version.
pub async fn act(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
    form: Checked<StepForm>,
) -> Result<HttpResponse, AppError> {
    let cmd = form.transition().ok_or(AppError::BadRequest)?;
    let (who, n) = (staff.user(), number.clone());
    let key = state.keys.audit().clone();
    let outcome = db::run(&state.pool, move |c| {
        case_transition::transition(c, &key, &who, &n, &cmd)
    })
    .await?;
    // Forwarded away: this agency no longer sees the case.
    if matches!(outcome, Outcome::Done(Moved::Forwarded)) && !staff.sees_all_agencies() {
        return Ok(render::see_other("/dashboard"));
    }
    let draft = Draft::Step(form.into_inner());
    answer(&state, &staff, &session, t, number, outcome, draft).await
}

/// Assigns the case to a handler of its agency (or clears the assignment).
pub async fn assign(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
    form: Checked<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let handler = match form.handler.trim() {
        "" => None,
        h => Some(h.parse::<UserId>().map_err(|_| AppError::BadRequest)?),
    };
    let cmd = Assign {
        handler,
        version: form.version,
        seen: form.seen,
    };
    let (who, n) = (staff.user(), number.clone());
    let key = state.keys.audit().clone();
    let outcome = db::run(&state.pool, move |c| {
        case_assign::assign(c, &key, &who, &n, &cmd)
    })
    .await?;
    answer(
        &state,
        &staff,
        &session,
        t,
        number,
        outcome.as_list(),
        Draft::default(),
    )
    .await
}

/// The answer to a case operation: back to the case, the case page with the message (422), or
/// what changed since the form (409).
pub(super) async fn answer<T>(
    state: &AppState,
    staff: &Staff,
    session: &Session,
    t: Tr,
    number: CaseNumber,
    outcome: Outcome<T, Vec<&'static str>>,
    draft: Draft,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Outcome::Done(_) => Ok(render::see_other(&format!("/dashboard/cases/{number}"))),
        Outcome::Invalid(keys) => {
            let messages = keys.iter().map(|k| t.t(k).to_owned()).collect();
            invalid(state, staff, session, t, number, messages, draft).await
        }
        Outcome::Conflict(changes) => conflict(t, number.as_str(), changes),
    }
}

#[derive(askama::Template)]
#[template(path = "staff/conflict.html")]
pub struct ConflictPage {
    pub t: Tr,
    pub number: String,
    pub changes: Vec<TimelineEntry>,
}

/// 409: someone changed the case after this form's page was shown; list what they did since.
pub(super) fn conflict(t: Tr, number: &str, changes: Changes) -> Result<HttpResponse, AppError> {
    let rows = super::history::entries(
        t,
        changes.entries.iter().map(|(a, who)| (a, who.as_str())),
        |a| changes.tz.display(a.at),
    );
    let page = ConflictPage {
        t,
        number: number.to_owned(),
        changes: rows,
    };
    render::page(actix_web::http::StatusCode::CONFLICT, &page)
}
