//! The staff case page's view struct.

use askama::Template;

pub use super::case_form::draft::Draft;
use super::case_items::{
    self, Choice, EvidenceItem, Fact, HandlerChoice, IdentityView, MessageEntry, OtherCase,
    TimelineEntry,
};
use crate::app::case_read::CaseData;
use crate::domain::objection::ObjectionOutcome;
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
    /// Sent as multipart with a scan: the decree, the objection's decision.
    pub asks_file: bool,
    pub asks_objection: bool,
    pub asks_objection_decision: bool,
    /// The objection changed the sentence: the new one is chosen here.
    pub asks_new_sentence: bool,
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
    /// The NIP/NIK is still to be established (registration waits for it).
    pub identity_unknown: bool,
    pub facts: Vec<Fact>,
    /// (code, name)
    pub violations: Vec<crate::app::case_read::ViolationView>,
    pub description: String,
    pub links: Vec<String>,
    pub anonymous: bool,
    /// Staff opened the case from a referral or finding: there is no reporter at all.
    pub no_reporter: bool,
    pub can_reveal: bool,
    pub identity: Option<IdentityView>,
    pub witnesses: Option<String>,
    pub evidence: Vec<EvidenceItem>,
    pub documents: Vec<super::case_process_view::DocItem>,
    pub doc_kinds: Vec<super::case_items::Choice>,
    pub exam: super::case_process_view::ExamView,
    pub other_cases: Vec<OtherCase>,
    pub overdue: bool,
    /// "12", or "999+" past the count cap; empty when there are none.
    pub cases_elsewhere: String,
    /// How many other cases the person has in the scope ("999+" past the cap).
    pub other_count: String,
    /// More than the listed ones exist.
    pub other_more: bool,
    pub timeline: Vec<TimelineEntry>,
    pub messages: Vec<MessageEntry>,
    pub actions: Vec<ActionForm>,
    pub errors: Vec<FormError>,
    pub draft: Draft,
    pub sanction_options: Vec<Choice>,
    pub sanctions: Vec<String>,
    /// When the sanctions were recommended: the decree form warns about an earlier decree.
    pub recommended_on: Option<chrono::NaiveDate>,
    pub agencies: Vec<String>,
    pub last_seq: i64,
    pub data_blocked: bool,
    pub can_assign: bool,
    pub handlers: Vec<HandlerChoice>,
    /// The reported person's correction form.
    pub person: super::case_person_view::PersonView,
    /// Staff may correct the reported person (a case worker, the case still open).
    pub can_correct: bool,
    /// The running deadline in the agency's time, or "—".
    pub deadline: String,
    /// The objection against the decree, and the filing form's window.
    pub objection: super::case_objection_view::ObjectionView,
}

impl CasePage {
    pub fn build(t: Tr, csrf: String, d: CaseData, role: Role, errors: Vec<String>) -> Self {
        let r = &d.report;
        let no_reporter = d.process.referral.is_some();
        let actions: Vec<ActionForm> = workflow::available_for(r.state, role, &d.classes)
            .into_iter()
            // Nobody would answer a question on a case staff opened themselves.
            .filter(|a| !(no_reporter && *a == Action::RequestInfo))
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
                asks_file: matches!(a, Action::RecordDecision | Action::ResolveObjection(_)),
                asks_objection: a == Action::FileObjection,
                asks_objection_decision: matches!(a, Action::ResolveObjection(_)),
                asks_new_sentence: a == Action::ResolveObjection(ObjectionOutcome::Changed),
            })
            .collect();
        Self {
            t,
            csrf,
            version: r.version,
            number: r.case_number.clone(),
            state: t.t(&format!("state.{}", r.state.as_str())).to_owned(),
            agency: d.agency.clone(),
            person_id: if d.identity_unknown() {
                t.t("case.staff.identity_unknown").to_owned()
            } else {
                format!("{} {}", d.person_id_kind.to_uppercase(), d.person_id_number)
            },
            identity_unknown: d.identity_unknown(),
            facts: case_items::facts(t, &d),
            violations: d.violations.clone(),
            description: r.description.clone(),
            links: r
                .evidence_links
                .lines()
                .map(str::to_owned)
                .filter(|l| !l.is_empty())
                .collect(),
            anonymous: d.anonymous,
            no_reporter: d.process.referral.is_some(),
            can_reveal: !d.anonymous && matches!(role, Role::Inspector | Role::National),
            identity: case_items::identity(&d),
            witnesses: d.witnesses.clone(),
            evidence: case_items::evidence(&d),
            documents: super::case_process_view::documents(t, &d),
            doc_kinds: super::case_process_view::kinds(t),
            exam: super::case_process_view::exam(t, &d, role),
            other_cases: case_items::other_cases(t, &d),
            cases_elsewhere: if d.cases_elsewhere > 0 {
                capped(d.cases_elsewhere)
            } else {
                String::new()
            },
            other_count: capped(d.other_count),
            other_more: d.other_count > d.other_cases.len() as i64,
            overdue: crate::db::case_list::OPEN_WITH_DEADLINE.contains(&r.state)
                && r.deadline_at.is_some_and(|x| x < crate::db::now()),
            timeline: case_items::timeline(t, &d),
            messages: case_items::messages(t, &d),
            sanction_options: case_items::choices(&d.sanction_options),
            sanctions: super::case_sanctions::lines(t, &d),
            recommended_on: d.recommended_on,
            agencies: if actions.iter().any(|a: &ActionForm| a.asks_agency)
                || (role != Role::Admin && workflow::agency_correctable(r.state))
            {
                d.agency_names.clone()
            } else {
                vec![]
            },
            last_seq: d.timeline.last().map_or(0, |(a, _)| a.seq),
            data_blocked: r.data_blocked,
            can_assign: role != Role::Admin,
            handlers: case_items::handlers(&d),
            person: super::case_person_view::view(t, &d),
            can_correct: role != Role::Admin && !workflow::is_closed(r.state),
            objection: super::case_objection_view::view(t, &d),
            deadline: r
                .deadline_at
                .map_or_else(|| "—".to_owned(), |x| d.tz.display(x)),
            actions,
            errors: errors.into_iter().map(FormError::general).collect(),
            draft: Draft::None,
        }
    }
}

impl CasePage {
    /// The correction form failed: it opens with what was typed.
    pub fn person_open(&self) -> bool {
        matches!(self.draft, Draft::Person(_))
            || self.person.warning.is_some()
            || self.identity_unknown
    }

    /// The recommendation's date as the decree form shows it.
    pub fn recommended_date(&self) -> String {
        self.recommended_on
            .map(|d| d.format("%d-%m-%Y").to_string())
            .unwrap_or_default()
    }

    /// The decree form's date (as typed) is earlier than the recommendation: the form asks
    /// whether it was checked.
    pub fn sk_early(&self, sk_date: &str) -> bool {
        let typed = chrono::NaiveDate::parse_from_str(sk_date.trim(), "%Y-%m-%d").ok();
        typed.zip(self.recommended_on).is_some_and(|(s, r)| s < r)
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
