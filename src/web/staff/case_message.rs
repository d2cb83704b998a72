//! A message to the reporter or an internal note (issue 12, "Message or note, never by accident"):
//! two forms. A note is kept at once. A message is first shown as the reporter will see it on
//! their status page, with a button that sends it and one that goes back to edit it; only the
//! preview's form sends.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::case_form::MessageForm;
use super::case_page::Draft;
use super::session::CaseWorker;
use crate::app::Outcome;
use crate::app::case_message::{self, PostMessage};
use crate::db;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::paths::CasePath;
use crate::web::{AppState, render};

#[derive(Template)]
#[template(path = "staff/message_preview.html")]
pub struct PreviewPage {
    pub t: Tr,
    pub csrf: String,
    pub number: String,
    pub body: String,
}

pub async fn message(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
    form: Checked<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let cmd = PostMessage {
        body: clean_text(form.body.trim()),
        internal: match form.to.as_str() {
            "note" => true,
            "reporter" => false,
            "edit" => {
                let draft = Draft::Message(form);
                let ok = StatusCode::OK;
                return super::case::with_draft(
                    &state,
                    &staff,
                    &session,
                    t,
                    number,
                    vec![],
                    draft,
                    ok,
                )
                .await;
            }
            // A forged or stale form: refused after the agency check, like any malformed form.
            _ => {
                let (who, n) = (staff.user(), number.clone());
                let cmd = PostMessage {
                    body: String::new(),
                    internal: true,
                };
                db::run(&state.pool, move |c| case_message::check(c, &who, &n, &cmd)).await?;
                return Err(AppError::BadRequest);
            }
        },
    };
    let send = cmd.internal || form.confirm == "yes";
    let (who, n) = (staff.user(), number.clone());
    let key = state.keys.audit().clone();
    let body = cmd.body.clone();
    let outcome = db::run(&state.pool, move |c| {
        if send {
            case_message::post(c, &key, &who, &n, &cmd)
        } else {
            case_message::check(c, &who, &n, &cmd)
        }
    })
    .await?;
    if !send && matches!(outcome, Outcome::Done(())) {
        let page = PreviewPage {
            t,
            csrf: form.csrf.clone(),
            number: number.as_str().to_owned(),
            body,
        };
        return render::ok(&page);
    }
    let draft = Draft::Message(form);
    super::case_actions::answer(
        &state,
        &staff,
        &session,
        t,
        number,
        outcome.as_list(),
        draft,
    )
    .await
}
