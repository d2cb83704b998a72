//! The examination forms of the case page (issue 11; `app::case_examination`): a summons, whether
//! the ASN appeared, and a hearing with its BAP (multipart). 303 back to the case, 422 with every
//! problem and what was typed, 409 when the case moved on meanwhile.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};

use super::case_page::Draft;
use super::session::CaseWorker;
use crate::app::Outcome;
use crate::app::case_examination::{self, NewHearing, NewSummons};
use crate::db;
use crate::domain::examination::Attendance;
use crate::domain::report::FieldError;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::paths::{CasePath, EvidencePath};
use crate::web::public::report_input::clean_files;
use crate::web::{AppState, multipart, render};

#[derive(Debug, Clone, serde::Deserialize)]
pub struct SummonsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    seen: i64,
    #[serde(default)]
    letter_number: String,
    #[serde(default)]
    letter_date: String,
    #[serde(default)]
    appear_on: String,
    #[serde(default)]
    place: String,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct AttendanceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    seen: i64,
    #[serde(default)]
    outcome: String,
}

crate::web::forms::with_csrf!(SummonsForm, AttendanceForm);

pub async fn summon(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
    form: Checked<SummonsForm>,
) -> Result<HttpResponse, AppError> {
    let f = form.into_inner();
    let text = |s: &str| clean_text(s.trim());
    let cmd = NewSummons {
        letter_number: text(&f.letter_number),
        letter_date: f.letter_date.clone(),
        appear_on: f.appear_on.clone(),
        place: text(&f.place),
        seen: f.seen,
    };
    let (who, n, key) = (staff.user(), number.clone(), state.keys.audit().clone());
    let outcome = db::run(&state.pool, move |c| {
        case_examination::summon(c, &key, &who, &n, &cmd)
    })
    .await?;
    let typed = [
        ("letter_number", f.letter_number),
        ("letter_date", f.letter_date),
        ("appear_on", f.appear_on),
        ("place", f.place),
    ];
    answer(
        &state, &staff, &session, t, number, outcome, "summons", &typed,
    )
    .await
}

pub async fn attendance(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    EvidencePath(number, round): EvidencePath,
    form: Checked<AttendanceForm>,
) -> Result<HttpResponse, AppError> {
    let round = i32::try_from(round).map_err(|_| AppError::NotFound)?;
    let outcome = Attendance::parse(&form.outcome);
    let (who, n, key, seen) = (
        staff.user(),
        number.clone(),
        state.keys.audit().clone(),
        form.seen,
    );
    let result = db::run(&state.pool, move |c| {
        case_examination::attendance(c, &key, &who, &n, round, outcome, seen)
    })
    .await?;
    answer(
        &state,
        &staff,
        &session,
        t,
        number,
        result,
        "attendance",
        &[],
    )
    .await
}

pub async fn hearing(
    staff: CaseWorker,
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
) -> Result<HttpResponse, AppError> {
    let mut form = multipart::read_checked(&req, payload, "bap", &session, &state.limits).await?;
    let (mut files, refused) = clean_files(&mut form).await?;
    let typed = [
        ("body", form.text("body")),
        ("held_on", form.text("held_on")),
        ("members", form.text("members")),
        ("asn_present", form.text("asn_present")),
    ];
    let cmd = NewHearing {
        body: form.text("body"),
        held_on: form.text("held_on"),
        members: clean_text(&form.text("members")),
        asn_present: form.checked("asn_present"),
        bap: (files.len() == 1 && refused.is_empty()).then(|| files.remove(0).1),
        seen: form.text("seen").parse().unwrap_or(0),
    };
    let (who, n, key) = (staff.user(), number.clone(), state.keys.audit().clone());
    let mut outcome = db::run(&state.pool, move |c| {
        case_examination::hearing(c, &key, &who, &n, &cmd)
    })
    .await?;
    // A refused file is named (the BAP is then missing too).
    if let Outcome::Invalid(errors) = &mut outcome {
        errors.extend(
            refused
                .into_iter()
                .map(|e| FieldError { field: "bap", ..e }),
        );
    }
    answer(
        &state, &staff, &session, t, number, outcome, "hearing", &typed,
    )
    .await
}

#[expect(clippy::too_many_arguments, reason = "the three handlers' common tail")]
async fn answer(
    state: &AppState,
    staff: &CaseWorker,
    session: &Session,
    t: Tr,
    number: crate::domain::receipt::CaseNumber,
    outcome: Outcome<(), Vec<FieldError>>,
    form: &'static str,
    typed: &[(&str, String)],
) -> Result<HttpResponse, AppError> {
    match outcome {
        Outcome::Done(()) => Ok(render::see_other(&format!(
            "/dashboard/cases/{number}#pemeriksaan"
        ))),
        Outcome::Invalid(errors) => {
            let mut messages: Vec<String> = errors
                .iter()
                .map(|e| t.f(e.key, e.arg.as_deref().unwrap_or_default()))
                .collect();
            if form == "hearing" {
                messages.push(t.t("case.doc.file_again").to_owned());
            }
            let fields: HashMap<String, String> = typed
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect();
            let draft = Draft::Exam { form, fields };
            super::case::invalid(state, staff, session, t, number, messages, draft).await
        }
        Outcome::Conflict(changes) => super::case_actions::conflict(t, number.as_str(), changes),
    }
}
