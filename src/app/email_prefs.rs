//! A staff member chooses what they get by email (every alert, or the daily digest where their
//! role gets one) and in which language; one transaction with its audit row. Only the acting
//! account changes.

use super::{Problems, StaffUser};
use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, DbConnection, users};
use crate::domain::event::{AlertPref, AuditAction};
use crate::error::AppError;
use crate::i18n::Lang;

/// The choices as sent (each None when it names no value).
pub struct EmailPrefs {
    pub alert_pref: Option<AlertPref>,
    pub lang: Option<Lang>,
}

pub fn set(
    conn: &mut DbConnection,
    key: &ChainKey,
    who: &StaffUser,
    p: &EmailPrefs,
) -> Result<Result<(), Problems>, AppError> {
    let mut problems = Problems::new();
    match p.alert_pref {
        None => problems.push(("alert_pref", "account.alerts.invalid")),
        // National staff and admins get no digest, so they cannot take it alone.
        Some(AlertPref::DigestOnly) if !who.role.gets_digest(who.agency_id.is_some()) => {
            problems.push(("alert_pref", "account.alerts.no_digest"));
        }
        Some(_) => {}
    }
    if p.lang.is_none() {
        problems.push(("lang", "account.lang.invalid"));
    }
    let (Some(pref), Some(lang), true) = (p.alert_pref, p.lang, problems.is_empty()) else {
        return Ok(Err(problems));
    };
    db::write_tx(conn, |c| {
        users::set_email_prefs(c, who.id, pref, lang.code())?;
        let reason = format!("alerts: {}, language: {}", pref.as_str(), lang.code());
        audit::append(
            c,
            key,
            &Event::outside_cases(
                Actor::Staff(who.id),
                AuditAction::EmailPrefsChanged,
                Some(&reason),
            ),
        )?;
        Ok(Ok(()))
    })
}
