//! `/login`, `/logout`, `/akun/sandi`: signing in and out, and changing one's password.
//!
//! A failed sign-in answers the same page, after the same work (argon2 against a dummy hash for
//! an unknown or disabled account), with the same delay and the same lock, whether or not the
//! account exists. A right password of an account with a second factor signs nobody in: it leads
//! to the code page (`web::staff::code`).

use crate::crypto::random_token;
use actix_session::Session;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::{self, AnyStaff};
use crate::app::own_password::{self, ChangePassword};
use crate::app::sign_in::{self, Attempt, Begun};
use crate::app::sign_in_code::{self, AfterPassword};
use crate::db::{self, users};
use crate::domain::login_policy;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

#[derive(Template)]
#[template(path = "staff/login.html")]
pub struct LoginPage {
    pub t: Tr,
    pub csrf: String,
    pub email: String,
    pub errors: Vec<FormError>,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn new(session: Session, t: Tr) -> Result<HttpResponse, AppError> {
    render::ok(&LoginPage {
        t,
        csrf: csrf::token(&session)?,
        email: String::new(),
        errors: vec![],
    })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    web::block(f)
        .await
        .map_err(|_| AppError::Unexpected(anyhow::anyhow!("a blocking task was cancelled")))
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let email = clean_text(form.email.trim()).to_lowercase();
    let device = req
        .cookie(DEVICE_COOKIE)
        .and_then(|c| state.keys.device_id(c.value(), &email).map(str::to_owned));
    let attempt = Attempt {
        email,
        client: state.limits.client(&req).to_string(),
        device,
    };
    let page = |error: &str, csrf: String| LoginPage {
        t,
        csrf,
        email: form.email.clone(),
        errors: vec![FormError::at("email", t.t(error))],
    };
    let (now, a) = (db::now(), attempt.clone());
    let (failures, user) = match db::run(&state.pool, move |c| sign_in::begin(c, &a, now)).await? {
        Begun::Locked => {
            let page = page("login.locked", csrf::token(&session)?);
            return render::page(StatusCode::TOO_MANY_REQUESTS, &page);
        }
        Begun::Counted { failures, user } => (failures, user),
    };
    let (hasher, typed) = (state.passwords.clone(), form.password.clone());
    match blocking(move || sign_in::check_password(&hasher, user, &typed)).await? {
        Some(u) => {
            let (a, row) = (attempt.clone(), u.clone());
            match db::run(&state.pool, move |c| {
                sign_in_code::after_password(c, &a, &row)
            })
            .await?
            {
                AfterPassword::CodePending { token } => {
                    super::session::await_code(&session, &token)?;
                    tracing::info!(user = u.id.get(), "password accepted, code pending");
                    Ok(render::see_other(super::session::CODE_PATH))
                }
                AfterPassword::SignedIn { factor_due } => {
                    session::sign_in(&session, u.id, u.session_epoch)?;
                    session::set_factor_due(&session, factor_due)?;
                    tracing::info!(user = u.id.get(), "signed in");
                    signed_in(&state, &attempt, next_page(&u, factor_due))
                }
            }
        }
        None => {
            actix_web::rt::time::sleep(login_policy::delay(failures, state.settings.login_delay))
                .await;
            let page = page("login.failed", csrf::token(&session)?);
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// Where a complete sign-in goes first: the forced password change, then the factor's set-up.
pub(super) fn next_page(u: &users::UserRow, factor_due: bool) -> &'static str {
    if u.must_change_password {
        "/akun/sandi"
    } else if factor_due {
        super::factor::PATH
    } else {
        "/dashboard"
    }
}

/// The answer to a complete sign-in: 303 to `next`, with this browser's device cookie (given
/// only now, so a password alone never earns one).
pub(super) fn signed_in(
    state: &AppState,
    attempt: &Attempt,
    next: &str,
) -> Result<HttpResponse, AppError> {
    let mut res = render::see_other(next);
    res.add_cookie(&device_cookie(state, attempt))
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("device cookie: {e}")))?;
    Ok(res)
}

/// The cookie that tells the sign-in this browser signed in to the account before.
const DEVICE_COOKIE: &str = "netra_device";

/// This browser's device cookie for the account it just signed in to: the one it proved, or a
/// new one. Sent only to `/login`, never readable by scripts, for half a year.
fn device_cookie(state: &AppState, a: &Attempt) -> Cookie<'static> {
    let id = a.device.clone().unwrap_or_else(|| random_token(16));
    Cookie::build(DEVICE_COOKIE, state.keys.device_cookie(&id, &a.email))
        .path("/login")
        .http_only(true)
        .secure(state.settings.secure_cookies())
        .same_site(SameSite::Strict)
        .max_age(actix_web::cookie::time::Duration::days(180))
        .finish()
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Signing out ends this account's sessions everywhere (the epoch moves on), so a copied cookie
/// does not outlive the sign-out.
pub async fn destroy(
    staff: Option<AnyStaff>,
    state: web::Data<AppState>,
    session: Session,
    _: Checked<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    if let Some(AnyStaff(s)) = staff {
        db::run(&state.pool, move |c| {
            users::bump_epoch(c, s.id).map_err(AppError::from)
        })
        .await?;
    }
    session::sign_out(&session);
    Ok(render::see_other("/login"))
}

#[derive(Template)]
#[template(path = "staff/password.html")]
pub struct PasswordPage {
    pub t: Tr,
    pub csrf: String,
    pub forced: bool,
    pub errors: Vec<FormError>,
}

impl PasswordPage {
    pub fn err(&self, field: &str) -> Option<String> {
        render::field_error(&self.errors, field)
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// The password page admits an account that must change its password, not one whose only task
/// left is setting up its second factor (that comes after the password, and before anything else).
fn password_account(staff: AnyStaff, session: &Session) -> Result<session::Staff, AppError> {
    if !staff.0.must_change_password && session::factor_due(session) {
        return Err(AppError::FactorDue);
    }
    Ok(staff.0)
}

pub async fn edit(staff: AnyStaff, session: Session, t: Tr) -> Result<HttpResponse, AppError> {
    let staff = password_account(staff, &session)?;
    let page = PasswordPage {
        t,
        csrf: csrf::token(&session)?,
        forced: staff.must_change_password,
        errors: vec![],
    };
    render::ok(&page)
}

pub async fn update(
    staff: AnyStaff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let staff = password_account(staff, &session)?;
    let uid = staff.id;
    let user = db::run(&state.pool, move |c| {
        users::find(c, uid).map_err(AppError::from)
    })
    .await?
    .ok_or(AppError::Unauthorized)?;
    let form = form.into_inner();
    let cmd = ChangePassword {
        current: form.current,
        new: form.new,
        confirm: form.confirm,
    };
    let (hasher, inputs) = (state.passwords.clone(), [staff.email, staff.name]);
    let checked = blocking(move || {
        let inputs = [inputs[0].as_str(), inputs[1].as_str()];
        own_password::check(&hasher, &user.password_hash, &cmd, &inputs)
    })
    .await??;
    let hash = match checked {
        Ok(hash) => hash,
        Err(problems) => {
            let page = PasswordPage {
                t,
                csrf: csrf::token(&session)?,
                forced: staff.must_change_password,
                errors: problems
                    .into_iter()
                    .map(|(field, key)| FormError::at(field, t.t(key)))
                    .collect(),
            };
            return render::page(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let key = state.keys.audit().clone();
    let epoch = db::run(&state.pool, move |c| {
        own_password::store(c, &key, uid, &hash)
    })
    .await?;
    // Every other session of this account ends; this one continues with the new epoch.
    session::sign_in(&session, uid, epoch)?;
    Ok(render::see_other("/dashboard"))
}

crate::web::forms::with_csrf!(CsrfOnly, LoginForm, PasswordForm);
