//! The needs-info window (issue 11; DOMAIN.md §3.3): a case whose reporter did not complete the
//! report by its deadline becomes "not registered", by the server, with its audit row and the
//! reporter's content-free notice (when they left an address). Staff may reopen it with a reason
//! (`workflow::Action::Reopen`). Run by the background chores; safe with several instances: the
//! move is guarded by the case's version and state, so a case answered meanwhile stays answered.

use super::notify_reporter;
use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, DbConnection, reports};
use crate::domain::case_state::CaseState;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::workflow::{self, Action};

/// Moves every case past its needs-info deadline; how many moved now.
pub fn expire(
    conn: &mut DbConnection,
    key: &ChainKey,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<usize> {
    let from = CaseState::NeedsInfo;
    let to = workflow::next(from, &Action::TimeOut, workflow::Actor::System)?;
    let mut moved = 0;
    for (id, version) in reports::needs_info_expired(conn, now)? {
        let done = db::write_tx(conn, |c| {
            if !reports::apply_transition(c, id, version, from, to, None, None, true)? {
                return Ok::<_, anyhow::Error>(false);
            }
            let ev = Event {
                actor: Actor::System,
                report_id: Some(id),
                action: AuditAction::StateChanged,
                from_state: Some(from),
                to_state: Some(to),
                reason: Some("the reporter did not complete the report within the window"),
                public: true,
            };
            audit::append(c, key, &ev)?;
            notify_reporter(c, id, MailKind::StateChanged)?;
            Ok(true)
        })?;
        moved += usize::from(done);
    }
    Ok(moved)
}
