//! The decree form (issue 11, "The decree as a document"): the PPK's decision step sent as a
//! multipart form with the SK's scan, read into the same step form as every other transition
//! (`case_actions::act`) and run by the same use case, which keeps the scan as the case's SK
//! document in the decision's transaction. A refused file is named and nothing is written.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};

use super::case_form::StepForm;
use super::case_page::Draft;
use super::session::CaseWorker;
use crate::app::Outcome;
use crate::app::case_transition;
use crate::db;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::paths::CasePath;
use crate::web::{AppState, multipart};

pub async fn decide(
    staff: CaseWorker,
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
) -> Result<HttpResponse, AppError> {
    let mut form =
        multipart::read_checked(&req, payload, "sk_file", &session, &state.limits).await?;
    let step = actix_web::web::Query::<StepForm>::from_query(&form.urlencoded())
        .map_err(|_| AppError::BadRequest)?
        .into_inner();
    let mut cmd = step.transition().ok_or(AppError::BadRequest)?;
    let (file, mut messages) = super::case_documents::one_file(&mut form, t).await?;
    cmd.fields.sk_file = file;
    let outcome = if messages.is_empty() {
        let (who, n, key) = (staff.user(), number.clone(), state.keys.audit().clone());
        db::run(&state.pool, move |c| {
            case_transition::transition(c, &key, &who, &n, &cmd)
        })
        .await?
    } else {
        Outcome::Invalid(vec![])
    };
    if let Outcome::Invalid(keys) = outcome {
        messages.extend(keys.iter().map(|k| t.t(k).to_owned()));
        messages.push(t.t("case.doc.file_again").to_owned());
        let draft = Draft::Step(step);
        return super::case::invalid(&state, &staff, &session, t, number, messages, draft).await;
    }
    super::case_actions::answer(&state, &staff, &session, t, number, outcome, Draft::None).await
}
