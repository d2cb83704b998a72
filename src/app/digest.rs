//! The daily digest: once a day per agency, at a configurable local hour in the agency's time
//! zone, every active inspector and BKPSDM user of the agency (whatever their alert preference)
//! gets the open cases by state, the overdue count and the cases filed in the last day. Counts
//! only: nothing of any report travels. Recorded per agency and local day in `digests`, in the
//! same transaction as its messages, so a restart or a second instance never sends it twice.
//! An agency with nothing open gets no digest that day (the day is still recorded).

use crate::crypto::ChainKey;
use serde::{Deserialize, Serialize};

use crate::db::audit::{self, Actor, Event};
use crate::db::case_list;
use crate::db::{self, DbConnection, digests, outbox};
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::AgencyId;
use crate::domain::workflow;

/// What one digest says; stored as the outbox row's payload.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Summary {
    /// An `AgencyId`, as the JSON payload stores it.
    pub agency_id: i64,
    /// The agency's local day, `YYYY-MM-DD`.
    pub day: chrono::NaiveDate,
    /// Open cases per state, in workflow order; states with none left out.
    pub open: Vec<(String, i64)>,
    pub overdue: i64,
    pub filed_last_day: i64,
}

/// Queues the digests that are due at `now` (UTC) for local hour `hour`; returns how many
/// agencies' digests were queued.
pub fn send_due(
    conn: &mut DbConnection,
    key: &ChainKey,
    now: chrono::NaiveDateTime,
    hour: u32,
) -> anyhow::Result<usize> {
    let mut queued = 0;
    // Indonesian zones are ahead of UTC: no local day starts before today's UTC date. One query
    // for what is recorded, not one per agency every minute.
    let done = digests::recorded_since(conn, now.date())?;
    for (agency_id, timezone) in digests::agencies_with_staff(conn)? {
        let local = TimeZone::parse(&timezone)
            .unwrap_or(TimeZone::Wib)
            .local(now);
        let day = local.date();
        if chrono::Timelike::hour(&local) < hour || done.contains(&(agency_id, day)) {
            continue;
        }
        let sent = db::write_tx(conn, |c| -> anyhow::Result<bool> {
            let summary = summarise(c, agency_id, day, now)?;
            let to = if summary.open.is_empty() {
                vec![]
            } else {
                outbox::digest_recipients(c, agency_id)?
            };
            if !digests::record_once(c, agency_id, day, to.len())? {
                return Ok(false); // another instance was quicker
            }
            if to.is_empty() {
                return Ok(false);
            }
            audit::append(
                c,
                key,
                &Event::outside_cases(
                    Actor::System,
                    AuditAction::DigestQueued,
                    Some(&format!("agency {agency_id}, {day}")),
                ),
            )?;
            let payload = serde_json::to_string(&summary)?;
            for (user_id, lang) in &to {
                outbox::enqueue_with(
                    c,
                    MailKind::Digest,
                    None,
                    &outbox::Recipient::User { id: *user_id, lang },
                    Some(&payload),
                )?;
            }
            Ok(true)
        })?;
        queued += usize::from(sent);
    }
    Ok(queued)
}

fn summarise(
    conn: &mut DbConnection,
    agency_id: AgencyId,
    day: chrono::NaiveDate,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<Summary> {
    let counts = case_list::counts_by_state(conn, Some(agency_id))?;
    let open = CaseState::ALL
        .iter()
        .copied()
        .filter(|s| !workflow::is_closed(*s))
        .filter_map(|s| {
            counts
                .iter()
                .find(|(state, n)| *state == s && *n > 0)
                .map(|(state, n)| (state.as_str().to_owned(), *n))
        })
        .collect();
    Ok(Summary {
        agency_id: agency_id.get(),
        day,
        open,
        overdue: case_list::count_overdue(conn, agency_id, now)?,
        filed_last_day: case_list::count_filed_since(
            conn,
            agency_id,
            now - chrono::Duration::days(1),
        )?,
    })
}
