//! The reported person's other cases, for the repeat-offender view on the case page: bounded and
//! read newest first off an index (`reports_person_created` / `reports_person_agency`), so one
//! person with 70,000 cases costs the page what one with two does.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::reports;
use crate::domain::ids::{AgencyId, ReportId};

/// How many of the person's other cases the case page lists (the most recent).
pub const HISTORY_SHOWN: i64 = 50;
/// Counts about one person stop here: "999+" tells staff what they need, and a person with 70,000
/// cases must not make the page count 70,000 index entries.
pub const COUNT_CAP: i64 = 1000;

/// The reported person's other cases, for the repeat-offender view: (id, number, state), the
/// `HISTORY_SHOWN` most recent (index `reports_person_created`, or `reports_person_agency` when
/// scoped). `agency`: only that agency's cases (staff of one agency must not learn other
/// agencies' case numbers); None: every agency (national staff, admins).
pub fn for_person(
    conn: &mut DbConnection,
    person_id: i64,
    except: ReportId,
    agency: Option<AgencyId>,
) -> QueryResult<Vec<(ReportId, String, String)>> {
    let mut q = reports::table
        .filter(reports::reported_person_id.eq(person_id))
        .filter(reports::id.ne(except))
        .order((reports::created_at.desc(), reports::id.desc()))
        .limit(HISTORY_SHOWN)
        .select((reports::id, reports::case_number, reports::state))
        .into_boxed();
    if let Some(a) = agency {
        q = q.filter(reports::agency_id.eq(a));
    }
    q.load(conn)
}

/// How many other cases about this person there are in the scope, up to `COUNT_CAP`.
pub fn count_for_person(
    conn: &mut DbConnection,
    person_id: i64,
    except: ReportId,
    agency: Option<AgencyId>,
) -> QueryResult<i64> {
    let mut q = reports::table
        .filter(reports::reported_person_id.eq(person_id))
        .filter(reports::id.ne(except))
        .select(reports::id)
        .into_boxed();
    if let Some(a) = agency {
        q = q.filter(reports::agency_id.eq(a));
    }
    capped_count(conn, q)
}

/// How many cases about this person other agencies hold (a count only: no numbers, no states),
/// up to `COUNT_CAP`. Read as the two ranges around this agency in `reports_person_agency`:
/// `agency_id != a` walked every case of the person, and a person with 68,000 cases in one agency
/// made that agency's case page 3x slower.
pub fn count_elsewhere(
    conn: &mut DbConnection,
    person_id: i64,
    agency: AgencyId,
) -> QueryResult<i64> {
    let of_person = || {
        reports::table
            .filter(reports::reported_person_id.eq(person_id))
            .select(reports::id)
            .into_boxed()
    };
    let below = capped_count(conn, of_person().filter(reports::agency_id.lt(agency)))?;
    let above = capped_count(conn, of_person().filter(reports::agency_id.gt(agency)))?;
    Ok((below + above).min(COUNT_CAP))
}

/// The rows of `q`, counted up to `COUNT_CAP` (reading ids off the index, never more).
fn capped_count(
    conn: &mut DbConnection,
    q: reports::BoxedQuery<'_, <DbConnection as Connection>::Backend, diesel::sql_types::BigInt>,
) -> QueryResult<i64> {
    Ok(q.limit(COUNT_CAP).load::<i64>(conn)?.len() as i64)
}
