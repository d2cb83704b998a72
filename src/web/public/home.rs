//! `/`: what Netra is, who may report, what happens after. `/healthz`: can the database save.

use actix_web::{HttpResponse, web};
use askama::Template;

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
    // A write, not a read: a full disk or a read-only database still answers SELECT 1 while no
    // report can be saved. This is the transaction every state change begins with (its first
    // statement rewrites the audit chain's head row as it is), committed with its fsync.
    let ok: Result<(), AppError> = db::run(&state.pool, |conn| {
        db::write_tx(conn, |_| Ok::<_, diesel::result::Error>(())).map_err(AppError::from)
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
