//! Rendering a page: one helper so a template failure becomes an error, never an empty 200.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use anyhow::Context as _;
use askama::Template;

use crate::error::AppError;

pub fn page<T: Template>(status: StatusCode, page: &T) -> Result<HttpResponse, AppError> {
    let body = page.render().context("rendering a page")?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

pub fn ok<T: Template>(p: &T) -> Result<HttpResponse, AppError> {
    page(StatusCode::OK, p)
}

/// 303 See Other: the answer to every successful POST (post/redirect/get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .finish()
}

/// The message for `field` among a form's (field, message) errors.
pub fn field_error(errors: &[(&'static str, String)], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.clone())
}
