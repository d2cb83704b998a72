//! The reported person's correction on the case page (issue 11, defect 5), its handler (the form
//! as shown is `case_person_view`): the number is checked by the domain's rules here (its message
//! names the digits typed), the rest by `app::case_person`, every problem shown at once.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use super::case_form::PersonForm;
use super::case_page::Draft;
use super::session::CaseWorker;
use crate::app::Outcome;
use crate::app::case_person::{self, Correction};
use crate::app::case_transition::Moved;
use crate::db;
use crate::domain::area::TimeZone;
use crate::domain::nip::AsnId;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::paths::CasePath;
use crate::web::{AppState, render};

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
        let parsed = Some(typed.trim())
            .filter(|s| !s.is_empty())
            .map(|s| AsnId::parse(s, today, |p| refs.province_codes.contains(p)))
            .transpose();
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
