//! Upaya administratif (issue 11, "Administrative objection"; PP 79/2021): after the decree,
//! BKPSDM records the keberatan or banding the ASN filed, inside the window counted in working
//! days from the decree's date (a later filing only when staff say why), then its outcome with the
//! decision letter's scan. A changed sentence replaces the decreed one, which stays on record;
//! an annulled decree sends the case to the "cancelled" bucket. BKPSDM's step, the case's agency.

use chrono::Duration;
use diesel::prelude::*;
use netra::db::schema::{objections, reports, sanctions};
use netra::domain::workflow::Role;

use crate::case::{act, classified, page, state_of};

use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::{select_text, shows, squash};
use crate::helpers::{TestApp, hidden, spawn_app, t, tf};

fn day(offset: i64) -> String {
    let today =
        chrono::NaiveDate::parse_from_str(&crate::helpers::today(), "%Y-%m-%d").expect("date");
    (today + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// A discipline case of Kota Palangkaraya with `sanction` decreed on `sk_date`, and its
/// inspector and BKPSDM user signed in.
async fn decided(
    sanction: &str,
    sk_date: &str,
) -> (TestApp, String, String, reqwest::Client, reqwest::Client) {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    classified(&app, &insp, &number, "discipline").await;
    let rec = [("sanction", sanction)];
    assert_eq!(act(&app, &insp, &number, "recommend", "", &rec).await, 303);
    let decree = [
        ("sk_number", "800/21/BKPSDM/2026"),
        ("sk_date", sk_date),
        ("start_date", sk_date),
        ("sk_date_checked", "yes"),
    ];
    assert_eq!(
        act(&app, &bkpsdm, &number, "record_decision", "", &decree).await,
        303
    );
    assert_eq!(state_of(&app, &number), "decided");
    (app, number, secret, insp, bkpsdm)
}

use crate::case::act_page as step;

/// When the case's running deadline ends.
fn deadline_of(app: &TestApp, number: &str) -> Option<chrono::NaiveDateTime> {
    app.db(|c| {
        reports::table
            .filter(reports::case_number.eq(number))
            .select(reports::deadline_at)
            .first(c)
            .expect("deadline")
    })
}

#[actix_web::test]
async fn a_late_keberatan_is_held_until_accepted_and_a_changed_sentence_replaces_the_decree() {
    // Decreed 60 days ago: the 14-working-day window has passed.
    let sk = day(-60);
    let (app, number, secret, insp, bkpsdm) = decided("S3", &sk).await;
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(shows(&html, t("action.file_objection")));
    assert!(html.contains(&t("case.objection.window").replace("{arg}", "")));

    // The inspectorate does not record it (403); another agency's BKPSDM never sees the case.
    let filing = [("objection_kind", "keberatan"), ("filed_on", &*day(0))];
    let filing: Vec<(&str, &str)> = filing.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        step(&app, &insp, &number, "file_objection", "", &filing)
            .await
            .0,
        403
    );
    let banjar = staff(&app, "bkpsdm@banjarkab.go.id", Role::Bkpsdm, Some("63.03")).await;
    // With a good token (from its own dashboard): the case is not there.
    let (_, dash) = crate::helpers::actors::dashboard(&app, &banjar, "").await;
    let csrf = hidden(&dash, "csrf");
    let (_, html) = page(&app, &bkpsdm, &number).await;
    let v = hidden(&html, "version");
    let mut forged = vec![
        ("csrf", csrf.as_str()),
        ("action", "file_objection"),
        ("reason", "x"),
        ("version", v.as_str()),
    ];
    forged.extend_from_slice(&filing);
    let res = banjar
        .post(app.url(&format!("/dashboard/cases/{number}/aksi")))
        .form(&forged)
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 404);

    // Nothing chosen: both problems at once; late: held back, the box offered, typing kept.
    let (status, html) = step(&app, &bkpsdm, &number, "file_objection", "", &[]).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.staff.objection_kind_required")));
    assert!(shows(&html, t("case.staff.objection_date_invalid")));
    let (status, html) = step(&app, &bkpsdm, &number, "file_objection", "", &filing).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.staff.objection_late")));
    assert!(
        shows(&html, t("case.objection.late_checked")),
        "the box offered"
    );
    assert!(
        html.contains(&format!("value=\"{}\"", day(0))),
        "the date kept"
    );
    assert_eq!(state_of(&app, &number), "decided");

    let mut accepted = filing.clone();
    accepted.push(("late_checked", "yes"));
    assert_eq!(
        step(&app, &bkpsdm, &number, "file_objection", "", &accepted)
            .await
            .0,
        303
    );
    assert_eq!(state_of(&app, &number), "objection");
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(shows(&html, t("objection_kind.keberatan")));
    assert!(shows(&html, t("case.objection.pending")));
    // The superior's time runs as the case's deadline.
    let deadline = deadline_of(&app, &number);
    assert!(deadline.is_some_and(|d| d > netra::db::now() + Duration::days(21)));

    // The outcome: every missing field named at once, the scan required, nothing written.
    let (status, html) = step(
        &app,
        &bkpsdm,
        &number,
        "resolve_objection",
        "changed",
        &[("sk_file", "none")],
    )
    .await;
    assert_eq!(status, 422);
    for key in [
        "case.staff.objection_number_required",
        "case.staff.objection_decision_date_invalid",
        "case.staff.objection_file_required",
        "case.staff.sanction_required",
    ] {
        assert!(shows(&html, t(key)), "{key}");
    }
    assert_eq!(state_of(&app, &number), "objection");

    // Changed to a lighter sedang sentence (6 months) from today.
    let today = day(0);
    let decision = [
        ("decision_number", "KEP-7/2026"),
        ("decision_date", today.as_str()),
        ("sanction", "S1"),
        ("start_date", today.as_str()),
    ];
    let (status, _) = step(
        &app,
        &bkpsdm,
        &number,
        "resolve_objection",
        "changed",
        &decision,
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(state_of(&app, &number), "objection_decided");
    let rows: Vec<(String, Option<String>, bool)> = app.db(|c| {
        sanctions::table
            .inner_join(reports::table.on(reports::id.eq(sanctions::report_id)))
            .filter(reports::case_number.eq(&number))
            .order(sanctions::id.asc())
            .select((
                sanctions::sanction_code,
                sanctions::sk_number,
                sanctions::superseded_at.is_not_null(),
            ))
            .load(c)
            .expect("sanctions")
    });
    assert_eq!(
        rows,
        vec![
            ("S3".into(), Some("800/21/BKPSDM/2026".into()), true),
            ("S1".into(), Some("KEP-7/2026".into()), false),
        ]
    );
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(shows(&html, t("case.staff.sanction_superseded")));
    assert!(shows(&html, &tf("case.staff.sanction_sk", "KEP-7/2026")));
    assert!(shows(&html, t("objection_outcome.changed")));
    assert!(shows(&html, "Keputusan KEP-7/2026") && shows(&html, t("doc.objection")));

    assert_eq!(step(&app, &bkpsdm, &number, "close", "", &[]).await.0, 303);
    assert_eq!(state_of(&app, &number), "closed");
    // The printable case file carries the objection and both sentences.
    let file = bkpsdm
        .get(app.url(&format!("/dashboard/cases/{number}/berkas")))
        .send()
        .await
        .expect("GET");
    let file = file.text().await.expect("body");
    assert!(shows(&file, t("case.objection.title")) && shows(&file, "KEP-7/2026"));
    assert!(shows(&file, t("case.staff.sanction_superseded")));
    // The reporter never sees the decision letter.
    let status = app.reporter_opens(&number, &secret).await;
    assert!(!status.contains("KEP-7/2026"));
}

#[actix_web::test]
async fn a_banding_gives_bpasn_its_time_and_an_annulled_decree_is_cancelled() {
    let (app, number, _, _, bkpsdm) = decided("S1", &day(0)).await;
    // A scan sent with a step that takes none (a forged multipart post) is refused, not kept.
    let (_, html) = page(&app, &bkpsdm, &number).await;
    let scan = reqwest::multipart::Part::bytes(crate::evidence_metadata::pdf_naming_its_author())
        .file_name("x.pdf");
    let form = reqwest::multipart::Form::new()
        .text("csrf", hidden(&html, "csrf"))
        .text("version", hidden(&html, "version"))
        .text("action", "file_objection")
        .text("reason", "x")
        .text("objection_kind", "banding")
        .text("filed_on", day(0))
        .part("sk_file", scan);
    let res = bkpsdm
        .post(app.url(&format!("/dashboard/cases/{number}/keputusan")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 400);
    assert_eq!(state_of(&app, &number), "decided");
    let filing = [("objection_kind", "banding"), ("filed_on", &*day(0))];
    let filing: Vec<(&str, &str)> = filing.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        step(&app, &bkpsdm, &number, "file_objection", "", &filing)
            .await
            .0,
        303
    );
    let deadline = deadline_of(&app, &number);
    // 65 working days: past three calendar months.
    assert!(deadline.is_some_and(|d| d > netra::db::now() + Duration::days(90)));
    // Once that time has passed, the agency's staff are told, as for any running deadline.
    let at = crate::alerts::wednesday(&app);
    crate::alerts::set_deadline(&app, &number, at - Duration::hours(1));
    assert_eq!(crate::alerts::alerts_at(&app, at).missed, 1);
    let mut told: Vec<String> = crate::alerts::queued(&app, "deadline_missed")
        .into_iter()
        .map(|(_, to)| to)
        .collect();
    told.sort();
    assert_eq!(
        told,
        ["bkpsdm@palangkaraya.go.id", "inspektur@palangkaraya.go.id"]
    );
    // A decision dated before the filing is refused.
    let early = [("decision_number", "BPASN-1"), ("decision_date", &*day(-1))];
    let early: Vec<(&str, &str)> = early.iter().map(|(k, v)| (*k, *v)).collect();
    let (status, html) = step(
        &app,
        &bkpsdm,
        &number,
        "resolve_objection",
        "annulled",
        &early,
    )
    .await;
    assert_eq!(status, 422);
    assert!(shows(
        &html,
        t("case.staff.objection_decision_date_invalid")
    ));

    let ok = [("decision_number", "BPASN-1"), ("decision_date", &*day(0))];
    let ok: Vec<(&str, &str)> = ok.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        step(&app, &bkpsdm, &number, "resolve_objection", "annulled", &ok)
            .await
            .0,
        303
    );
    assert_eq!(state_of(&app, &number), "annulled");
    let (outcome, standing): (Option<String>, i64) = app.db(|c| {
        let id: i64 = reports::table
            .filter(reports::case_number.eq(&number))
            .select(reports::id)
            .first(c)
            .expect("id");
        let outcome = objections::table
            .find(id)
            .select(objections::outcome)
            .first(c)
            .expect("objection");
        let standing = sanctions::table
            .filter(sanctions::report_id.eq(id))
            .filter(sanctions::superseded_at.is_null())
            .count()
            .get_result(c)
            .expect("count");
        (outcome, standing)
    });
    assert_eq!(outcome.as_deref(), Some("annulled"));
    assert_eq!(standing, 0, "an annulled decree sanctions nobody");
    // Closed: nothing more to do, and the bucket says cancelled.
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(!shows(&html, t("action.close")));
    let (_, dash) = crate::helpers::actors::dashboard(&app, &bkpsdm, "").await;
    let cancelled = format!("{}: 1{}", t("bucket.cancelled"), t("bucket.states"));
    assert!(
        select_text(&dash, "details.buckets li")
            .iter()
            .any(|r| squash(r).starts_with(&cancelled)),
        "one case cancelled"
    );
}
