//! What every form shares: the text as it may be stored, and the CSRF check as an extractor.

use crate::error::AppError;

/// Text as it may be stored: CRLF from textareas becomes LF, and control characters other than
/// tab and newline are dropped (PostgreSQL refuses NUL in text; no form field needs the others).
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// A form that carries the session's CSRF token in a `csrf` field.
pub trait WithCsrf {
    fn csrf(&self) -> &str;
}

/// Implements [`WithCsrf`] for form structs with a `csrf: String` field.
macro_rules! with_csrf {
    ($($form:ty),+ $(,)?) => {
        $(impl $crate::web::forms::WithCsrf for $form {
            fn csrf(&self) -> &str {
                &self.csrf
            }
        })+
    };
}
pub(crate) use with_csrf;

/// The largest url-encoded form body read (the staff forms' longest text is 5,000 characters).
pub const FORM_LIMIT: usize = 64 * 1024;

/// A url-encoded form whose CSRF token has been checked against the session before the handler
/// runs: a handler that takes `Checked<F>` cannot forget the check.
pub struct Checked<T>(pub T);

impl<T> Checked<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Checked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned + WithCsrf + 'static> actix_web::FromRequest for Checked<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let body = actix_web::web::Bytes::from_request(req, payload);
        let session = actix_session::Session::extract(req);
        Box::pin(async move {
            let body = body.await?;
            // Refused, not read lossily: see `decodes_to_utf8`.
            let text = std::str::from_utf8(&body)
                .ok()
                .filter(|_| decodes_to_utf8(&body))
                .ok_or(AppError::BadRequest)?;
            let form = actix_web::web::Query::<T>::from_query(text)
                .map_err(|_| AppError::BadRequest)?
                .into_inner();
            let session = session.await?;
            super::csrf::verify(&session, form.csrf())?;
            Ok(Self(form))
        })
    }
}

/// Whether every key and value of a url-encoded body decodes to UTF-8. The form parser decodes
/// bytes that are not UTF-8 lossily (as U+FFFD), so without this check a message of broken bytes
/// would be stored as replacement characters instead of being refused.
pub fn decodes_to_utf8(body: &[u8]) -> bool {
    let hex = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    body.split(|b| *b == b'&' || *b == b'=').all(|part| {
        let mut out = Vec::with_capacity(part.len());
        let mut i = 0;
        while let Some(&b) = part.get(i) {
            match b {
                b'+' => out.push(b' '),
                b'%' => match (
                    part.get(i + 1).copied().and_then(hex),
                    part.get(i + 2).copied().and_then(hex),
                ) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 2;
                    }
                    // A lone % is taken as itself, as the form parser does.
                    _ => out.push(b),
                },
                _ => out.push(b),
            }
            i += 1;
        }
        std::str::from_utf8(&out).is_ok()
    })
}

/// A query string read leniently: a key given twice counts once (its first value), so a filter
/// link edited by hand never turns the page into a bare 400 (each page's own parsing then drops
/// what names nothing).
pub struct FirstQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned> actix_web::FromRequest for FirstQuery<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let mut seen = std::collections::HashSet::new();
        let first = url::form_urlencoded::parse(req.query_string().as_bytes())
            .filter(|(k, _)| seen.insert(k.clone()));
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(first)
            .finish();
        futures_util::future::ready(
            actix_web::web::Query::<T>::from_query(&query)
                .map(|q| Self(q.into_inner()))
                .map_err(Into::into),
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_body_that_decodes_to_anything_but_utf8_is_told_apart() {
        use super::decodes_to_utf8;
        assert!(decodes_to_utf8(b"csrf=abc&body=Halo+dunia%21&x=%E2%82%AC"));
        assert!(decodes_to_utf8(b"a=100%&b=%2"), "a lone % is itself");
        assert!(!decodes_to_utf8(b"csrf=abc&body=%FF%FE"));
        assert!(!decodes_to_utf8(b"body=%C0%AF"), "an overlong slash");
        assert!(!decodes_to_utf8(b"%ED%A0%80=x"), "a surrogate, in a key");
    }

    #[test]
    fn control_characters_are_dropped_but_lines_and_tabs_kept() {
        assert_eq!(super::clean_text("a\0b\r\nc\td\u{7}"), "ab\nc\td");
    }
}
