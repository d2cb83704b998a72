//! `/lapor/tanda-terima`: the receipt, shown once. The secret is not stored anywhere readable,
//! so after this page it exists only with the reporter. Also the receipt's way there (carried
//! across the filing's redirect in the encrypted session) and the answer to a form that was
//! already filed.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use crate::app::receipt_check;
use crate::crypto::{constant_time_eq, random_token};
use crate::db;
use crate::db::reports::ReportRow;
use crate::domain::receipt::ReceiptSecret;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::{AppState, render};

#[derive(Template)]
#[template(path = "public/receipt.html")]
pub struct ReceiptPage {
    pub t: Tr,
    pub receipt: Option<ReceiptFlash>,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let flash = session
        .remove_as::<ReceiptFlash>(RECEIPT_KEY)
        .and_then(Result::ok);
    // Shown only if its nonce is still waiting: a replayed copy of the cookie that carried the
    // receipt here shows nothing the second time.
    let receipt = match flash {
        Some(flash) => {
            let nonce = flash.nonce.clone();
            let once = db::run(&state.pool, move |conn| {
                receipt_check::receipt_shown(conn, &nonce)
            })
            .await?;
            once.then_some(flash)
        }
        None => None,
    };
    render::ok(&ReceiptPage { t, receipt })
}

/// What the receipt page shows once, carried across the redirect in the (encrypted) session.
#[derive(Serialize, Deserialize)]
pub struct ReceiptFlash {
    pub case_number: String,
    pub secret: String,
    pub late: bool,
    /// The `receipt_views` row this showing uses up.
    pub nonce: String,
}

pub const RECEIPT_KEY: &str = "receipt";
/// How long a resubmitted form may show its receipt again (a double click, a slow network).
pub const RESHOW_MINUTES: i64 = 10;

/// Carries the receipt to its page; `nonce` is the `receipt_views` row written for it.
pub fn remember_receipt(
    session: &Session,
    case_number: &str,
    secret: &ReceiptSecret,
    late: bool,
    nonce: String,
) -> Result<(), AppError> {
    let flash = ReceiptFlash {
        case_number: case_number.to_owned(),
        secret: secret.grouped(),
        late,
        nonce,
    };
    session.insert(RECEIPT_KEY, flash)?;
    Ok(())
}

#[derive(Template)]
#[template(path = "public/already_filed.html")]
pub struct AlreadyFiledPage {
    pub t: Tr,
}

/// A form that was already filed: the same browser session gets its receipt again (the secret is
/// derived, not stored); anyone else learns nothing about the report.
pub async fn already_filed(
    state: &AppState,
    session: &Session,
    t: Tr,
    existing: &ReportRow,
    secret: &ReceiptSecret,
) -> Result<HttpResponse, AppError> {
    // Only while the receipt is fresh: the form's tokens sit in a shared phone's history, and
    // replaying them later must not hand the receipt to whoever holds the phone.
    let fresh = crate::db::now() - existing.created_at < chrono::Duration::minutes(RESHOW_MINUTES);
    if fresh
        && constant_time_eq(
            &state.keys.receipt_hash(secret.normalised()),
            &existing.receipt_hash,
        )
    {
        let nonce = random_token(16);
        let written = nonce.clone();
        db::run(&state.pool, move |conn| {
            receipt_check::receipt_again(conn, &written)
        })
        .await?;
        remember_receipt(
            session,
            &existing.case_number,
            secret,
            existing.late_for_bawaslu,
            nonce,
        )?;
        return Ok(render::see_other("/lapor/tanda-terima"));
    }
    render::ok(&AlreadyFiledPage { t })
}
