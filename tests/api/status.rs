//! The status page: checking with the receipt, the generic failure, rate limiting, replies.

use diesel::prelude::*;
use netra::db::schema::{audit_log, evidence, messages, outbox, reports};

use crate::helpers::html::{select_text, shows};
use crate::helpers::{fixture, hidden, spawn_app, t};

async fn check(app: &crate::helpers::TestApp, number: &str, secret: &str) -> reqwest::Response {
    let html = app.get_text("/status").await;
    let csrf = hidden(&html, "csrf");
    app.client
        .post(app.url("/status"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("case_number", number),
            ("secret", secret),
        ])
        .send()
        .await
        .expect("POST /status")
}

#[actix_web::test]
async fn the_reporter_sees_the_case_in_plain_words_with_the_receipt() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    // Typed loosely: lower case, spaces instead of dashes.
    let res = check(
        &app,
        &number.to_lowercase(),
        &secret.replace('-', " ").to_lowercase(),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/status/kasus");
    let page = app.get_text("/status/kasus").await;
    assert!(page.contains(&number));
    assert_eq!(
        select_text(&page, "section.state h2"),
        [t("state.submitted")],
        "state in words"
    );
    assert!(
        select_text(&page, ".timeline li")
            .iter()
            .any(|e| e.ends_with(t("event.report_submitted"))),
        "timeline"
    );
    assert!(
        shows(&page, t("case.deadline")) && page.contains("WIB"),
        "next deadline in the agency's zone"
    );
    assert!(page.contains("Pemerintah Kota Palangkaraya"));
}

#[actix_web::test]
async fn a_wrong_number_or_secret_gets_the_same_generic_message() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    let wrong_secret = check(&app, &number, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA").await;
    assert_eq!(wrong_secret.status(), 422);
    let a = wrong_secret.text().await.expect("body");
    let wrong_number = check(&app, "NTR-2026-ZZZZZZ", &secret).await;
    assert_eq!(wrong_number.status(), 422);
    let b = wrong_number.text().await.expect("body");
    let garbage = check(&app, "hello", "x").await;
    let c = garbage.text().await.expect("body");
    for body in [&a, &b, &c] {
        assert!(shows(body, t("status.failed")));
    }
    // Nothing but the typed number differs between the pages.
    let strip = |s: &str, n: &str| s.replace(n, "").replace(&hidden(s, "csrf"), "");
    assert_eq!(strip(&a, &number), strip(&b, "NTR-2026-ZZZZZZ"));
    assert_eq!(
        app.get("/status/kasus").await.status(),
        303,
        "no access after failures"
    );
}

#[actix_web::test]
async fn status_checks_are_rate_limited_per_client() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(
            check(&app, "NTR-2026-AAAAAA", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(&statuses[..10], &[422; 10]);
    assert_eq!(statuses[11], 429);
    let body = check(&app, "NTR-2026-AAAAAA", "x")
        .await
        .text()
        .await
        .expect("body");
    assert!(shows(&body, t("error.too_many.title")));
}

#[actix_web::test]
async fn staff_messages_show_and_the_reporter_can_reply_with_evidence() {
    let app = spawn_app().await;
    let inspector = app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    let (number, secret) = app.file_report().await;
    let report_id: i64 = app.db(|c| {
        let id = reports::table
            .filter(reports::case_number.eq(&number))
            .select(reports::id)
            .first(c)
            .expect("id");
        for (direction, body) in [
            ("to_reporter", "Mohon kirim tangkapan layar unggahannya."),
            ("internal", "Catatan internal rahasia"),
        ] {
            diesel::insert_into(messages::table)
                .values((
                    messages::report_id.eq(id),
                    messages::direction.eq(direction),
                    messages::body.eq(body),
                    messages::created_at.eq(netra::db::now()),
                ))
                .execute(c)
                .expect("message");
        }
        id
    });
    assert_eq!(check(&app, &number, &secret).await.status(), 303);
    let page = app.get_text("/status/kasus").await;
    assert!(page.contains("Mohon kirim tangkapan layar unggahannya."));
    assert!(
        !page.contains("Catatan internal rahasia"),
        "internal notes never reach the reporter"
    );

    let form = reqwest::multipart::Form::new()
        .text("csrf", hidden(&page, "csrf"))
        .text("client_token", hidden(&page, "client_token"))
        .text("message", "Berikut tangkapan layarnya.")
        .part(
            "evidence",
            reqwest::multipart::Part::bytes(fixture("text_exif.png")).file_name("layar.png"),
        );
    let res = app
        .client
        .post(app.url("/status/kasus/balas"))
        .multipart(form)
        .send()
        .await
        .expect("reply");
    assert_eq!(res.status(), 303);
    let page = app.get_text("/status/kasus").await;
    assert!(shows(&page, t("case.sent")));
    assert!(page.contains("Berikut tangkapan layarnya."));
    assert!(
        page.contains("bukti-") && page.contains(".png") && !page.contains("layar.png"),
        "a neutral file name is stored"
    );
    app.db(|c| {
        let ev: Vec<Option<i64>> = evidence::table
            .filter(evidence::report_id.eq(report_id))
            .select(evidence::message_id)
            .load(c)
            .expect("ev");
        assert_eq!(ev.len(), 1);
        assert!(ev[0].is_some(), "evidence linked to the reply");
        let actions: Vec<String> = audit_log::table
            .filter(audit_log::report_id.eq(report_id))
            .order(audit_log::seq.asc())
            .select(audit_log::action)
            .load(c)
            .expect("audit");
        assert_eq!(actions, vec!["report_submitted", "reporter_added_evidence"]);
        let to: Vec<(String, Option<i64>)> = outbox::table
            .filter(outbox::kind.eq("reporter_replied"))
            .select((outbox::kind, outbox::recipient_user_id))
            .load(c)
            .expect("outbox");
        assert_eq!(to, vec![("reporter_replied".to_owned(), Some(inspector))]);
    });
}

#[actix_web::test]
async fn answering_a_question_returns_the_case_to_verification() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    app.db(|c| {
        diesel::update(reports::table.filter(reports::case_number.eq(&number)))
            .set(reports::state.eq("needs_info"))
            .execute(c)
            .expect("set state");
    });
    assert_eq!(check(&app, &number, &secret).await.status(), 303);
    let page = app.get_text("/status/kasus").await;
    assert!(shows(&page, t("state.needs_info")));
    assert!(shows(&page, t("case.answer")));
    let empty = reqwest::multipart::Form::new()
        .text("csrf", hidden(&page, "csrf"))
        .text("client_token", hidden(&page, "client_token"))
        .text("message", "   ");
    let res = app
        .client
        .post(app.url("/status/kasus/balas"))
        .multipart(empty)
        .send()
        .await
        .expect("reply");
    assert_eq!(res.status(), 422, "an empty answer is refused");
    let form = reqwest::multipart::Form::new()
        .text("csrf", hidden(&page, "csrf"))
        .text("client_token", hidden(&page, "client_token"))
        .text(
            "message",
            "Kejadiannya di halaman kantor dinas, pukul 09.00.",
        );
    let res = app
        .client
        .post(app.url("/status/kasus/balas"))
        .multipart(form)
        .send()
        .await
        .expect("reply");
    assert_eq!(res.status(), 303);
    let state: String = app.db(|c| {
        reports::table
            .filter(reports::case_number.eq(&number))
            .select(reports::state)
            .first(c)
            .expect("state")
    });
    assert_eq!(state, "verification");
    assert!(shows(
        &app.get_text("/status/kasus").await,
        t("event.info_provided")
    ));
}

#[actix_web::test]
async fn leaving_the_case_ends_access_from_this_browser() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    assert_eq!(check(&app, &number, &secret).await.status(), 303);
    let page = app.get_text("/status/kasus").await;
    let res = app
        .client
        .post(app.url("/status/keluar"))
        .form(&[("csrf", hidden(&page, "csrf"))])
        .send()
        .await
        .expect("leave");
    assert_eq!(res.status(), 303);
    assert_eq!(app.get("/status/kasus").await.status(), 303);
}
