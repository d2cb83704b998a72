//! `/login/kode`: the sign-in's second step. The session of a sign-in whose password was right
//! holds only the pending sign-in's token, no user: every staff page answers it with 303 to
//! `/login`. The page takes the authenticator app's six-digit code or a recovery code; the rules
//! (five minutes, five wrong codes, the throttle) are in `app::sign_in_code`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::auth::{LoginPage, next_page, signed_in};
use super::session;
use crate::app::sign_in_code::{self, Answered};
use crate::db;
use crate::domain::login_policy;
use crate::domain::totp::Answer;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

#[derive(Template)]
#[template(path = "staff/code.html")]
pub struct CodePage {
    pub t: Tr,
    pub csrf: String,
    /// What was typed, kept when its format was wrong.
    pub code: String,
    pub errors: Vec<FormError>,
}

impl CodePage {
    pub fn err(&self, field: &str) -> Option<String> {
        render::field_error(&self.errors, field)
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

fn page(t: Tr, session: &Session, code: String, error: Option<&str>) -> Result<CodePage, AppError> {
    Ok(CodePage {
        t,
        csrf: csrf::token(session)?,
        code,
        errors: error
            .map(|k| FormError::at("code", t.t(k)))
            .into_iter()
            .collect(),
    })
}

pub async fn new(
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let Some(token) = session::pending_token(&session) else {
        return Ok(render::see_other("/login"));
    };
    let now = db::now();
    if !db::run(&state.pool, move |c| sign_in_code::pending(c, &token, now)).await? {
        session::forget_pending(&session);
        return Ok(render::see_other("/login"));
    }
    render::ok(&page(t, &session, String::new(), None)?)
}

/// The sign-in page again, with why the pending sign-in ended.
fn ended(
    t: Tr,
    session: &Session,
    status: StatusCode,
    key: &str,
) -> Result<HttpResponse, AppError> {
    session::forget_pending(session);
    let p = LoginPage {
        t,
        csrf: csrf::token(session)?,
        email: String::new(),
        errors: vec![FormError::general(t.t(key))],
    };
    render::page(status, &p)
}

pub async fn create(
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let Some(token) = session::pending_token(&session) else {
        return Ok(render::see_other("/login"));
    };
    let Some(answer) = Answer::parse(&form.code) else {
        let p = page(t, &session, form.code.clone(), Some("login.code.format"))?;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let (keys, now) = (state.keys.clone(), db::now());
    let answered = db::run(&state.pool, move |c| {
        sign_in_code::answer(c, &keys, &token, &answer, now)
    })
    .await?;
    match answered {
        Answered::Gone => {
            session::forget_pending(&session);
            Ok(render::see_other("/login"))
        }
        Answered::Locked => ended(t, &session, StatusCode::TOO_MANY_REQUESTS, "login.locked"),
        Answered::Ended => ended(
            t,
            &session,
            StatusCode::TOO_MANY_REQUESTS,
            "login.code.ended",
        ),
        Answered::Wrong { failures } => {
            actix_web::rt::time::sleep(login_policy::delay(failures, state.settings.login_delay))
                .await;
            let p = page(t, &session, String::new(), Some("login.code.wrong"))?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Answered::Accepted(a) => {
            session::forget_pending(&session);
            session::sign_in(&session, a.user.id, a.user.session_epoch)?;
            session::set_factor_due(&session, false)?;
            tracing::info!(user = a.user.id.get(), with = ?a.spent, "signed in with a code");
            signed_in(&state, &a.attempt, next_page(&a.user, false))
        }
    }
}

crate::web::forms::with_csrf!(CodeForm);
