//! Cases staff open themselves (issue 11, "Intake channel"): a Bawaslu referral with its letter,
//! no reporter and no NIP; the form's rules; the same form sent twice; who may open one and where
//! the case goes.

use diesel::prelude::*;
use netra::db::schema::{audit_log, referrals, report_reporters, reports};
use netra::domain::workflow::Role;

use crate::alerts::queued;
use crate::case::{act, page, post, state_of};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{ReportForm, TestApp, hidden, spawn_app, t, today_minus};

/// The staff form as `c` gets it, filled like the public one but with the letter instead of the
/// reporter: a Bawaslu referral about a person whose NIP nobody knows.
pub async fn referral(app: &TestApp, c: &reqwest::Client) -> ReportForm {
    let res = c
        .get(app.url("/dashboard/kasus-baru"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("body");
    let (csrf, token) = (hidden(&html, "csrf"), hidden(&html, "submission_token"));
    ReportForm::valid(&csrf, &token)
        .set("identity_mode", None)
        .set("declaration", None)
        .set("asn_id", Some(""))
        .set("channel", Some("bawaslu"))
        .set("letter_number", Some("045/PP.01.02/K.KH-10/XII/2026"))
        .set("letter_date", Some(&today_minus(1)))
        .set("sender", Some("Bawaslu Kota Palangka Raya"))
}

pub async fn send(app: &TestApp, c: &reqwest::Client, form: &ReportForm) -> reqwest::Response {
    c.post(app.url("/dashboard/kasus-baru"))
        .multipart(form.to_multipart())
        .send()
        .await
        .expect("POST")
}

pub fn number_in(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.strip_prefix("/dashboard/cases/"))
        .expect("to the case")
        .to_owned()
}

#[actix_web::test]
async fn a_bawaslu_referral_without_a_reporter_or_a_nip_becomes_a_case_of_the_agency() {
    let app = spawn_app().await;
    let insp = palangkaraya_inspector(&app).await;
    staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    let form = referral(&app, &insp).await;

    // Every problem at once, what was typed kept: the letter, and (no NIP) the unit.
    let bad = form
        .clone()
        .set("letter_number", Some(""))
        .set("unit", Some(""));
    let res = send(&app, &insp, &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(shows(&html, t("intake.letter_required")));
    assert!(html.contains("aria-invalid=true aria-describedby=e-unit"));
    assert!(
        html.contains("value=\"Bawaslu Kota Palangka Raya\""),
        "kept"
    );
    assert!(
        !html.contains("name=\"reporter_name\""),
        "no reporter on this form"
    );
    assert_eq!(
        app.db(|c| reports::table.count().get_result::<i64>(c)),
        Ok(0)
    );

    let res = send(&app, &insp, &form).await;
    assert_eq!(res.status(), 303);
    let number = number_in(&res);
    // The same form sent again opens nothing new.
    let again = send(&app, &insp, &form).await;
    assert_eq!(number_in(&again), number);
    assert_eq!(
        app.db(|c| reports::table.count().get_result::<i64>(c)),
        Ok(1)
    );

    let (_, html) = page(&app, &insp, &number).await;
    for text in [
        t("channel.bawaslu"),
        "045/PP.01.02/K.KH-10/XII/2026",
        "Bawaslu Kota Palangka Raya",
        t("case.staff.no_reporter"),
        t("case.staff.identity_unknown"),
    ] {
        assert!(shows(&html, text), "{text}");
    }
    assert_eq!(state_of(&app, &number), "submitted");
    let n = number.clone();
    let (channel, reporters, letters, reason): (String, i64, i64, Option<String>) = app.db(|c| {
        let (id, channel): (i64, String) = reports::table
            .filter(reports::case_number.eq(&n))
            .select((reports::id, reports::channel))
            .first(c)
            .expect("case");
        let reporters = report_reporters::table
            .filter(report_reporters::report_id.eq(id))
            .count()
            .get_result(c)
            .expect("count");
        let letters = referrals::table
            .filter(referrals::report_id.eq(id))
            .count()
            .get_result(c)
            .expect("count");
        let reason = audit_log::table
            .filter(audit_log::report_id.eq(id))
            .filter(audit_log::action.eq("case_opened"))
            .select(audit_log::reason)
            .first(c)
            .expect("audited");
        (channel, reporters, letters, reason)
    });
    assert_eq!((channel.as_str(), reporters, letters), ("bawaslu", 0, 1));
    assert!(
        reason.is_some_and(|r| r.contains("045/PP.01.02/K.KH-10/XII/2026")),
        "the letter in the audit row"
    );
    // Nobody to ask or to write to: no question offered or taken, messages are notes.
    assert!(shows(&html, t("case.staff.notes_only")));
    assert!(!html.contains("value=\"request_info\""));
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    let ask = [("question", "Siapa saksinya?")];
    assert_eq!(
        act(&app, &insp, &number, "request_info", "", &ask).await,
        422
    );
    let to_reporter = [("body", "Mohon kirim bukti."), ("to", "reporter")];
    let res = post(&app, &insp, &number, "/pesan", &to_reporter).await;
    assert_eq!(res.status(), 422);
    assert!(shows(
        &res.text().await.expect("body"),
        t("case.staff.no_reporter_to_write")
    ));
    let note = [("body", "Bukti diminta ke Bawaslu."), ("to", "note")];
    assert_eq!(
        post(&app, &insp, &number, "/pesan", &note).await.status(),
        303
    );
    // BKPSDM hears of it; the inspector who opened it is not told of their own case.
    let told: Vec<String> = queued(&app, "new_case")
        .into_iter()
        .map(|(_, to)| to)
        .collect();
    assert_eq!(told, ["bkpsdm@palangkaraya.go.id"]);
}

#[actix_web::test]
async fn an_internal_finding_needs_no_letter_and_national_staff_name_the_agency() {
    let app = spawn_app().await;
    let national = staff(&app, "bkn@bkn.go.id", Role::National, None).await;
    let form = referral(&app, &national)
        .await
        .set("channel", Some("internal"))
        .set("letter_number", Some(""))
        .set("letter_date", Some(""))
        .set("sender", Some(""));
    let res = send(&app, &national, &form.clone().set("agency", Some(""))).await;
    assert_eq!(
        res.status(),
        422,
        "national staff must say whose case it is"
    );
    let res = send(&app, &national, &form).await;
    assert_eq!(res.status(), 303);
    let number = number_in(&res);
    let (_, html) = page(&app, &national, &number).await;
    assert!(shows(&html, t("channel.internal")));
    assert!(shows(&html, "Pemerintah Kota Palangkaraya"));
}

#[actix_web::test]
async fn admins_may_not_open_cases_and_agency_staff_open_them_in_their_own_agency_only() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin@netra.go.id", Role::Admin, None).await;
    let res = admin
        .get(app.url("/dashboard/kasus-baru"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), 403);
    let other = staff(
        &app,
        "inspektur@banjar.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    // An agency named on the form is ignored: the case is the opener's agency's.
    let form = referral(&app, &other).await;
    let res = send(&app, &other, &form).await;
    assert_eq!(res.status(), 303);
    let number = number_in(&res);
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        page(&app, &insp, &number).await.0,
        404,
        "not Palangkaraya's case"
    );
    assert_eq!(page(&app, &other, &number).await.0, 200);
    // The admin's post is refused before anything is read.
    let res = send(&app, &admin, &form).await;
    assert_eq!(res.status(), 403);
}
