//! `/admin/users`: list, create, disable, reset. A new or reset password is shown once, on the
//! page that follows the action. The list shows each account's second factor; resetting it and
//! the roles that require it are `admin::factors`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Admin, FLASH};
use crate::app::accounts::{self, NewAccount, Refusal};
use crate::db::audit::Actor;
use crate::db::{self, agencies, second_factor, users};
use crate::domain::totp;
use crate::domain::workflow::Role;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::Checked;
use crate::web::render::FormError;
use crate::web::staff::case_items::Choice;
use crate::web::{AppState, csrf, render};

pub struct UserLine {
    pub email: String,
    pub name: String,
    pub role: String,
    pub agency: String,
    pub active: bool,
    pub must_change: bool,
    /// The second factor is on (it can be reset).
    pub factor_on: bool,
    /// The second factor's state in words.
    pub factor: String,
}

/// A role in the form that chooses who must use the second factor.
pub struct FactorRole {
    pub value: &'static str,
    pub label: String,
    pub on: bool,
    /// Admin and national staff: always required, shown but not a choice.
    pub always: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub t: Tr,
    pub calendar_warning: Option<super::CalendarWarning>,
    pub csrf: String,
    pub users: Vec<UserLine>,
    pub agencies: Vec<Choice>,
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub form: NewUserForm,
    pub factor_roles: Vec<FactorRole>,
}

#[derive(Deserialize, Default, Clone)]
pub struct NewUserForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub agency: String,
}

pub(super) async fn page(
    state: &AppState,
    session: &Session,
    t: Tr,
    form: NewUserForm,
    error: Option<FormError>,
) -> Result<UsersPage, AppError> {
    let (rows, agency_rows, enabled, required) = db::run(&state.pool, |c| {
        Ok::<_, AppError>((
            users::list(c)?,
            agencies::list_active(c)?,
            second_factor::enabled(c)?,
            second_factor::required_roles(c)?,
        ))
    })
    .await?;
    let factor = |u: &users::UserRow| {
        let on = enabled.contains(&u.id);
        let key = match (on, totp::required(u.role, required.contains(&u.role))) {
            (true, _) => "admin.users.factor_on",
            (false, true) => "admin.users.factor_missing",
            (false, false) => "admin.users.factor_off",
        };
        (on, t.t(key).to_owned())
    };
    let codes: std::collections::HashMap<_, String> =
        agency_rows.iter().map(|a| (a.id, a.name.clone())).collect();
    Ok(UsersPage {
        calendar_warning: super::calendar_warning(state, t).await?,
        t,
        csrf: csrf::token(session)?,
        users: rows
            .into_iter()
            .map(|u| {
                let (factor_on, factor) = factor(&u);
                UserLine {
                    factor_on,
                    factor,
                    agency: u
                        .agency_id
                        .and_then(|a| codes.get(&a).cloned())
                        .unwrap_or_else(|| "—".into()),
                    email: u.email,
                    name: u.name,
                    role: t.t(&format!("role.{}", u.role.as_str())).to_owned(),
                    active: u.active,
                    must_change: u.must_change_password,
                }
            })
            .collect(),
        agencies: agency_rows
            .into_iter()
            .map(|a| Choice {
                value: a.code,
                label: a.name,
            })
            .collect(),
        notice: session.remove_as::<String>(FLASH).and_then(Result::ok),
        errors: error.into_iter().collect(),
        form,
        factor_roles: Role::ALL
            .iter()
            .map(|&r| FactorRole {
                value: r.as_str(),
                label: t.label("role", r),
                on: totp::required(r, required.contains(&r)),
                always: totp::always_required(r),
            })
            .collect(),
    })
}

pub async fn index(
    _a: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    render::ok(&page(&state, &session, t, NewUserForm::default(), None).await?)
}

pub async fn create(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<NewUserForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let Some(role) = Role::parse(&form.role) else {
        let error = FormError::at("role", t.t("admin.users.role_required"));
        let p = page(&state, &session, t, form, Some(error)).await?;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let (f, by) = (form.clone(), Actor::Staff(admin.0.id));
    let hasher = state.passwords.clone();
    let key = state.keys.audit().clone();
    let result = db::run(&state.pool, move |c| {
        let agency = Some(f.agency.trim()).filter(|a| !a.is_empty());
        let account = NewAccount {
            email: &f.email,
            name: &f.name,
            role,
            agency_code: agency,
            password: None,
        };
        Ok::<_, AppError>(accounts::create(c, &key, &hasher, &account, by))
    })
    .await?;
    match result {
        Ok((_, one_time)) => {
            let notice = t.f(
                "admin.users.created",
                &format!("{} — {one_time}", form.email.trim().to_lowercase()),
            );
            session.insert(FLASH, notice)?;
            Ok(render::see_other("/admin/users"))
        }
        Err(e) => {
            // A broken account rule is shown at its field; anything else is an error.
            let refusal = e.downcast::<Refusal>()?;
            let error = FormError::at(refusal.field(), t.t(refusal.message_key()));
            let p = page(&state, &session, t, form, Some(error)).await?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

pub async fn disable(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<EmailForm>,
) -> Result<HttpResponse, AppError> {
    if form.email.trim().eq_ignore_ascii_case(&admin.0.email) {
        let p = page(
            &state,
            &session,
            t,
            NewUserForm::default(),
            Some(FormError::general(t.t("admin.users.not_self"))),
        )
        .await?;
        return render::page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let (email, by) = (form.email.clone(), Actor::Staff(admin.0.id));
    let key = state.keys.audit().clone();
    db::run(&state.pool, move |c| {
        accounts::disable(c, &key, &email, by).map_err(|_| AppError::NotFound)
    })
    .await?;
    session.insert(FLASH, t.f("admin.users.disabled", form.email.trim()))?;
    Ok(render::see_other("/admin/users"))
}

pub async fn reset(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let (email, by) = (form.email.clone(), Actor::Staff(admin.0.id));
    let hasher = state.passwords.clone();
    let key = state.keys.audit().clone();
    let one_time = db::run(&state.pool, move |c| {
        accounts::reset_password(c, &key, &hasher, &email, by).map_err(|_| AppError::NotFound)
    })
    .await?;
    let notice = t.f(
        "admin.users.reset",
        &format!("{} — {one_time}", form.email.trim()),
    );
    session.insert(FLASH, notice)?;
    Ok(render::see_other("/admin/users"))
}

crate::web::forms::with_csrf!(EmailForm, NewUserForm);
