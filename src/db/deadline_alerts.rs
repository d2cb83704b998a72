//! Which deadline alerts are due, and the record that each went out once (per case, kind and
//! deadline: a new stage brings a new deadline and new alerts).

use diesel::prelude::*;

use super::DbConnection;
use super::case_list::OPEN_WITH_DEADLINE;
use super::schema::{agencies, deadline_alerts, reports};
use crate::domain::case_state::CaseState;
use crate::domain::event::DeadlineAlert;
use crate::domain::ids::{AgencyId, ReportId};

/// An open case with a running deadline, and its agency's time zone.
#[derive(Debug, Clone)]
pub struct Running {
    pub report_id: ReportId,
    pub agency_id: AgencyId,
    pub state: CaseState,
    pub deadline_at: chrono::NaiveDateTime,
    pub timezone: String,
}

/// Open cases whose deadline lies in `[from, until)` and for which no `kind` alert about that
/// deadline has gone out. `skip_states`: states another chore alerts about.
pub fn unalerted(
    conn: &mut DbConnection,
    kind: DeadlineAlert,
    from: Option<chrono::NaiveDateTime>,
    until: chrono::NaiveDateTime,
    skip_states: &[CaseState],
) -> QueryResult<Vec<Running>> {
    let already = deadline_alerts::table
        .filter(deadline_alerts::report_id.eq(reports::id))
        .filter(deadline_alerts::kind.eq(kind))
        .filter(
            deadline_alerts::deadline_at
                .nullable()
                .eq(reports::deadline_at),
        );
    let mut q = reports::table
        .inner_join(agencies::table)
        .filter(reports::state.eq_any(OPEN_WITH_DEADLINE))
        .filter(reports::state.ne_all(skip_states.to_vec()))
        .filter(reports::deadline_at.lt(until))
        .filter(diesel::dsl::not(diesel::dsl::exists(already)))
        .select((
            reports::id,
            reports::agency_id,
            reports::state,
            reports::deadline_at,
            agencies::timezone,
        ))
        .order(reports::id.asc())
        .into_boxed();
    if let Some(from) = from {
        q = q.filter(reports::deadline_at.ge(from));
    }
    let rows: Vec<(
        ReportId,
        AgencyId,
        CaseState,
        Option<chrono::NaiveDateTime>,
        String,
    )> = q.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(report_id, agency_id, state, deadline, timezone)| {
            deadline.map(|deadline_at| Running {
                report_id,
                agency_id,
                state,
                deadline_at,
                timezone,
            })
        })
        .collect())
}

/// Records that the `kind` alert about this deadline went out; false when it already had (call
/// inside `write_tx`, which serialises writers, so the check and the insert cannot interleave).
pub fn record_once(
    conn: &mut DbConnection,
    report_id: ReportId,
    kind: DeadlineAlert,
    deadline_at: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let key = deadline_alerts::table.find((report_id, kind, deadline_at));
    if diesel::select(diesel::dsl::exists(key)).get_result::<bool>(conn)? {
        return Ok(false);
    }
    diesel::insert_into(deadline_alerts::table)
        .values((
            deadline_alerts::report_id.eq(report_id),
            deadline_alerts::kind.eq(kind),
            deadline_alerts::deadline_at.eq(deadline_at),
            deadline_alerts::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|_| true)
}
