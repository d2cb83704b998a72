//! The case page's view of the process records (`app::case_process`): the documents list, the
//! kinds the upload form offers, and the examination section (summonses and hearings).

use super::case_items::Choice;
use crate::app::case_read::CaseData;
use crate::domain::area::TimeZone;
use crate::domain::case_state::CaseState;
use crate::domain::document::DocumentKind;
use crate::domain::examination::{self as rules, Attendance, HearingBody, Summons};
use crate::domain::workflow::Role;
use crate::i18n::Tr;

pub struct DocItem {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub filename: String,
    pub when: String,
    pub sha256: String,
}

pub fn documents(t: Tr, d: &CaseData) -> Vec<DocItem> {
    d.process
        .documents
        .iter()
        .map(|doc| DocItem {
            id: doc.id,
            kind: t.t(&format!("doc.{}", doc.kind)).to_owned(),
            title: doc.title.clone(),
            filename: doc.filename.clone(),
            when: d.tz.display(doc.created_at),
            sha256: doc.sha256.clone(),
        })
        .collect()
}

pub fn kinds(t: Tr) -> Vec<Choice> {
    DocumentKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().to_owned(),
            label: t.t(&format!("doc.{}", k.as_str())).to_owned(),
        })
        .collect()
}

pub struct SummonsItem {
    pub round: i32,
    pub letter: String,
    pub appear_on: String,
    pub place: String,
    /// Whether the ASN came, in words ("" while unknown).
    pub outcome: String,
    /// Unknown yet and the day has come: the page asks.
    pub ask_outcome: bool,
}

pub struct HearingItem {
    pub body: String,
    pub held_on: String,
    pub members: Vec<String>,
    pub presence: String,
}

/// The examination section of the case page.
pub struct ExamView {
    /// Shown at all: the case is or was in examination.
    pub shown: bool,
    /// This staff member may record summonses and hearings now.
    pub can_examine: bool,
    pub summonses: Vec<SummonsItem>,
    pub hearings: Vec<HearingItem>,
    /// The round a new summons would be; None: why not, in words (or nothing to say).
    pub next_round: Option<i32>,
    pub no_summons: String,
    /// The ASN missed both summonses: the examiners decide on the evidence.
    pub absent_twice: bool,
    pub notice: String,
    pub bodies: Vec<Choice>,
}

pub fn exam(t: Tr, d: &CaseData, role: Role) -> ExamView {
    let p = &d.process;
    let today = TimeZone::today_everywhere(crate::db::now());
    let day = |x: chrono::NaiveDate| x.format("%d-%m-%Y").to_string();
    let on_record: Vec<Summons> = p
        .summonses
        .iter()
        .map(|s| Summons {
            round: s.round,
            appear_on: s.appear_on,
            outcome: s.outcome.as_deref().and_then(Attendance::parse),
        })
        .collect();
    let examining = d.report.state == CaseState::Examination;
    let (next_round, no_summons) = match rules::next_round(&on_record) {
        Ok(n) => (Some(n), String::new()),
        Err(key) => (None, t.t(key).to_owned()),
    };
    ExamView {
        shown: examining || !p.summonses.is_empty() || !p.hearings.is_empty(),
        can_examine: examining && matches!(role, Role::Inspector | Role::National),
        summonses: p
            .summonses
            .iter()
            .map(|s| SummonsItem {
                round: s.round,
                letter: format!("{}, {}", s.letter_number, day(s.letter_date)),
                appear_on: day(s.appear_on),
                place: s.place.clone(),
                outcome: s
                    .outcome
                    .as_deref()
                    .map(|o| t.t(&format!("attendance.{o}")).to_owned())
                    .unwrap_or_default(),
                ask_outcome: s.outcome.is_none() && s.appear_on <= today,
            })
            .collect(),
        hearings: p
            .hearings
            .iter()
            .map(|h| HearingItem {
                body: t.t(&format!("hearing_body.{}", h.body)).to_owned(),
                held_on: day(h.held_on),
                members: h.members.lines().map(str::to_owned).collect(),
                presence: t
                    .t(if h.asn_present {
                        "case.hearing.present"
                    } else {
                        "case.hearing.absent"
                    })
                    .to_owned(),
            })
            .collect(),
        next_round,
        no_summons,
        absent_twice: rules::may_hear_without(&on_record),
        notice: p.summons_notice.to_string(),
        bodies: HearingBody::ALL
            .iter()
            .map(|b| Choice {
                value: b.as_str().to_owned(),
                label: t.t(&format!("hearing_body.{}", b.as_str())).to_owned(),
            })
            .collect(),
    }
}
