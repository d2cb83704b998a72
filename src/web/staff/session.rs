//! Who is signed in. The session cookie (signed and encrypted) holds the user id and the account's
//! session epoch at sign-in; every request reloads the account, so disabling it or changing its
//! password (both bump the epoch) ends every session at its next request.
//!
//! A session whose password was accepted while its role requires a second factor the account has
//! not set up carries [`FACTOR_DUE`]: like a password that must be changed, it reaches nothing but
//! the set-up page (`web::staff::factor`) and signing out. (A sign-in still waiting for its code
//! carries no user id at all: see `web::staff::code`.)

use actix_session::{Session, SessionExt as _};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;

use crate::db::{self, users};
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::workflow::Role;
use crate::error::AppError;
use crate::web::AppState;

const UID: &str = "staff_uid";
const EPOCH: &str = "staff_epoch";
const SINCE: &str = "staff_since";
const FACTOR_DUE: &str = "staff_factor_due";
/// A staff session ends this long after sign-in, whatever happens.
const MAX_AGE_HOURS: i64 = 12;

/// A signed-in staff member whose account is active and whose password needs no change.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub must_change_password: bool,
}

impl Staff {
    pub fn sees_all_agencies(&self) -> bool {
        self.role.sees_all_agencies()
    }

    /// Whom the use cases act for.
    pub fn user(&self) -> crate::app::StaffUser {
        crate::app::StaffUser {
            id: self.id,
            role: self.role,
            agency_id: self.agency_id,
        }
    }
}

/// Like [`Staff`] but also admits an account that still has to change its password (the password
/// page and sign-out need that).
#[derive(Debug, Clone)]
pub struct AnyStaff(pub Staff);

pub fn sign_in(session: &Session, user_id: UserId, epoch: i64) -> Result<(), AppError> {
    session.renew();
    session.insert(UID, user_id.get())?;
    session.insert(EPOCH, epoch)?;
    session.insert(SINCE, chrono::Utc::now().timestamp())?;
    Ok(())
}

pub fn sign_out(session: &Session) {
    session.purge();
}

/// Marks the session as having to set up the second factor before anything else, or not.
pub fn set_factor_due(session: &Session, due: bool) -> Result<(), AppError> {
    if due {
        session.insert(FACTOR_DUE, true)?;
    } else {
        session.remove(FACTOR_DUE);
    }
    Ok(())
}

/// Whether the session must set up the second factor before anything else.
pub fn factor_due(session: &Session) -> bool {
    session.get::<bool>(FACTOR_DUE).ok().flatten() == Some(true)
}

async fn load(req: HttpRequest) -> Result<Staff, AppError> {
    let session = req.get_session();
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or(AppError::Unauthorized)?;
    let uid = session.get::<i64>(UID).ok().flatten();
    let epoch = session.get::<i64>(EPOCH).ok().flatten();
    let (Some(uid), Some(epoch)) = (uid, epoch) else {
        return Err(AppError::Unauthorized);
    };
    let since = session.get::<i64>(SINCE).ok().flatten().unwrap_or(0);
    if chrono::Utc::now().timestamp() - since > MAX_AGE_HOURS * 3600 {
        sign_out(&session);
        return Err(AppError::Unauthorized);
    }
    let user = db::run(&state.pool, move |c| {
        users::find(c, UserId(uid)).map_err(AppError::from)
    })
    .await?;
    match user {
        Some(u) if u.active && u.session_epoch == epoch => Ok(Staff {
            id: u.id,
            role: u.role,
            email: u.email,
            name: u.name,
            agency_id: u.agency_id,
            must_change_password: u.must_change_password,
        }),
        _ => {
            sign_out(&session);
            Err(AppError::Unauthorized)
        }
    }
}

impl FromRequest for AnyStaff {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { load(req).await.map(AnyStaff) })
    }
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        let due = factor_due(&req.get_session());
        Box::pin(async move {
            let staff = load(req).await?;
            if staff.must_change_password {
                Err(AppError::MustChangePassword)
            } else if due {
                Err(AppError::FactorDue)
            } else {
                Ok(staff)
            }
        })
    }
}

/// A signed-in staff member who works cases: national, inspectorate or BKPSDM staff. Admins keep
/// the accounts and the reference data and never act on a case (DESIGN.md, "Who uses it"), so
/// the routes that change a case refuse them here, before the use case refuses them again.
#[derive(Debug, Clone)]
pub struct CaseWorker(pub Staff);

impl std::ops::Deref for CaseWorker {
    type Target = Staff;
    fn deref(&self) -> &Staff {
        &self.0
    }
}

impl FromRequest for CaseWorker {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let staff = with_role(req, payload, |r| r != Role::Admin);
        Box::pin(async move { staff.await.map(Self) })
    }
}

/// The signed-in [`Staff`] if their role is `allowed`, else 403: what a role extractor checks.
pub fn with_role(
    req: &HttpRequest,
    payload: &mut Payload,
    allowed: fn(Role) -> bool,
) -> LocalBoxFuture<'static, Result<Staff, AppError>> {
    let staff = Staff::from_request(req, payload);
    Box::pin(async move {
        let staff = staff.await?;
        if allowed(staff.role) {
            Ok(staff)
        } else {
            Err(AppError::Forbidden)
        }
    })
}

/// Where a sign-in whose password was right waits for its second factor's code (`code.rs`).
pub const CODE_PATH: &str = "/login/kode";
/// The session key of a pending sign-in's token.
const PENDING: &str = "staff_pending";

/// Starts waiting for a code: whatever the session held (another account's sign-in, its CSRF
/// token) goes, and it carries only the pending sign-in's token.
pub fn await_code(session: &Session, token: &str) -> Result<(), AppError> {
    session.clear();
    session.renew();
    session.insert(PENDING, token)?;
    Ok(())
}

/// The pending sign-in's token, when this session waits for a code.
pub fn pending_token(session: &Session) -> Option<String> {
    session.get::<String>(PENDING).ok().flatten()
}

/// Stops waiting for a code (the sign-in ended or was completed).
pub fn forget_pending(session: &Session) {
    session.remove(PENDING);
}
