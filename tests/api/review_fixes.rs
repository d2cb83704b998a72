//! Regressions for what the staff-side review found: no foreign case numbers in the history,
//! parallel guesses cannot slip past the lock, sign-out ends the session everywhere, forwarding
//! drops the old handler, duplicate lookups respect agencies, typed input survives a 422,
//! odd dates do not 500, the sanction combinations, admins do not message reporters.

use diesel::prelude::*;
use netra::domain::workflow::Role;

use crate::case::{act, page, post};
use crate::helpers::client;
use crate::helpers::{hidden, spawn_app};
use crate::staff::{PASSWORD, file_in, login, staff};

#[actix_web::test]
async fn the_history_never_lists_another_agencys_cases_only_counts_them() {
    let app = spawn_app().await;
    let own = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let own2 = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let foreign = file_in(&app, "Pemerintah Kabupaten Banjar", "63", "63.03").await;
    let pky = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let (_, html) = page(&app, &pky, &own).await;
    assert!(html.contains(&own2) && !html.contains(&foreign));
    assert!(html.contains("Instansi lain memegang 1 laporan"));
    let bkn = staff(&app, "pengawas@bkn.go.id", Role::National, None).await;
    let (_, html) = page(&app, &bkn, &own).await;
    assert!(html.contains(&foreign), "national staff see every agency");
}

#[actix_web::test]
async fn parallel_wrong_passwords_still_lock_the_account() {
    let app = spawn_app().await;
    staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let attempts: Vec<_> = (0..12)
        .map(|i| {
            let app = &app;
            async move {
                login(
                    app,
                    &client(),
                    "inspektur@palangkaraya.go.id",
                    &format!("guess {i}"),
                )
                .await
                .status()
                .as_u16()
            }
        })
        .collect();
    let statuses = futures_util::future::join_all(attempts).await;
    assert!(
        statuses.iter().filter(|s| **s == 422).count() <= 5,
        "{statuses:?}"
    );
    assert_eq!(
        login(&app, &client(), "inspektur@palangkaraya.go.id", PASSWORD)
            .await
            .status(),
        429
    );
}

#[actix_web::test]
async fn signing_out_ends_the_accounts_sessions_everywhere() {
    let app = spawn_app().await;
    let a = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let b = client();
    assert_eq!(
        login(&app, &b, "inspektur@palangkaraya.go.id", PASSWORD)
            .await
            .status(),
        303
    );
    let html = a
        .get(app.url("/dashboard"))
        .send()
        .await
        .expect("dash")
        .text()
        .await
        .expect("body");
    let res = a
        .post(app.url("/logout"))
        .form(&[("csrf", hidden(&html, "csrf"))])
        .send()
        .await
        .expect("logout");
    assert_eq!(res.status(), 303);
    assert_eq!(
        b.get(app.url("/dashboard"))
            .send()
            .await
            .expect("dash")
            .status(),
        303,
        "the other session ended too"
    );
}

#[actix_web::test]
async fn forwarding_drops_the_old_agencys_handler() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
    let insp = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
    let insp = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
    let res = post(&app, &insp, &n, "/pesan", &[("body", long.as_str())]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.expect("body").contains(&long));
}

#[actix_web::test]
async fn absurd_dates_in_filters_are_ignored_not_a_500() {
    let app = spawn_app().await;
    let insp = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    for q in [
        "?from=-262143-01-01",
        "?to=+262142-12-31",
        "?from=2026-02-30",
    ] {
        assert_eq!(
            insp.get(app.url(&format!("/dashboard{q}")))
                .send()
                .await
                .expect("dash")
                .status(),
            200,
            "{q}"
        );
    }
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    assert_eq!(
        admin
            .get(app.url("/admin/audit?from=-262143-01-01"))
            .send()
            .await
            .expect("audit")
            .status(),
        200
    );
}

#[actix_web::test]
async fn a_moral_statement_may_join_a_sentence_but_two_sentences_may_not() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
}

#[actix_web::test]
async fn admins_do_not_message_reporters() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    assert_eq!(
        post(&app, &admin, &n, "/pesan", &[("body", "halo")])
            .await
            .status(),
        403
    );
}
