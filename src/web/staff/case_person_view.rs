//! The reported person's correction form as the case page shows it (issue 11, defect 5): the
//! case's current details, or the failed correction as typed, and the type warning.

use super::case_form::PersonForm;
use super::case_form::draft::Draft;
use super::case_items::Choice;
use crate::app::case_read::CaseData;
use crate::domain::report::EMPLOYEE_TYPES;
use crate::domain::workflow;
use crate::i18n::Tr;

/// The form as the page shows it: the failed form as typed, or the case's current details.
pub struct PersonView {
    pub asn_id: String,
    pub name: String,
    pub employee_types: Vec<(Choice, bool)>,
    pub unit: String,
    pub position: String,
    pub agency: String,
    pub reason: String,
    /// The agency may still be corrected here (before registration).
    pub agency_open: bool,
    /// The identity number disagrees with the employee type: the warning, in words.
    pub warning: Option<String>,
}

/// The form filled with the case's current details.
pub fn view(t: Tr, d: &CaseData) -> PersonView {
    let r = &d.report;
    let f = PersonForm {
        asn_id: if d.identity_unknown() {
            String::new()
        } else {
            d.person_id_number.clone()
        },
        name: r.reported_name.clone(),
        employee_type: r.employee_type.clone(),
        unit: r.reported_unit.clone(),
        position: r.reported_position.clone(),
        agency: d.agency.clone(),
        ..PersonForm::default()
    };
    let warning = d.type_mismatch.map(|m| {
        t.f(
            &format!("case.staff.type_looks_{}", m.looks_like),
            &m.digits(),
        )
    });
    PersonView {
        employee_types: EMPLOYEE_TYPES
            .iter()
            .map(|v| {
                let choice = Choice {
                    value: (*v).to_owned(),
                    label: t.t(&format!("employee_type.{v}")).to_owned(),
                };
                (choice, f.employee_type == *v)
            })
            .collect(),
        asn_id: f.asn_id,
        name: f.name,
        unit: f.unit,
        position: f.position,
        agency: f.agency,
        reason: f.reason,
        agency_open: workflow::agency_correctable(r.state),
        warning,
    }
}

impl PersonView {
    /// The failed correction as typed, in place of the current details (a 422).
    pub fn keep(&mut self, draft: &Draft) {
        let Draft::Person(f) = draft else {
            return;
        };
        self.asn_id.clone_from(&f.asn_id);
        self.name.clone_from(&f.name);
        for (c, selected) in &mut self.employee_types {
            *selected = c.value == f.employee_type;
        }
        self.unit.clone_from(&f.unit);
        self.position.clone_from(&f.position);
        self.agency.clone_from(&f.agency);
        self.reason.clone_from(&f.reason);
    }
}
