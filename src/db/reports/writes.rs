//! Every write to `reports` (and to the rows that belong to one report alone: its reporter and
//! its violations): filing, the guarded workflow updates, assignment and the flags.

use diesel::prelude::*;

use super::super::DbConnection;
use super::super::schema::{report_reporters, report_violations, reports};
use super::{NewReportRow, ReporterRow};
use crate::domain::case_state::CaseState;
use crate::domain::ids::{AgencyId, ReportId, UserId};
use crate::domain::workflow::{CaseTier, Classification};

/// New reports in one statement: the id each got, with its submission token (RETURNING gives
/// no order to rely on).
pub fn insert_many(
    conn: &mut DbConnection,
    rows: &[NewReportRow<'_>],
) -> QueryResult<Vec<(ReportId, String)>> {
    let returning = (reports::id, reports::submission_token);
    let made: Vec<(i64, String)> = match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(reports::table)
            .values(rows)
            .returning(returning)
            .get_results(c)?,
        DbConnection::Pg(c) => diesel::insert_into(reports::table)
            .values(rows)
            .returning(returning)
            .get_results(c)?,
    };
    Ok(made.into_iter().map(|(id, t)| (ReportId(id), t)).collect())
}

/// The reporters of new reports, in one statement.
pub fn insert_reporters(conn: &mut DbConnection, rows: &[ReporterRow]) -> QueryResult<()> {
    insert_all!(conn, report_reporters::table, rows, 1000);
    Ok(())
}

#[derive(Insertable)]
#[diesel(table_name = report_violations)]
pub struct NewViolationRow<'a> {
    pub report_id: ReportId,
    pub code: &'a str,
}

/// The violations of new reports, in one statement.
pub fn add_violations(conn: &mut DbConnection, rows: &[NewViolationRow<'_>]) -> QueryResult<()> {
    insert_all!(conn, report_violations::table, rows, 4000);
    Ok(())
}

/// What a workflow transition changes on the case, in one UPDATE: `None` leaves a column as it
/// is, `Some(None)` empties it.
#[derive(AsChangeset)]
#[diesel(table_name = reports)]
struct TransitionChanges {
    state: CaseState,
    version: i64,
    deadline_at: Option<Option<chrono::NaiveDateTime>>,
    classification: Option<Option<Classification>>,
    closed_at: Option<Option<chrono::NaiveDateTime>>,
    updated_at: chrono::NaiveDateTime,
}

/// Moves a case to `to` if it is still at `version` and in `from`, recording its classification
/// when one is given and the time it closed when it closes, in one guarded UPDATE. False when
/// someone else changed it first (the caller shows the conflict instead of overwriting).
#[expect(
    clippy::too_many_arguments,
    reason = "each is one column of the guarded update"
)]
pub fn apply_transition(
    conn: &mut DbConnection,
    id: ReportId,
    version: i64,
    from: CaseState,
    to: CaseState,
    deadline_at: Option<chrono::NaiveDateTime>,
    classification: Option<Classification>,
    closed: bool,
) -> QueryResult<bool> {
    let now = crate::db::now();
    let changes = TransitionChanges {
        state: to,
        version: version + 1,
        deadline_at: Some(deadline_at),
        classification: classification.map(Some),
        // A closed case reopened (one not registered) is open again.
        closed_at: if closed {
            Some(Some(now))
        } else if crate::domain::workflow::is_closed(from) {
            Some(None)
        } else {
            None
        },
        updated_at: now,
    };
    let n = diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::version.eq(version))
            .filter(reports::state.eq(from)),
    )
    .set(&changes)
    .execute(conn)?;
    Ok(n == 1)
}

/// The case's tier: its heaviest sentence, or moral.
pub fn set_tier(conn: &mut DbConnection, id: ReportId, tier: CaseTier) -> QueryResult<()> {
    diesel::update(reports::table.find(id))
        .set(reports::tier.eq(tier))
        .execute(conn)
        .map(|_| ())
}

/// Moves a case to another agency; its handler (of the old agency) is cleared.
pub fn move_to_agency(
    conn: &mut DbConnection,
    id: ReportId,
    agency_id: AgencyId,
) -> QueryResult<()> {
    diesel::update(reports::table.find(id))
        .set((
            reports::agency_id.eq(agency_id),
            reports::assigned_user_id.eq(None::<UserId>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Bumps the version of a case for a change that is not a state transition (a message, a note),
/// so a form opened before it is recognised as stale.
pub fn touch(conn: &mut DbConnection, id: ReportId) -> QueryResult<()> {
    diesel::update(reports::table.find(id))
        .set((
            reports::version.eq(reports::version + 1),
            reports::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Sets (or clears) the case's handler if the case is still at `version`.
pub fn assign(
    conn: &mut DbConnection,
    id: ReportId,
    version: i64,
    user: Option<UserId>,
) -> QueryResult<bool> {
    diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::version.eq(version)),
    )
    .set((
        reports::assigned_user_id.eq(user),
        reports::version.eq(version + 1),
        reports::updated_at.eq(crate::db::now()),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Sets the data-blocking flag (DOMAIN.md §2.4); true when this call changed it.
pub fn set_data_blocked(conn: &mut DbConnection, id: ReportId, blocked: bool) -> QueryResult<bool> {
    diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::data_blocked.eq(!blocked)),
    )
    .set((
        reports::data_blocked.eq(blocked),
        reports::version.eq(reports::version + 1),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// The reporter wants no more notices; true when this changed it.
pub fn set_reporter_opt_out(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<bool> {
    diesel::update(
        report_reporters::table
            .filter(report_reporters::report_id.eq(report_id))
            .filter(report_reporters::opt_out.eq(false)),
    )
    .set(report_reporters::opt_out.eq(true))
    .execute(conn)
    .map(|n| n == 1)
}

/// Flags a case for data blocking only if it still awaits the PPK past its deadline and is not
/// flagged yet (a decree recorded meanwhile wins); true when this call set the flag.
pub fn flag_if_still_overdue(
    conn: &mut DbConnection,
    id: ReportId,
    now: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::state.eq(CaseState::AwaitingPpk))
            .filter(reports::deadline_at.lt(now))
            .filter(reports::data_blocked.eq(false)),
    )
    .set((
        reports::data_blocked.eq(true),
        reports::version.eq(reports::version + 1),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// The reported person's details on a case, as staff corrected them.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = reports)]
pub struct PersonFields<'a> {
    pub reported_person_id: i64,
    pub reported_name: &'a str,
    pub employee_type: &'a str,
    pub reported_unit: &'a str,
    pub reported_position: &'a str,
    pub agency_id: AgencyId,
}

/// Writes corrected person details if the case is still at `version`; a case that changes agency
/// loses its handler (who belongs to the old one).
pub fn correct_person(
    conn: &mut DbConnection,
    id: ReportId,
    version: i64,
    fields: &PersonFields<'_>,
    moved: bool,
) -> QueryResult<bool> {
    let target = reports::table
        .filter(reports::id.eq(id))
        .filter(reports::version.eq(version));
    let stamp = (
        reports::version.eq(version + 1),
        reports::updated_at.eq(crate::db::now()),
    );
    let n = if moved {
        diesel::update(target)
            .set((fields, stamp, reports::assigned_user_id.eq(None::<UserId>)))
            .execute(conn)?
    } else {
        diesel::update(target).set((fields, stamp)).execute(conn)?
    };
    Ok(n == 1)
}
