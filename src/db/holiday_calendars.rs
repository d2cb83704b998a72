//! `holiday_calendars`: which years' holiday calendars are confirmed (entered from the joint
//! ministerial decree), and where each comes from.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::holiday_calendars;

/// A year's calendar: confirmed once entered from its decree, and where it comes from.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Deserialize)]
#[diesel(table_name = holiday_calendars)]
pub struct CalendarRow {
    pub year: i32,
    pub confirmed: bool,
    pub source: String,
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<CalendarRow>> {
    holiday_calendars::table
        .order(holiday_calendars::year.asc())
        .select(CalendarRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, year: i32) -> QueryResult<Option<CalendarRow>> {
    holiday_calendars::table
        .find(year)
        .select(CalendarRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &CalendarRow) -> QueryResult<()> {
    diesel::insert_into(holiday_calendars::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Marks a year confirmed with its source (a year without a row gets one).
pub fn confirm(conn: &mut DbConnection, year: i32, source: &str) -> QueryResult<()> {
    let n = diesel::update(holiday_calendars::table.find(year))
        .set((
            holiday_calendars::confirmed.eq(true),
            holiday_calendars::source.eq(source),
        ))
        .execute(conn)?;
    if n == 0 {
        insert(
            conn,
            &CalendarRow {
                year,
                confirmed: true,
                source: source.to_owned(),
            },
        )?;
    }
    Ok(())
}

/// The years among `years` whose calendar is confirmed.
pub fn confirmed(conn: &mut DbConnection, years: &[i32]) -> QueryResult<Vec<i32>> {
    holiday_calendars::table
        .filter(holiday_calendars::year.eq_any(years))
        .filter(holiday_calendars::confirmed.eq(true))
        .select(holiday_calendars::year)
        .load(conn)
}
