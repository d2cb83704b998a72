//! Sanctions on a case (1..n: an ethics and a disciplinary sanction may stand together,
//! PP 42/2004 Pasal 16), recommended first and then completed with the PPK's decree.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{sanction_catalogue, sanctions};
use crate::domain::ids::ReportId;
use crate::domain::workflow::CaseTier;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sanctions)]
pub struct SanctionRow {
    pub id: i64,
    pub report_id: ReportId,
    pub sanction_code: String,
    pub tier: CaseTier,
    pub justification: Option<String>,
    pub sk_number: Option<String>,
    pub sk_date: Option<chrono::NaiveDate>,
    pub start_date: Option<chrono::NaiveDate>,
    pub duration_months: Option<i32>,
    pub created_at: chrono::NaiveDateTime,
    pub decided_at: Option<chrono::NaiveDateTime>,
    /// The catalogue row's version when it was recommended (its text is kept with it).
    pub catalogue_version: i32,
    /// Replaced by the sentence an objection's decision imposed (the row stays, for the file).
    pub superseded_at: Option<chrono::NaiveDateTime>,
}

pub fn recommend(
    conn: &mut DbConnection,
    report_id: ReportId,
    code: &str,
    tier: CaseTier,
    justification: Option<&str>,
    duration_months: Option<i32>,
) -> QueryResult<i64> {
    let version: i32 = sanction_catalogue::table
        .find(code)
        .select(sanction_catalogue::version)
        .first(conn)?;
    diesel::insert_into(sanctions::table)
        .values((
            sanctions::report_id.eq(report_id),
            sanctions::sanction_code.eq(code),
            sanctions::tier.eq(tier),
            sanctions::justification.eq(justification),
            sanctions::duration_months.eq(duration_months),
            sanctions::created_at.eq(super::now()),
            sanctions::catalogue_version.eq(version),
        ))
        .returning(sanctions::id)
        .get_result(conn)
}

pub fn for_report(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Vec<SanctionRow>> {
    sanctions::table
        .filter(sanctions::report_id.eq(report_id))
        .order(sanctions::id.asc())
        .select(SanctionRow::as_select())
        .load(conn)
}

/// The sanctions of several cases (a case and the person's other cases), in one query.
pub fn for_reports(conn: &mut DbConnection, ids: &[ReportId]) -> QueryResult<Vec<SanctionRow>> {
    sanctions::table
        .filter(sanctions::report_id.eq_any(ids))
        .order(sanctions::id.asc())
        .select(SanctionRow::as_select())
        .load(conn)
}

/// Completes every sanction of the case with the decree.
pub fn record_decision(
    conn: &mut DbConnection,
    report_id: ReportId,
    sk_number: &str,
    sk_date: chrono::NaiveDate,
    start_date: Option<chrono::NaiveDate>,
) -> QueryResult<usize> {
    diesel::update(sanctions::table.filter(sanctions::report_id.eq(report_id)))
        .set((
            sanctions::sk_number.eq(sk_number),
            sanctions::sk_date.eq(sk_date),
            sanctions::start_date.eq(start_date),
            sanctions::decided_at.eq(super::now()),
        ))
        .execute(conn)
}

/// Marks the case's standing sentences replaced (an objection changed them), before the new
/// ones are recommended and decided with the objection's decision.
pub fn supersede(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<usize> {
    diesel::update(
        sanctions::table
            .filter(sanctions::report_id.eq(report_id))
            .filter(sanctions::superseded_at.is_null()),
    )
    .set(sanctions::superseded_at.eq(super::now()))
    .execute(conn)
}

/// Completes the case's standing sentences that have no decree yet (the ones an objection's
/// decision imposed) with that decision.
pub fn decide_pending(
    conn: &mut DbConnection,
    report_id: ReportId,
    number: &str,
    date: chrono::NaiveDate,
    start_date: Option<chrono::NaiveDate>,
) -> QueryResult<usize> {
    diesel::update(
        sanctions::table
            .filter(sanctions::report_id.eq(report_id))
            .filter(sanctions::superseded_at.is_null())
            .filter(sanctions::decided_at.is_null()),
    )
    .set((
        sanctions::sk_number.eq(number),
        sanctions::sk_date.eq(date),
        sanctions::start_date.eq(start_date),
        sanctions::decided_at.eq(super::now()),
    ))
    .execute(conn)
}

/// An active entry of the sanction catalogue.
pub type CatalogueEntry = super::catalogue::SanctionRow;

pub fn catalogue(conn: &mut DbConnection) -> QueryResult<Vec<CatalogueEntry>> {
    sanction_catalogue::table
        .filter(sanction_catalogue::active.eq(true))
        .order(sanction_catalogue::sort_order.asc())
        .select(CatalogueEntry::as_select())
        .load(conn)
}
