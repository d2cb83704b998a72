//! Reports (cases): the row a citizen's submission creates and every later stage updates.

use diesel::prelude::*;

use super::DbConnection;
use super::reported_persons::ReportedPersonRow;
use super::schema::{report_reporters, report_violations, reported_persons, reports};
use crate::domain::case_state::CaseState;
use crate::domain::ids::{AgencyId, ReportId, UserId};
use crate::domain::workflow::{CaseTier, Classification};

mod writes;

pub use writes::{
    NewViolationRow, PersonFields, add_violations, apply_transition, assign, correct_person,
    flag_if_still_overdue, insert_many, insert_reporters, move_to_agency, set_data_blocked,
    set_reporter_opt_out, set_tier, touch,
};

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

/// `None` is written as NULL (not DEFAULT), so SQLite takes a batch of them in one statement.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reports)]
#[diesel(treat_none_as_default_value = false)]
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

/// A case with its reported person and its reporter (None for a case without one), in one
/// query: what the case page reads first.
pub fn with_person_and_reporter(
    conn: &mut DbConnection,
    number: &str,
) -> QueryResult<Option<(ReportRow, ReportedPersonRow, Option<ReporterRow>)>> {
    reports::table
        .inner_join(reported_persons::table)
        .left_join(report_reporters::table)
        .filter(reports::case_number.eq(number))
        .select((
            ReportRow::as_select(),
            ReportedPersonRow::as_select(),
            Option::<ReporterRow>::as_select(),
        ))
        .first(conn)
        .optional()
}

/// The reports these submission tokens already made (forms sent again), one query for a batch.
pub fn by_submission_tokens(
    conn: &mut DbConnection,
    tokens: &[&str],
) -> QueryResult<Vec<ReportRow>> {
    reports::table
        .filter(reports::submission_token.eq_any(tokens))
        .select(ReportRow::as_select())
        .load(conn)
}

/// Which of these case numbers are taken already.
pub fn numbers_taken(conn: &mut DbConnection, numbers: &[&str]) -> QueryResult<Vec<String>> {
    reports::table
        .filter(reports::case_number.eq_any(numbers))
        .select(reports::case_number)
        .load(conn)
}

pub fn violation_codes(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<String>> {
    report_violations::table
        .filter(report_violations::report_id.eq(report_id))
        .order(report_violations::id.asc())
        .select(report_violations::code)
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    reports::table.count().get_result(conn)
}

/// The reporter of a case: sealed identity, contact and witnesses (see `crypto`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_reporters)]
#[diesel(treat_none_as_default_value = false)]
pub struct ReporterRow {
    pub report_id: ReportId,
    pub anonymous: bool,
    pub identity: Option<Vec<u8>>,
    pub email: Option<Vec<u8>>,
    pub lang: String,
    pub opt_out: bool,
    pub witnesses: Option<Vec<u8>>,
}

pub fn reporter(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Option<ReporterRow>> {
    report_reporters::table
        .find(report_id)
        .select(ReporterRow::as_select())
        .first(conn)
        .optional()
}

/// Cases waiting for the reporter past their deadline: (id, version), for the timeout.
pub fn needs_info_expired(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
) -> QueryResult<Vec<(ReportId, i64)>> {
    reports::table
        .filter(reports::state.eq(CaseState::NeedsInfo))
        .filter(reports::deadline_at.lt(now))
        .select((reports::id, reports::version))
        .load(conn)
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
