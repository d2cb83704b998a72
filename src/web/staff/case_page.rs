//! The staff case page's view struct.

use askama::Template;

pub use super::case_form::draft::Draft;
use crate::app::case_read::CaseData;
use crate::domain::ids::UserId;
use crate::domain::workflow::{self, Action, Classification, Role};
use crate::i18n::Tr;
use crate::web::render::FormError;

pub struct ActionForm {
    pub name: &'static str,
    pub detail: String,
    pub label: String,
    pub asks_question: bool,
    pub asks_sanctions: bool,
    pub asks_decree: bool,
    pub asks_agency: bool,
    pub asks_reference: bool,
    pub asks_original: bool,
}

#[derive(Template)]
#[template(path = "staff/case.html")]
pub struct CasePage {
    pub t: Tr,
    pub csrf: String,
    pub version: i64,
    pub number: String,
    pub state: String,
    pub agency: String,
    pub person_id: String,
    pub rows: Vec<(String, String)>,
    pub violations: Vec<(String, String)>,
    pub description: String,
    pub links: Vec<String>,
    pub anonymous: bool,
    pub can_reveal: bool,
    pub identity: Option<(String, String, String)>,
    pub witnesses: Option<String>,
    pub evidence: Vec<(i64, String, String, String)>,
    pub other_cases: Vec<(String, String, String)>,
    pub overdue: bool,
    /// "12", or "999+" past the count cap; empty when there are none.
    pub cases_elsewhere: String,
    /// How many other cases the person has in the scope ("999+" past the cap).
    pub other_count: String,
    /// More than the listed ones exist.
    pub other_more: bool,
    pub is_image: Vec<bool>,
    pub timeline: Vec<(String, String, String)>,
    pub messages: Vec<(String, String, String, bool)>,
    pub actions: Vec<ActionForm>,
    pub errors: Vec<FormError>,
    pub draft: Draft,
    pub sanction_options: Vec<(String, String)>,
    pub sanctions: Vec<String>,
    pub agencies: Vec<String>,
    pub last_seq: i64,
    pub data_blocked: bool,
    pub can_assign: bool,
    /// (id, name, currently assigned)
    pub handlers: Vec<(UserId, String, bool)>,
}

impl CasePage {
    pub fn build(t: Tr, csrf: String, d: CaseData, role: Role, errors: Vec<String>) -> Self {
        let r = &d.report;
        let actions: Vec<ActionForm> = workflow::available(r.state, role)
            .into_iter()
            .map(|a| ActionForm {
                name: a.name(),
                detail: a.detail().unwrap_or_default().to_owned(),
                label: t
                    .t(&format!(
                        "action.{}{}",
                        a.name(),
                        a.detail().map(|d| format!(".{d}")).unwrap_or_default()
                    ))
                    .to_owned(),
                asks_question: a == Action::RequestInfo,
                asks_sanctions: a == Action::Recommend,
                asks_decree: a == Action::RecordDecision,
                asks_agency: a == Action::Classify(Classification::NotOurAuthority),
                asks_reference: a == Action::Classify(Classification::Criminal),
                asks_original: a == Action::Reject(workflow::RejectGround::Duplicate),
            })
            .collect();
        let rows = vec![
            (
                t.t("case.staff.reported_name").to_owned(),
                r.reported_name.clone(),
            ),
            (
                t.t("form.employee_type").to_owned(),
                t.t(&format!("employee_type.{}", r.employee_type))
                    .to_owned(),
            ),
            (t.t("form.unit").to_owned(), r.reported_unit.clone()),
            (t.t("form.position").to_owned(), r.reported_position.clone()),
            (
                t.t("form.election_type").to_owned(),
                t.t(&format!("election_type.{}", r.election_type))
                    .to_owned(),
            ),
            (
                t.t("form.election_stage").to_owned(),
                t.t(&format!("election_stage.{}", r.election_stage))
                    .to_owned(),
            ),
            (
                t.t("form.incident_date").to_owned(),
                r.incident_date.format("%d-%m-%Y").to_string(),
            ),
            (
                t.t("form.known_date").to_owned(),
                r.known_date.format("%d-%m-%Y").to_string(),
            ),
            (t.t("form.place").to_owned(), r.place.clone()),
            (t.t("case.filed").to_owned(), d.tz.display(r.created_at)),
            (
                t.t("case.deadline").to_owned(),
                r.deadline_at
                    .map(|x| d.tz.display(x))
                    .unwrap_or_else(|| "—".into()),
            ),
        ];
        Self {
            t,
            csrf,
            version: r.version,
            number: r.case_number.clone(),
            state: t.t(&format!("state.{}", r.state.as_str())).to_owned(),
            agency: d.agency.clone(),
            person_id: format!("{} {}", d.person_id_kind.to_uppercase(), d.person_id_number),
            rows,
            violations: d.violations.clone(),
            description: r.description.clone(),
            links: r
                .evidence_links
                .lines()
                .map(str::to_owned)
                .filter(|l| !l.is_empty())
                .collect(),
            anonymous: d.anonymous,
            can_reveal: !d.anonymous && matches!(role, Role::Inspector | Role::National),
            identity: d.identity.as_ref().map(|i| {
                (
                    i.name.clone(),
                    i.phone.clone().unwrap_or_default(),
                    i.email.clone().unwrap_or_default(),
                )
            }),
            witnesses: d.witnesses.clone(),
            evidence: d
                .evidence
                .iter()
                .map(|e| {
                    (
                        e.id,
                        e.filename.clone(),
                        e.content_type.clone(),
                        e.sha256.clone(),
                    )
                })
                .collect(),
            other_cases: d
                .other_cases
                .iter()
                .map(|(n, st, codes)| {
                    (
                        n.clone(),
                        t.t(&format!("state.{st}")).to_owned(),
                        codes.join(", "),
                    )
                })
                .collect(),
            cases_elsewhere: if d.cases_elsewhere > 0 {
                capped(d.cases_elsewhere)
            } else {
                String::new()
            },
            other_count: capped(d.other_count),
            other_more: d.other_count > d.other_cases.len() as i64,
            overdue: crate::db::case_list::OPEN_WITH_DEADLINE.contains(&r.state)
                && r.deadline_at.is_some_and(|x| x < crate::db::now()),
            is_image: d
                .evidence
                .iter()
                .map(|e| e.content_type.starts_with("image/"))
                .collect(),
            timeline: d
                .timeline
                .iter()
                .map(|(a, who)| {
                    let what = match &a.to_state {
                        Some(to) => {
                            format!("{} → {}", t.label("audit", a.action), t.label("state", *to))
                        }
                        None => t.label("audit", a.action),
                    };
                    (
                        d.tz.display(a.at),
                        who.clone(),
                        format!(
                            "{what}{}",
                            a.reason
                                .as_ref()
                                .map(|r| format!(": {r}"))
                                .unwrap_or_default()
                        ),
                    )
                })
                .collect(),
            messages: d
                .messages
                .iter()
                .map(|(m, who)| {
                    (
                        d.tz.display(m.created_at),
                        who.clone(),
                        m.body.clone(),
                        m.direction == crate::db::messages::INTERNAL,
                    )
                })
                .collect(),
            sanction_options: d.sanction_options.clone(),
            sanctions: d.sanctions.clone(),
            agencies: if actions.iter().any(|a: &ActionForm| a.asks_agency) {
                d.agency_names.clone()
            } else {
                vec![]
            },
            last_seq: d.timeline.last().map_or(0, |(a, _)| a.seq),
            data_blocked: r.data_blocked,
            can_assign: role != Role::Admin,
            handlers: d
                .handlers
                .iter()
                .map(|(id, name)| (*id, name.clone(), r.assigned_user_id == Some(*id)))
                .collect(),
            actions,
            errors: errors.into_iter().map(FormError::general).collect(),
            draft: Draft::None,
        }
    }
}

/// A count as shown: "999+" once it reached the cap the database stopped counting at.
fn capped(n: i64) -> String {
    if n >= crate::db::person_history::COUNT_CAP {
        format!("{}+", crate::db::person_history::COUNT_CAP - 1)
    } else {
        n.to_string()
    }
}
