//! What staff write on a case: messages to the reporter, internal notes, and workflow
//! transitions. Each is one transaction with its audit row and the reporter's content-free notice.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use super::case::{event, invalid};
use super::case_fields;
use super::case_form::ReasonForm;
use super::case_view::with_case;
use super::session::Staff;
use crate::db::audit::{self, Event};
use crate::db::{self, messages, outbox, reports, sanctions};
use crate::deadlines::stage_deadline;
use crate::domain::case_state::CaseState;
use crate::domain::workflow::{self, Action, Classification};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::clean_text;
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
    if staff.role == workflow::Role::Admin {
        // Admins keep accounts and reference data; talking to reporters is case work.
        return Err(AppError::Forbidden);
    }
    let body = clean_text(form.body.trim());
    if body.is_empty() || body.chars().count() > 5000 {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.message_invalid",
            super::case_page::Draft::of(&form, "message"),
        )
        .await;
    }
    let internal = form.internal == "yes";
    let s = staff.clone();
    with_case(&state, &staff, &number, move |c, r| {
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
    let draft = super::case_page::Draft::of(&form, &form.action);
    let action = Action::parse(&form.action, detail).ok_or(AppError::BadRequest)?;
    let reason = clean_text(form.reason.trim());
    let question = clean_text(form.question.trim());
    if reason.is_empty() {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.reason_required",
            draft.clone(),
        )
        .await;
    }
    let mut reference = clean_text(form.reference.trim());
    if action == Action::Classify(Classification::Criminal) && reference.is_empty() {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.reference_required",
            draft.clone(),
        )
        .await;
    }
    let duplicate = action == Action::Reject(workflow::RejectGround::Duplicate);
    if duplicate {
        // The case it duplicates must exist (and differ): the rejection then points at it.
        let original =
            crate::domain::receipt::CaseNumber::parse(&reference).map(|n| n.as_str().to_owned());
        let exists = match original.clone().filter(|o| *o != number) {
            Some(o) => match with_case(&state, &staff, &o, |_, _| Ok(())).await {
                Ok(()) => true,
                Err(AppError::NotFound) => false,
                Err(e) => return Err(e),
            },
            None => false,
        };
        if !exists {
            return invalid(
                &state,
                &staff,
                &session,
                t,
                number,
                "case.staff.duplicate_required",
                draft.clone(),
            )
            .await;
        }
        reference = original.unwrap_or_default();
    }
    if action == Action::RequestInfo && question.is_empty() {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.question_required",
            draft.clone(),
        )
        .await;
    }
    let (s, version) = (staff.clone(), form.version);
    let today = crate::domain::area::TimeZone::today_everywhere(db::now());
    let seen = form.seen;
    let form = form.into_inner();
    let problem = with_case(&state, &staff, &number, move |c, r| {
        let from = CaseState::parse(&r.state).ok_or(AppError::Conflict)?;
        let to = match workflow::next(from, &action, workflow::Actor::Staff(s.role)) {
            Ok(to) => to,
            Err(workflow::Refusal::WrongRole) => return Err(AppError::Forbidden),
            Err(workflow::Refusal::WrongState) => return Err(AppError::Conflict),
        };
        // The data some transitions carry, checked before anything is written.
        let extra = match action {
            Action::Recommend => match case_fields::recommendation(c, &r, &form)? {
                Ok(chosen) => Extra::Sanctions(chosen),
                Err(key) => return Ok(Some(key)),
            },
            Action::RecordDecision => match case_fields::decree(c, &r, &form, today)? {
                Ok(d) => Extra::Decree(d),
                Err(key) => return Ok(Some(key)),
            },
            Action::Classify(Classification::NotOurAuthority) => {
                match case_fields::target_agency(c, &r, &form)? {
                    Ok(id) => Extra::Forward(id),
                    Err(key) => return Ok(Some(key)),
                }
            }
            _ => Extra::None,
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
            let closed = workflow::is_closed(to);
            if !reports::apply_transition(
                c,
                r.id,
                version,
                from.as_str(),
                to.as_str(),
                deadline,
                classification,
                closed,
            )? {
                return Err(AppError::Conflict);
            }
            let mut why = match action.detail() {
                Some(d) => format!("[{d}] {reason}"),
                None => reason.clone(),
            };
            if duplicate {
                why = format!("{why} (duplicate of {reference})");
            } else if !reference.is_empty() {
                why = format!("{why} (Gakkumdu: {reference})");
            }
            match &extra {
                Extra::Sanctions(chosen) => {
                    for (code, tier, months) in chosen {
                        let justification =
                            Some(clean_text(form.justification.trim())).filter(|j| !j.is_empty());
                        sanctions::recommend(
                            c,
                            r.id,
                            code,
                            tier,
                            justification.as_deref(),
                            *months,
                        )?;
                    }
                    let tier = ["berat", "sedang", "ringan", "moral"]
                        .into_iter()
                        .find(|t| chosen.iter().any(|(_, ct, _)| ct == t))
                        .unwrap_or("moral");
                    sanctions::set_report_tier(c, r.id, tier)?;
                    why = format!(
                        "{why} ({})",
                        chosen
                            .iter()
                            .map(|(code, _, _)| code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                Extra::Decree(d) => {
                    sanctions::record_decision(c, r.id, &d.sk_number, d.sk_date, d.start_date)?;
                    // The decree is what BKN waits for: the data block is lifted.
                    reports::set_data_blocked(c, r.id, false)?;
                    why = format!("{why} (SK {} {})", d.sk_number, d.sk_date);
                }
                Extra::Forward(target) => {
                    sanctions::move_to_agency(c, r.id, *target)?;
                    for (user_id, lang) in
                        outbox::staff_recipients(c, *target, &["inspector", "bkpsdm"])?
                    {
                        outbox::enqueue(
                            c,
                            "new_case",
                            Some(r.id),
                            &outbox::Recipient::User {
                                id: user_id,
                                lang: &lang,
                            },
                        )?;
                    }
                }
                Extra::None => {}
            }
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
            notify_reporter(c, r.id, "state_changed")?;
            Ok(None)
        })
    })
    .await;
    let problem = match problem {
        Err(AppError::Conflict) => return conflict(&state, &staff, t, number, seen).await,
        other => other?,
    };
    if let Some(key) = problem {
        return invalid(&state, &staff, &session, t, number, key, draft).await;
    }
    // Forwarded away: this agency no longer sees the case.
    if matches!(action, Action::Classify(Classification::NotOurAuthority))
        && !staff.sees_all_agencies()
    {
        return Ok(render::see_other("/dashboard"));
    }
    Ok(render::see_other(&format!("/dashboard/cases/{number}")))
}

enum Extra {
    None,
    Sanctions(super::case_fields::Chosen),
    Decree(super::case_fields::Decree),
    Forward(i64),
}

#[derive(askama::Template)]
#[template(path = "staff/conflict.html")]
pub struct ConflictPage {
    pub t: Tr,
    pub number: String,
    pub changes: Vec<(String, String, String)>,
}

/// 409: someone changed the case after this form's page was shown; list what they did since.
async fn conflict(
    state: &AppState,
    staff: &Staff,
    t: Tr,
    number: String,
    seen: i64,
) -> Result<HttpResponse, AppError> {
    let (keys, all) = (state.keys.clone(), staff.sees_all_agencies());
    let refs = state.refs.load(&state.pool).await?;
    let data = with_case(state, staff, &number, move |c, r| {
        super::case_view::load(c, &keys, &refs, r, false, false, all)
    })
    .await?;
    let changes = data
        .timeline
        .iter()
        .filter(|(a, _)| a.seq > seen)
        .map(|(a, who)| {
            let what = match &a.to_state {
                Some(to) => format!("{} → {}", a.action, t.t(&format!("state.{to}"))),
                None => a.action.clone(),
            };
            (data.tz.display(a.at), who.clone(), what)
        })
        .collect();
    render::page(
        actix_web::http::StatusCode::CONFLICT,
        &ConflictPage { t, number, changes },
    )
}

/// Assigns the case to a handler of its agency (or clears the assignment).
pub async fn assign(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    number: web::Path<String>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let number = number.into_inner();
    let (s, version) = (staff.clone(), form.version);
    let handler = match form.handler.trim() {
        "" => None,
        h => Some(h.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let result = with_case(&state, &staff, &number, move |c, r| {
        if s.role == workflow::Role::Admin {
            return Err(AppError::Forbidden);
        }
        let name = match handler {
            Some(h) => {
                let (_, name) = db::users::handlers(c, r.agency_id)?
                    .into_iter()
                    .find(|(id, _)| *id == h)
                    .ok_or(AppError::BadRequest)?;
                Some(name)
            }
            None => None,
        };
        db::write_tx(c, |c| {
            if !reports::assign(c, r.id, version, handler)? {
                return Err(AppError::Conflict);
            }
            let what = name.unwrap_or_else(|| "-".into());
            audit::append(c, &event(&s, r.id, "assigned", Some(&what), false))?;
            if let Some(h) = handler {
                let lang = db::users::lang(c, h)?;
                outbox::enqueue(
                    c,
                    "assigned",
                    Some(r.id),
                    &outbox::Recipient::User { id: h, lang: &lang },
                )?;
            }
            Ok(())
        })
    })
    .await;
    match result {
        Err(AppError::Conflict) => conflict(&state, &staff, t, number, form.seen).await,
        other => other.map(|()| render::see_other(&format!("/dashboard/cases/{number}"))),
    }
}
