//! Reports (cases): the row a citizen's submission creates and every later stage updates.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{report_reporters, report_violations, reports};
use crate::domain::case_state::CaseState;
use crate::domain::ids::{AgencyId, ReportId, UserId};
use crate::domain::workflow::{CaseTier, Classification};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: ReportId,
    pub case_number: String,
    pub submission_token: String,
    pub receipt_hash: String,
    pub state: CaseState,
    pub version: i64,
    pub channel: String,
    pub agency_id: AgencyId,
    pub reported_person_id: i64,
    pub reported_name: String,
    pub employee_type: String,
    pub reported_unit: String,
    pub reported_position: String,
    pub election_type: String,
    pub election_stage: String,
    pub incident_date: chrono::NaiveDate,
    pub known_date: chrono::NaiveDate,
    pub late_for_bawaslu: bool,
    pub province_code: String,
    pub regency_code: Option<String>,
    pub place: String,
    pub description: String,
    pub evidence_links: String,
    pub classification: Option<Classification>,
    pub tier: Option<CaseTier>,
    pub assigned_user_id: Option<UserId>,
    pub deadline_at: Option<chrono::NaiveDateTime>,
    pub data_blocked: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub closed_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reports)]
pub struct NewReportRow<'a> {
    pub case_number: &'a str,
    pub submission_token: &'a str,
    pub receipt_hash: &'a str,
    pub state: CaseState,
    pub version: i64,
    pub channel: &'a str,
    pub agency_id: AgencyId,
    pub reported_person_id: i64,
    pub reported_name: &'a str,
    pub employee_type: &'a str,
    pub reported_unit: &'a str,
    pub reported_position: &'a str,
    pub election_type: &'a str,
    pub election_stage: &'a str,
    pub incident_date: chrono::NaiveDate,
    pub known_date: chrono::NaiveDate,
    pub late_for_bawaslu: bool,
    pub province_code: &'a str,
    pub regency_code: Option<&'a str>,
    pub place: &'a str,
    pub description: &'a str,
    pub evidence_links: &'a str,
    pub deadline_at: Option<chrono::NaiveDateTime>,
    pub data_blocked: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewReportRow<'_>) -> QueryResult<ReportId> {
    diesel::insert_into(reports::table)
        .values(row)
        .returning(reports::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: ReportId) -> QueryResult<Option<ReportRow>> {
    reports::table
        .find(id)
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_case_number(
    conn: &mut DbConnection,
    number: &str,
) -> QueryResult<Option<ReportRow>> {
    reports::table
        .filter(reports::case_number.eq(number))
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

/// The report a form submission already created (a double click, a resubmitted form).
pub fn find_by_submission_token(
    conn: &mut DbConnection,
    token: &str,
) -> QueryResult<Option<ReportRow>> {
    reports::table
        .filter(reports::submission_token.eq(token))
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

pub fn case_number_taken(conn: &mut DbConnection, number: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        reports::table.filter(reports::case_number.eq(number)),
    ))
    .get_result(conn)
}

pub fn add_violation(conn: &mut DbConnection, report_id: ReportId, code: &str) -> QueryResult<()> {
    diesel::insert_into(report_violations::table)
        .values((
            report_violations::report_id.eq(report_id),
            report_violations::code.eq(code),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn violation_codes(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<String>> {
    report_violations::table
        .filter(report_violations::report_id.eq(report_id))
        .order(report_violations::id.asc())
        .select(report_violations::code)
        .load(conn)
}

/// Moves a report to `to` if it is still at `version` and in `from`; false when someone else
/// changed it first (the caller shows the conflict instead of overwriting).
pub fn transition(
    conn: &mut DbConnection,
    id: ReportId,
    version: i64,
    from: CaseState,
    to: CaseState,
    deadline_at: Option<chrono::NaiveDateTime>,
) -> QueryResult<bool> {
    let n = diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::version.eq(version))
            .filter(reports::state.eq(from)),
    )
    .set((
        reports::state.eq(to),
        reports::version.eq(version + 1),
        reports::deadline_at.eq(deadline_at),
        reports::updated_at.eq(super::now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    reports::table.count().get_result(conn)
}

/// The reporter of a case: sealed identity, contact and witnesses (see `crypto`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_reporters)]
pub struct ReporterRow {
    pub report_id: ReportId,
    pub anonymous: bool,
    pub identity: Option<Vec<u8>>,
    pub email: Option<Vec<u8>>,
    pub lang: String,
    pub opt_out: bool,
    pub witnesses: Option<Vec<u8>>,
}

pub fn insert_reporter(conn: &mut DbConnection, row: &ReporterRow) -> QueryResult<()> {
    diesel::insert_into(report_reporters::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn reporter(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Option<ReporterRow>> {
    report_reporters::table
        .find(report_id)
        .select(ReporterRow::as_select())
        .first(conn)
        .optional()
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

/// Moves a case as `transition` does, recording its classification when one is given and the
/// time it closed when it closes, in one guarded UPDATE. False when the case changed since
/// `version` was read.
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
    let now = super::now();
    let changes = TransitionChanges {
        state: to,
        version: version + 1,
        deadline_at: Some(deadline_at),
        classification: classification.map(Some),
        closed_at: closed.then_some(Some(now)),
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
            reports::updated_at.eq(super::now()),
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
        reports::updated_at.eq(super::now()),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Cases awaiting the PPK past their deadline and not yet flagged for data blocking.
pub fn overdue_ppk_unflagged(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
) -> QueryResult<Vec<(ReportId, AgencyId)>> {
    reports::table
        .filter(reports::state.eq(CaseState::AwaitingPpk))
        .filter(reports::deadline_at.lt(now))
        .filter(reports::data_blocked.eq(false))
        .select((reports::id, reports::agency_id))
        .load(conn)
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

/// Case numbers of the given reports, in one query.
pub fn case_numbers(
    conn: &mut DbConnection,
    ids: &[ReportId],
) -> QueryResult<Vec<(ReportId, String)>> {
    reports::table
        .filter(reports::id.eq_any(ids))
        .select((reports::id, reports::case_number))
        .load(conn)
}
