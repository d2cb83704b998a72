//! `AppError`: how a request fails. Each variant maps to a status; the page the user sees is
//! rendered in their language by `web::errors::localise`, which sees every error response.
//! Internal error text is logged with its cause chain, never sent to the client.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// No staff session (or a dead one): answered with a redirect to `/login`.
    #[error("sign-in required")]
    Unauthorized,
    /// The account must choose a new password before anything else.
    #[error("password change required")]
    MustChangePassword,
    /// The account's role requires a second sign-in factor it has not set up yet.
    #[error("second factor set-up required")]
    FactorDue,
    /// The form's CSRF token was missing or wrong: nothing was written.
    #[error("invalid or missing form token")]
    Csrf,
    #[error("request body too large")]
    TooLarge,
    #[error("too many requests")]
    TooMany,
    #[error("bad request")]
    BadRequest,
    /// A multipart form whose structure could not be parsed (a part's header with a NUL or
    /// another byte no header may hold, typically in an attached file's name): nothing was read
    /// past it, so the form cannot come back filled; its page says what to do.
    #[error("malformed form")]
    MalformedForm,
    #[error("someone else changed this first")]
    Conflict,
    #[error("service unavailable")]
    Unavailable,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl AppError {
    /// The catalogue key of the page's heading and explanation (`error.<slug>.title|body`).
    pub fn slug(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::Forbidden | Self::Unauthorized | Self::MustChangePassword | Self::FactorDue => {
                "forbidden"
            }
            Self::Csrf => "csrf",
            Self::TooLarge => "too_large",
            Self::TooMany => "too_many",
            Self::BadRequest => "bad_request",
            Self::MalformedForm => "malformed_form",
            Self::Conflict => "conflict",
            Self::Unavailable => "unavailable",
            Self::Unexpected(_) => "unexpected",
        }
    }

    /// Whether the cause is a unique-constraint violation (a racing duplicate insert).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Self::Unexpected(e) => e.downcast_ref::<DbError>().is_some_and(
                |d| matches!(d, DbError::Query(q) if crate::db::is_unique_violation(q)),
            ),
            _ => false,
        }
    }

    /// The slug for a status produced outside `AppError` (actix's own extractors, unknown routes).
    pub fn slug_for_status(status: StatusCode) -> &'static str {
        match status.as_u16() {
            404 | 405 => "not_found",
            403 => "forbidden",
            413 => "too_large",
            429 => "too_many",
            409 => "conflict",
            503 => "unavailable",
            400..=499 => "bad_request",
            _ => "unexpected",
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Pool(_) => {
                tracing::error!(error = %e, "database pool exhausted or unreachable");
                Self::Unavailable
            }
            DbError::Busy => {
                tracing::warn!("database busy: answering 503");
                Self::Unavailable
            }
            DbError::Query(diesel::result::Error::NotFound) => Self::NotFound,
            other => Self::Unexpected(anyhow::Error::new(other)),
        }
    }
}

impl From<actix_session::SessionInsertError> for AppError {
    fn from(e: actix_session::SessionInsertError) -> Self {
        Self::Unexpected(anyhow::anyhow!("writing the session: {e}"))
    }
}

impl From<actix_session::SessionGetError> for AppError {
    fn from(e: actix_session::SessionGetError) -> Self {
        Self::Unexpected(anyhow::anyhow!("reading the session: {e}"))
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::Query(e).into()
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden | Self::Csrf => StatusCode::FORBIDDEN,
            Self::Unauthorized | Self::MustChangePassword | Self::FactorDue => {
                StatusCode::SEE_OTHER
            }
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooMany => StatusCode::TOO_MANY_REQUESTS,
            Self::BadRequest | Self::MalformedForm => StatusCode::BAD_REQUEST,
            Self::Conflict => StatusCode::CONFLICT,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Unauthorized => return see_other("/login"),
            Self::MustChangePassword => return see_other("/akun/sandi"),
            Self::FactorDue => return see_other("/akun/dua-langkah"),
            _ => {}
        }
        if let Self::Unexpected(e) = self {
            tracing::error!(error = ?e, "unexpected error");
        }
        // A plain body; `web::errors::localise` replaces it with the page in the user's language.
        HttpResponse::build(self.status_code())
            .content_type("text/plain; charset=utf-8")
            .body(self.slug())
    }
}

/// Where a signed-out or must-change-password request goes (303, as `web::render::see_other`).
fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}
