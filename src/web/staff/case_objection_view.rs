//! The case page's view of the objection against the decree (`app::case_process`): what was
//! filed and how it ended, in words, and what the filing form needs (the window, the kinds).

use super::case_items::{Choice, Fact};
use crate::app::case_read::CaseData;
use crate::domain::objection::ObjectionKind;
use crate::i18n::Tr;

pub struct ObjectionView {
    /// What was filed and decided, in words (empty: nothing filed).
    pub facts: Vec<Fact>,
    /// While the case is decided: "the window ends on …", for the filing form.
    pub window_hint: String,
    /// The window's last day (YYYY-MM-DD), to ask about a later filing date.
    window_end: Option<chrono::NaiveDate>,
    pub kinds: Vec<Choice>,
}

impl ObjectionView {
    /// The filing date typed is after the window: the form asks whether it is accepted.
    pub fn late(&self, filed_on: &str) -> bool {
        let typed = chrono::NaiveDate::parse_from_str(filed_on.trim(), "%Y-%m-%d").ok();
        typed.zip(self.window_end).is_some_and(|(f, end)| f > end)
    }
}

pub fn view(t: Tr, d: &CaseData) -> ObjectionView {
    let day = |x: chrono::NaiveDate| x.format("%d-%m-%Y").to_string();
    let fact = |key: &str, value: String| Fact {
        label: t.t(key).to_owned(),
        value,
    };
    let mut facts = Vec::new();
    if let Some(o) = &d.process.objection {
        facts.push(fact(
            "case.objection.kind",
            t.t(&format!("objection_kind.{}", o.kind)).to_owned(),
        ));
        let mut filed = day(o.filed_on);
        if o.late {
            filed.push_str(" · ");
            filed.push_str(&t.f("case.objection.filed_late", &day(o.window_end)));
        }
        facts.push(fact("case.objection.filed_on", filed));
        match (&o.outcome, &o.decision_number, o.decision_date) {
            (Some(outcome), Some(number), Some(date)) => {
                facts.push(fact(
                    "case.objection.outcome",
                    t.t(&format!("objection_outcome.{outcome}")).to_owned(),
                ));
                facts.push(fact(
                    "case.objection.decision",
                    format!("{number}, {}", day(date)),
                ));
            }
            _ => facts.push(fact(
                "case.objection.outcome",
                t.t("case.objection.pending").to_owned(),
            )),
        }
    }
    let window = d.process.objection_window;
    ObjectionView {
        facts,
        window_hint: window
            .map(|(sk, end)| {
                format!(
                    "{} {}",
                    t.f("case.objection.window", &day(end)),
                    t.f("case.objection.from_sk", &day(sk))
                )
            })
            .unwrap_or_default(),
        window_end: window.map(|(_, end)| end),
        kinds: ObjectionKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: t.t(&format!("objection_kind.{}", k.as_str())).to_owned(),
            })
            .collect(),
    }
}
