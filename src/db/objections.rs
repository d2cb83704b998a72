//! The keberatan or banding against a case's decree (migration 000024), one per case: filed, then
//! decided with its outcome and decision letter.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::objections;
use crate::domain::ids::{ReportId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = objections)]
pub struct ObjectionRow {
    pub report_id: ReportId,
    /// `ObjectionKind`.
    pub kind: String,
    pub filed_on: NaiveDate,
    pub window_end: NaiveDate,
    /// Filed after the window, accepted by staff (the decree reached the ASN late).
    pub late: bool,
    pub filed_by: UserId,
    pub filed_at: NaiveDateTime,
    /// `ObjectionOutcome`, once decided.
    pub outcome: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<NaiveDateTime>,
}

/// A filing, as written.
pub struct Filing<'a> {
    pub report_id: ReportId,
    pub kind: &'a str,
    pub filed_on: NaiveDate,
    pub window_end: NaiveDate,
    pub late: bool,
    pub filed_by: UserId,
}

pub fn insert(conn: &mut DbConnection, f: &Filing) -> QueryResult<()> {
    diesel::insert_into(objections::table)
        .values((
            objections::report_id.eq(f.report_id),
            objections::kind.eq(f.kind),
            objections::filed_on.eq(f.filed_on),
            objections::window_end.eq(f.window_end),
            objections::late.eq(f.late),
            objections::filed_by.eq(f.filed_by),
            objections::filed_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records the outcome once; false when it was already decided (a second post).
pub fn decide(
    conn: &mut DbConnection,
    report_id: ReportId,
    outcome: &str,
    number: &str,
    date: NaiveDate,
    by: UserId,
) -> QueryResult<bool> {
    diesel::update(
        objections::table
            .find(report_id)
            .filter(objections::outcome.is_null()),
    )
    .set((
        objections::outcome.eq(outcome),
        objections::decision_number.eq(number),
        objections::decision_date.eq(date),
        objections::decided_by.eq(by),
        objections::decided_at.eq(super::now()),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn of(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Option<ObjectionRow>> {
    objections::table
        .find(report_id)
        .select(ObjectionRow::as_select())
        .first(conn)
        .optional()
}
