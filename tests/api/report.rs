//! Filing a report: the happy path, the anonymous path, uploads, size limits, double submits.

use diesel::prelude::*;
use netra::db::schema::{audit_log, evidence, evidence_blobs, outbox, report_reporters, reports};

use crate::helpers::html::{has, select_text, shows};
use crate::helpers::{ReportForm, fixture, read_receipt, spawn_app, spawn_app_with, t, tf};

#[actix_web::test]
async fn a_named_report_with_a_photo_is_stored_whole_and_gets_a_receipt() {
    let app = spawn_app().await;
    let inspector = app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    let bkpsdm = app.add_staff("bkpsdm@palangkaraya.go.id", "bkpsdm", "62.71");
    app.add_staff("inspektur@banjar.go.id", "inspector", "63.03");
    let photo = fixture("gps_exif_xmp.jpg");
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token)
        .set("identity_mode", Some("named"))
        .set("reporter_name", Some("Siti Rahmawati"))
        .set("reporter_email", Some("siti@example.id"))
        .set("reporter_phone", Some("+62 812 3456 7890"))
        .set("witnesses", Some("Andi, 0813 1111 2222"))
        .file("foto-kampanye.jpg", photo.clone());

    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/lapor/tanda-terima");

    let receipt = app.get_text("/lapor/tanda-terima").await;
    let (number, secret) = read_receipt(&receipt);
    assert!(
        number.starts_with("NTR-") && number.len() == 15,
        "case number {number}"
    );
    assert_eq!(secret.len(), 29, "secret {secret}");
    assert!(shows(&receipt, t("receipt.once")));
    // Shown once: the secret is gone from the session after the first view.
    let again = app.get_text("/lapor/tanda-terima").await;
    assert!(!again.contains(&secret));
    assert!(shows(&again, t("receipt.gone.title")));

    app.db(|c| {
        let (id, state, hash): (i64, String, String) = reports::table
            .filter(reports::case_number.eq(&number))
            .select((reports::id, reports::state, reports::receipt_hash))
            .first(c)
            .expect("report row");
        assert_eq!(state, "submitted");
        assert!(
            !hash.contains(&secret.replace('-', "")),
            "the secret is stored only as a hash"
        );
        let (anonymous, identity, email): (bool, Option<Vec<u8>>, Option<Vec<u8>>) =
            report_reporters::table
                .find(id)
                .select((
                    report_reporters::anonymous,
                    report_reporters::identity,
                    report_reporters::email,
                ))
                .first(c)
                .expect("reporter row");
        assert!(!anonymous);
        let identity = identity.expect("sealed identity");
        assert!(
            !identity.windows(4).any(|w| w == b"Siti"),
            "identity is encrypted at rest"
        );
        assert!(
            !email
                .expect("sealed email")
                .windows(4)
                .any(|w| w == b"siti")
        );

        let (ev_id, sha, removed, ctype): (i64, String, bool, String) = evidence::table
            .filter(evidence::report_id.eq(id))
            .select((
                evidence::id,
                evidence::sha256,
                evidence::metadata_removed,
                evidence::content_type,
            ))
            .first(c)
            .expect("evidence row");
        assert!(removed);
        assert_eq!(ctype, "image/jpeg");
        let stored: Vec<u8> = evidence_blobs::table
            .find(ev_id)
            .select(evidence_blobs::data)
            .first(c)
            .expect("blob");
        assert!(
            !stored.windows(6).any(|w| w == b"Exif\0\0"),
            "EXIF removed before storage"
        );
        assert!(stored.len() < photo.len());
        use sha2::Digest as _;
        assert_eq!(sha, hex::encode(sha2::Sha256::digest(&stored)));

        let actions: Vec<String> = audit_log::table
            .filter(audit_log::report_id.eq(id))
            .select(audit_log::action)
            .load(c)
            .expect("audit");
        assert_eq!(actions, vec!["report_submitted"]);
        let mut recipients: Vec<Option<i64>> = outbox::table
            .filter(outbox::report_id.eq(id))
            .select(outbox::recipient_user_id)
            .load(c)
            .expect("outbox");
        recipients.sort();
        assert_eq!(
            recipients,
            vec![Some(inspector), Some(bkpsdm)],
            "one outbox row per staff recipient of the agency only"
        );
    });
}

#[actix_web::test]
async fn an_anonymous_report_stores_no_identity_at_all() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let res = app.post_report(&ReportForm::valid(&csrf, &token)).await;
    assert_eq!(res.status(), 303);
    app.db(|c| {
        let row: netra::db::reports::ReporterRow = report_reporters::table
            .select(netra::db::reports::ReporterRow::as_select())
            .first(c)
            .expect("reporter row");
        assert!(row.anonymous);
        assert_eq!((row.identity, row.email, row.witnesses), (None, None, None));
    });
}

#[actix_web::test]
async fn an_upload_named_jpg_whose_content_is_html_is_refused_and_the_input_kept() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let html = b"<!doctype html><html><script>alert(1)</script></html>".to_vec();
    let res = app
        .post_report(&ReportForm::valid(&csrf, &token).file("bukti.jpg", html))
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(
        shows(&body, &tf("evidence.unknown_type", "bukti.jpg")),
        "{body}"
    );
    assert!(
        shows(&body, t("form.files_again")),
        "the page says files must be attached again"
    );
    assert!(
        has(&body, r#"input[name=asn_name][value="Budi Santoso"]"#)
            && has(
                &body,
                r#"input[name=place][value="Jl. Yos Sudarso, Palangka Raya"]"#
            ),
        "typed input kept"
    );
    assert_eq!(app.report_count(), 0);
}

#[actix_web::test]
async fn an_oversized_upload_gets_a_friendly_413_and_writes_nothing() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let mut big = fixture("plain_progressive.jpg");
    big.resize(32 * 1024 * 1024, 0);
    let res = app
        .post_report(&ReportForm::valid(&csrf, &token).file("besar.jpg", big))
        .await;
    assert_eq!(res.status(), 413);
    let body = res.text().await.expect("body");
    assert!(shows(&body, t("error.too_large.title")), "{body}");
    assert_eq!(app.report_count(), 0);
}

#[actix_web::test]
async fn a_file_over_10_mb_within_the_request_limit_is_refused_with_the_input_kept() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let mut big = fixture("plain_progressive.jpg");
    big.resize(11 * 1024 * 1024, 0);
    let res = app
        .post_report(&ReportForm::valid(&csrf, &token).file("video.jpg", big))
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(shows(&body, &tf("evidence.too_big", "video.jpg")), "{body}");
    assert!(has(&body, r#"input[name=asn_name][value="Budi Santoso"]"#));
    assert_eq!(app.report_count(), 0);
}

#[actix_web::test]
async fn a_double_submit_makes_one_report_and_shows_the_same_receipt() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token);
    let first = app.post_report(&form).await;
    assert_eq!(first.status(), 303);
    let (n1, s1) = read_receipt(&app.get_text("/lapor/tanda-terima").await);
    let second = app.post_report(&form).await;
    assert_eq!(second.status(), 303);
    let (n2, s2) = read_receipt(&app.get_text("/lapor/tanda-terima").await);
    assert_eq!((n1, s1), (n2, s2));
    assert_eq!(app.report_count(), 1);
}

#[actix_web::test]
async fn two_identical_submissions_at_once_make_one_report() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token);
    let (a, b) = tokio::join!(app.post_report(&form), app.post_report(&form));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    assert_eq!(app.report_count(), 1);
}

#[actix_web::test]
async fn a_post_without_a_valid_csrf_token_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let (_, token) = app.open_form().await;
    let res = app.post_report(&ReportForm::valid("forged", &token)).await;
    assert_eq!(res.status(), 403);
    assert!(shows(
        &res.text().await.expect("body"),
        t("error.csrf.title")
    ));
    // A client with no session at all.
    let fresh = reqwest::Client::new();
    let res = fresh
        .post(app.url("/lapor"))
        .multipart(ReportForm::valid("x", &token).to_multipart())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
    assert_eq!(app.report_count(), 0);
}

#[actix_web::test]
async fn the_agency_is_found_however_its_name_is_spaced_or_cased() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form =
        ReportForm::valid(&csrf, &token).set("agency", Some("pemerintah kota PALANGKA RAYA"));
    assert_eq!(app.post_report(&form).await.status(), 303);
}

#[actix_web::test]
async fn an_unknown_agency_name_offers_the_closest_agencies() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token).set("agency", Some("Kabupaten Banj"));
    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(shows(&body, t("agency.unknown")));
    assert!(
        has(
            &body,
            r#"input[name=agency_pick][value="Pemerintah Kabupaten Banjar"]"#
        ),
        "suggestion offered"
    );
}

#[actix_web::test]
async fn control_characters_in_text_are_dropped_instead_of_failing_the_report() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let description = format!("{}\u{0} dan\u{7} lagi", crate::helpers::DESCRIPTION);
    let res = app
        .post_report(&ReportForm::valid(&csrf, &token).set("description", Some(&description)))
        .await;
    assert_eq!(
        res.status(),
        303,
        "on PostgreSQL a NUL used to fail the whole report"
    );
    let stored: String = app.db(|c| {
        reports::table
            .select(reports::description)
            .first(c)
            .expect("row")
    });
    assert!(!stored.contains('\u{0}') && stored.ends_with("dan lagi"));
}

#[actix_web::test]
async fn over_the_filing_limit_the_form_comes_back_with_everything_typed() {
    // The default per-session limit: five at once.
    let app = spawn_app().await;
    for _ in 0..5 {
        let (csrf, token) = app.open_form().await;
        assert_eq!(
            app.post_report(&ReportForm::valid(&csrf, &token))
                .await
                .status(),
            303
        );
    }
    let (csrf, token) = app.open_form().await;
    let res = app.post_report(&ReportForm::valid(&csrf, &token)).await;
    assert_eq!(res.status(), 429);
    let body = res.text().await.expect("body");
    assert!(shows(&body, t("form.rate_limited")));
    assert!(
        select_text(&body, "textarea[name=description]") == [crate::helpers::DESCRIPTION]
            && has(&body, r#"input[name=asn_name][value="Budi Santoso"]"#)
    );
    assert_eq!(app.report_count(), 5);
}

#[actix_web::test]
async fn the_address_limit_is_a_setting_and_other_browsers_on_a_shared_address_file_until_it() {
    let app = spawn_app_with(|s| {
        s.limits.submit_address = netra::config::Rate::parse("3/10m").flatten();
        s.limits.submit_session = None;
    })
    .await;
    // One browser after another on the same address: each a fresh session.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(app.file_as_new_browser().await);
    }
    assert_eq!(statuses, [303, 303, 303, 429]);
    assert_eq!(app.report_count(), 3);
}

#[actix_web::test]
async fn an_old_form_replayed_later_does_not_show_the_receipt_again() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token);
    assert_eq!(app.post_report(&form).await.status(), 303);
    let (_, secret) = read_receipt(&app.get_text("/lapor/tanda-terima").await);
    app.db(|c| {
        diesel::update(reports::table)
            .set(reports::created_at.eq(netra::db::now() - chrono::Duration::minutes(11)))
            .execute(c)
            .expect("age the report");
    });
    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.expect("body");
    assert!(shows(&body, t("already.title")) && !body.contains(&secret));
    assert_eq!(app.report_count(), 1);
}
