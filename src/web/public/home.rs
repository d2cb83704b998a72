//! `/`: what Netra is, who may report, what happens after. `/healthz`: is the database answering.

use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::connection::SimpleConnection as _;

use crate::db;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::{AppState, render};

#[derive(Template)]
#[template(path = "public/home.html")]
pub struct HomePage {
    pub t: Tr,
}

pub async fn index(t: Tr) -> Result<HttpResponse, AppError> {
    render::ok(&HomePage { t })
}

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let ok: Result<(), AppError> = db::run(&state.pool, |conn| {
        conn.batch_execute("SELECT 1").map_err(AppError::from)
    })
    .await;
    match ok {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database not answering");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
