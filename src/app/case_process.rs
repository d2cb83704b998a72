//! What a case's process has produced beyond the report (issue 11): the referring letter of a
//! case staff opened, and the documents staff uploaded. Read with the case page.

use crate::db::DbConnection;
use crate::db::case_documents::{self, DocumentRow};
use crate::db::referrals::{self, ReferralRow};
use crate::db::reports::ReportRow;
use crate::domain::intake::Channel;
use crate::error::AppError;

#[derive(Debug, Default)]
pub struct Process {
    /// The referring letter of a case staff opened (None for a public report).
    pub referral: Option<ReferralRow>,
    /// The case documents, oldest first (metadata only).
    pub documents: Vec<DocumentRow>,
}

pub fn read(conn: &mut DbConnection, r: &ReportRow) -> Result<Process, AppError> {
    // Only a case staff opened has a letter: a public report costs no query for it.
    let referral = if r.channel == Channel::Web.as_str() {
        None
    } else {
        referrals::of(conn, r.id)?
    };
    Ok(Process {
        referral,
        documents: case_documents::for_report(conn, r.id)?,
    })
}
