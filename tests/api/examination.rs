//! The examination as it happens (issue 11): summons I and II with the notice rule, attendance,
//! a hearing without the reported person only after both were missed, the BAP kept as a case
//! document; BKPSDM may not record them, another agency gets 404, a case not in examination 409.

use chrono::Duration;
use diesel::prelude::*;
use netra::db::schema::{audit_log, case_documents, hearings, summonses};
use netra::domain::workflow::Role;

use crate::case::{act, page, post};
use crate::evidence_metadata::pdf_naming_its_author;
use crate::helpers::actors::{dashboard, palangkaraya_inspector, staff};
use crate::helpers::html::{select_attr, shows};
use crate::helpers::{TestApp, hidden, spawn_app, t};

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

pub async fn summon(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    letter: i64,
    appear: i64,
) -> (u16, String) {
    let (_, html) = page(app, c, number).await;
    let seen = select_attr(&html, "input[name=seen]", "value")
        .into_iter()
        .next()
        .unwrap_or_default();
    let (letter, appear) = (day(letter), day(appear));
    let fields = [
        ("seen", seen.as_str()),
        ("letter_number", "800/PAN/2026"),
        ("letter_date", letter.as_str()),
        ("appear_on", appear.as_str()),
        ("place", "Ruang Inspektorat"),
    ];
    let res = post(app, c, number, "/panggilan", &fields).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

pub async fn attended(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    round: u8,
    outcome: &str,
) -> (u16, String) {
    let (_, html) = page(app, c, number).await;
    let seen = hidden(&html, "seen");
    let fields = [("seen", seen.as_str()), ("outcome", outcome)];
    let res = post(app, c, number, &format!("/panggilan/{round}"), &fields).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

pub async fn hearing(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    present: bool,
    members: &str,
    bap: bool,
) -> (u16, String) {
    let (_, html) = page(app, c, number).await;
    let first = |css: &str| {
        select_attr(&html, css, "value")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let mut form = reqwest::multipart::Form::new()
        .text("csrf", first("input[name=csrf]"))
        .text("seen", first("input[name=seen]"))
        .text("body", "team")
        .text("held_on", day(0))
        .text("members", members.to_owned());
    if present {
        form = form.text("asn_present", "yes");
    }
    if bap {
        let part = reqwest::multipart::Part::bytes(pdf_naming_its_author()).file_name("bap.pdf");
        form = form.part("bap", part);
    }
    let res = c
        .post(app.url(&format!("/dashboard/cases/{number}/sidang")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

const MEMBERS: &str =
    "Drs. A, Kepala Dinas (atasan langsung)\nB, Inspektur Pembantu\nC, Kabid BKPSDM";

#[actix_web::test]
async fn two_missed_summonses_then_a_hearing_on_the_evidence_with_its_bap() {
    let app = spawn_app().await;
    let (number, _) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    for a in ["start_verification", "register"] {
        assert_eq!(act(&app, &insp, &number, a, "", &[]).await, 303);
    }
    // Not in examination yet: the case moved on? No: it has not got there (409).
    assert_eq!(summon(&app, &insp, &number, -120, -90).await.0, 409);
    assert_eq!(
        act(&app, &insp, &number, "start_examination", "", &[]).await,
        303
    );

    // Too little notice: refused with the earliest day.
    let (status, html) = summon(&app, &insp, &number, 0, 2).await;
    assert_eq!(status, 422);
    assert!(html.contains(&t("case.summons.too_soon").replace(" {arg}.", "")));
    assert!(html.contains("value=\"Ruang Inspektorat\""), "kept");
    // Without the ASN, before two summonses were missed: refused.
    let (status, html) = hearing(&app, &insp, &number, false, MEMBERS, true).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.hearing.absent_too_early")));

    assert_eq!(summon(&app, &insp, &number, -120, -90).await.0, 303);
    let (status, html) = summon(&app, &insp, &number, -60, -30).await;
    assert_eq!(
        status, 422,
        "not before the first one's attendance is known"
    );
    assert!(shows(&html, t("case.summons.outcome_first")));
    assert_eq!(attended(&app, &insp, &number, 1, "absent").await.0, 303);
    assert_eq!(
        attended(&app, &insp, &number, 1, "attended").await.0,
        422,
        "once"
    );
    // The second must leave the interval after the first one's day.
    assert_eq!(summon(&app, &insp, &number, -100, -89).await.0, 422);
    assert_eq!(summon(&app, &insp, &number, -60, -30).await.0, 303);
    assert_eq!(attended(&app, &insp, &number, 2, "absent").await.0, 303);
    let (status, html) = summon(&app, &insp, &number, -10, 30).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.summons.no_third")));
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, t("case.summons.absent_twice")));

    // The hearing: every problem at once, then recorded with its BAP.
    let (status, html) = hearing(&app, &insp, &number, false, "", false).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.hearing.members_required")));
    assert!(shows(&html, t("case.hearing.bap_required")));
    assert_eq!(
        hearing(&app, &insp, &number, false, MEMBERS, true).await.0,
        303
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, "Inspektur Pembantu") && shows(&html, t("case.hearing.absent")));
    assert!(shows(&html, t("doc.bap")));
    let (rounds, heard, baps, audited): (i64, i64, i64, i64) = app.db(|c| {
        let n = |q: diesel::QueryResult<i64>| q.expect("count");
        (
            n(summonses::table.count().get_result(c)),
            n(hearings::table.count().get_result(c)),
            n(case_documents::table
                .filter(case_documents::kind.eq("bap"))
                .count()
                .get_result(c)),
            n(audit_log::table
                .filter(audit_log::action.eq_any([
                    "summons_sent",
                    "summons_answered",
                    "hearing_held",
                ]))
                .count()
                .get_result(c)),
        )
    });
    assert_eq!((rounds, heard, baps, audited), (2, 1, 1, 5));
}

#[actix_web::test]
async fn only_the_examiners_of_the_agency_record_the_examination() {
    let app = spawn_app().await;
    let (number, _) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    for a in ["start_verification", "register", "start_examination"] {
        assert_eq!(act(&app, &insp, &number, a, "", &[]).await, 303);
    }
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    assert_eq!(summon(&app, &bkpsdm, &number, -120, -90).await.0, 403);
    let other = staff(
        &app,
        "inspektur@banjar.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    // Another agency, with a good token (from its own dashboard): the case is not there.
    let (_, html) = dashboard(&app, &other, "").await;
    let csrf = hidden(&html, "csrf");
    let res = other
        .post(app.url(&format!("/dashboard/cases/{number}/panggilan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("letter_number", "1"),
            ("letter_date", &day(-120)),
            ("appear_on", &day(-90)),
            ("place", "x"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 404);
    let count: i64 = app.db(|c| summonses::table.count().get_result(c).expect("n"));
    assert_eq!(count, 0);
}
