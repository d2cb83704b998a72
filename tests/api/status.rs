//! The status page: checking with the receipt, the generic failure, rate limiting, replies.

use diesel::prelude::*;
use netra::db::schema::{audit_log, evidence, messages, outbox, reports};

use crate::helpers::html::{select_text, shows};
use crate::helpers::{
    ReportForm, client, cookies_set, fixture, get_with_cookie, hidden, read_receipt, spawn_app, t,
};

async fn check(app: &crate::helpers::TestApp, number: &str, secret: &str) -> reqwest::Response {
    check_in(app, &app.client, number, secret).await
}

/// The status check in the browser `c`.
async fn check_in(
    app: &crate::helpers::TestApp,
    c: &reqwest::Client,
    number: &str,
    secret: &str,
) -> reqwest::Response {
    let html = c
        .get(app.url("/status"))
        .send()
        .await
        .expect("GET /status")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&html, "csrf");
    c.post(app.url("/status"))
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

/// Issue 10, item 6: the access lived in the cookie, renewed on every use and survived "Keluar";
/// now "Keluar" in one browser ends it in every browser and in every copy of the cookie.
#[actix_web::test]
async fn leaving_the_case_ends_access_everywhere_copied_cookies_included() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    let res = check(&app, &number, &secret).await;
    assert_eq!(res.status(), 303);
    let copied = cookies_set(&res);
    let phone = client();
    assert_eq!(check_in(&app, &phone, &number, &secret).await.status(), 303);
    let opened = |c: &reqwest::Client| {
        let url = app.url("/status/kasus");
        let c = c.clone();
        async move { c.get(url).send().await.expect("case").status().as_u16() }
    };
    assert_eq!(
        get_with_cookie(&app, "/status/kasus", &copied)
            .await
            .status(),
        200
    );
    assert_eq!(opened(&phone).await, 200);
    let page = app.get_text("/status/kasus").await;
    let res = app
        .client
        .post(app.url("/status/keluar"))
        .form(&[("csrf", hidden(&page, "csrf"))])
        .send()
        .await
        .expect("leave");
    assert_eq!(res.status(), 303);
    assert_eq!(app.get("/status/kasus").await.status(), 303, "this browser");
    assert_eq!(opened(&phone).await, 303, "the other browser");
    assert_eq!(
        get_with_cookie(&app, "/status/kasus", &copied)
            .await
            .status(),
        303,
        "the copied cookie"
    );
    // The receipt still opens the case again.
    assert_eq!(check(&app, &number, &secret).await.status(), 303);
    assert_eq!(app.get("/status/kasus").await.status(), 200);
}

/// Issue 10, item 6: the receipt page showed the secret again to a replayed cookie.
#[actix_web::test]
async fn the_receipt_secret_is_shown_exactly_once_whatever_cookie_comes_back() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let res = app.post_report(&ReportForm::valid(&csrf, &token)).await;
    assert_eq!(res.status(), 303);
    let copied = cookies_set(&res);
    let (number, secret) = read_receipt(&app.get_text("/lapor/tanda-terima").await);
    assert!(!number.is_empty() && !secret.is_empty(), "shown once");
    for _ in 0..2 {
        let page = get_with_cookie(&app, "/lapor/tanda-terima", &copied)
            .await
            .text()
            .await
            .expect("body");
        assert!(!page.contains(&secret), "shown again to a replayed cookie");
    }
    assert!(!app.get_text("/lapor/tanda-terima").await.contains(&secret));
    // The same form sent again at once (a double click) still gets its receipt, once.
    let again = app.post_report(&ReportForm::valid(&csrf, &token)).await;
    assert_eq!(again.status(), 303);
    let copied = cookies_set(&again);
    assert!(app.get_text("/lapor/tanda-terima").await.contains(&secret));
    let page = get_with_cookie(&app, "/lapor/tanda-terima", &copied).await;
    assert!(!page.text().await.expect("body").contains(&secret));
}

/// Issue 10: instances behind a balancer on one PostgreSQL database share the public forms'
/// limits, so two instances do not give an attacker twice the budget. With SQLite (one instance
/// per file) each keeps its own count in memory, as documented: the test checks that too.
#[actix_web::test]
async fn instances_on_one_postgres_database_share_the_status_check_limit() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.limits.status_session = None;
        s.limits.status_address = Some(netra::config::Rate::new(3, 600));
    })
    .await;
    let second = netra::startup::Application::build(app.settings.clone())
        .await
        .expect("second instance");
    let other = format!("http://127.0.0.1:{}", second.port());
    actix_web::rt::spawn(second.run_until_stopped());
    let attempt = |base: String| async move {
        let c = client();
        let html = c
            .get(format!("{base}/status"))
            .send()
            .await
            .expect("form")
            .text()
            .await
            .expect("body");
        c.post(format!("{base}/status"))
            .form(&[
                ("csrf", hidden(&html, "csrf").as_str()),
                ("case_number", "NTR-2026-AAAAAA"),
                ("secret", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"),
            ])
            .send()
            .await
            .expect("check")
            .status()
            .as_u16()
    };
    let mut seen = Vec::new();
    for base in [app.url(""), app.url(""), other.clone(), other.clone()] {
        seen.push(attempt(base).await);
    }
    match app.settings.database {
        netra::db::DbUrl::Postgres(_) => {
            assert_eq!(
                seen,
                [422, 422, 422, 429],
                "one budget across the instances"
            )
        }
        netra::db::DbUrl::Sqlite(_) => {
            eprintln!("SQLite: each instance keeps its own limits in memory (by design)");
            assert_eq!(seen, [422, 422, 422, 422], "a budget per instance");
        }
    }
}
