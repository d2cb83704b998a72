//! Summons letters and hearings of a case (migration 000022).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{hearings, summonses};
use crate::domain::ids::{ReportId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = summonses)]
pub struct SummonsRow {
    #[diesel(skip_insertion)]
    pub id: i64,
    pub report_id: ReportId,
    pub round: i32,
    pub letter_number: String,
    pub letter_date: chrono::NaiveDate,
    pub appear_on: chrono::NaiveDate,
    pub place: String,
    pub outcome: Option<String>,
    pub created_by: UserId,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearings)]
pub struct HearingRow {
    #[diesel(skip_insertion)]
    pub id: i64,
    pub report_id: ReportId,
    pub body: String,
    pub held_on: chrono::NaiveDate,
    /// One member a line, as typed (chair first).
    pub members: String,
    pub asn_present: bool,
    pub bap_document_id: i64,
    pub created_by: UserId,
    pub created_at: chrono::NaiveDateTime,
}

pub fn summonses_of(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<SummonsRow>> {
    summonses::table
        .filter(summonses::report_id.eq(report_id))
        .order(summonses::round.asc())
        .select(SummonsRow::as_select())
        .load(conn)
}

pub fn hearings_of(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<HearingRow>> {
    hearings::table
        .filter(hearings::report_id.eq(report_id))
        .order(hearings::id.asc())
        .select(HearingRow::as_select())
        .load(conn)
}

pub fn insert_summons(conn: &mut DbConnection, row: &SummonsRow) -> QueryResult<()> {
    diesel::insert_into(summonses::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Records whether the ASN came; false when it was recorded meanwhile (nothing written).
pub fn set_outcome(
    conn: &mut DbConnection,
    report_id: ReportId,
    round: i32,
    outcome: &str,
) -> QueryResult<bool> {
    diesel::update(
        summonses::table
            .filter(summonses::report_id.eq(report_id))
            .filter(summonses::round.eq(round))
            .filter(summonses::outcome.is_null()),
    )
    .set(summonses::outcome.eq(outcome))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn insert_hearing(conn: &mut DbConnection, row: &HearingRow) -> QueryResult<()> {
    diesel::insert_into(hearings::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}
