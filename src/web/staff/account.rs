//! `/akun`: a staff member's own email preferences: every alert, or the daily digest only; and
//! the language of their emails. Only the signed-in account is ever changed (the form names no
//! account).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::Staff;
use crate::app::email_prefs::{self, EmailPrefs};
use crate::db::{self, users};
use crate::domain::event::AlertPref;
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use crate::web::forms::Checked;
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

#[derive(Template)]
#[template(path = "staff/account.html")]
pub struct AccountPage {
    pub t: Tr,
    pub csrf: String,
    pub email: String,
    pub alert_pref: String,
    pub lang: String,
    pub digest_hour: Option<String>,
    /// Only agency staff (inspectors, BKPSDM) get a digest; the others get every alert.
    pub digest_available: bool,
    pub saved: bool,
    pub errors: Vec<FormError>,
}

impl AccountPage {
    pub fn err(&self, field: &str) -> Option<String> {
        render::field_error(&self.errors, field)
    }
}

#[derive(Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    alert_pref: String,
    #[serde(default)]
    lang: String,
}

fn page(
    t: Tr,
    session: &Session,
    state: &AppState,
    staff: &Staff,
    (alert_pref, lang): (String, String),
) -> Result<AccountPage, AppError> {
    Ok(AccountPage {
        t,
        csrf: csrf::token(session)?,
        email: staff.email.clone(),
        alert_pref,
        lang,
        digest_hour: state.settings.digest_hour.map(|h| format!("{h:02}.00")),
        digest_available: staff.role.gets_digest(staff.agency_id.is_some()),
        saved: false,
        errors: vec![],
    })
}

pub async fn show(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let uid = staff.id;
    let user = db::run(&state.pool, move |c| {
        users::find(c, uid).map_err(AppError::from)
    })
    .await?
    .ok_or(AppError::Unauthorized)?;
    let stored = (user.alert_pref.as_str().to_owned(), user.lang);
    let mut p = page(t, &session, &state, &staff, stored)?;
    // Read by hand: a mangled query string must not turn the page into an error.
    p.saved = req
        .query_string()
        .split('&')
        .any(|kv| kv.starts_with("tersimpan"));
    render::ok(&p)
}

pub async fn update(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<AccountForm>,
) -> Result<HttpResponse, AppError> {
    let prefs = EmailPrefs {
        alert_pref: AlertPref::parse(&form.alert_pref),
        lang: Lang::parse(&form.lang),
    };
    let who = staff.user();
    let key = state.keys.audit().clone();
    match db::run(&state.pool, move |c| {
        email_prefs::set(c, &key, &who, &prefs)
    })
    .await?
    {
        Ok(()) => Ok(render::see_other("/akun?tersimpan=1")),
        Err(problems) => {
            let typed = (form.alert_pref.clone(), form.lang.clone());
            let mut p = page(t, &session, &state, &staff, typed)?;
            p.errors = problems
                .into_iter()
                .map(|(field, key)| FormError::at(field, t.t(key)))
                .collect();
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
    }
}

crate::web::forms::with_csrf!(AccountForm);
