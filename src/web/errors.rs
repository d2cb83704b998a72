//! Every error response becomes a page in the user's language: `AppError`s, actix's own
//! extractor failures and unknown routes alike. Unexpected errors show the request id so an
//! operator can find the logged cause; internal text never reaches the client.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::middleware::Next;
use actix_web::{HttpMessage as _, HttpResponse};
use askama::Template;

use crate::error::AppError;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub t: Tr,
    pub slug: &'static str,
    pub status: u16,
    pub request_id: String,
}

impl ErrorPage {
    pub fn title(&self) -> String {
        self.t.t(&format!("error.{}.title", self.slug)).to_owned()
    }
    pub fn body(&self) -> String {
        self.t.t(&format!("error.{}.body", self.slug)).to_owned()
    }
}

fn build(
    t: Tr,
    slug: &'static str,
    status: StatusCode,
    request_id: String,
    from: Option<&actix_web::http::header::HeaderMap>,
) -> HttpResponse {
    let page = ErrorPage {
        t,
        slug,
        status: status.as_u16(),
        request_id,
    };
    let body = page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "rendering the error page failed");
        format!("{} {}", status.as_u16(), slug)
    });
    let mut res = HttpResponse::build(status);
    if let Some(from) = from {
        // Keep what the handler said besides the body (Retry-After, Set-Cookie, Allow).
        for (name, value) in from {
            if name != CONTENT_TYPE && name != CONTENT_LENGTH {
                res.append_header((name.clone(), value.clone()));
            }
        }
    }
    res.content_type("text/html; charset=utf-8").body(body)
}

pub async fn localise(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // Read what the page needs now: holding a clone of the request across `next.call` would
    // stop actix's router from writing the match info into it.
    let t = Tr::new(super::lang::of_request(req.request()));
    let request_id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|r| r.to_string())
        .unwrap_or_default();
    let res = next.call(req).await?;
    // Redirects (sign-in required) pass through as they are.
    let Some(err) = res
        .response()
        .error()
        .filter(|_| res.status().as_u16() >= 400)
    else {
        return Ok(res.map_into_left_body());
    };
    let status = res.status();
    let slug = err
        .as_error::<AppError>()
        .map_or_else(|| AppError::slug_for_status(status), AppError::slug);
    let new = build(t, slug, status, request_id, Some(res.response().headers()));
    let (req, _) = res.into_parts();
    Ok(ServiceResponse::new(req, new).map_into_right_body())
}

/// The answer for a route that does not exist.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
