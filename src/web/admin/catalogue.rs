//! `/admin/katalog`: the violation and sanction catalogues, each row editable (issue 11, defect
//! 7). An edit is the row's next version; cases keep the version they were decided under. A
//! failed edit comes back (422) with every problem and what was typed, the row opened.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::Admin;
use super::catalogue_form::{SanctionForm, ViolationForm, on};
use crate::app::Outcome;
use crate::app::catalogue_admin::{self, CLASSES, DEFAULT_TIERS};
use crate::db::catalogue;
use crate::db::{self};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::forms::{Checked, clean_text};
use crate::web::{AppState, csrf, render};

const PATH: &str = "/admin/katalog";

#[derive(Template)]
#[template(path = "admin/catalogue.html")]
pub struct CataloguePage {
    pub t: Tr,
    pub calendar_warning: Option<super::CalendarWarning>,
    pub csrf: String,
    pub violations: Vec<ViolationForm>,
    /// Each sanction row's form, with its tier, employee type and kind (read-only).
    pub sanctions: Vec<(SanctionForm, String)>,
    /// The row the messages belong to (opened), and the messages.
    pub failed: String,
    pub errors: Vec<crate::web::render::FormError>,
}

impl CataloguePage {
    pub fn classes(&self) -> [&'static str; 3] {
        CLASSES
    }
    pub fn tiers(&self) -> [&'static str; 6] {
        DEFAULT_TIERS
    }
}

async fn page(
    state: &AppState,
    session: &Session,
    t: Tr,
    kept: Kept,
    errors: Vec<String>,
) -> Result<CataloguePage, AppError> {
    let (violations, sanctions) = db::run(&state.pool, |c| {
        Ok::<_, AppError>((catalogue::all_violations(c)?, catalogue::all_sanctions(c)?))
    })
    .await?;
    let failed = match &kept {
        Kept::Violation(f) => f.code.clone(),
        Kept::Sanction(f) => f.code.clone(),
        Kept::Nothing => String::new(),
    };
    let violations = violations
        .into_iter()
        .map(|v| match &kept {
            Kept::Violation(f) if f.code == v.code => f.clone(),
            _ => ViolationForm {
                class_ethics: on(v.allowed_classes.split('|').any(|c| c == "ethics")),
                class_discipline: on(v.allowed_classes.split('|').any(|c| c == "discipline")),
                class_criminal: on(v.allowed_classes.split('|').any(|c| c == "criminal")),
                active: on(v.active),
                code: v.code,
                version: v.version,
                name_id: v.name_id,
                name_en: v.name_en,
                legal_basis: v.legal_basis,
                notes_id: v.notes_id,
                notes_en: v.notes_en,
                default_class: v.default_class,
                default_tier: v.default_tier,
                ..ViolationForm::default()
            },
        })
        .collect();
    let sanctions = sanctions
        .into_iter()
        .map(|s| {
            let who = match s.employee_type.as_str() {
                "ALL" => t.t("admin.catalogue.all_types").to_owned(),
                e => t.t(&format!("employee_type.{e}")).to_owned(),
            };
            let kind = t.t(&format!("admin.catalogue.kind.{}", s.kind)).to_owned();
            let facts = format!("{} · {who} · {kind}", t.label("tier", s.tier));
            (sanction_form(&kept, s), facts)
        })
        .collect();
    Ok(CataloguePage {
        calendar_warning: super::calendar_warning(state, t).await?,
        t,
        csrf: csrf::token(session)?,
        violations,
        sanctions,
        failed,
        errors: errors
            .into_iter()
            .map(crate::web::render::FormError::general)
            .collect(),
    })
}

/// A sanction row's form: as typed when its edit failed, else as the row stands.
fn sanction_form(kept: &Kept, s: catalogue::SanctionRow) -> SanctionForm {
    match kept {
        Kept::Sanction(f) if f.code == s.code => f.clone(),
        _ => SanctionForm {
            active: on(s.active),
            duration_months: s.duration_months.map(|m| m.to_string()).unwrap_or_default(),
            code: s.code,
            version: s.version,
            name_id: s.name_id,
            name_en: s.name_en,
            legal_basis: s.legal_basis,
            ..SanctionForm::default()
        },
    }
}

enum Kept {
    Nothing,
    Violation(ViolationForm),
    Sanction(SanctionForm),
}

pub async fn index(
    _a: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    render::ok(&page(&state, &session, t, Kept::Nothing, vec![]).await?)
}

pub async fn edit_violation(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<ViolationForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (edit, by, key) = (form.edit(), admin.0.id, state.keys.audit().clone());
    let (code, version, reason) = (
        form.code.clone(),
        form.version,
        clean_text(form.reason.trim()),
    );
    let outcome = db::run(&state.pool, move |c| {
        catalogue_admin::edit_violation(c, &key, by, &code, version, &edit, &reason)
    })
    .await?;
    answer(&state, &session, t, outcome, Kept::Violation(form)).await
}

pub async fn edit_sanction(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    form: Checked<SanctionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let Some(edit) = form.edit() else {
        let errors = vec![t.t("admin.catalogue.duration_invalid").to_owned()];
        return refuse(&state, &session, t, Kept::Sanction(form), errors).await;
    };
    let (by, key) = (admin.0.id, state.keys.audit().clone());
    let (code, version, reason) = (
        form.code.clone(),
        form.version,
        clean_text(form.reason.trim()),
    );
    let outcome = db::run(&state.pool, move |c| {
        catalogue_admin::edit_sanction(c, &key, by, &code, version, &edit, &reason)
    })
    .await?;
    answer(&state, &session, t, outcome, Kept::Sanction(form)).await
}

async fn answer(
    state: &AppState,
    session: &Session,
    t: Tr,
    outcome: Outcome<(), Vec<&'static str>>,
    kept: Kept,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Outcome::Done(()) => {
            // The form, the case pages and the sanction choices read the catalogue again now.
            state.refs.forget();
            Ok(render::see_other(PATH))
        }
        Outcome::Invalid(keys) => {
            let errors = keys.iter().map(|k| t.t(k).to_owned()).collect();
            refuse(state, session, t, kept, errors).await
        }
        Outcome::Conflict(_) => Err(AppError::Conflict),
    }
}

async fn refuse(
    state: &AppState,
    session: &Session,
    t: Tr,
    kept: Kept,
    errors: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let p = page(state, session, t, kept, errors).await?;
    render::page(StatusCode::UNPROCESSABLE_ENTITY, &p)
}
