//! `/dashboard/cases/{number}`: one case for staff, and what they do on it. Every write (identity
//! view, download, message, note, transition) is one transaction with its audit row and, where
//! someone must be told, its outbox rows. A case outside the user's agency answers 404.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};

use super::case_form::ReasonForm;
use super::case_page::CasePage;
use super::case_view::{self, with_case};
use super::session::Staff;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, evidence};
use crate::domain::workflow::Role;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::{AppState, csrf, render};

const REVEAL_KEY: &str = "reveal_identity";

pub(super) async fn page(
    state: &AppState,
    staff: &Staff,
    session: &Session,
    t: Tr,
    number: String,
    reveal: bool,
    errors: Vec<String>,
) -> Result<CasePage, AppError> {
    let (keys, all) = (state.keys.clone(), staff.sees_all_agencies());
    let refs = state.refs.load(&state.pool).await?;
    let data = with_case(state, staff, &number, move |c, r| {
        let english = t.lang == crate::i18n::Lang::En;
        case_view::load(c, &keys, &refs, r, reveal, english, all)
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
    number: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    // The identity opens for exactly the one view that follows an audited request.
    let reveal = session
        .remove_as::<String>(REVEAL_KEY)
        .and_then(Result::ok)
        .is_some_and(|n| n == *number);
    render::ok(
        &page(
            &state,
            &staff,
            &session,
            t,
            number.into_inner(),
            reveal,
            vec![],
        )
        .await?,
    )
}

pub(super) async fn invalid(
    state: &AppState,
    staff: &Staff,
    session: &Session,
    t: Tr,
    number: String,
    key: &str,
    draft: super::case_page::Draft,
) -> Result<HttpResponse, AppError> {
    let mut p = page(
        state,
        staff,
        session,
        t,
        number,
        false,
        vec![t.t(key).to_owned()],
    )
    .await?;
    p.draft = draft;
    render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
}

pub(super) fn event<'a>(
    staff: &Staff,
    report_id: i64,
    action: &'a str,
    reason: Option<&'a str>,
    public: bool,
) -> Event<'a> {
    Event {
        actor: Actor::Staff(staff.id),
        report_id: Some(report_id),
        action,
        from_state: None,
        to_state: None,
        reason,
        public,
    }
}

pub async fn reveal(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    number: web::Path<String>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let number = number.into_inner();
    if !matches!(staff.role, Role::Inspector | Role::National) {
        with_case(&state, &staff, &number, |_, _| Ok(())).await?;
        return Err(AppError::Forbidden);
    }
    if form.reason.trim().is_empty() {
        return invalid(
            &state,
            &staff,
            &session,
            t,
            number,
            "case.staff.reason_required",
            super::case_page::Draft::of(&form, "reveal"),
        )
        .await;
    }
    let (s, reason) = (
        staff.clone(),
        crate::web::forms::clean_text(form.reason.trim()),
    );
    with_case(&state, &staff, &number, move |c, r| {
        db::write_tx(c, |c| {
            audit::append(c, &event(&s, r.id, "identity_viewed", Some(&reason), false))
                .map_err(AppError::from)
        })
    })
    .await?;
    session.insert(REVEAL_KEY, &number)?;
    Ok(render::see_other(&format!("/dashboard/cases/{number}")))
}

/// Evidence as a download, never inline (an image or PDF is shown by the user's own viewer).
pub async fn download(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let (number, id) = path.into_inner();
    let s = staff.clone();
    let (row, bytes) = with_case(&state, &staff, &number, move |c, r| {
        let e = evidence::find(c, id)?
            .filter(|e| e.report_id == r.id)
            .ok_or(AppError::NotFound)?;
        db::write_tx(c, |c| {
            audit::append(
                c,
                &event(&s, r.id, "evidence_downloaded", Some(&e.filename), false),
            )?;
            let bytes = evidence::bytes(c, e.id)?.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((e, bytes))
        })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/octet-stream")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(row.filename.clone())],
        })
        .insert_header(("Content-Security-Policy", "sandbox; default-src 'none'"))
        .insert_header(("X-Evidence-Sha256", row.sha256))
        .body(bytes))
}

/// An image previewed in the case page: served only when the stored bytes still sniff as JPEG,
/// PNG or WebP, under its own image type, sandboxed; anything else (PDF, video) is download-only.
/// Audited like a download: a photo can show who took it.
pub async fn preview(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (number, id) = path.into_inner();
    let s = staff.clone();
    let (kind, bytes) = with_case(&state, &staff, &number, move |c, r| {
        let e = evidence::find(c, id)?
            .filter(|e| e.report_id == r.id)
            .ok_or(AppError::NotFound)?;
        let bytes = evidence::bytes(c, e.id)?.ok_or(AppError::NotFound)?;
        let kind = crate::domain::evidence::EvidenceKind::sniff(&bytes)
            .filter(|k| k.is_image())
            .ok_or(AppError::NotFound)?;
        db::write_tx(c, |c| {
            audit::append(
                c,
                &event(&s, r.id, "evidence_previewed", Some(&e.filename), false),
            )
        })?;
        Ok::<_, AppError>((kind, bytes))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(kind.mime())
        .insert_header(("Content-Disposition", "inline"))
        .insert_header(("Content-Security-Policy", "sandbox; default-src 'none'"))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes))
}
