//! The page language: `?lang=` (which also sets the `netra_lang` cookie), else the cookie, else
//! Bahasa Indonesia.

use std::future::{Ready, ready};

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest};

use crate::i18n::{Lang, Tr};

pub const COOKIE: &str = "netra_lang";

fn from_query(req: &HttpRequest) -> Option<Lang> {
    req.query_string()
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::parse(v))
}

pub fn of_request(req: &HttpRequest) -> Lang {
    from_query(req)
        .or_else(|| req.cookie(COOKIE).and_then(|c| Lang::parse(c.value())))
        .unwrap_or_default()
}

/// Extractor: the translator for this request.
impl FromRequest for Tr {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Tr::new(of_request(req))))
    }
}

/// Middleware: a `?lang=` choice sticks in a cookie for the following pages.
pub async fn remember(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let chosen = from_query(req.request());
    let mut res = next.call(req).await?;
    if let Some(lang) = chosen {
        let cookie = Cookie::build(COOKIE, lang.code())
            .path("/")
            .same_site(SameSite::Lax)
            .http_only(true)
            .max_age(actix_web::cookie::time::Duration::days(365))
            .finish();
        res.response_mut().add_cookie(&cookie).ok();
    }
    Ok(res)
}
