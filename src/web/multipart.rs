//! Reading a multipart form (report, reply) with the evidence limits enforced while streaming:
//! text fields and files are bounded as they arrive, so an oversized upload is refused without
//! first being held in memory whole.
//!
//! - The whole request above `MAX_REQUEST`, or more than `MAX_PARTS` parts → 413
//!   (`AppError::TooLarge`): nothing is written. No CSRF token as the first part, or a wrong
//!   one → 403 at once. Over the form-post limit → 429 before the body is read.
//! - A single file above `MAX_FILE`, more than `MAX_FILES` files, or files together above
//!   `MAX_FILES_TOTAL` while the request is still within bounds → recorded as a problem and the
//!   form re-rendered at 422 with everything typed kept.

use std::collections::HashMap;

use actix_multipart::{Multipart, MultipartError};
use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_LENGTH;
use futures_util::StreamExt as _;

use super::forms::clean_text;
use crate::error::AppError;

pub const MAX_FILE: usize = 10 * 1024 * 1024;
pub const MAX_FILES: usize = 5;
pub const MAX_FILES_TOTAL: usize = 30 * 1024 * 1024;
/// Files plus room for the text fields and multipart framing.
pub const MAX_REQUEST: usize = MAX_FILES_TOTAL + 1024 * 1024;
const MAX_TEXT_FIELD: usize = 64 * 1024;
const MAX_TEXT_TOTAL: usize = 256 * 1024;
/// Parts in one form: the report form has about 25 fields, one per ticked violation and up to
/// five files. A body of 600,000 tiny parts is refused here, not parsed to its end.
pub const MAX_PARTS: usize = 200;

#[derive(Debug)]
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// A file that was not kept, and why (a catalogue key).
#[derive(Debug, Clone)]
pub struct Refused {
    pub filename: String,
    pub key: &'static str,
}

#[derive(Debug, Default)]
pub struct Form {
    fields: HashMap<String, Vec<String>>,
    pub files: Vec<Upload>,
    pub refused: Vec<Refused>,
}

impl Form {
    /// The first value of a text field, or "".
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    }
    /// Every value of a repeated field (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.get(name).cloned().unwrap_or_default()
    }
    pub fn checked(&self, name: &str) -> bool {
        self.fields.get(name).is_some_and(|v| !v.is_empty())
    }
    /// The text fields url-encoded, as a plain form would have sent them (for a form that reads
    /// them with the same serde struct as its url-encoded version).
    pub fn urlencoded(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (name, values) in &self.fields {
            for v in values {
                out.append_pair(name, v);
            }
        }
        out.finish()
    }
    /// Whether the user attached any file (kept or not): the re-rendered form says to attach again.
    pub fn had_files(&self) -> bool {
        !self.files.is_empty() || !self.refused.is_empty()
    }
}

fn map_err(e: MultipartError) -> AppError {
    tracing::debug!(error = %e, "multipart read failed");
    match e {
        // A part's header the parser refused (a NUL in a file's name, a broken disposition).
        MultipartError::Parse(_)
        | MultipartError::ContentDispositionMissing
        | MultipartError::ContentDispositionNameMissing => AppError::MalformedForm,
        _ => AppError::BadRequest,
    }
}

/// A file name safe to show and store: the last path component, control characters removed.
fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let s: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if s.trim().is_empty() {
        "file".to_owned()
    } else {
        s
    }
}

/// Reads a form the way a request that may be hostile must be read: the declared size and the
/// rate limit (`Limits::check_post`) before one byte of the body; then the CSRF token, which
/// must be the first part (both forms put it first), checked before the next part is read; then
/// at most [`MAX_PARTS`] parts, each bounded as it streams. A request refused on any of these
/// costs what was read up to there, whatever the rest of its body holds.
pub async fn read_checked(
    req: &HttpRequest,
    payload: Multipart,
    file_field: &str,
    session: &actix_session::Session,
    limits: &super::ratelimit::Limits,
) -> Result<Form, AppError> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_REQUEST) {
        return Err(AppError::TooLarge);
    }
    limits.check_post(req, session).await?;
    read(payload, file_field, session).await
}

async fn read(
    mut payload: Multipart,
    file_field: &str,
    session: &actix_session::Session,
) -> Result<Form, AppError> {
    let mut form = Form::default();
    let mut total = 0usize;
    let mut text_total = 0usize;
    let mut files_total = 0usize;
    let mut parts = 0usize;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(map_err)?;
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::TooLarge);
        }
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(clean_name);
        let is_file = name == file_field && filename.is_some();
        let token_part = parts == 1;
        if token_part && (name != "csrf" || filename.is_some()) {
            return Err(AppError::Csrf); // no token first: nothing more is read
        }
        let mut buf = Vec::new();
        let mut over = false;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(map_err)?;
            total += chunk.len();
            if total > MAX_REQUEST {
                return Err(AppError::TooLarge);
            }
            let limit = if is_file { MAX_FILE } else { MAX_TEXT_FIELD };
            if buf.len() + chunk.len() > limit {
                over = true; // keep draining so the rest of the form still arrives
            } else if !over {
                buf.extend_from_slice(&chunk);
            }
        }
        if is_file {
            let filename = filename.unwrap_or_default();
            if buf.is_empty() && !over {
                // A file input left empty still sends a part with no name and no bytes.
                if !filename.is_empty() && filename != "file" {
                    form.refused.push(Refused {
                        filename,
                        key: "evidence.empty",
                    });
                }
                continue;
            }
            let key = if over {
                Some("evidence.too_big")
            } else if form.files.len() >= MAX_FILES {
                Some("evidence.too_many")
            } else if files_total + buf.len() > MAX_FILES_TOTAL {
                Some("evidence.total_too_big")
            } else {
                None
            };
            match key {
                Some(key) => form.refused.push(Refused { filename, key }),
                None => {
                    files_total += buf.len();
                    form.files.push(Upload {
                        filename,
                        bytes: buf,
                    });
                }
            }
        } else {
            text_total += buf.len();
            if over || text_total > MAX_TEXT_TOTAL {
                return Err(AppError::TooLarge);
            }
            let value = String::from_utf8(buf).map_err(|_| AppError::BadRequest)?;
            if token_part {
                super::csrf::verify(session, &value)?;
            }
            form.fields
                .entry(name)
                .or_default()
                .push(clean_text(&value));
        }
    }
    if parts == 0 {
        // No part, so no token: refused like a missing one, not handed on as an empty form.
        return Err(AppError::Csrf);
    }
    Ok(form)
}
