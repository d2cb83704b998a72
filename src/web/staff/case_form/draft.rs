//! The case-page form that failed, given back to the page as staff typed it (a 422), and what
//! each of its fields shows.

use super::{MessageForm, PersonForm, RevealForm, Step, StepForm};

/// The form that failed, as staff typed it, given back on the 422 page (files excepted: a browser
/// never sends them back, and the page says so).
#[derive(Debug, Clone, Default)]
pub enum Draft {
    #[default]
    None,
    Message(MessageForm),
    Reveal(RevealForm),
    Step(StepForm),
    Person(PersonForm),
    /// The document form: its kind and title (a file is never sent back; the page says so).
    Document {
        kind: String,
        title: String,
    },
    /// An examination form ("summons", "attendance" or "hearing") with its fields as typed.
    Exam {
        form: &'static str,
        fields: std::collections::HashMap<String, String>,
    },
}

impl Draft {
    /// A field of the examination form `form` as typed, when that form failed; "" otherwise.
    pub fn exam(&self, form: &str, field: &str) -> &str {
        match self {
            Self::Exam { form: f, fields } if *f == form => {
                fields.get(field).map_or("", String::as_str)
            }
            _ => "",
        }
    }

    /// Whether the examination form `form` failed (it opens with what was typed).
    pub fn exam_failed(&self, form: &str) -> bool {
        matches!(self, Self::Exam { form: f, .. } if *f == form)
    }

    /// The document form's kind and title as typed, and whether that form failed.
    pub fn document(&self) -> (&str, &str, bool) {
        match self {
            Self::Document { kind, title } => (kind, title, true),
            _ => ("", "", false),
        }
    }

    /// The reason typed into the identity form.
    pub fn reveal_reason(&self) -> &str {
        match self {
            Self::Reveal(f) => &f.reason,
            _ => "",
        }
    }

    /// The text typed into the message form (`to` "reporter") or the note form ("note").
    pub fn message_body(&self, to: &str) -> &str {
        match self {
            Self::Message(f) if f.to == to || (to == "reporter" && f.to == "edit") => &f.body,
            _ => "",
        }
    }

    /// The step form that failed, when it is the form of action `name` / `detail`; an empty one
    /// for every other form on the page.
    pub fn step(&self, name: &str, detail: &str) -> &StepForm {
        match self {
            Self::Step(f) if f.is(name, detail) => f,
            _ => &EMPTY_STEP,
        }
    }
}

static EMPTY_STEP: StepForm = StepForm {
    csrf: String::new(),
    version: 0,
    seen: 0,
    reason: String::new(),
    step: None,
};

impl StepForm {
    /// A field of this step's form as typed; empty for a field another step's form has.
    fn pick<'a>(&'a self, field: impl FnOnce(&'a Step) -> Option<&'a String>) -> &'a str {
        self.step
            .as_ref()
            .and_then(field)
            .map_or("", String::as_str)
    }

    pub fn question(&self) -> &str {
        self.pick(|s| match s {
            Step::RequestInfo { question } => Some(question),
            _ => None,
        })
    }

    pub fn reference(&self) -> &str {
        self.pick(|s| match s {
            Step::Reject { reference, .. } | Step::Classify { reference, .. } => Some(reference),
            _ => None,
        })
    }

    pub fn target_agency(&self) -> &str {
        self.pick(|s| match s {
            Step::Classify { target_agency, .. } => Some(target_agency),
            _ => None,
        })
    }

    pub fn sanction(&self) -> &str {
        self.pick(|s| match s {
            Step::Recommend { sanction, .. } | Step::ResolveObjection { sanction, .. } => {
                Some(sanction)
            }
            _ => None,
        })
    }

    pub fn sanction2(&self) -> &str {
        self.pick(|s| match s {
            Step::Recommend { sanction2, .. } | Step::ResolveObjection { sanction2, .. } => {
                Some(sanction2)
            }
            _ => None,
        })
    }

    pub fn justification(&self) -> &str {
        self.pick(|s| match s {
            Step::Recommend { justification, .. }
            | Step::ResolveObjection { justification, .. } => Some(justification),
            _ => None,
        })
    }

    pub fn sk_number(&self) -> &str {
        self.pick(|s| match s {
            Step::RecordDecision { sk_number, .. } => Some(sk_number),
            _ => None,
        })
    }

    pub fn sk_date(&self) -> &str {
        self.pick(|s| match s {
            Step::RecordDecision { sk_date, .. } => Some(sk_date),
            _ => None,
        })
    }

    pub fn start_date(&self) -> &str {
        self.pick(|s| match s {
            Step::RecordDecision { start_date, .. } | Step::ResolveObjection { start_date, .. } => {
                Some(start_date)
            }
            _ => None,
        })
    }

    /// Whether the form said a decree dated before the recommendation is dated right.
    pub fn sk_date_checked(&self) -> bool {
        self.pick(|s| match s {
            Step::RecordDecision {
                sk_date_checked, ..
            } => Some(sk_date_checked),
            _ => None,
        }) == "yes"
    }

    pub fn objection_kind(&self) -> &str {
        self.pick(|s| match s {
            Step::FileObjection { objection_kind, .. } => Some(objection_kind),
            _ => None,
        })
    }

    pub fn filed_on(&self) -> &str {
        self.pick(|s| match s {
            Step::FileObjection { filed_on, .. } => Some(filed_on),
            _ => None,
        })
    }

    /// Whether the form said an objection filed after the window is accepted.
    pub fn late_checked(&self) -> bool {
        self.pick(|s| match s {
            Step::FileObjection { late_checked, .. } => Some(late_checked),
            _ => None,
        }) == "yes"
    }

    pub fn decision_number(&self) -> &str {
        self.pick(|s| match s {
            Step::ResolveObjection {
                decision_number, ..
            } => Some(decision_number),
            _ => None,
        })
    }

    pub fn decision_date(&self) -> &str {
        self.pick(|s| match s {
            Step::ResolveObjection { decision_date, .. } => Some(decision_date),
            _ => None,
        })
    }
}
