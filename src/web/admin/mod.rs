//! `/admin`: accounts, agencies, the holiday calendar, stage deadlines and the audit log. Admins
//! only: other staff get 403 (these pages hold no case, so there is nothing to hide by a 404).

pub mod audit;
pub mod calendar;
pub mod catalogue;
mod catalogue_form;
pub mod factors;
pub mod outbox;
pub mod reference;
pub mod users;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use futures_util::future::LocalBoxFuture;

use super::staff::session::Staff;
use crate::domain::workflow::Role;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::{AppState, render};

/// A signed-in admin.
pub struct Admin(pub Staff);

impl FromRequest for Admin {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let staff = super::staff::session::with_role(req, payload, |r| r == Role::Admin);
        Box::pin(async move { staff.await.map(Admin) })
    }
}

#[derive(Template)]
#[template(path = "admin/index.html")]
pub struct AdminIndexPage {
    pub t: Tr,
    pub calendar_warning: Option<CalendarWarning>,
}

pub async fn index(
    _admin: Admin,
    state: actix_web::web::Data<AppState>,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    render::ok(&AdminIndexPage {
        t,
        calendar_warning: calendar_warning(&state, t).await?,
    })
}

/// What every admin page says while the next 60 days reach into a year whose holiday calendar
/// is not confirmed (deadlines there are counted with estimated or missing days off).
pub struct CalendarWarning {
    pub year: i32,
    pub text: String,
}

pub async fn calendar_warning(
    state: &AppState,
    t: Tr,
) -> Result<Option<CalendarWarning>, AppError> {
    let today = crate::db::now().date();
    let year = crate::db::run(&state.pool, move |c| {
        crate::app::reference::unconfirmed_year_ahead(c, today).map_err(AppError::from)
    })
    .await?;
    Ok(year.map(|year| CalendarWarning {
        year,
        text: t.f("admin.calendar.warning", &year.to_string()),
    }))
}

/// A one-time notice carried across the redirect after an admin action (a new password).
pub const FLASH: &str = "admin_flash";
