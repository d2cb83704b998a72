//! What staff write on a case: messages to the reporter, internal notes, and workflow
//! transitions. Each is one transaction with its audit row and the reporter's content-free notice.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use super::case::{ReasonForm, event, invalid};
use super::case_page::offered;
use super::case_view::find_visible;
use super::session::Staff;
use crate::db::audit::{self, Event};
use crate::db::{self, messages, outbox, reports};
use crate::domain::case_state::CaseState;
use crate::domain::workflow::{self, Action};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::public::report_save::stage_deadline;
use crate::web::{AppState, csrf, render};

/// A message to the reporter (shown on their status page) or an internal note.
pub async fn message(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    number: web::Path<String>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let number = number.into_inner();
    let body = form.body.trim().to_owned();
    if body.is_empty() || body.chars().count() > 5000 {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.message_invalid",
        )
        .await;
    }
    let internal = form.internal == "yes";
    let (agency, all, s, n) = (
        staff.agency_id,
        staff.sees_all_agencies(),
        staff.clone(),
        number.clone(),
    );
    db::run(&state.pool, move |c| {
        let r = find_visible(c, &n, agency, all)?;
        db::write_tx(c, |c| {
            let direction = if internal {
                messages::INTERNAL
            } else {
                messages::TO_REPORTER
            };
            let m = messages::NewMessageRow {
                report_id: r.id,
                direction,
                author_user_id: Some(s.id),
                body: &body,
                client_token: None,
                created_at: db::now(),
            };
            messages::insert(c, &m)?;
            let action = if internal {
                "note_added"
            } else {
                "message_to_reporter"
            };
            audit::append(c, &event(&s, r.id, action, None, !internal))?;
            if !internal {
                notify_reporter(c, r.id, "message_to_reporter")?;
            }
            Ok::<_, AppError>(())
        })
    })
    .await?;
    Ok(render::see_other(&format!("/dashboard/cases/{number}")))
}

/// Queues a content-free notice to the reporter, if they left an address and did not opt out.
fn notify_reporter(c: &mut db::DbConnection, report_id: i64, kind: &str) -> Result<(), AppError> {
    if let Some(rep) = reports::reporter(c, report_id)?
        && let Some(email) = rep.email.as_deref()
        && !rep.opt_out
    {
        outbox::enqueue(
            c,
            kind,
            Some(report_id),
            &outbox::Recipient::Reporter {
                email_sealed: email,
                lang: &rep.lang,
            },
        )?;
    }
    Ok(())
}

/// A workflow transition (see `domain::workflow`), guarded by role, agency, state and version.
pub async fn act(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    number: web::Path<String>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let number = number.into_inner();
    let detail = Some(form.detail.as_str()).filter(|d| !d.is_empty());
    let action = Action::parse(&form.action, detail)
        .filter(|a| offered(*a))
        .ok_or(AppError::BadRequest)?;
    let reason = form.reason.trim().to_owned();
    let question = form.question.trim().to_owned();
    if reason.is_empty() {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.reason_required",
        )
        .await;
    }
    if action == Action::RequestInfo && question.is_empty() {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.question_required",
        )
        .await;
    }
    let (agency, all, s, n, version) = (
        staff.agency_id,
        staff.sees_all_agencies(),
        staff.clone(),
        number.clone(),
        form.version,
    );
    db::run(&state.pool, move |c| {
        let r = find_visible(c, &n, agency, all)?;
        let from = CaseState::parse(&r.state).ok_or(AppError::Conflict)?;
        let to = match workflow::next(from, &action, workflow::Actor::Staff(s.role)) {
            Ok(to) => to,
            Err(workflow::Refusal::WrongRole) => return Err(AppError::Forbidden),
            Err(workflow::Refusal::WrongState) => return Err(AppError::Conflict),
        };
        let agency_row = db::agencies::find(c, r.agency_id)?.ok_or(AppError::NotFound)?;
        db::write_tx(c, |c| {
            let deadline = match to.deadline_stage() {
                Some(stage) => stage_deadline(c, stage, &agency_row.timezone)?,
                None => None,
            };
            let classification = match action {
                Action::Classify(k) => Some(k.as_str()),
                _ => None,
            };
            if !reports::apply_transition(
                c,
                r.id,
                version,
                from.as_str(),
                to.as_str(),
                deadline,
                classification,
                workflow::is_closed(to),
            )? {
                return Err(AppError::Conflict);
            }
            let why = match action.detail() {
                Some(d) => format!("[{d}] {reason}"),
                None => reason.clone(),
            };
            let ev = Event {
                from_state: Some(from.as_str()),
                to_state: Some(to.as_str()),
                ..event(&s, r.id, "state_changed", Some(&why), true)
            };
            audit::append(c, &ev)?;
            if action == Action::RequestInfo {
                let m = messages::NewMessageRow {
                    report_id: r.id,
                    direction: messages::TO_REPORTER,
                    author_user_id: Some(s.id),
                    body: &question,
                    client_token: None,
                    created_at: db::now(),
                };
                messages::insert(c, &m)?;
            }
            notify_reporter(c, r.id, "state_changed")
        })
    })
    .await?;
    Ok(render::see_other(&format!("/dashboard/cases/{number}")))
}
