//! The reported person's correction form on the case page (issue 11, defect 5), and its handler:
//! the number is checked by the domain's rules here (its message names the digits typed), the
//! rest by `app::case_person`, every problem shown at once.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use super::case_form::PersonForm;
use super::case_items::Choice;
use super::case_page::Draft;
use super::session::CaseWorker;
use crate::app::Outcome;
use crate::app::case_person::{self, Correction};
use crate::app::case_read::CaseData;
use crate::app::case_transition::Moved;
use crate::db;
use crate::domain::area::TimeZone;
use crate::domain::nip::AsnId;
use crate::domain::report::EMPLOYEE_TYPES;
use crate::domain::workflow;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::paths::CasePath;
use crate::web::{AppState, render};

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
        asn_id: d.person_id_number.clone(),
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

/// Corrects the reported person on the case: 303 back to it (or to the list when it moved to
/// another agency this user does not see), 422 with every problem, 409 when it changed since.
pub async fn correct(
    staff: CaseWorker,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    CasePath(number): CasePath,
    form: Checked<PersonForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let text = |s: &str| clean_text(s.trim());
    let typed = form.asn_id.clone();
    let mut cmd = Correction {
        asn_id: None,
        name: text(&form.name),
        employee_type: form.employee_type.trim().to_owned(),
        unit: text(&form.unit),
        position: text(&form.position),
        agency: form.agency.trim().to_owned(),
        reason: text(&form.reason),
        version: form.version,
        seen: form.seen,
    };
    let (who, n, cache) = (staff.user(), number.clone(), state.refs.clone());
    let key = state.keys.audit().clone();
    let (number_problem, outcome) = db::run(&state.pool, move |c| {
        let refs = cache.get(c)?;
        let today = TimeZone::today_everywhere(db::now());
        let parsed = AsnId::parse(&typed, today, |p| refs.province_codes.contains(p));
        let problem = parsed.as_ref().err().map(|e| {
            let digits = typed.chars().filter(char::is_ascii_digit).count();
            (e.message_key(), digits.to_string())
        });
        cmd.asn_id = parsed.ok();
        let outcome = case_person::correct(c, &key, &who, &n, &cmd)?;
        Ok::<_, AppError>((problem, outcome))
    })
    .await?;
    match outcome {
        Outcome::Done(Moved::Forwarded) if !staff.sees_all_agencies() => {
            Ok(render::see_other("/dashboard"))
        }
        Outcome::Done(_) => Ok(render::see_other(&format!("/dashboard/cases/{number}"))),
        Outcome::Invalid(keys) => {
            let mut messages: Vec<String> = number_problem
                .map(|(k, digits)| t.f(k, &digits))
                .into_iter()
                .collect();
            messages.extend(keys.iter().map(|k| t.t(k).to_owned()));
            let draft = Draft::Person(form);
            super::case::invalid(&state, &staff, &session, t, number, messages, draft).await
        }
        Outcome::Conflict(changes) => super::case_actions::conflict(t, number.as_str(), changes),
    }
}
