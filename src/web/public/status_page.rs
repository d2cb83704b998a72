//! The status pages' views: the check form, and one case as its reporter sees it.

use askama::Template;

use crate::db::DbConnection;
use crate::db::agencies;
use crate::db::audit;
use crate::db::evidence;
use crate::db::messages::{self, FROM_REPORTER};
use crate::db::reports::{self, ReportRow};
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::domain::event::AuditAction;
use crate::domain::ids::ReportId;
use crate::domain::workflow::CaseTier;
use crate::i18n::Tr;
use crate::web::render::FormError;

#[derive(Template)]
#[template(path = "public/status_form.html")]
pub struct StatusFormPage {
    pub t: Tr,
    pub csrf: String,
    pub case_number: String,
    pub failed: bool,
    /// A reply that could not be sent because access had expired, shown to copy.
    pub unsent: String,
}

impl StatusFormPage {
    /// The summary's one message, when the case number and receipt did not match.
    pub fn errors(&self) -> Vec<FormError> {
        if self.failed {
            vec![FormError::at("case_number", self.t.t("status.failed"))]
        } else {
            vec![]
        }
    }
}

pub struct TimelineItem {
    pub when: String,
    pub text: String,
}

pub struct MessageItem {
    pub when: String,
    pub from_reporter: bool,
    pub body: String,
}

/// One entry of the reporter's timeline.
pub struct PublicEvent {
    pub at: chrono::NaiveDateTime,
    pub action: AuditAction,
    pub to_state: Option<CaseState>,
}

/// Everything the reporter may see of their case, read in one go.
pub struct CaseView {
    pub case_number: String,
    pub state: CaseState,
    pub accepts_messages: bool,
    pub agency: String,
    pub tz: TimeZone,
    pub created_at: chrono::NaiveDateTime,
    pub deadline_at: Option<chrono::NaiveDateTime>,
    pub late: bool,
    pub events: Vec<PublicEvent>,
    pub messages: Vec<(chrono::NaiveDateTime, bool, String)>,
    pub evidence: Vec<(String, i64)>,
    /// Once the PPK decided: which kind of sanction (moral, sedang, berat), never the decree.
    pub decision: Option<CaseTier>,
}

impl CaseView {
    pub fn load(conn: &mut DbConnection, report: ReportRow) -> diesel::QueryResult<Self> {
        let agency = agencies::find(conn, report.agency_id)?;
        let tz = agency
            .as_ref()
            .and_then(|a| TimeZone::parse(&a.timezone))
            .unwrap_or(TimeZone::Wib);
        let events = audit::public_for_report(conn, report.id)?
            .into_iter()
            .map(|e| PublicEvent {
                at: e.at,
                action: e.action,
                to_state: e.to_state,
            })
            .collect();
        let messages = messages::visible_to_reporter(conn, report.id)?
            .into_iter()
            .map(|m| (m.created_at, m.direction == FROM_REPORTER, m.body))
            .collect();
        let evidence = evidence::for_report(conn, report.id)?
            .into_iter()
            .map(|e| (e.filename, e.size_bytes))
            .collect();
        // The kind of sentence standing: the decree's, or the one an objection changed it to.
        let decided = matches!(
            report.state,
            CaseState::Decided
                | CaseState::Objection
                | CaseState::ObjectionDecided
                | CaseState::Closed
        );
        Ok(Self {
            decision: report.tier.filter(|_| decided),
            case_number: report.case_number,
            accepts_messages: report.state.accepts_reporter_messages(),
            state: report.state,
            agency: agency.map(|a| a.name).unwrap_or_default(),
            tz,
            created_at: report.created_at,
            deadline_at: report.deadline_at,
            late: report.late_for_bawaslu,
            events,
            messages,
            evidence,
        })
    }

    pub fn load_by_id(conn: &mut DbConnection, id: ReportId) -> diesel::QueryResult<Option<Self>> {
        match reports::find(conn, id)? {
            Some(r) => Self::load(conn, r).map(Some),
            None => Ok(None),
        }
    }
}

#[derive(Template)]
#[template(path = "public/status_case.html")]
pub struct StatusCasePage {
    pub t: Tr,
    pub csrf: String,
    pub client_token: String,
    pub case_number: String,
    pub agency: String,
    pub state_title: String,
    pub state_body: String,
    pub accepts_messages: bool,
    pub needs_info: bool,
    pub late: bool,
    pub filed: String,
    pub deadline: Option<String>,
    pub timeline: Vec<TimelineItem>,
    pub messages: Vec<MessageItem>,
    pub evidence: Vec<EvidenceLine>,
    pub reply: String,
    pub errors: Vec<FormError>,
    pub sent: bool,
}

/// A file the reporter sent, with its size in words.
pub struct EvidenceLine {
    pub filename: String,
    pub size: String,
}

fn size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

impl StatusCasePage {
    pub fn build(
        t: Tr,
        csrf: String,
        client_token: String,
        v: CaseView,
        reply: String,
        errors: Vec<String>,
        sent: bool,
    ) -> Self {
        let accepts = v.accepts_messages;
        Self {
            t,
            csrf,
            client_token,
            state_title: t.t(&format!("state.{}", v.state.as_str())).to_owned(),
            state_body: match v.decision {
                Some(tier) => format!(
                    "{} {}",
                    t.t(&format!("state.{}.body", v.state.as_str())),
                    t.t(&format!("status.decision.{}", tier.as_str()))
                ),
                None => t.t(&format!("state.{}.body", v.state.as_str())).to_owned(),
            },
            needs_info: v.state == CaseState::NeedsInfo,
            accepts_messages: v.accepts_messages,
            late: v.late,
            filed: v.tz.display(v.created_at),
            deadline: v.deadline_at.map(|d| v.tz.display(d)),
            timeline: v
                .events
                .iter()
                .map(|e| TimelineItem {
                    when: v.tz.display(e.at),
                    text: match (e.action, e.to_state) {
                        (AuditAction::StateChanged, Some(to)) => t.f(
                            "event.state_changed",
                            t.t(&format!("state.{}", to.as_str())),
                        ),
                        (action, _) => t.t(&format!("event.{}", action.as_str())).to_owned(),
                    },
                })
                .collect(),
            messages: v
                .messages
                .into_iter()
                .map(|(at, from_reporter, body)| MessageItem {
                    when: v.tz.display(at),
                    from_reporter,
                    body,
                })
                .collect(),
            evidence: v
                .evidence
                .into_iter()
                .map(|(filename, bytes)| EvidenceLine {
                    filename,
                    size: size(bytes),
                })
                .collect(),
            case_number: v.case_number,
            agency: v.agency,
            reply,
            // A case that takes no more messages has no message field to point at.
            errors: errors
                .into_iter()
                .map(|m| FormError::at(if accepts { "message" } else { "" }, m))
                .collect(),
            sent,
        }
    }
}
