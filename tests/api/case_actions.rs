//! What staff do on a case, at its edges: the person's history never lists another agency's
//! cases, forwarding drops the old handler, a duplicate must point at a case the user may see,
//! typed input survives a 422, the sanction combinations, admins do not message reporters.

use diesel::prelude::*;
use netra::domain::workflow::Role;

use crate::case::{act, page, post};
use crate::helpers::actors::{file_in, palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{hidden, spawn_app, tf};

#[actix_web::test]
async fn the_history_never_lists_another_agencys_cases_only_counts_them() {
    let app = spawn_app().await;
    let own = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let own2 = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let foreign = file_in(&app, "Pemerintah Kabupaten Banjar", "63", "63.03").await;
    let pky = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &pky, &own).await;
    assert!(html.contains(&own2) && !html.contains(&foreign));
    assert!(shows(&html, &tf("case.staff.elsewhere", "1")));
    let bkn = staff(&app, "pengawas@bkn.go.id", Role::National, None).await;
    let (_, html) = page(&app, &bkn, &own).await;
    assert!(html.contains(&foreign), "national staff see every agency");
}

#[actix_web::test]
async fn forwarding_drops_the_old_agencys_handler() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    let me: i64 = app.db(|c| {
        use netra::db::schema::users;
        users::table
            .filter(users::email.eq("inspektur@palangkaraya.go.id"))
            .select(users::id)
            .first(c)
            .expect("me")
    });
    let (_, html) = page(&app, &insp, &n).await;
    let v = hidden(&html, "version");
    assert_eq!(
        post(
            &app,
            &insp,
            &n,
            "/tugaskan",
            &[("handler", &me.to_string()), ("version", &v)]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        post(
            &app,
            &insp,
            &n,
            "/tugaskan",
            &[("handler", "abc"), ("version", &v)]
        )
        .await
        .status(),
        400,
        "not a silent clear"
    );
    for action in ["start_verification", "register", "start_examination"] {
        assert_eq!(act(&app, &insp, &n, action, "", &[]).await, 303);
    }
    let target = [("target_agency", "Pemerintah Provinsi Kalimantan Tengah")];
    assert_eq!(
        act(&app, &insp, &n, "classify", "not_our_authority", &target).await,
        303
    );
    let assigned: Option<i64> = app.db(|c| {
        use netra::db::schema::reports;
        reports::table
            .select(reports::assigned_user_id)
            .first(c)
            .expect("row")
    });
    assert_eq!(assigned, None);
}

#[actix_web::test]
async fn a_foreign_case_number_is_as_unknown_as_a_missing_one_for_duplicates() {
    let app = spawn_app().await;
    let foreign = file_in(&app, "Pemerintah Kabupaten Banjar", "63", "63.03").await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &n, "start_verification", "", &[]).await,
        303
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &n,
            "reject",
            "duplicate",
            &[("reference", foreign.as_str())]
        )
        .await,
        422
    );
}

#[actix_web::test]
async fn what_staff_typed_comes_back_on_a_422() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &n, "start_verification", "", &[]).await,
        303
    );
    let (_, html) = page(&app, &insp, &n).await;
    let v = hidden(&html, "version");
    let fields = [
        ("action", "request_info"),
        ("detail", ""),
        ("reason", ""),
        ("question", "Kapan foto itu diunggah?"),
        ("version", v.as_str()),
    ];
    let res = post(&app, &insp, &n, "/aksi", &fields).await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Kapan foto itu diunggah?")
    );
    let long = "x".repeat(5001);
    let res = post(
        &app,
        &insp,
        &n,
        "/pesan",
        &[("body", long.as_str()), ("to", "note")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.expect("body").contains(&long));
}

#[actix_web::test]
async fn a_moral_statement_may_join_a_sentence_but_two_sentences_may_not() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    for (action, detail) in [
        ("start_verification", ""),
        ("register", ""),
        ("start_examination", ""),
        ("classify", "discipline"),
    ] {
        assert_eq!(act(&app, &insp, &n, action, detail, &[]).await, 303);
    }
    assert_eq!(
        act(
            &app,
            &insp,
            &n,
            "recommend",
            "",
            &[("sanction", "B1"), ("sanction2", "S1")]
        )
        .await,
        422
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &n,
            "recommend",
            "",
            &[("sanction", "MORAL_TERBUKA")]
        )
        .await,
        422,
        "a discipline case needs a sentence"
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &n,
            "recommend",
            "",
            &[("sanction", "B1"), ("sanction2", "MORAL_TERBUKA")]
        )
        .await,
        303
    );
    let early = [
        ("sk_number", "800/9/2026"),
        ("sk_date", "2026-03-01"),
        ("start_date", "2026-02-01"),
    ];
    assert_eq!(
        act(&app, &bkpsdm, &n, "record_decision", "", &early).await,
        422,
        "TMT before the SK"
    );
    // The decree form comes back as typed, and only the decree form.
    let (_, html) = page(&app, &bkpsdm, &n).await;
    let v = hidden(&html, "version");
    let mut fields = vec![
        ("action", "record_decision"),
        ("detail", ""),
        ("reason", "SK diterima"),
        ("version", v.as_str()),
    ];
    fields.extend_from_slice(&early);
    let res = post(&app, &bkpsdm, &n, "/aksi", &fields).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    for (_, typed) in early {
        assert!(body.contains(&format!("value=\"{typed}\"")), "{typed} kept");
    }
    assert_eq!(body.matches("value=\"SK diterima\"").count(), 1);
}

#[actix_web::test]
async fn admins_do_not_message_reporters() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    assert_eq!(
        post(
            &app,
            &admin,
            &n,
            "/pesan",
            &[("body", "halo"), ("to", "note")]
        )
        .await
        .status(),
        403
    );
}
