//! `/dashboard/cases/{number}`: one case for staff, and what they do on it. Every write (identity
//! view, download, message, note, transition) is one transaction with its audit row and, where
//! someone must be told, its outbox rows. A case outside the user's agency answers 404.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::case_form::{CsrfForm, RevealForm};
use super::case_page::CasePage;
use super::session::Staff;
use crate::app::case_read;
use crate::app::identity::{self, Reveal};
use crate::app::{self, Outcome};
use crate::db;
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::clean_text;
use crate::web::forms::{Checked, FirstQuery};
use crate::web::paths::{CasePath, EvidencePath};
use crate::web::{AppState, csrf, render};

const REVEAL_KEY: &str = "reveal_identity";

pub(super) async fn page(
    state: &AppState,
    staff: &Staff,
    session: &Session,
    t: Tr,
    number: CaseNumber,
    grant: Option<String>,
    errors: Vec<String>,
) -> Result<CasePage, AppError> {
    let (keys, who) = (state.keys.clone(), staff.user());
    let refs = state.refs.load(&state.pool).await?;
    let english = t.lang == crate::i18n::Lang::En;
    let data = db::run(&state.pool, move |c| {
        case_read::read(c, &who, &number, &keys, &refs, grant.as_deref(), english)
    })
    .await?;
    Ok(CasePage::build(
        t,
        csrf::token(session)?,
        data,
        staff.role,
        errors,
    ))
}

pub async fn show(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
) -> Result<HttpResponse, AppError> {
    // The identity opens for exactly the one view that follows an audited request: the session
    // carries only the grant's token, which that view uses up on the server.
    let grant = session.remove_as::<String>(REVEAL_KEY).and_then(Result::ok);
    render::ok(&page(&state, &staff, &session, t, number, grant, vec![]).await?)
}

pub(super) async fn invalid(
    state: &AppState,
    staff: &Staff,
    session: &Session,
    t: Tr,
    number: CaseNumber,
    messages: Vec<String>,
    draft: super::case_page::Draft,
) -> Result<HttpResponse, AppError> {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    with_draft(state, staff, session, t, number, messages, draft, status).await
}

/// The case page with a form as it was typed: a 422 with what to mend, or a 200 when staff went
/// back to edit (a message after its preview).
#[expect(
    clippy::too_many_arguments,
    reason = "the page's inputs, passed through"
)]
pub(super) async fn with_draft(
    state: &AppState,
    staff: &Staff,
    session: &Session,
    t: Tr,
    number: CaseNumber,
    messages: Vec<String>,
    draft: super::case_page::Draft,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut p = page(state, staff, session, t, number, None, messages).await?;
    p.person.keep(&draft);
    p.draft = draft;
    render::page(status, &p)
}

pub async fn reveal(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
    form: Checked<RevealForm>,
) -> Result<HttpResponse, AppError> {
    let cmd = Reveal {
        reason: clean_text(form.reason.trim()),
    };
    let (who, n) = (staff.user(), number.clone());
    let key = state.keys.audit().clone();
    match db::run(&state.pool, move |c| {
        identity::reveal(c, &key, &who, &n, &cmd)
    })
    .await?
    {
        Outcome::Done(grant) => {
            session.insert(REVEAL_KEY, grant)?;
            Ok(render::see_other(&format!("/dashboard/cases/{number}")))
        }
        Outcome::Invalid(key) => {
            let draft = super::case_page::Draft::Reveal(form.into_inner());
            invalid(
                &state,
                &staff,
                &session,
                t,
                number,
                vec![t.t(key).to_owned()],
                draft,
            )
            .await
        }
        Outcome::Conflict(_) => Err(AppError::Conflict),
    }
}

/// A preview link's query: the token the case page gave it.
#[derive(serde::Deserialize)]
pub struct PreviewLink {
    #[serde(default)]
    t: String,
}

/// Evidence as a download, never inline (an image or PDF is shown by the user's own viewer).
pub async fn download(
    staff: Staff,
    state: web::Data<AppState>,
    EvidencePath(number, id): EvidencePath,
    _: Checked<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    let who = staff.user();
    let key = state.keys.audit().clone();
    let (row, bytes) = db::run(&state.pool, move |c| {
        app::evidence::download(c, &key, &who, &number, id)
    })
    .await?;
    Ok(render::attachment(
        &row.filename,
        "X-Evidence-Sha256",
        row.sha256,
        bytes,
    ))
}

/// An image previewed in the case page: served only when the stored bytes still sniff as JPEG,
/// PNG or WebP, under its own image type, sandboxed; anything else (PDF, video) is download-only.
/// Audited like a download: a photo can show who took it.
pub async fn preview(
    staff: Staff,
    state: web::Data<AppState>,
    EvidencePath(number, id): EvidencePath,
    FirstQuery(link): FirstQuery<PreviewLink>,
) -> Result<HttpResponse, AppError> {
    let (who, keys) = (staff.user(), state.keys.clone());
    let (kind, bytes) = db::run(&state.pool, move |c| {
        app::evidence::preview(c, &keys, &who, &number, id, &link.t)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(kind.mime())
        .insert_header(("Content-Disposition", "inline"))
        .insert_header(("Content-Security-Policy", "sandbox; default-src 'none'"))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes))
}
