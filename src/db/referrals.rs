//! The referring letter of a case staff opened themselves (migration 000020): a Bawaslu or
//! SP4N-LAPOR! referral, or an internal finding. Public reports have no row here.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::referrals;
use crate::domain::ids::{ReportId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = referrals)]
pub struct ReferralRow {
    pub report_id: ReportId,
    /// Empty for an internal finding recorded without a memo.
    pub letter_number: String,
    pub letter_date: Option<chrono::NaiveDate>,
    /// Who referred it ("Bawaslu Kota Palangka Raya"); empty for an internal finding.
    pub sender: String,
    pub opened_by: UserId,
}

pub fn insert(conn: &mut DbConnection, row: &ReferralRow) -> QueryResult<()> {
    diesel::insert_into(referrals::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn of(conn: &mut DbConnection, report_id: ReportId) -> QueryResult<Option<ReferralRow>> {
    referrals::table
        .find(report_id)
        .select(ReferralRow::as_select())
        .first(conn)
        .optional()
}
