//! Deadline consequences that nobody has to remember: a PPK decision past its deadline sets the
//! case's data-blocking flag (DOMAIN.md §2.4: BKN blocks the employee's personnel data until the
//! PPK acts), with its audit row and alerts to the agency's staff and to national staff, in one
//! transaction per case. The decree lifts the flag (see the staff case actions).

use crate::db::audit::{self, Actor, Event};
use crate::db::{self, DbConnection, outbox, reports, users};

/// Flags every overdue PPK decision; returns how many cases were flagged now.
pub fn flag_overdue_ppk(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<usize> {
    let mut flagged = 0;
    for (report_id, agency_id) in reports::overdue_ppk_unflagged(conn, now)? {
        let changed = db::write_tx(conn, |c| {
            // Guarded on the flag itself: two instances racing flag (and alert) once.
            if !reports::flag_if_still_overdue(c, report_id, now)? {
                return Ok::<_, anyhow::Error>(false);
            }
            let ev = Event {
                actor: Actor::System,
                report_id: Some(report_id),
                action: "data_blocking_flagged",
                from_state: None,
                to_state: None,
                reason: Some("PPK decision overdue"),
                public: false,
            };
            audit::append(c, &ev)?;
            let mut to = outbox::staff_recipients(c, agency_id, &["inspector", "bkpsdm"])?;
            to.extend(users::national(c)?);
            for (user_id, lang) in to {
                outbox::enqueue(
                    c,
                    "ppk_overdue",
                    Some(report_id),
                    &outbox::Recipient::User {
                        id: user_id,
                        lang: &lang,
                    },
                )?;
            }
            Ok(true)
        })?;
        flagged += usize::from(changed);
    }
    Ok(flagged)
}
