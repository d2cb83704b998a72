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

/// A stored file (evidence, a case document) as a download, never inline, sandboxed, with its
/// SHA-256 in `hash_header` so a downloaded copy can be checked against the record.
pub fn attachment(
    filename: &str,
    hash_header: &str,
    sha256: String,
    bytes: Vec<u8>,
) -> HttpResponse {
    download("application/octet-stream", filename)
        .insert_header((hash_header.to_owned(), sha256))
        .body(bytes)
}

/// A download's answer: never shown inline, sandboxed, named `filename`.
fn download(content_type: &str, filename: &str) -> actix_web::HttpResponseBuilder {
    use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
    let mut answer = HttpResponse::Ok();
    answer
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename.to_owned())],
        })
        .insert_header(("Content-Security-Policy", "sandbox; default-src 'none'"));
    answer
}

/// A PDF Netra made (the case file) as a download, sandboxed like every file it sends.
pub fn pdf(filename: &str, bytes: Vec<u8>) -> HttpResponse {
    download("application/pdf", filename).body(bytes)
}

/// 303 See Other: the answer to every successful POST (post/redirect/get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .finish()
}

/// One message of a form that failed: the field it is about (its input is `f-<field>`; empty
/// for a message about the whole form) and the text. Shown by the `error_summary` and
/// `field_error` macros of `templates/macros.html`.
#[derive(Debug, Clone)]
pub struct FormError {
    pub field: &'static str,
    pub message: String,
    /// The field's label, when the summary names it ("Nama ASN: Kolom ini wajib diisi."); the
    /// message under the field itself never repeats it.
    pub label: String,
}

impl FormError {
    /// A message about one field.
    pub fn at(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            label: String::new(),
        }
    }

    /// A message about one field, the summary naming it by `label`.
    pub fn named(field: &'static str, label: &str, message: impl Into<String>) -> Self {
        Self {
            label: label.to_owned(),
            ..Self::at(field, message)
        }
    }

    /// The summary's line: the field's label, then the message.
    pub fn summary(&self) -> String {
        if self.label.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.label, self.message)
        }
    }

    /// A message about the whole form.
    pub fn general(message: impl Into<String>) -> Self {
        Self::at("", message)
    }
}

/// The message for `field` among a form's errors.
pub fn field_error(errors: &[FormError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}
