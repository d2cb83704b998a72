//! `/admin/audit`: the audit log, newest first, filtered by action, case, actor and dates, with a
//! check of the whole hash chain on request (`?verify=1`, read-only).

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Admin;
use crate::app::audit_log::{self, AuditQuery, Entry};
use crate::db::{self, audit::Verdict};
use crate::domain::case_state::CaseState;
use crate::domain::code::Code;
use crate::domain::event::AuditAction;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::FirstQuery;
use crate::web::{AppState, render};

#[derive(Deserialize, Default)]
pub struct Query {
    #[serde(default)]
    action: String,
    #[serde(default)]
    case: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    verify: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub t: Tr,
    pub calendar_warning: Option<super::CalendarWarning>,
    pub actions: Vec<ActionChoice>,
    pub case: String,
    pub actor: String,
    pub from: String,
    pub to: String,
    pub rows: Vec<AuditLine>,
    pub next: Option<String>,
    pub verdict: Option<String>,
    /// `SEQ:HEAD` of the chain now.
    pub checkpoint: Option<String>,
    pub sent: Vec<SentCheckpoint>,
}

/// A daily checkpoint sent: its day and `SEQ:HEAD`.
pub struct SentCheckpoint {
    pub day: String,
    pub value: String,
}

impl Query {
    /// What the view is asked for, each value parsed (what does not parse is no filter).
    fn audit_query(&self) -> AuditQuery {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let typed = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        AuditQuery {
            action: AuditAction::parse(&self.action),
            case: typed(&self.case),
            actor_email: typed(&self.actor).map(|a| a.to_lowercase()),
            from: day(&self.from),
            to: day(&self.to),
            before: self.before.parse().ok(),
            verify: self.verify == "1",
        }
    }

    /// The link to the page that starts below `seq`, with the same filters.
    fn next_link(&self, seq: i64) -> String {
        let e = |s: &str| urlencoding::encode(s).into_owned();
        format!(
            "action={}&case={}&actor={}&from={}&to={}&before={seq}",
            e(&self.action),
            e(&self.case),
            e(&self.actor),
            e(&self.from),
            e(&self.to)
        )
    }
}

/// A stored name in words: a known action or state by its label, anything else (a row whose
/// names were tampered with) as stored, so the admin sees exactly what is there.
fn label<C: Code>(t: Tr, family: &str, stored: &str) -> String {
    C::parse(stored).map_or_else(|| stored.to_owned(), |c| t.label(family, c))
}

/// An action the filter offers.
pub struct ActionChoice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One entry as the table shows it.
pub struct AuditLine {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub case_number: String,
    pub action: String,
    pub states: String,
    pub reason: String,
}

/// One entry in words.
fn row(t: Tr, e: Entry) -> AuditLine {
    let r = e.row;
    let state = |s: Option<String>| {
        s.map(|s| label::<CaseState>(t, "state", &s))
            .unwrap_or_default()
    };
    AuditLine {
        seq: r.seq,
        at: audit_log::ZONE.display(r.at),
        actor: e.actor,
        case_number: e.case_number,
        action: label::<AuditAction>(t, "audit", &r.action),
        states: format!("{} → {}", state(r.from_state), state(r.to_state)),
        reason: r.reason.unwrap_or_default(),
    }
}

pub async fn index(
    _a: Admin,
    state: web::Data<AppState>,
    t: Tr,
    FirstQuery(q): FirstQuery<Query>,
) -> Result<HttpResponse, AppError> {
    let query = q.audit_query();
    let key = state.keys.audit().clone();
    let log = db::run(&state.pool, move |c| audit_log::read(c, &key, &query)).await?;
    let verdict = log.verdict.map(|v| match v {
        Verdict::Intact { rows } => t.f("admin.audit.intact", &rows.to_string()),
        Verdict::Broken { seq, why, .. } => t.f("admin.audit.broken", &format!("{seq} ({why})")),
    });
    render::ok(&AuditPage {
        calendar_warning: super::calendar_warning(&state, t).await?,
        t,
        actions: log
            .actions
            .into_iter()
            .map(|a| {
                let selected = a == q.action;
                let label = label::<AuditAction>(t, "audit", &a);
                ActionChoice {
                    value: a,
                    label,
                    selected,
                }
            })
            .collect(),
        next: log.next_before.map(|seq| q.next_link(seq)),
        rows: log.entries.into_iter().map(|e| row(t, e)).collect(),
        verdict,
        checkpoint: log.checkpoint.map(|c| c.to_string()),
        sent: log
            .sent
            .into_iter()
            .map(|(day, c)| SentCheckpoint {
                day: day.format("%d-%m-%Y").to_string(),
                value: c.to_string(),
            })
            .collect(),
        case: q.case,
        actor: q.actor,
        from: q.from,
        to: q.to,
    })
}
