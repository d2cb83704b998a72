//! The case documents form and downloads (issue 11; `app::case_documents`): a multipart upload
//! of one file with its kind and title, 303 back to the case or 422 with every problem (the kind
//! and title kept, the file to be chosen again); a download is a POST (CSRF-checked, audited).

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};

use super::case_form::CsrfForm;
use super::case_page::Draft;
use super::session::{CaseWorker, Staff};
use crate::app::Outcome;
use crate::app::case_documents::{self, NewDocument};
use crate::db;
use crate::domain::document::DocumentKind;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::paths::{CasePath, EvidencePath};
use crate::web::public::report_input::clean_files;
use crate::web::{AppState, multipart, render};

pub async fn upload(
    staff: CaseWorker,
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
) -> Result<HttpResponse, AppError> {
    let mut form = multipart::read_checked(&req, payload, "file", &session, &state.limits).await?;
    let (kind, title) = (form.text("kind"), clean_text(form.text("title").trim()));
    let seen = form.text("seen").parse().unwrap_or(0);
    let (file, mut messages) = one_file(&mut form, t).await?;
    let cmd = NewDocument {
        kind: DocumentKind::parse(&kind),
        title: title.clone(),
        file,
        seen,
    };
    let refused_any = !messages.is_empty();
    let (who, n, key) = (staff.user(), number.clone(), state.keys.audit().clone());
    let outcome = if refused_any {
        // A refused file is reason enough: nothing is stored, the other fields are still checked.
        Outcome::Invalid(case_documents::problems(cmd.kind, &cmd.title, true))
    } else {
        db::run(&state.pool, move |c| {
            case_documents::add(c, &key, &who, &n, &cmd)
        })
        .await?
    };
    match outcome {
        Outcome::Done(()) => Ok(render::see_other(&format!(
            "/dashboard/cases/{number}#dokumen"
        ))),
        Outcome::Invalid(keys) => {
            messages.extend(keys.iter().map(|k| t.t(k).to_owned()));
            let draft = Draft::Document { kind, title };
            super::case::invalid(&state, &staff, &session, t, number, messages, draft).await
        }
        Outcome::Conflict(changes) => super::case_actions::conflict(t, number.as_str(), changes),
    }
}

/// A document as a download, never inline.
pub async fn download(
    staff: Staff,
    state: web::Data<AppState>,
    EvidencePath(number, id): EvidencePath,
    _: Checked<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    let (who, key) = (staff.user(), state.keys.audit().clone());
    let (row, bytes) = db::run(&state.pool, move |c| {
        case_documents::download(c, &key, &who, &number, id)
    })
    .await?;
    Ok(render::attachment(
        &row.filename,
        "X-Document-Sha256",
        row.sha256,
        bytes,
    ))
}

/// The one file a form sent, cleaned; or the messages of what was refused (and of more than one).
pub(super) async fn one_file(
    form: &mut multipart::Form,
    t: Tr,
) -> Result<(Option<crate::domain::evidence::CleanFile>, Vec<String>), AppError> {
    let (mut files, refused) = clean_files(form).await?;
    let mut messages: Vec<String> = refused
        .iter()
        .map(|e| t.f(e.key, e.arg.as_deref().unwrap_or_default()))
        .collect();
    if files.len() > 1 {
        messages.push(t.t("case.doc.one_file").to_owned());
    }
    let file = (files.len() == 1 && messages.is_empty()).then(|| files.remove(0).1);
    Ok((file, messages))
}
