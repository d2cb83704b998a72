//! What the staff case page lists, each item in words: the case's facts, its violations and
//! evidence, the reporter's identity when opened, other cases about the same person, the
//! timeline, the messages and the handlers to assign.

pub use super::history::TimelineEntry;

use crate::app::case_read::CaseData;
use crate::domain::ids::UserId;
use crate::i18n::Tr;

/// A labelled fact about the case.
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// An option of a select: the value sent, the label shown.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The reporter's identity, opened for one view.
pub struct IdentityView {
    pub name: String,
    pub phone: String,
    pub email: String,
}

pub struct EvidenceItem {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub sha256: String,
    /// Shown inline through the sandboxed preview route, with this token (images only).
    pub preview: Option<String>,
}

/// Another case about the same person.
pub struct OtherCase {
    pub number: String,
    pub state: String,
    /// The sanction codes it carries, joined.
    pub sanctions: String,
}

pub struct MessageEntry {
    pub when: String,
    pub who: String,
    pub body: String,
    /// An internal note, never shown to the reporter.
    pub internal: bool,
}

pub struct HandlerChoice {
    pub id: UserId,
    pub name: String,
    pub assigned: bool,
}

/// The case's facts, in the order the page lists them.
pub fn facts(t: Tr, d: &CaseData) -> Vec<Fact> {
    let r = &d.report;
    let fact = |key: &str, value: String| Fact {
        label: t.t(key).to_owned(),
        value,
    };
    let word = |family: &str, value: &str| t.t(&format!("{family}.{value}")).to_owned();
    let day = |x: chrono::NaiveDate| x.format("%d-%m-%Y").to_string();
    let mut out = vec![fact("case_new.channel", word("channel", &r.channel))];
    if let Some(l) = &d.process.referral {
        let parts: Vec<String> = [
            l.letter_number.clone(),
            l.letter_date.map(day).unwrap_or_default(),
            l.sender.clone(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
        out.push(fact(
            "case_new.letter",
            if parts.is_empty() {
                "—".into()
            } else {
                parts.join(", ")
            },
        ));
    }
    out.extend([
        fact("case.staff.reported_name", r.reported_name.clone()),
        fact(
            "form.employee_type",
            word("employee_type", &r.employee_type),
        ),
        fact("form.unit", r.reported_unit.clone()),
        fact("form.position", r.reported_position.clone()),
        fact(
            "form.election_type",
            word("election_type", &r.election_type),
        ),
        fact(
            "form.election_stage",
            word("election_stage", &r.election_stage),
        ),
        fact("form.incident_date", day(r.incident_date)),
        fact("form.known_date", day(r.known_date)),
        fact("form.place", r.place.clone()),
        fact("case.filed", d.tz.display(r.created_at)),
        fact(
            "case.deadline",
            r.deadline_at
                .map_or_else(|| "—".into(), |x| d.tz.display(x)),
        ),
    ]);
    out
}

pub fn choices(pairs: &[(String, String)]) -> Vec<Choice> {
    pairs
        .iter()
        .map(|(value, label)| Choice {
            value: value.clone(),
            label: label.clone(),
        })
        .collect()
}

pub fn identity(d: &CaseData) -> Option<IdentityView> {
    d.identity.as_ref().map(|i| IdentityView {
        name: i.name.clone(),
        phone: i.phone.clone().unwrap_or_default(),
        email: i.email.clone().unwrap_or_default(),
    })
}

pub fn evidence(d: &CaseData) -> Vec<EvidenceItem> {
    d.evidence
        .iter()
        .map(|e| EvidenceItem {
            id: e.id,
            filename: e.filename.clone(),
            content_type: e.content_type.clone(),
            sha256: e.sha256.clone(),
            preview: d.previews.get(&e.id).cloned(),
        })
        .collect()
}

pub fn other_cases(t: Tr, d: &CaseData) -> Vec<OtherCase> {
    d.other_cases
        .iter()
        .map(|(number, state, codes)| OtherCase {
            number: number.clone(),
            state: t.t(&format!("state.{state}")).to_owned(),
            sanctions: codes.join(", "),
        })
        .collect()
}

/// The timeline, oldest first, in words (see `history`).
pub fn timeline(t: Tr, d: &CaseData) -> Vec<TimelineEntry> {
    super::history::entries(
        t,
        d.timeline.iter().map(|(a, who)| (a, who.as_str())),
        |a| d.tz.display(a.at),
    )
}

pub fn messages(t: Tr, d: &CaseData) -> Vec<MessageEntry> {
    d.messages
        .iter()
        .map(|(m, who)| MessageEntry {
            when: d.tz.display(m.created_at),
            // The reporter by role, never by a code.
            who: if m.author_user_id.is_some() {
                who.clone()
            } else {
                t.t("actor.reporter").to_owned()
            },
            body: m.body.clone(),
            internal: m.direction == crate::db::messages::INTERNAL,
        })
        .collect()
}

pub fn handlers(d: &CaseData) -> Vec<HandlerChoice> {
    d.handlers
        .iter()
        .map(|(id, name)| HandlerChoice {
            id: *id,
            name: name.clone(),
            assigned: d.report.assigned_user_id == Some(*id),
        })
        .collect()
}
