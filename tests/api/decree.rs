//! The PPK's decree (issue 11, defect 6): every missing field is named at once, a decree dated
//! before the recommendation is held back until the form says the date was checked, and the
//! sanction line shows the decree, the start date (TMT) and how long the sentence runs.

use chrono::{Duration, Months};
use netra::domain::workflow::Role;

use crate::case::{act, classified, page, post, state_of};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{TestApp, hidden, spawn_app, t, tf};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(&crate::helpers::today(), "%Y-%m-%d").expect("date")
}

/// A discipline case of Kota Palangkaraya recommended `sanction`, awaiting the PPK, with its
/// BKPSDM user signed in.
async fn awaiting_ppk(sanction: &str) -> (TestApp, String, reqwest::Client, String) {
    let app = spawn_app().await;
    // The form's agency is Kota Palangkaraya.
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
    assert_eq!(
        act(
            &app,
            &insp,
            &number,
            "recommend",
            "",
            &[("sanction", sanction)]
        )
        .await,
        303
    );
    (app, number, bkpsdm, secret)
}

#[actix_web::test]
async fn the_decree_form_names_every_problem_warns_on_an_early_date_and_the_line_shows_the_tmt() {
    // A sedang sentence of 12 months: the decree needs its start date.
    let (app, number, bkpsdm, secret) = awaiting_ppk("S3").await;
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(
        shows(&html, &tf("case.staff.sanction_months", "12")),
        "the duration"
    );
    assert!(shows(&html, t("case.staff.sanction_awaiting")));

    // Nothing filled in: every problem named on one answer, nothing written.
    let v = hidden(&html, "version");
    let empty = [
        ("action", "record_decision"),
        ("detail", ""),
        ("reason", ""),
        ("version", v.as_str()),
        ("sk_file", "none"),
    ];
    let res = post(&app, &bkpsdm, &number, "/aksi", &empty).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    for key in [
        "case.staff.sk_required",
        "case.staff.sk_date_invalid",
        "case.staff.start_required",
        "case.staff.reason_required",
        "case.staff.sk_file_required",
        "case.doc.file_again",
    ] {
        assert!(shows(&html, t(key)), "{key} named at once");
    }
    assert_eq!(state_of(&app, &number), "awaiting_ppk");

    // Dated before the recommendation: held back with the warning, what was typed kept, and the
    // form now asks whether the date was checked.
    let early = (today() - Duration::days(40))
        .format("%Y-%m-%d")
        .to_string();
    let decree = [
        ("sk_number", "800/17/BKPSDM/2026"),
        ("sk_date", early.as_str()),
        ("start_date", early.as_str()),
    ];
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(
        !shows(&html, t("case.staff.sk_date_checked")),
        "not asked yet"
    );
    let v = hidden(&html, "version");
    let mut fields = vec![
        ("action", "record_decision"),
        ("detail", ""),
        ("reason", "SK diterima"),
        ("version", v.as_str()),
    ];
    fields.extend_from_slice(&decree);
    let res = post(&app, &bkpsdm, &number, "/aksi", &fields).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(shows(&html, t("case.staff.sk_before_recommendation")));
    assert!(
        shows(&html, t("case.staff.sk_date_checked")),
        "the box offered"
    );
    assert!(html.contains("value=\"800/17/BKPSDM/2026\""), "kept");
    assert_eq!(state_of(&app, &number), "awaiting_ppk");

    // Checked: recorded, and the line shows the decree, its date, the TMT and the last day.
    fields.push(("sk_date_checked", "yes"));
    assert_eq!(
        post(&app, &bkpsdm, &number, "/aksi", &fields)
            .await
            .status(),
        303
    );
    assert_eq!(state_of(&app, &number), "decided");
    let start = today() - Duration::days(40);
    let last = start + Months::new(12) - Duration::days(1);
    let d = |x: chrono::NaiveDate| x.format("%d-%m-%Y").to_string();
    let (_, html) = page(&app, &bkpsdm, &number).await;
    for part in [
        tf("case.staff.sanction_sk", "800/17/BKPSDM/2026"),
        tf("case.staff.sanction_sk_date", &d(start)),
        tf("case.staff.sanction_tmt", &d(start)),
        tf("case.staff.sanction_until", &d(last)),
    ] {
        assert!(shows(&html, &part), "{part}");
    }
    assert!(!shows(&html, t("case.staff.sanction_awaiting")));
    // The scan is the case's SK document, audited with its hash.
    assert!(shows(&html, "SK 800/17/BKPSDM/2026") && shows(&html, t("doc.sk")));
    // The reporter learns that a decision was made and its kind; never the decree.
    let status = app.reporter_opens(&number, &secret).await;
    assert!(shows(&status, t("status.decision.sedang")));
    assert!(!status.contains("800/17/BKPSDM/2026") && !status.contains("sk-"));
}

#[actix_web::test]
async fn a_decree_dated_after_the_recommendation_needs_no_check() {
    let (app, number, bkpsdm, _) = awaiting_ppk("S1").await;
    let on = today().format("%Y-%m-%d").to_string();
    let decree = [
        ("sk_number", "800/18/2026"),
        ("sk_date", on.as_str()),
        ("start_date", on.as_str()),
    ];
    assert_eq!(
        act(&app, &bkpsdm, &number, "record_decision", "", &decree).await,
        303
    );
    assert_eq!(state_of(&app, &number), "decided");
}
