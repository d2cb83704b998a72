//! The case file as PDF: the same content as the printable page (`templates/staff/case_file.html`),
//! in the same order, laid out by `web::pdf`. Never the reporter's identity, witnesses or messages:
//! the page data it is made from holds none of them (read without an identity grant).

use actix_web::{HttpResponse, web};

use super::case_file::CaseFilePage;
use super::session::Staff;
use crate::db;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::paths::CasePath;
use crate::web::pdf::Block::{self, Fact, Heading, Item, ItemNote, Para, Small, Title};
use crate::web::{AppState, render};

/// The same file as PDF (A4), its download recorded in the audit log.
pub async fn pdf(
    staff: Staff,
    state: web::Data<AppState>,
    t: Tr,
    CasePath(number): CasePath,
) -> Result<HttpResponse, AppError> {
    let (file, report_id) = super::case_file::load(&staff, &state, t, number).await?;
    let title = format!("{} {}", t.t("case_file.title"), file.p.number);
    let blocks = blocks(&file);
    // Layout, font subsetting and writing take CPU: off the async workers.
    let lang = t.code();
    let bytes = web::block(move || crate::web::pdf::render(&title, lang, &title, &blocks))
        .await
        .map_err(|e| e.to_string())
        .and_then(|made| made)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("case file PDF: {e}")))?;
    let (key, who) = (state.keys.audit().clone(), staff.user());
    db::run(&state.pool, move |c| {
        crate::app::case_file_export::record(c, &key, &who, report_id)
    })
    .await?;
    let name = format!("berkas-{}.pdf", file.p.number);
    Ok(render::pdf(&name, bytes))
}

pub fn blocks(f: &CaseFilePage) -> Vec<Block> {
    let (t, p) = (f.t, &f.p);
    let s = |k: &str| t.t(k).to_owned();
    let mut b = vec![
        Title(format!("{} {}", s("case_file.title"), p.number)),
        Small(format!(
            "{} {} · {}",
            s("case_file.printed"),
            f.printed,
            s("case_file.confidential")
        )),
        Heading(s("case_file.case")),
        Fact(s("case.agency"), p.agency.clone()),
        Fact(s("case_file.state"), p.state.clone()),
        Fact(s("form.asn_id"), p.person_id.clone()),
    ];
    b.extend(
        p.facts
            .iter()
            .map(|x| Fact(x.label.clone(), x.value.clone())),
    );
    b.push(Fact(
        s("case_file.classification"),
        f.classification.clone(),
    ));
    b.push(Fact(s("case_file.tier"), f.tier.clone()));

    b.push(Heading(s("form.violations")));
    for v in &p.violations {
        b.push(Item(format!("{} {}", v.code, v.name)));
        b.push(ItemNote(v.legal_basis.clone()));
        if !v.notes.is_empty() {
            b.push(ItemNote(v.notes.clone()));
        }
    }
    b.push(Heading(s("form.description")));
    b.push(Para(p.description.clone()));
    if !p.links.is_empty() {
        b.push(Heading(s("form.links")));
        b.extend(p.links.iter().map(|l| Item(l.clone())));
    }

    b.push(Heading(s("case.staff.sanctions")));
    if p.sanctions.is_empty() {
        b.push(Para("—".into()));
    }
    b.extend(p.sanctions.iter().map(|x| Item(x.clone())));
    if !p.objection.facts.is_empty() {
        b.push(Heading(s("case.objection.title")));
        b.extend(
            p.objection
                .facts
                .iter()
                .map(|x| Fact(x.label.clone(), x.value.clone())),
        );
    }
    if p.exam.shown {
        b.push(Heading(s("case.exam.title")));
        for x in &p.exam.summonses {
            b.push(Item(format!(
                "{}: {}. {} {}, {}. {}",
                t.f("case.summons.round", &x.round.to_string()),
                x.letter,
                s("case.summons.appear_on"),
                x.appear_on,
                x.place,
                x.outcome
            )));
        }
        for h in &p.exam.hearings {
            b.push(Item(format!(
                "{}, {} ({}). {}: {}",
                h.body,
                h.held_on,
                h.presence,
                s("case.hearing.members"),
                h.members.join(", ")
            )));
        }
    }

    b.push(Heading(s("case.doc.title")));
    if p.documents.is_empty() {
        b.push(Para("—".into()));
    }
    for d in &p.documents {
        b.push(Item(format!("{}: {} ({})", d.kind, d.title, d.when)));
        b.push(ItemNote(format!("SHA-256 {}", d.sha256)));
    }

    b.push(Heading(s("case.timeline")));
    b.extend(
        p.timeline
            .iter()
            .map(|e| Item(format!("{} · {}: {}", e.when, e.who, e.what))),
    );
    b.push(Small(s("case_file.no_reporter_data")));
    b
}
