//! The report form page: the view of what was typed, the reference lists and the messages.

use std::collections::HashMap;

use askama::Template;

use crate::app::refcache::RefData;
use crate::domain::intake::{Channel, LetterInput};
use crate::domain::nip::AsnId;
use crate::domain::nip::employee_type::mismatch;
use crate::domain::report::{
    ELECTION_STAGES, ELECTION_TYPES, EMPLOYEE_TYPES, FieldError, ReportInput,
};
use crate::i18n::Tr;
use crate::web::render::FormError;

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct RegencyGroup {
    pub province: String,
    pub options: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "public/report_form.html")]
pub struct NewReportPage {
    pub t: Tr,
    pub csrf: String,
    pub submission_token: String,
    pub input: ReportInput,
    pub errors: Vec<FormError>,
    pub had_files: bool,
    pub today: String,
    pub agencies: Vec<String>,
    pub agency_suggestions: Vec<String>,
    pub employee_types: Vec<Choice>,
    pub election_types: Vec<Choice>,
    pub election_stages: Vec<Choice>,
    pub provinces: Vec<Choice>,
    pub regency_groups: Vec<RegencyGroup>,
    pub violations: super::report_violations::ViolationList,
    /// What the typed number says against the chosen employee type: "pppk", "pns" or "" (a
    /// warning under the type; the form is still accepted).
    pub type_looks: &'static str,
    /// Staff opening a case from a referral or finding (`web::staff::case_new`): the same form,
    /// with the letter instead of the reporter and no declaration or files. None: the public form.
    pub staff: Option<StaffIntake>,
}

/// What the staff version of the form adds.
pub struct StaffIntake {
    pub channels: Vec<Choice>,
    pub letter: LetterInput,
    /// National staff name the agency; agency staff open cases of their own (shown, not asked).
    pub agency: Option<String>,
}

impl StaffIntake {
    pub fn new(t: Tr, letter: LetterInput, agency: Option<String>) -> Self {
        let names: Vec<&str> = Channel::STAFF.iter().map(|c| c.as_str()).collect();
        Self {
            channels: choices(t, "channel", &names, &letter.channel),
            letter,
            agency,
        }
    }
}

fn choices(t: Tr, prefix: &str, values: &[&str], current: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice {
            value: (*v).to_owned(),
            label: t.t(&format!("{prefix}.{v}")).to_owned(),
            selected: *v == current,
        })
        .collect()
}

impl NewReportPage {
    #[expect(
        clippy::too_many_arguments,
        reason = "one call site; a builder would only rename them"
    )]
    pub fn build(
        t: Tr,
        csrf: String,
        submission_token: String,
        input: ReportInput,
        errors: &[FieldError],
        had_files: bool,
        today: chrono::NaiveDate,
        refs: &RefData,
        agency_suggestions: Vec<String>,
    ) -> Self {
        let province_names: HashMap<&str, &str> = refs
            .provinces
            .iter()
            .map(|p| (p.code.as_str(), p.name.as_str()))
            .collect();
        let mut regency_groups: Vec<RegencyGroup> = Vec::new();
        for r in &refs.regencies {
            let option = Choice {
                value: r.code.clone(),
                label: r.name.clone(),
                selected: r.code == input.regency,
            };
            match regency_groups.last_mut() {
                Some(g)
                    if g.province
                        == province_names
                            .get(r.province_code.as_str())
                            .copied()
                            .unwrap_or_default() =>
                {
                    g.options.push(option)
                }
                _ => regency_groups.push(RegencyGroup {
                    province: province_names
                        .get(r.province_code.as_str())
                        .copied()
                        .unwrap_or_default()
                        .to_owned(),
                    options: vec![option],
                }),
            }
        }
        let type_looks = AsnId::parse(&input.asn_id, today, |c| refs.province_codes.contains(c))
            .ok()
            .and_then(|id| mismatch(&id, &input.employee_type))
            .map_or("", |m| m.looks_like);
        Self {
            t,
            csrf,
            submission_token,
            type_looks,
            errors: errors
                .iter()
                .map(|e| {
                    let message = t.f(e.key, e.arg.as_deref().unwrap_or_default());
                    FormError::named(e.field, &field_label(t, e.field), message)
                })
                .collect(),
            had_files,
            today: today.format("%Y-%m-%d").to_string(),
            agencies: refs.agencies.iter().map(|a| a.name.clone()).collect(),
            agency_suggestions,
            employee_types: choices(t, "employee_type", &EMPLOYEE_TYPES, &input.employee_type),
            election_types: choices(t, "election_type", &ELECTION_TYPES, &input.election_type),
            election_stages: choices(t, "election_stage", &ELECTION_STAGES, &input.election_stage),
            provinces: refs
                .provinces
                .iter()
                .map(|p| Choice {
                    value: p.code.clone(),
                    label: p.name.clone(),
                    selected: p.code == input.province,
                })
                .collect(),
            regency_groups,
            violations: super::report_violations::list(t, &refs.violations, &input),
            input,
            staff: None,
        }
    }

    /// Whether this is the staff version of the form.
    pub fn by_staff(&self) -> bool {
        self.staff.is_some()
    }

    /// "Bagian 2 dari 5": where a section stands in the form (one page, one POST), so a reporter
    /// on a phone knows how much is left.
    pub fn part(&self, n: u8) -> String {
        let total = if self.by_staff() { "4" } else { "5" };
        self.t
            .f("form.part", &n.to_string())
            .replace("{total}", total)
    }

    /// The agency an agency's staff member opens cases in (the form shows it, does not ask).
    pub fn agency_fixed(&self) -> Option<&str> {
        self.staff.as_ref().and_then(|s| s.agency.as_deref())
    }

    /// The messages for one field, joined.
    /// The error summary: every field's messages, and the reminder that files must be chosen
    /// again (a browser never sends them back).
    pub fn summary(&self) -> Vec<FormError> {
        let mut lines = self.errors.clone();
        if self.had_files && !lines.is_empty() {
            lines.push(FormError::at("evidence", self.t.t("form.files_again")));
        }
        lines
    }

    pub fn err(&self, field: &str) -> Option<String> {
        let msgs: Vec<&str> = self
            .errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect();
        (!msgs.is_empty()).then(|| msgs.join(" "))
    }

    /// `aria-invalid`/`aria-describedby` attributes for a field's input.
    pub fn aria(&self, field: &str) -> String {
        if self.errors.iter().any(|e| e.field == field) {
            format!("aria-invalid=true aria-describedby=e-{field}")
        } else {
            String::new()
        }
    }

    /// "pemilu" or "pilkada": the law an election type falls under (the list narrows by it).
    pub fn family(&self, election_type: &str) -> &'static str {
        super::report_violations::family(election_type)
    }

    pub fn anonymous(&self) -> bool {
        self.input.identity_mode != "named"
    }
}

/// The label of a report form's field as the form shows it ("" for a message about the whole
/// form), so that the error summary names the field.
fn field_label(t: Tr, field: &str) -> String {
    let key = match field {
        "channel" | "sender" | "letter_number" | "letter_date" => format!("case_new.{field}"),
        "evidence" => "form.files".to_owned(),
        // A radio group is named by its fieldset's legend.
        "identity_mode" => "form.reporter".to_owned(),
        "submit" | "" => return String::new(),
        _ => format!("form.{field}"),
    };
    let label = t.t(&key);
    if label == key {
        String::new()
    } else {
        label.to_owned()
    }
}
