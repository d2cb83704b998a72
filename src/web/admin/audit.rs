//! `/admin/audit`: the audit log, newest first, filtered by action, case, actor and dates, with a
//! check of the whole hash chain on request (`?verify=1`, read-only).

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Admin;
use crate::db::audit::{self, AuditFilter, Verdict};
use crate::db::{self, reports, users};
use crate::domain::event::AuditAction;
use crate::domain::ids::{ReportId, UserId};
use crate::domain::receipt::CaseNumber;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::{AppState, render};

const PAGE: i64 = 100;

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
    pub actions: Vec<(String, bool)>,
    pub case: String,
    pub actor: String,
    pub from: String,
    pub to: String,
    pub rows: Vec<[String; 7]>,
    pub next: Option<String>,
    pub verdict: Option<String>,
}

/// The start of a WIB calendar day (the times on this page are shown in WIB), as UTC.
fn date(s: &str) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()?
        .and_hms_opt(0, 0, 0)?
        .checked_sub_signed(chrono::Duration::hours(7))
}

pub async fn index(
    _a: Admin,
    state: web::Data<AppState>,
    t: Tr,
    q: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let q = q.into_inner();
    let case = CaseNumber::parse(&q.case).map(|n| n.as_str().to_owned());
    let (actor, action, verify) = (
        q.actor.trim().to_lowercase(),
        q.action.clone(),
        q.verify == "1",
    );
    let mut filter = AuditFilter {
        action: AuditAction::parse(&action),
        from: date(&q.from),
        until: date(&q.to).and_then(|d| d.checked_add_signed(chrono::Duration::days(1))),
        before_seq: q.before.parse().ok(),
        ..AuditFilter::default()
    };
    let (rows, actions, verdict, numbers, names) = db::run(&state.pool, move |c| {
        let mut none = false;
        if let Some(n) = case {
            match reports::find_by_case_number(c, &n)? {
                Some(r) => filter.report_id = Some(r.id),
                None => none = true,
            }
        }
        if !actor.is_empty() {
            match users::find_by_email(c, &actor)? {
                Some(u) => filter.actor_user_id = Some(u.id),
                None => none = true,
            }
        }
        let rows = if none {
            vec![]
        } else {
            audit::page(c, &filter, PAGE + 1)?
        };
        let ids: Vec<UserId> = rows.iter().filter_map(|r| r.actor_user_id).collect();
        let names: std::collections::HashMap<UserId, String> =
            users::names(c, &ids)?.into_iter().collect();
        let report_ids: Vec<ReportId> = rows.iter().filter_map(|r| r.report_id).collect();
        let numbers: std::collections::HashMap<ReportId, String> =
            reports::case_numbers(c, &report_ids)?.into_iter().collect();
        let verdict = if verify {
            Some(audit::verify(c)?)
        } else {
            None
        };
        Ok::<_, AppError>((rows, audit::actions(c)?, verdict, numbers, names))
    })
    .await?;
    let next = (rows.len() as i64 > PAGE)
        .then(|| rows.get(PAGE as usize - 1).map(|r| r.seq))
        .flatten()
        .map(|seq| {
            format!(
                "action={}&case={}&actor={}&from={}&to={}&before={seq}",
                urlencoding::encode(&q.action),
                urlencoding::encode(&q.case),
                urlencoding::encode(&q.actor),
                urlencoding::encode(&q.from),
                urlencoding::encode(&q.to)
            )
        });
    let tz = crate::domain::area::TimeZone::Wib;
    let rows = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| {
            [
                r.seq.to_string(),
                tz.display(r.at),
                r.actor_user_id
                    .and_then(|u| names.get(&u).cloned())
                    .unwrap_or_else(|| r.actor_kind.clone()),
                r.report_id
                    .and_then(|id| numbers.get(&id).cloned())
                    .unwrap_or_default(),
                r.action,
                format!(
                    "{} → {}",
                    r.from_state.unwrap_or_default(),
                    r.to_state.unwrap_or_default()
                ),
                r.reason.unwrap_or_default(),
            ]
        })
        .collect();
    let verdict = verdict.map(|v| match v {
        Verdict::Intact { rows } => t.f("admin.audit.intact", &rows.to_string()),
        Verdict::Broken { seq, why, .. } => t.f("admin.audit.broken", &format!("{seq} ({why})")),
    });
    let page = AuditPage {
        t,
        actions: actions
            .into_iter()
            .map(|a| (a.clone(), a == q.action))
            .collect(),
        case: q.case,
        actor: q.actor,
        from: q.from,
        to: q.to,
        rows,
        next,
        verdict,
    };
    render::ok(&page)
}
