//! Agencies (instansi): the regional governments and central agencies whose staff handle cases,
//! plus the province and regency lists used for the incident location.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{agencies, provinces, regencies};
use crate::domain::ids::AgencyId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agencies)]
pub struct AgencyRow {
    pub id: AgencyId,
    pub code: String,
    pub kind: String,
    pub name: String,
    pub search_key: String,
    pub province_code: Option<String>,
    pub timezone: String,
    pub active: bool,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = agencies)]
pub struct NewAgencyRow<'a> {
    pub code: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    pub search_key: &'a str,
    pub province_code: Option<&'a str>,
    pub timezone: &'a str,
    pub active: bool,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = provinces)]
pub struct ProvinceRow {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = regencies)]
pub struct RegencyRow {
    pub code: String,
    pub province_code: String,
    pub name: String,
}

/// Active agencies, central ones first, then by name.
pub fn list_active(conn: &mut DbConnection) -> QueryResult<Vec<AgencyRow>> {
    agencies::table
        .filter(agencies::active.eq(true))
        .order((agencies::kind.eq("central").desc(), agencies::name.asc()))
        .select(AgencyRow::as_select())
        .load(conn)
}

/// The id of the agency with this code (`62.71`, `BKN`), if any.
pub fn id_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<AgencyId>> {
    agencies::table
        .filter(agencies::code.eq(code))
        .select(agencies::id)
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: AgencyId) -> QueryResult<Option<AgencyRow>> {
    agencies::table
        .find(id)
        .select(AgencyRow::as_select())
        .first(conn)
        .optional()
}

/// The time zones of these agencies: (id, zone), one query for a batch.
pub fn timezones(
    conn: &mut DbConnection,
    ids: &[AgencyId],
) -> QueryResult<Vec<(AgencyId, String)>> {
    agencies::table
        .filter(agencies::id.eq_any(ids))
        .select((agencies::id, agencies::timezone))
        .load(conn)
}

pub fn all_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    agencies::table.select(agencies::code).load(conn)
}

pub fn insert(conn: &mut DbConnection, row: &NewAgencyRow<'_>) -> QueryResult<AgencyId> {
    diesel::insert_into(agencies::table)
        .values(row)
        .returning(agencies::id)
        .get_result(conn)
}

pub fn provinces(conn: &mut DbConnection) -> QueryResult<Vec<ProvinceRow>> {
    provinces::table
        .order(provinces::code.asc())
        .select(ProvinceRow::as_select())
        .load(conn)
}

pub fn regencies(conn: &mut DbConnection) -> QueryResult<Vec<RegencyRow>> {
    regencies::table
        .order(regencies::code.asc())
        .select(RegencyRow::as_select())
        .load(conn)
}

pub fn province_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    provinces::table.select(provinces::code).load(conn)
}

pub fn insert_province(conn: &mut DbConnection, code: &str, name: &str) -> QueryResult<()> {
    diesel::insert_into(provinces::table)
        .values((provinces::code.eq(code), provinces::name.eq(name)))
        .execute(conn)
        .map(|_| ())
}

pub fn regency_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    regencies::table.select(regencies::code).load(conn)
}

pub fn insert_regency(
    conn: &mut DbConnection,
    code: &str,
    province: &str,
    name: &str,
) -> QueryResult<()> {
    diesel::insert_into(regencies::table)
        .values((
            regencies::code.eq(code),
            regencies::province_code.eq(province),
            regencies::name.eq(name),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Every agency, active or not (admin list).
pub fn list_all(conn: &mut DbConnection) -> QueryResult<Vec<AgencyRow>> {
    agencies::table
        .order((agencies::kind.eq("central").desc(), agencies::name.asc()))
        .select(AgencyRow::as_select())
        .load(conn)
}

pub fn set_active(conn: &mut DbConnection, id: AgencyId, active: bool) -> QueryResult<bool> {
    diesel::update(agencies::table.find(id))
        .set(agencies::active.eq(active))
        .execute(conn)
        .map(|n| n == 1)
}
