//! Which cases a staff member may act on, and what changed on one since a form was shown.

use std::collections::HashMap;

use super::{Changes, StaffUser};
use crate::db::reports::{self, ReportRow};
use crate::db::{DbConnection, agencies, audit, users};
use crate::domain::area::TimeZone;
use crate::domain::ids::UserId;
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;

/// The case if this staff member may see it: their agency's, or any for national staff and
/// admins. Anything else is "not found", never "forbidden", so existence is not confirmed.
pub fn visible(
    conn: &mut DbConnection,
    who: &StaffUser,
    number: &CaseNumber,
) -> Result<ReportRow, AppError> {
    let r = reports::find_by_case_number(conn, number.as_str())?.ok_or(AppError::NotFound)?;
    if may_see(who, &r) {
        Ok(r)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether this staff member may see the case: their agency's, or any for national staff and
/// admins.
pub fn may_see(who: &StaffUser, r: &ReportRow) -> bool {
    who.sees_all_agencies() || who.agency_id == Some(r.agency_id)
}

/// The timeline entries after `seen` (an audit sequence number the form carried), with who made
/// each, in the case agency's time zone.
pub fn changes_since(
    conn: &mut DbConnection,
    r: &ReportRow,
    seen: i64,
) -> Result<Changes, AppError> {
    let entries: Vec<audit::AuditRow> = audit::for_report(conn, r.id)?
        .into_iter()
        .filter(|a| a.seq > seen)
        .collect();
    let ids: Vec<UserId> = entries.iter().filter_map(|a| a.actor_user_id).collect();
    let names: HashMap<UserId, String> = users::names(conn, &ids)?.into_iter().collect();
    let tz = agencies::find(conn, r.agency_id)?
        .and_then(|a| TimeZone::parse(&a.timezone))
        .unwrap_or(TimeZone::Wib);
    let entries = entries
        .into_iter()
        .map(|a| {
            let who = a
                .actor_user_id
                .and_then(|i| names.get(&i).cloned())
                .unwrap_or_else(|| a.actor_kind.clone());
            (a, who)
        })
        .collect();
    Ok(Changes { tz, entries })
}
