//! The printable case file (issue 11, "A printable case file"): one page per case for the file the
//! PPK signs: the facts, the intake, the violations and sanctions with their legal basis, the
//! examination, the decree, the documents and the timeline. Never the reporter's identity, their
//! witnesses or the messages: it is read without an identity grant and shows none of those. The
//! page prints on A4 through its print stylesheet (no navigation, no forms).

use actix_web::{HttpResponse, web};
use askama::Template;

use super::case_page::CasePage;
use super::session::Staff;
use crate::app::case_read;
use crate::db;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::paths::CasePath;
use crate::web::{AppState, render};

#[derive(Template)]
#[template(path = "staff/case_file.html")]
pub struct CaseFilePage {
    pub t: Tr,
    pub p: CasePage,
    /// "Kode etik", "Disiplin", … or "—".
    pub classification: String,
    /// The case's tier in words, or "—".
    pub tier: String,
    /// When it was printed, in the agency's time.
    pub printed: String,
}

pub async fn show(
    staff: Staff,
    state: web::Data<AppState>,
    t: Tr,
    CasePath(number): CasePath,
) -> Result<HttpResponse, AppError> {
    render::ok(&load(&staff, &state, t, number).await?.0)
}

/// The case file of `number` as this staff member may read it, and its case id.
pub(super) async fn load(
    staff: &Staff,
    state: &web::Data<AppState>,
    t: Tr,
    number: crate::domain::receipt::CaseNumber,
) -> Result<(CaseFilePage, crate::domain::ids::ReportId), AppError> {
    let (keys, who) = (state.keys.clone(), staff.user());
    let refs = state.refs.load(&state.pool).await?;
    let english = t.lang == crate::i18n::Lang::En;
    let data = db::run(&state.pool, move |c| {
        case_read::read(c, &who, &number, &keys, &refs, None, english)
    })
    .await?;
    let word = |family: &str, v: Option<&str>| {
        v.map_or_else(
            || "—".to_owned(),
            |v| t.t(&format!("{family}.{v}")).to_owned(),
        )
    };
    let classification = word(
        "classification",
        data.report.classification.map(|c| c.as_str()),
    );
    let tier = word("tier", data.report.tier.map(|c| c.as_str()));
    let printed = data.tz.display(db::now());
    let report_id = data.report.id;
    let p = CasePage::build(t, String::new(), data, staff.role, vec![]);
    let file = CaseFilePage {
        t,
        p,
        classification,
        tier,
        printed,
    };
    Ok((file, report_id))
}
