//! What a case's process has produced beyond the report (issue 11): the referring letter of a
//! case staff opened, the documents staff uploaded, the examination, and the objection against
//! the decree. Read with the case page.

use crate::db::case_documents::{self, DocumentRow};
use crate::db::examination::{self, HearingRow, SummonsRow};
use crate::db::objections::{self, ObjectionRow};
use crate::db::referrals::{self, ReferralRow};
use crate::db::reports::ReportRow;
use crate::db::{DbConnection, catalogue};
use crate::domain::case_state::CaseState;
use crate::domain::intake::Channel;
use crate::error::AppError;

#[derive(Debug, Default)]
pub struct Process {
    /// The referring letter of a case staff opened (None for a public report).
    pub referral: Option<ReferralRow>,
    /// The case documents, oldest first (metadata only).
    pub documents: Vec<DocumentRow>,
    /// Summons letters, by round, and hearings, oldest first (none before examination).
    pub summonses: Vec<SummonsRow>,
    pub hearings: Vec<HearingRow>,
    /// The working days a summons must go out ahead (`stage_deadlines`), for the form's hint.
    pub summons_notice: i32,
    /// The keberatan or banding against the decree, once filed.
    pub objection: Option<ObjectionRow>,
    /// While the case is decided: the decree's date and the last day to object (the form's hint).
    pub objection_window: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// What the case page already holds and the process reads need: whether the case ever went to
/// objection (from its timeline) and the standing decree's date (from its sanctions), so neither
/// costs a query here.
pub struct Known {
    pub objected: bool,
    pub decree_date: Option<chrono::NaiveDate>,
}

pub fn read(conn: &mut DbConnection, r: &ReportRow, known: &Known) -> Result<Process, AppError> {
    // Only a case staff opened has a letter: a public report costs no query for it.
    let referral = if r.channel == Channel::Web.as_str() {
        None
    } else {
        referrals::of(conn, r.id)?
    };
    // Summonses and hearings exist from examination on: earlier states cost no query for them.
    let examined = !matches!(
        r.state,
        CaseState::Submitted
            | CaseState::Verification
            | CaseState::NeedsInfo
            | CaseState::Registered
    );
    let (summonses, hearings, summons_notice) = if examined {
        (
            examination::summonses_of(conn, r.id)?,
            examination::hearings_of(conn, r.id)?,
            catalogue::stage_deadline(conn, "summons_notice")?.unwrap_or(7),
        )
    } else {
        (vec![], vec![], 7)
    };
    // Only a case whose timeline shows an objection has one: a closed case costs no query for it.
    let objection = if known.objected {
        objections::of(conn, r.id)?
    } else {
        None
    };
    let objection_window = if r.state == CaseState::Decided {
        super::case_objection::window_from(conn, known.decree_date)?
    } else {
        None
    };
    Ok(Process {
        referral,
        objection,
        objection_window,
        documents: case_documents::for_report(conn, r.id)?,
        summonses,
        hearings,
        summons_notice,
    })
}
