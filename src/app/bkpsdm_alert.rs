//! The alert the product exists for: when a case reaches the recommendation or the PPK's
//! decision — the steps only BKPSDM moves — the agency's BKPSDM staff and the case's handler are
//! told at once, with the deadline, content-free like every alert (case number, agency, state,
//! deadline, link). One working day before that deadline and once it is missed, the deadline
//! chore (`deadlines`) reminds the agency's inspectors and BKPSDM staff again.

use crate::db::reports::ReportRow;
use crate::db::{DbConnection, outbox, users};
use crate::domain::case_state::CaseState;
use crate::domain::event::MailKind;
use crate::domain::workflow::Role;

/// Whether entering `state` calls for BKPSDM.
pub fn calls_for_bkpsdm(state: CaseState) -> bool {
    matches!(state, CaseState::Recommendation | CaseState::AwaitingPpk)
}

/// Queues the alert for a case that has just entered `to` (inside the transition's
/// transaction); nothing when `to` is not a BKPSDM step. The payload carries the deadline and
/// the state, so an alert still queued when the case has moved on is dropped, not sent stale.
pub fn queue(
    c: &mut DbConnection,
    r: &ReportRow,
    to: CaseState,
    deadline: Option<chrono::NaiveDateTime>,
) -> diesel::QueryResult<usize> {
    if !calls_for_bkpsdm(to) {
        return Ok(0);
    }
    let mut recipients = outbox::staff_recipients(c, r.agency_id, &[Role::Bkpsdm])?;
    if let Some(handler) = r.assigned_user_id
        && !recipients.iter().any(|(id, _)| *id == handler)
        && let Some(u) = users::find(c, handler)?
        && u.active
        && u.agency_id == Some(r.agency_id)
    {
        recipients.push((handler, u.lang));
    }
    let payload =
        deadline.map(|d| serde_json::json!({ "deadline": d, "state": to.as_str() }).to_string());
    for (id, lang) in &recipients {
        outbox::enqueue_with(
            c,
            MailKind::BkpsdmToAct,
            Some(r.id),
            &outbox::Recipient::User { id: *id, lang },
            payload.as_deref(),
        )?;
    }
    Ok(recipients.len())
}
