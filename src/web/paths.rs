//! Values parsed from the URL path before a handler runs: a malformed one answers 404 without
//! touching the database.

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::{Ready, ready};

use crate::domain::receipt::CaseNumber;
use crate::error::AppError;

/// The `{number}` of a case route, as a [`CaseNumber`] (typed in any case, with or without
/// dashes, as the search box takes it).
pub struct CasePath(pub CaseNumber);

impl FromRequest for CasePath {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let number = req.match_info().get("number").and_then(CaseNumber::parse);
        ready(number.map(Self).ok_or(AppError::NotFound))
    }
}

/// The `{number}` and `{id}` of an evidence route.
pub struct EvidencePath(pub CaseNumber, pub i64);

impl FromRequest for EvidencePath {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let number = req.match_info().get("number").and_then(CaseNumber::parse);
        let id = req
            .match_info()
            .get("id")
            .and_then(|i| i.parse::<i64>().ok());
        ready(match (number, id) {
            (Some(n), Some(id)) => Ok(Self(n, id)),
            _ => Err(AppError::NotFound),
        })
    }
}
