//! The stylesheet and the one optional script, compiled into the binary (one file to deploy).

use actix_web::HttpResponse;
use actix_web::web::Path;

use crate::error::AppError;

const CSS: &str = include_str!("../../static/netra.css");
const JS: &str = include_str!("../../static/netra.js");

pub async fn show(file: Path<String>) -> Result<HttpResponse, AppError> {
    let (body, ctype) = match file.as_str() {
        "netra.css" => (CSS, "text/css; charset=utf-8"),
        "netra.js" => (JS, "text/javascript; charset=utf-8"),
        _ => return Err(AppError::NotFound),
    };
    Ok(HttpResponse::Ok()
        .content_type(ctype)
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(body))
}
