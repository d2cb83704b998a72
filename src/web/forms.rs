//! What every form shares: the text as it may be stored, and the CSRF check as an extractor.

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
        let form = actix_web::web::Form::<T>::from_request(req, payload);
        let session = actix_session::Session::extract(req);
        Box::pin(async move {
            let form = form.await?;
            let session = session.await?;
            super::csrf::verify(&session, form.csrf())?;
            Ok(Self(form.into_inner()))
        })
    }
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
    fn control_characters_are_dropped_but_lines_and_tabs_kept() {
        assert_eq!(super::clean_text("a\0b\r\nc\td\u{7}"), "ab\nc\td");
    }
}
