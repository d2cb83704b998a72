//! The forms of a second factor that is on (`/akun/dua-langkah/…`): a new set of recovery codes,
//! and switching the factor off where the role allows it, each for a current code (or an unused
//! recovery code); and the page that shows a new set of recovery codes, once.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::factor::{CODES, CODES_PATH, CodeForm, NOTICE, PATH, invalid};
use super::session::{self, Staff};
use crate::app::Outcome;
use crate::app::second_factor::{self, RecoveryCodes};
use crate::db;
use crate::domain::totp::Answer;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::{AppState, render};

#[derive(Template)]
#[template(path = "staff/factor_codes.html")]
pub struct RecoveryCodesPage {
    pub t: Tr,
    /// Empty when there is nothing (left) to show.
    pub codes: Vec<String>,
}

/// A new set of recovery codes (the old set is void), for a current code.
pub async fn renew(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let field = "renew_code";
    let Some(answer) = Answer::parse(&form.code) else {
        let kept = form.code.clone();
        let problem = (field, "factor.answer_format");
        return invalid(&state, &session, t, &staff, problem, kept).await;
    };
    let (keys, who, now) = (state.keys.clone(), staff.user(), db::now());
    let outcome = db::run(&state.pool, move |c| {
        second_factor::renew_codes(c, &keys, &who, &answer, now)
    })
    .await?;
    match outcome {
        Outcome::Done(codes) => {
            session.insert(CODES, codes)?;
            Ok(render::see_other(CODES_PATH))
        }
        Outcome::Invalid(key) => {
            invalid(&state, &session, t, &staff, (field, key), String::new()).await
        }
        Outcome::Conflict(_) => Ok(render::see_other(PATH)),
    }
}

/// Switches the factor off, for a current code, where the role allows it. Every other session
/// of the account ends; this one goes on.
pub async fn switch_off(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let field = "off_code";
    let Some(answer) = Answer::parse(&form.code) else {
        let kept = form.code.clone();
        let problem = (field, "factor.answer_format");
        return invalid(&state, &session, t, &staff, problem, kept).await;
    };
    let (keys, who, now) = (state.keys.clone(), staff.user(), db::now());
    let outcome = db::run(&state.pool, move |c| {
        second_factor::switch_off(c, &keys, &who, &answer, now)
    })
    .await?;
    match outcome {
        Outcome::Done(epoch) => {
            session::sign_in(&session, staff.id, epoch)?;
            session.insert(NOTICE, "factor.switched_off")?;
            Ok(render::see_other(PATH))
        }
        Outcome::Invalid(key) => {
            invalid(&state, &session, t, &staff, (field, key), String::new()).await
        }
        Outcome::Conflict(_) => Ok(render::see_other(PATH)),
    }
}

/// The new recovery codes, once: a replayed copy of the session cookie that carried them here
/// shows nothing (their showing is used up on the server).
pub async fn codes(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let flash = session
        .remove_as::<RecoveryCodes>(CODES)
        .and_then(Result::ok);
    let codes = match flash {
        Some(set) => {
            let (uid, view) = (staff.id, set.view.clone());
            let once = db::run(&state.pool, move |c| {
                second_factor::take_codes_view(c, uid, &view)
            })
            .await?;
            if once { set.codes } else { vec![] }
        }
        None => vec![],
    };
    render::ok(&RecoveryCodesPage { t, codes })
}
