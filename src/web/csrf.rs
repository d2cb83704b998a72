//! CSRF protection: a random token per session, put in every form and checked on every POST
//! before anything is read from the database or written to it.

use actix_session::Session;

use crate::crypto::{constant_time_eq, random_token};
use crate::error::AppError;

const KEY: &str = "csrf";

/// The session's token, created on first use.
pub fn token(session: &Session) -> Result<String, AppError> {
    if let Some(t) = session.get::<String>(KEY)? {
        return Ok(t);
    }
    let t = random_token(32);
    session.insert(KEY, &t)?;
    Ok(t)
}

/// Refuses the request unless `submitted` is this session's token.
pub fn verify(session: &Session, submitted: &str) -> Result<(), AppError> {
    let expected = session
        .get::<String>(KEY)
        .ok()
        .flatten()
        .ok_or(AppError::Csrf)?;
    if constant_time_eq(&expected, submitted) {
        Ok(())
    } else {
        Err(AppError::Csrf)
    }
}
