//! What one claimed outbox row becomes: the facts of its email (recipient, language, case number,
//! agency, state, deadline, link; a digest's counts), or a recorded reason not to send it.

use super::message::{CountLine, Facts};
use crate::app::digest::Summary;
use crate::crypto::EMAIL_LABEL;
use crate::crypto::Keys;
use crate::db::outbox::OutboxRow;
use crate::db::{DbConnection, agencies, reports, users};
use crate::domain::area::TimeZone;
use crate::domain::event::{AlertPref, MailKind};
use crate::domain::ids::AgencyId;
use crate::i18n::{Lang, Tr};

pub enum Plan {
    Send(Box<Facts>),
    /// Not sent on purpose (disabled account, opted-out reporter, digest-only staff, a deadline
    /// that moved before delivery): the reason.
    Skip(&'static str),
    /// The row cannot become an email (a corrupt payload, an unreadable address): failed, kept.
    Broken(String),
}

#[derive(serde::Deserialize)]
struct DeadlinePayload {
    deadline: chrono::NaiveDateTime,
    /// The state the alert is about, when it is about entering one (two stages may end on the
    /// same day).
    #[serde(default)]
    state: Option<String>,
}

pub fn plan(
    conn: &mut DbConnection,
    keys: &Keys,
    base: &str,
    row: &OutboxRow,
) -> anyhow::Result<Plan> {
    let lang = Lang::parse(&row.lang).unwrap_or_default();
    let t = Tr::new(lang);
    let report = match row.report_id {
        Some(id) => reports::find(conn, id)?,
        None => None,
    };
    if row.kind.is_deadline_alert()
        && let (Some(r), Some(p)) = (&report, &row.payload)
    {
        let p = serde_json::from_str::<DeadlinePayload>(p)?;
        if r.deadline_at != Some(p.deadline) || p.state.is_some_and(|s| s != r.state.as_str()) {
            return Ok(Plan::Skip("the case moved on before the alert went out"));
        }
    }
    let checkpoint: Option<crate::app::audit_checkpoint::Payload> = match (row.kind, &row.payload) {
        (MailKind::AuditCheckpoint, Some(p)) => Some(serde_json::from_str(p)?),
        _ => None,
    };
    let summary: Option<Summary> = match (row.kind, &row.payload) {
        (MailKind::Digest, Some(p)) => Some(serde_json::from_str(p)?),
        _ => None,
    };
    let agency_id = report
        .as_ref()
        .map(|r| r.agency_id)
        .or(summary.as_ref().map(|s| AgencyId(s.agency_id)));
    let agency = match agency_id {
        Some(id) => agencies::find(conn, id)?,
        None => None,
    };
    let tz = agency
        .as_ref()
        .and_then(|a| TimeZone::parse(&a.timezone))
        .unwrap_or(TimeZone::Wib);
    let number = report.as_ref().map(|r| r.case_number.clone());
    let agency_name = agency.map(|a| a.name);
    let mut facts = Facts {
        kind: row.kind,
        lang,
        to: String::new(),
        message_id: row.message_id.clone(),
        subject_arg: match (&summary, &checkpoint) {
            (Some(s), _) => format!(
                "{}, {}",
                agency_name.clone().unwrap_or_default(),
                s.day.format("%d-%m-%Y")
            ),
            (None, Some(c)) => c.day.format("%d-%m-%Y").to_string(),
            (None, None) => number.clone().unwrap_or_default(),
        },
        checkpoint: checkpoint.map(|c| c.checkpoint),
        case_number: number.clone(),
        agency: agency_name,
        state: report
            .as_ref()
            .map(|r| t.t(&format!("state.{}", r.state.as_str())).to_owned()),
        deadline: report
            .as_ref()
            .and_then(|r| r.deadline_at)
            .map(|d| tz.display(d)),
        counts: summary.as_ref().map(|s| counts(t, s)).unwrap_or_default(),
        link: String::new(),
        opt_out: None,
        prefs: None,
    };
    if let Some(uid) = row.recipient_user_id {
        let Some(user) = users::find(conn, uid)? else {
            return Ok(Plan::Skip("recipient account deleted"));
        };
        if !user.active {
            return Ok(Plan::Skip("recipient account disabled"));
        }
        // Only staff who get a digest can take the digest alone (national staff get none).
        let gets_digest = user.role.gets_digest(user.agency_id.is_some());
        if user.alert_pref == AlertPref::DigestOnly
            && row.kind != MailKind::Digest
            && !row.kind.is_account_security()
            && gets_digest
        {
            return Ok(Plan::Skip("recipient takes the daily digest only"));
        }
        facts.to = user.email;
        facts.prefs = Some(format!("{base}/akun"));
        facts.link = match &number {
            Some(n) => format!("{base}/dashboard/cases/{n}"),
            None => format!("{base}/dashboard"),
        };
        if row.kind.is_account_security() {
            // About the account itself: the subject names it, the link leads to its factor.
            facts.subject_arg = facts.to.clone();
            facts.link = format!("{base}/akun/dua-langkah");
        }
    } else if let Some(sealed) = &row.recipient_email {
        let reporter = match row.report_id {
            Some(id) => reports::reporter(conn, id)?,
            None => None,
        };
        if reporter.as_ref().is_none_or(|r| r.opt_out) {
            return Ok(Plan::Skip("the reporter opted out"));
        }
        let email = keys
            .open(EMAIL_LABEL, sealed)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        facts.to = String::from_utf8(email)?;
        facts.link = format!("{base}/status");
        if let Some(id) = row.report_id {
            facts.opt_out = Some(format!(
                "{base}/status/berhenti/{id}/{}",
                keys.opt_out_token(id.get())
            ));
        }
    } else {
        return Ok(Plan::Skip("no recipient"));
    }
    Ok(Plan::Send(Box::new(facts)))
}

/// A digest's lines, in the recipient's language: each open state, then overdue and new.
fn counts(t: Tr, s: &Summary) -> Vec<CountLine> {
    let line = |label: &str, n: i64| CountLine {
        label: label.to_owned(),
        n,
    };
    let mut lines: Vec<CountLine> = s
        .open
        .iter()
        .map(|(state, n)| line(t.t(&format!("state.{state}")), *n))
        .collect();
    lines.push(line(
        t.t("mail.digest.open_total"),
        s.open.iter().map(|(_, n)| n).sum(),
    ));
    lines.push(line(t.t("mail.digest.overdue"), s.overdue));
    lines.push(line(t.t("mail.digest.filed_last_day"), s.filed_last_day));
    lines
}
