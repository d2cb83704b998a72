//! The violation and sanction catalogues, the holiday calendar and the stage deadlines: data loaded
//! from the files in `data/` and editable by admins, never hard-coded rules.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{
    holidays, report_violations, sanction_catalogue, stage_deadlines, violation_catalogue,
};
use crate::domain::ids::ReportId;
use crate::domain::workflow::CaseTier;
use crate::domain::working_days::HolidayKind;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = violation_catalogue)]
pub struct ViolationRow {
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    pub allowed_classes: String,
    pub default_class: String,
    /// A hint, not a case tier: also "ptdh", "pidana" or empty.
    pub default_tier: String,
    pub legal_basis: String,
    pub sort_order: i32,
    pub active: bool,
    /// The public form's heading it is listed under (`violation_scope::FORM_GROUPS`).
    pub form_group: String,
    /// The election stages it can happen in, `|`-separated, or "all".
    pub stages: String,
    /// "pemilu", "pilkada" or "all".
    pub elections: String,
    /// What staff should know besides the legal basis (penalty ranges, disputes).
    pub notes_id: String,
    pub notes_en: String,
    /// Raised by every edit; a case keeps the text of the version it was classified under.
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sanction_catalogue)]
pub struct SanctionRow {
    pub code: String,
    pub kind: String,
    pub tier: CaseTier,
    pub employee_type: String,
    pub name_id: String,
    pub name_en: String,
    pub duration_months: Option<i32>,
    pub legal_basis: String,
    pub sort_order: i32,
    pub active: bool,
    /// Raised by every edit; a sanction keeps the text of the version it was recommended under.
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = holidays)]
pub struct HolidayRow {
    pub id: i64,
    pub day: chrono::NaiveDate,
    pub kind: HolidayKind,
    pub name_id: String,
    pub name_en: String,
    /// A Hijri date the isbat may move by a day.
    pub isbat: bool,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = holidays)]
pub struct NewHolidayRow {
    pub day: chrono::NaiveDate,
    pub kind: HolidayKind,
    pub name_id: String,
    pub name_en: String,
    pub isbat: bool,
}

pub fn active_violations(conn: &mut DbConnection) -> QueryResult<Vec<ViolationRow>> {
    violation_catalogue::table
        .filter(violation_catalogue::active.eq(true))
        .order(violation_catalogue::sort_order.asc())
        .select(ViolationRow::as_select())
        .load(conn)
}

pub fn violation_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    violation_catalogue::table
        .select(violation_catalogue::code)
        .load(conn)
}

pub fn insert_violation(conn: &mut DbConnection, row: &ViolationRow) -> QueryResult<()> {
    diesel::insert_into(violation_catalogue::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn sanction_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    sanction_catalogue::table
        .select(sanction_catalogue::code)
        .load(conn)
}

pub fn insert_sanction(conn: &mut DbConnection, row: &SanctionRow) -> QueryResult<()> {
    diesel::insert_into(sanction_catalogue::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn holiday_days(conn: &mut DbConnection) -> QueryResult<Vec<chrono::NaiveDate>> {
    holidays::table
        .select(holidays::day)
        .order(holidays::day.asc())
        .load(conn)
}

pub fn insert_holiday(conn: &mut DbConnection, row: &NewHolidayRow) -> QueryResult<()> {
    diesel::insert_into(holidays::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn stage_deadline(conn: &mut DbConnection, stage: &str) -> QueryResult<Option<i32>> {
    stage_deadlines::table
        .filter(stage_deadlines::stage.eq(stage))
        .select(stage_deadlines::working_days)
        .first(conn)
        .optional()
}

pub fn stage_names(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    stage_deadlines::table
        .select(stage_deadlines::stage)
        .load(conn)
}

pub fn insert_stage_deadline(conn: &mut DbConnection, stage: &str, days: i32) -> QueryResult<()> {
    diesel::insert_into(stage_deadlines::table)
        .values((
            stage_deadlines::stage.eq(stage),
            stage_deadlines::working_days.eq(days),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn holidays_between(
    conn: &mut DbConnection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> QueryResult<Vec<HolidayRow>> {
    holidays::table
        .filter(holidays::day.ge(from))
        .filter(holidays::day.lt(to))
        .order(holidays::day.asc())
        .select(HolidayRow::as_select())
        .load(conn)
}

pub fn holiday_exists(conn: &mut DbConnection, day: chrono::NaiveDate) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        holidays::table.filter(holidays::day.eq(day)),
    ))
    .get_result(conn)
}

pub fn delete_holiday(conn: &mut DbConnection, id: i64) -> QueryResult<Option<HolidayRow>> {
    let row = holidays::table
        .find(id)
        .select(HolidayRow::as_select())
        .first(conn)
        .optional()?;
    if row.is_some() {
        diesel::delete(holidays::table.find(id)).execute(conn)?;
    }
    Ok(row)
}

pub fn stage_deadlines(conn: &mut DbConnection) -> QueryResult<Vec<(String, i32)>> {
    stage_deadlines::table
        .order(stage_deadlines::stage.asc())
        .select((stage_deadlines::stage, stage_deadlines::working_days))
        .load(conn)
}

pub fn set_stage_deadline(conn: &mut DbConnection, stage: &str, days: i32) -> QueryResult<bool> {
    diesel::update(stage_deadlines::table.find(stage))
        .set(stage_deadlines::working_days.eq(days))
        .execute(conn)
        .map(|n| n == 1)
}

/// The `allowed_classes` of the catalogue rows of a case's violations.
pub fn allowed_classes_of(
    conn: &mut DbConnection,
    report_id: ReportId,
) -> QueryResult<Vec<String>> {
    violation_catalogue::table
        .filter(
            violation_catalogue::code.eq_any(
                report_violations::table
                    .filter(report_violations::report_id.eq(report_id))
                    .select(report_violations::code),
            ),
        )
        .select(violation_catalogue::allowed_classes)
        .load(conn)
}

/// A violation row's editable text and rules, as an admin sets them.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = violation_catalogue)]
pub struct ViolationEdit {
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub notes_id: String,
    pub notes_en: String,
    pub allowed_classes: String,
    pub default_class: String,
    pub default_tier: String,
    pub active: bool,
}

/// A sanction row's editable text, as an admin sets it.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = sanction_catalogue, treat_none_as_null = true)]
pub struct SanctionEdit {
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub duration_months: Option<i32>,
    pub active: bool,
}

/// Every violation row, active or not, in catalogue order (the admin page).
pub fn all_violations(conn: &mut DbConnection) -> QueryResult<Vec<ViolationRow>> {
    violation_catalogue::table
        .order(violation_catalogue::sort_order.asc())
        .select(ViolationRow::as_select())
        .load(conn)
}

/// Every sanction row, active or not, in catalogue order (the admin page).
pub fn all_sanctions(conn: &mut DbConnection) -> QueryResult<Vec<SanctionRow>> {
    sanction_catalogue::table
        .order(sanction_catalogue::sort_order.asc())
        .select(SanctionRow::as_select())
        .load(conn)
}

/// One violation row by its code, active or not.
pub fn violation(conn: &mut DbConnection, code: &str) -> QueryResult<Option<ViolationRow>> {
    violation_catalogue::table
        .find(code)
        .select(ViolationRow::as_select())
        .first(conn)
        .optional()
}

/// One sanction row by its code, active or not.
pub fn sanction(conn: &mut DbConnection, code: &str) -> QueryResult<Option<SanctionRow>> {
    sanction_catalogue::table
        .find(code)
        .select(SanctionRow::as_select())
        .first(conn)
        .optional()
}

/// Writes the edit as the row's next version if it is still at `version`.
pub fn update_violation(
    conn: &mut DbConnection,
    code: &str,
    version: i32,
    edit: &ViolationEdit,
) -> QueryResult<bool> {
    diesel::update(
        violation_catalogue::table
            .filter(violation_catalogue::code.eq(code))
            .filter(violation_catalogue::version.eq(version)),
    )
    .set((edit, violation_catalogue::version.eq(version + 1)))
    .execute(conn)
    .map(|n| n == 1)
}

/// Writes the edit as the row's next version if it is still at `version`.
pub fn update_sanction(
    conn: &mut DbConnection,
    code: &str,
    version: i32,
    edit: &SanctionEdit,
) -> QueryResult<bool> {
    diesel::update(
        sanction_catalogue::table
            .filter(sanction_catalogue::code.eq(code))
            .filter(sanction_catalogue::version.eq(version)),
    )
    .set((edit, sanction_catalogue::version.eq(version + 1)))
    .execute(conn)
    .map(|n| n == 1)
}

/// The official bucket of every state: (state, bucket).
pub fn state_buckets(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    super::schema::state_buckets::table
        .select((
            super::schema::state_buckets::state,
            super::schema::state_buckets::bucket,
        ))
        .load(conn)
}
