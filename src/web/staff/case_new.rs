//! "Open a case" (issue 11, "Intake channel"): staff record a Bawaslu or SP4N-LAPOR! referral, or
//! an internal finding, as a case of their agency (national staff: of the agency they name). The
//! public form's page, in its staff version (`report_page::StaffIntake`); the use case is
//! `app::case_open`. 303 to the new case, 422 with every problem and everything typed kept.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::session::CaseWorker;
use crate::app::Outcome;
use crate::app::case_open::{self, OpenCase};
use crate::app::refcache::RefData;
use crate::crypto::random_token;
use crate::db;
use crate::domain::area::TimeZone;
use crate::domain::intake::LetterInput;
use crate::domain::report::{FieldError, ReportInput};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::multipart::{self, Form};
use crate::web::public::report_input::{input_from, is_token};
use crate::web::public::report_page::{NewReportPage, StaffIntake};
use crate::web::{AppState, csrf, render};

fn today() -> chrono::NaiveDate {
    TimeZone::today_everywhere(db::now())
}

/// The empty form.
pub async fn show(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let refs = state.refs.load(&state.pool).await?;
    let input = ReportInput {
        identity_mode: "anonymous".into(),
        ..ReportInput::default()
    };
    let page = build(
        &staff,
        &session,
        t,
        &refs,
        input,
        LetterInput::default(),
        random_token(16),
        &[],
    )?;
    render::ok(&page)
}

/// Opens the case.
pub async fn open(
    staff: CaseWorker,
    req: HttpRequest,
    payload: actix_multipart::Multipart,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let form = multipart::read_checked(&req, payload, "evidence", &session, &state.limits).await?;
    let submitted = form.text("submission_token");
    let token = if is_token(&submitted) {
        submitted
    } else {
        random_token(16)
    };
    let cmd = OpenCase {
        report: input_from(&form),
        letter: letter_from(&form),
        submission_token: token,
    };
    let refs = state.refs.load(&state.pool).await?;
    let (who, keys, cache) = (staff.user(), state.keys.clone(), state.refs.clone());
    let (cmd, outcome) = db::run(&state.pool, move |c| {
        let refs = cache.get(c)?;
        let outcome = case_open::open(c, &keys, &refs, &who, &cmd, today())?;
        Ok::<_, AppError>((cmd, outcome))
    })
    .await?;
    match outcome {
        Outcome::Done(number) => Ok(render::see_other(&format!("/dashboard/cases/{number}"))),
        Outcome::Invalid(errors) => {
            let page = build(
                &staff,
                &session,
                t,
                &refs,
                cmd.report,
                cmd.letter,
                cmd.submission_token,
                &errors,
            )?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Outcome::Conflict(_) => Err(AppError::BadRequest),
    }
}

fn letter_from(form: &Form) -> LetterInput {
    LetterInput {
        channel: form.text("channel"),
        number: form.text("letter_number"),
        date: form.text("letter_date"),
        sender: form.text("sender"),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "two call sites, each with the form's parts at hand"
)]
fn build(
    staff: &CaseWorker,
    session: &Session,
    t: Tr,
    refs: &RefData,
    input: ReportInput,
    letter: LetterInput,
    token: String,
    errors: &[FieldError],
) -> Result<NewReportPage, AppError> {
    let agency = staff
        .agency_id
        .filter(|_| !staff.sees_all_agencies())
        .map(|id| {
            refs.every_agency
                .get(&id)
                .map(|(name, _)| name.clone())
                .unwrap_or_default()
        });
    let mut page = NewReportPage::build(
        t,
        csrf::token(session)?,
        token,
        input,
        errors,
        false,
        today(),
        refs,
        vec![],
    );
    page.staff = Some(StaffIntake::new(t, letter, agency));
    Ok(page)
}
