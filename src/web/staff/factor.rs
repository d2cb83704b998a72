//! `/akun/dua-langkah`: a staff member's own second sign-in factor. Off: the set-up, a QR code
//! drawn on the server as inline SVG (no JavaScript), the secret written out in groups and as an
//! `otpauth://` link, and a form that switches it on for one valid code. On: the recovery codes
//! left, a new set for a current code, and (where the role does not require the factor)
//! switching it off (those forms: `factor_kept`). A new set of recovery codes is shown once, on
//! the page after the action.
//!
//! The secret being set up lives in the (signed, encrypted) session until a code confirms it;
//! nothing is stored before. A session that must set the factor up reaches this page and
//! signing out only (`session::factor_due`).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::{self, AnyStaff, Staff};
use crate::app::Outcome;
use crate::app::second_factor;
use crate::crypto::random_bytes;
use crate::db;
use crate::domain::totp::{self, Answer, Secret};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

pub const PATH: &str = "/akun/dua-langkah";
pub(super) const CODES_PATH: &str = "/akun/dua-langkah/kode-pemulihan";
/// The secret being set up (base32), until a code confirms it.
const SETUP: &str = "factor_setup";
/// A new set of recovery codes on its way to its one showing.
pub(super) const CODES: &str = "factor_codes";
/// A catalogue key to show once on the page after an action.
pub(super) const NOTICE: &str = "factor_notice";

/// The factor is on.
pub struct OnView {
    pub since: String,
    pub codes_left: i64,
    pub can_switch_off: bool,
}

/// The factor is being set up.
pub struct SetupView {
    /// Inline SVG markup, made here from the URI (no user input in it).
    pub qr: String,
    pub secret: String,
    pub uri: String,
}

#[derive(Template)]
#[template(path = "staff/factor.html")]
pub struct FactorPage {
    pub t: Tr,
    pub csrf: String,
    /// The role requires the factor and it is not on yet: nothing else is reachable.
    pub forced: bool,
    pub required: bool,
    pub on: Option<OnView>,
    pub setup: Option<SetupView>,
    pub notice: Option<String>,
    /// What was typed, kept when its format was wrong.
    pub code: String,
    pub errors: Vec<FormError>,
}

impl FactorPage {
    pub fn err(&self, field: &str) -> Option<String> {
        render::field_error(&self.errors, field)
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub(super) code: String,
}

/// The secret the session is setting up, made now if it has none.
fn setup_secret(session: &Session) -> Result<Secret, AppError> {
    if let Some(s) = session
        .get::<String>(SETUP)?
        .and_then(|b| Secret::from_base32(&b))
    {
        return Ok(s);
    }
    let secret = Secret::from_bytes(random_bytes(totp::SECRET_BYTES))
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("a new TOTP secret was refused")))?;
    session.insert(SETUP, secret.base32())?;
    Ok(secret)
}

/// The QR code of `uri` as inline SVG, labelled for screen readers.
fn qr_svg(uri: &str, label: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(uri.as_bytes())
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("drawing the QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(232, 232)
        .build();
    let svg = svg.find("<svg").map_or(svg.as_str(), |at| &svg[at..]);
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Ok(svg.replacen(
        "<svg ",
        &format!(r#"<svg class="qr" role="img" aria-label="{label}" "#),
        1,
    ))
}

async fn page(
    state: &AppState,
    session: &Session,
    t: Tr,
    staff: &Staff,
    code: String,
    errors: Vec<FormError>,
) -> Result<FactorPage, AppError> {
    let who = staff.user();
    let st = db::run(&state.pool, move |c| second_factor::state(c, &who)).await?;
    let (on, setup) = match st.on {
        Some(since) => {
            let on = OnView {
                since: since.format("%d-%m-%Y").to_string(),
                codes_left: st.codes_left,
                can_switch_off: !st.required,
            };
            (Some(on), None)
        }
        None => {
            let secret = setup_secret(session)?;
            let uri = secret.uri(&staff.email);
            let setup = SetupView {
                qr: qr_svg(&uri, t.t("factor.qr_label"))?,
                secret: secret.grouped(),
                uri,
            };
            (None, Some(setup))
        }
    };
    Ok(FactorPage {
        t,
        csrf: csrf::token(session)?,
        forced: session::factor_due(session),
        required: st.required,
        on,
        setup,
        notice: session
            .remove_as::<String>(NOTICE)
            .and_then(Result::ok)
            .map(|k| t.t(&k).to_owned()),
        code,
        errors,
    })
}

/// The account, unless it must change its password first (that comes before the factor).
fn account(staff: AnyStaff) -> Result<Staff, AppError> {
    if staff.0.must_change_password {
        Err(AppError::MustChangePassword)
    } else {
        Ok(staff.0)
    }
}

pub async fn show(
    staff: AnyStaff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let staff = account(staff)?;
    render::ok(&page(&state, &session, t, &staff, String::new(), vec![]).await?)
}

/// The page again at 422 with a message at the form's field; the typed code kept only when its
/// format was wrong (a wrong code is typed again from the app anyway).
pub(super) async fn invalid(
    state: &AppState,
    session: &Session,
    t: Tr,
    staff: &Staff,
    (field, key): (&'static str, &str),
    kept: String,
) -> Result<HttpResponse, AppError> {
    let errors = vec![FormError::at(field, t.t(key))];
    let p = page(state, session, t, staff, kept, errors).await?;
    render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
}

/// Switches the factor on with the secret the page showed, for its current code.
pub async fn enrol(
    staff: AnyStaff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let staff = account(staff)?;
    let Some(Answer::Code(code)) = Answer::parse(&form.code) else {
        let kept = form.code.clone();
        return invalid(
            &state,
            &session,
            t,
            &staff,
            ("code", "factor.code_format"),
            kept,
        )
        .await;
    };
    let Some(secret) = session
        .get::<String>(SETUP)?
        .and_then(|b| Secret::from_base32(&b))
    else {
        return Ok(render::see_other(PATH));
    };
    let (keys, who, now) = (state.keys.clone(), staff.user(), db::now());
    let outcome = db::run(&state.pool, move |c| {
        second_factor::enrol(c, &keys, &who, &secret, &code, now)
    })
    .await?;
    match outcome {
        Outcome::Done(enrolled) => {
            session.remove(SETUP);
            session::sign_in(&session, staff.id, enrolled.epoch)?;
            session::set_factor_due(&session, false)?;
            session.insert(CODES, enrolled.codes)?;
            Ok(render::see_other(CODES_PATH))
        }
        Outcome::Invalid("factor.already_on") | Outcome::Conflict(_) => Ok(render::see_other(PATH)),
        Outcome::Invalid(key) => {
            invalid(&state, &session, t, &staff, ("code", key), String::new()).await
        }
    }
}

crate::web::forms::with_csrf!(CodeForm);
