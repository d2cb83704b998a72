//! `/status`: case number + receipt secret → the case as its reporter may see it; the reporter can
//! answer and add evidence. A wrong number or secret gets one generic message, whichever was
//! wrong, after the same work either way; attempts are rate-limited per client.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::report_input::clean_files;
use super::status_page::{CaseView, StatusCasePage, StatusFormPage};
use crate::app::Outcome;
use crate::app::receipt_check;
use crate::app::status_reply::{self, Reply};
use crate::crypto::random_token;
use crate::db;
use crate::domain::ids::ReportId;
use crate::domain::receipt::{CaseNumber, ReceiptSecret};
use crate::domain::report::FieldError;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::{AppState, csrf, multipart, render};

const ACCESS_KEY: &str = "status_access_v2";
const SENT_KEY: &str = "status_sent";
/// How long a successful check lets the browser see the case without entering the secret again,
/// from its last use.
const ACCESS_MINUTES: i64 = 30;
/// However often it is used, access ends this long after the check that opened it: a copied
/// cookie cannot be kept alive by using it.
const ACCESS_MAX_HOURS: i64 = 4;

/// What a successful check opens, in the encrypted session; each use checks it against the
/// server's record of "Keluar" (`receipt_check::still_open`).
#[derive(Serialize, Deserialize)]
struct Access {
    /// A `ReportId`, as the session cookie stores it.
    report_id: i64,
    /// When the check opened it (unix microseconds, as `db::now`).
    opened: i64,
    /// Until when, unless used again (unix seconds).
    until: i64,
}

#[derive(Deserialize)]
pub struct CheckForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    case_number: String,
    #[serde(default)]
    secret: String,
}

pub async fn new(session: Session, t: Tr) -> Result<HttpResponse, AppError> {
    let page = StatusFormPage {
        t,
        csrf: csrf::token(&session)?,
        case_number: String::new(),
        failed: false,
        unsent: String::new(),
    };
    render::ok(&page)
}

pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<CheckForm>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_status(&req, &session).await?;
    let number = CaseNumber::parse(&form.case_number);
    let secret = ReceiptSecret::parse(&form.secret);
    // Hash whatever was typed, so a malformed secret costs the same as a wrong one.
    let typed = secret.as_ref().map_or("-", ReceiptSecret::normalised);
    let (typed_hash, well_formed) = (state.keys.receipt_hash(typed), secret.is_some());
    let found = db::run(&state.pool, move |conn| {
        receipt_check::open(conn, number.as_ref(), &typed_hash, well_formed)
    })
    .await?;
    match found {
        Some(report_id) => {
            session.renew();
            let access = Access {
                report_id: report_id.get(),
                opened: db::now().and_utc().timestamp_micros(),
                until: chrono::Utc::now().timestamp() + ACCESS_MINUTES * 60,
            };
            session.insert(ACCESS_KEY, access)?;
            Ok(render::see_other("/status/kasus"))
        }
        None => {
            tracing::info!("status check failed");
            let page = StatusFormPage {
                t,
                csrf: csrf::token(&session)?,
                case_number: form.case_number.clone(),
                failed: true,
                unsent: String::new(),
            };
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// The case this browser proved it holds the receipt for, if its access is still open. Each use
/// extends it, so a reporter writing a long answer is not cut off mid-way.
async fn access(state: &AppState, session: &Session) -> Result<Option<ReportId>, AppError> {
    let Some(a) = session.get::<Access>(ACCESS_KEY).ok().flatten() else {
        return Ok(None);
    };
    let now = chrono::Utc::now();
    let Some(opened) = chrono::DateTime::from_timestamp_micros(a.opened) else {
        return Ok(None);
    };
    let fresh =
        a.until > now.timestamp() && now - opened < chrono::Duration::hours(ACCESS_MAX_HOURS);
    if !fresh {
        return Ok(None);
    }
    let report_id = ReportId(a.report_id);
    let opened = opened.naive_utc();
    let open = db::run(&state.pool, move |conn| {
        receipt_check::still_open(conn, report_id, opened)
    })
    .await?;
    if !open {
        return Ok(None);
    }
    let renewed = Access {
        until: now.timestamp() + ACCESS_MINUTES * 60,
        ..a
    };
    session.insert(ACCESS_KEY, renewed)?;
    Ok(Some(report_id))
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let Some(report_id) = access(&state, &session).await? else {
        return Ok(render::see_other("/status"));
    };
    let view = db::run(&state.pool, move |conn| {
        CaseView::load_by_id(conn, report_id).map_err(AppError::from)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let sent = session
        .remove_as::<bool>(SENT_KEY)
        .and_then(Result::ok)
        .unwrap_or(false);
    let page = StatusCasePage::build(
        t,
        csrf::token(&session)?,
        random_token(16),
        view,
        String::new(),
        vec![],
        sent,
    );
    render::ok(&page)
}

pub async fn reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let mut form =
        multipart::read_checked(&req, payload, "evidence", &session, &state.limits).await?;
    let body = form.text("message").trim().to_owned();
    let Some(report_id) = access(&state, &session).await? else {
        return expired(t, &session, body);
    };
    let token = form.text("client_token");
    let had_files = form.had_files();
    let (files, file_errors) = clean_files(&mut form).await?;
    let errors = reply_errors(t, &body, files.len(), &file_errors, had_files);
    if !errors.is_empty() {
        let again = Again {
            report_id,
            token,
            body,
            errors,
        };
        return again
            .show(&state, &session, t, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let reply = Reply {
        report_id,
        body: body.clone(),
        files,
        client_token: token.clone(),
    };
    let key = state.keys.audit().clone();
    let outcome = db::run(&state.pool, move |conn| {
        status_reply::reply(conn, &key, &reply)
    })
    .await?;
    if let Outcome::Invalid(key) = outcome {
        // Closed while they wrote: say so on the case page and keep the text.
        let errors = vec![t.t(key).to_owned()];
        let again = Again {
            report_id,
            token,
            body,
            errors,
        };
        return again.show(&state, &session, t, StatusCode::CONFLICT).await;
    }
    session.insert(SENT_KEY, true)?;
    Ok(render::see_other("/status/kasus"))
}

/// Access ran out while they wrote: nothing is sent, and the text is handed back to copy.
fn expired(t: Tr, session: &Session, unsent: String) -> Result<HttpResponse, AppError> {
    let page = StatusFormPage {
        t,
        csrf: csrf::token(session)?,
        case_number: String::new(),
        failed: false,
        unsent,
    };
    render::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// What is wrong with a reply before it is sent (files refused, nothing written, too long).
fn reply_errors(
    t: Tr,
    body: &str,
    file_count: usize,
    file_errors: &[FieldError],
    had_files: bool,
) -> Vec<String> {
    let mut errors: Vec<String> = file_errors
        .iter()
        .map(|e| t.f(e.key, e.arg.as_deref().unwrap_or_default()))
        .collect();
    if body.is_empty() && file_count == 0 && file_errors.is_empty() {
        errors.push(t.t("reply.empty").to_owned());
    }
    if body.chars().count() > 5000 {
        errors.push(t.f("form.too_long", "5000"));
    }
    if !errors.is_empty() && had_files {
        errors.push(t.t("form.files_again").to_owned());
    }
    errors
}

/// A reply that comes back to the case page with its messages, the text kept (files excepted).
struct Again {
    report_id: ReportId,
    token: String,
    body: String,
    errors: Vec<String>,
}

impl Again {
    async fn show(
        self,
        state: &AppState,
        session: &Session,
        t: Tr,
        status: StatusCode,
    ) -> Result<HttpResponse, AppError> {
        let id = self.report_id;
        let view = db::run(&state.pool, move |conn| {
            CaseView::load_by_id(conn, id).map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)?;
        let csrf = csrf::token(session)?;
        let page = StatusCasePage::build(t, csrf, self.token, view, self.body, self.errors, false);
        render::page(status, &page)
    }
}

#[derive(Deserialize)]
pub struct ForgetForm {
    #[serde(default)]
    csrf: String,
}

/// "Keluar": ends the access to the case everywhere (every browser that opened it, every copy of
/// this cookie), not only in this browser.
pub async fn forget(
    state: web::Data<AppState>,
    session: Session,
    _: Checked<ForgetForm>,
) -> Result<HttpResponse, AppError> {
    if let Some(a) = session.get::<Access>(ACCESS_KEY).ok().flatten() {
        let report_id = ReportId(a.report_id);
        db::run(&state.pool, move |conn| {
            receipt_check::sign_out(conn, report_id)
        })
        .await?;
    }
    session.remove(ACCESS_KEY);
    session.renew();
    Ok(render::see_other("/status"))
}

crate::web::forms::with_csrf!(CheckForm, ForgetForm);
