//! `/admin/users/dua-langkah/…`: an admin resets a staff member's second sign-in factor (for a
//! lost phone: audited, every session of the account ends, its owner is told by email) and
//! chooses which roles must have one besides admins and national staff, who always must.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::users::{NewUserForm, page};
use super::{Admin, FLASH};
use crate::app::{Outcome, second_factor_admin};
use crate::db::{self, audit::Actor};
use crate::domain::workflow::Role;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::AppState;
use crate::web::forms::Checked;
use crate::web::render::{self, FormError};

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

pub async fn reset(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let (email, by, keys) = (
        form.email.clone(),
        Actor::Staff(admin.0.id),
        state.keys.clone(),
    );
    match db::run(&state.pool, move |c| {
        second_factor_admin::reset(c, &keys, by, &email)
    })
    .await?
    {
        Outcome::Done(()) => {
            session.insert(FLASH, t.f("admin.users.factor_reset", form.email.trim()))?;
            Ok(render::see_other("/admin/users"))
        }
        Outcome::Invalid(key) => {
            let error = Some(FormError::general(t.t(key)));
            let p = page(&state, &session, t, NewUserForm::default(), error).await?;
            render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Outcome::Conflict(_) => Ok(render::see_other("/admin/users")),
    }
}

/// One checkbox per role an admin may require the factor of (`inspector=on`, `bkpsdm=on`).
#[derive(Deserialize)]
pub struct RolesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    inspector: String,
    #[serde(default)]
    bkpsdm: String,
}

pub async fn roles(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<RolesForm>,
) -> Result<HttpResponse, AppError> {
    let on: Vec<Role> = [
        (Role::Inspector, &form.inspector),
        (Role::Bkpsdm, &form.bkpsdm),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(r, _)| r)
    .collect();
    let (keys, by) = (state.keys.clone(), admin.0.id);
    db::run(&state.pool, move |c| {
        second_factor_admin::set_required_roles(c, &keys, by, &on)
    })
    .await?;
    session.insert(FLASH, t.t("admin.users.factor_roles_saved"))?;
    Ok(render::see_other("/admin/users"))
}

crate::web::forms::with_csrf!(ResetForm, RolesForm);
