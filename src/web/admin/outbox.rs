//! `/admin/outbox`: mail that has not gone out (pending, being sent, failed, skipped) with its
//! attempts and last error, and a retry for a failed message.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Admin;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, outbox};
use crate::domain::event::AuditAction;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::{AppState, csrf, render};

#[derive(Template)]
#[template(path = "admin/outbox.html")]
pub struct OutboxPage {
    pub t: Tr,
    pub calendar_warning: Option<super::CalendarWarning>,
    pub csrf: String,
    pub counts: Vec<StatusCount>,
    pub rows: Vec<OutboxItem>,
}

pub struct StatusCount {
    pub status: String,
    pub n: i64,
}

/// A message not sent yet (or failed), as the operator sees it.
pub struct OutboxItem {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt: String,
    pub last_error: String,
    /// Failed for good: the operator may queue it again.
    pub failed: bool,
}

pub async fn index(
    _a: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let (counts, rows) = db::run(&state.pool, |c| {
        Ok::<_, AppError>((outbox::counts(c)?, outbox::unsent(c, 200)?))
    })
    .await?;
    let tz = crate::domain::area::TimeZone::Wib;
    let rows = rows
        .into_iter()
        .map(|r| OutboxItem {
            id: r.id,
            kind: r.kind.as_str().to_owned(),
            failed: r.status == outbox::FAILED,
            status: r.status,
            attempts: r.attempts,
            next_attempt: tz.display(r.next_attempt_at),
            last_error: r.last_error.unwrap_or_default(),
        })
        .collect();
    render::ok(&OutboxPage {
        calendar_warning: super::calendar_warning(&state, t).await?,
        t,
        csrf: csrf::token(&session)?,
        counts: counts
            .into_iter()
            .map(|(status, n)| StatusCount { status, n })
            .collect(),
        rows,
    })
}

#[derive(Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: i64,
}

pub async fn retry(
    admin: Admin,
    state: web::Data<AppState>,
    form: Checked<RetryForm>,
) -> Result<HttpResponse, AppError> {
    let (id, by) = (form.id, admin.0.id);
    let key = state.keys.audit().clone();
    db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            if !outbox::retry(c, id, db::now())? {
                return Err(AppError::NotFound);
            }
            let what = id.to_string();
            let ev = Event::outside_cases(Actor::Staff(by), AuditAction::MailRetried, Some(&what));
            audit::append(c, &key, &ev)?;
            Ok(())
        })
    })
    .await?;
    Ok(render::see_other("/admin/outbox"))
}

crate::web::forms::with_csrf!(RetryForm);
