//! `/akun`: a staff member's own email preferences: every alert, or the daily digest only; and
//! the language of their emails. Only the signed-in account is ever changed (the form names no
//! account).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::session::Staff;
use crate::db::audit::{self, Actor, Event};
use crate::db::outbox::DIGEST_ONLY;
use crate::db::{self, users};
use crate::domain::event::AuditAction;
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use crate::web::forms::Checked;
use crate::web::render::FormError;
use crate::web::{AppState, csrf, render};

pub const ALERT_PREFS: [&str; 2] = ["all", DIGEST_ONLY];

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
    let mut p = page(t, &session, &state, &staff, (user.alert_pref, user.lang))?;
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
    let mut errors = Vec::new();
    if !ALERT_PREFS.contains(&form.alert_pref.as_str()) {
        errors.push(FormError::at("alert_pref", t.t("account.alerts.invalid")));
    } else if form.alert_pref == DIGEST_ONLY && !staff.role.gets_digest(staff.agency_id.is_some()) {
        errors.push(FormError::at("alert_pref", t.t("account.alerts.no_digest")));
    }
    let lang = Lang::parse(&form.lang);
    if lang.is_none() {
        errors.push(FormError::at("lang", t.t("account.lang.invalid")));
    }
    let (Some(lang), true) = (lang, errors.is_empty()) else {
        let mut p = page(
            t,
            &session,
            &state,
            &staff,
            (form.alert_pref.clone(), form.lang.clone()),
        )?;
        p.errors = errors;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let (uid, pref) = (staff.id, form.alert_pref.clone());
    db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            users::set_email_prefs(c, uid, &pref, lang.code())?;
            let reason = format!("alerts: {pref}, language: {}", lang.code());
            audit::append(
                c,
                &Event {
                    actor: Actor::Staff(uid),
                    report_id: None,
                    action: AuditAction::EmailPrefsChanged,
                    from_state: None,
                    to_state: None,
                    reason: Some(&reason),
                    public: false,
                },
            )?;
            Ok::<_, AppError>(())
        })
    })
    .await?;
    Ok(render::see_other("/akun?tersimpan=1"))
}

crate::web::forms::with_csrf!(AccountForm);
