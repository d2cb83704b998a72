//! `/lapor/tanda-terima`: the receipt, shown once. The secret is not stored anywhere readable,
//! so after this page it exists only with the reporter.

use actix_session::Session;
use actix_web::HttpResponse;
use askama::Template;

use super::report_save::{RECEIPT_KEY, ReceiptFlash};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::render;

#[derive(Template)]
#[template(path = "public/receipt.html")]
pub struct ReceiptPage {
    pub t: Tr,
    pub receipt: Option<ReceiptFlash>,
}

pub async fn show(session: Session, t: Tr) -> Result<HttpResponse, AppError> {
    let receipt = session
        .remove_as::<ReceiptFlash>(RECEIPT_KEY)
        .and_then(Result::ok);
    render::ok(&ReceiptPage { t, receipt })
}
