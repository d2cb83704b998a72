//! Staff accounts: sign-in, the forced password change, throttling and lock-out, and sessions
//! that die with the account.

use std::time::{Duration, Instant};

use netra::db::audit::Actor;

use crate::helpers::actors::{PASSWORD, dashboard, enrol_on_page, login, palangkaraya_inspector};
use crate::helpers::html::shows;
use crate::helpers::{ADMIN_PASSWORD, client, hidden, spawn_app, spawn_app_with, t};

#[actix_web::test]
async fn an_anonymous_visitor_is_sent_to_sign_in() {
    let app = spawn_app().await;
    let res = app.get("/dashboard").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    assert_eq!(app.get("/akun/sandi").await.headers()["location"], "/login");
}

#[actix_web::test]
async fn the_first_admin_must_replace_the_one_time_password_and_set_up_the_second_factor_before_anything_else()
 {
    let app = spawn_app().await;
    let c = client();
    let res = login(&app, &c, "admin@netra.test", ADMIN_PASSWORD).await;
    assert_eq!(res.headers()["location"], "/akun/sandi");
    let res = c
        .get(app.url("/dashboard"))
        .send()
        .await
        .expect("dashboard");
    assert_eq!(
        res.headers()["location"],
        "/akun/sandi",
        "nothing else until the password is changed"
    );
    let page = c
        .get(app.url("/akun/sandi"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&page, "csrf");
    let post = |new: &'static str, confirm: &'static str| {
        c.post(app.url("/akun/sandi"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("current", ADMIN_PASSWORD),
                ("new", new),
                ("confirm", confirm),
            ])
            .send()
    };
    let weak = post("password1234", "password1234").await.expect("post");
    assert_eq!(weak.status(), 422);
    assert!(shows(
        &weak.text().await.expect("body"),
        t("password.guessable")
    ));
    let mismatch = post(PASSWORD, "something else entirely")
        .await
        .expect("post");
    assert!(shows(
        &mismatch.text().await.expect("body"),
        t("password.mismatch")
    ));
    let ok = post(PASSWORD, PASSWORD).await.expect("post");
    assert_eq!(ok.headers()["location"], "/dashboard");
    let res = c
        .get(app.url("/dashboard"))
        .send()
        .await
        .expect("dashboard");
    assert_eq!(
        res.headers()["location"],
        "/akun/dua-langkah",
        "an admin sets up the second factor next"
    );
    let (_, res) = enrol_on_page(&app, &c).await;
    assert_eq!(
        res.headers()["location"],
        "/akun/dua-langkah/kode-pemulihan"
    );
    let (status, body) = dashboard(&app, &c, "").await;
    assert_eq!(status, 200);
    assert!(shows(&body, t("dashboard.title")));
    // The old password no longer works.
    assert_eq!(
        login(&app, &client(), "admin@netra.test", ADMIN_PASSWORD)
            .await
            .status(),
        422
    );
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer_in_comparable_time() {
    // At the production cost, where the hash is what the time is made of.
    let app = spawn_app_with(|s| s.password_cost = netra::domain::password::Cost::OWASP).await;
    palangkaraya_inspector(&app).await;
    let mut wrong = Duration::ZERO;
    let mut unknown = Duration::ZERO;
    for i in 0..2 {
        // Fresh account names each round so no account lock interferes; the client count
        // rises equally for both.
        let start = Instant::now();
        let a = login(
            &app,
            &client(),
            "inspektur@palangkaraya.go.id",
            &format!("wrong password {i}"),
        )
        .await;
        wrong += start.elapsed();
        let start = Instant::now();
        let b = login(
            &app,
            &client(),
            &format!("nobody{i}@palangkaraya.go.id"),
            "wrong password",
        )
        .await;
        unknown += start.elapsed();
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (422, 422));
        let (a, b) = (a.text().await.expect("a"), b.text().await.expect("b"));
        assert!(shows(&a, t("login.failed")) && shows(&b, t("login.failed")));
    }
    let ratio = wrong.as_secs_f64() / unknown.as_secs_f64();
    assert!(
        (0.4..2.5).contains(&ratio),
        "wrong password {wrong:?} vs unknown email {unknown:?}"
    );
}

#[actix_web::test]
async fn repeated_failures_lock_an_account_name_whether_or_not_it_exists() {
    let app = spawn_app().await;
    palangkaraya_inspector(&app).await;
    for email in [
        "inspektur@palangkaraya.go.id",
        "tidak.ada@palangkaraya.go.id",
    ] {
        for _ in 0..5 {
            assert_eq!(
                login(&app, &client(), email, "wrong password")
                    .await
                    .status(),
                422
            );
        }
        let res = login(&app, &client(), email, PASSWORD).await;
        assert_eq!(
            res.status(),
            429,
            "{email}: locked, even with the right password"
        );
        assert!(shows(&res.text().await.expect("body"), t("login.locked")));
    }
}

#[actix_web::test]
async fn the_third_failure_in_a_row_waits_the_configured_pause_before_answering() {
    let pause = Duration::from_millis(400);
    let app = spawn_app_with(|s| s.login_delay = pause).await;
    let mut took = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let res = login(&app, &client(), "tidak.ada@palangkaraya.go.id", "salah").await;
        assert_eq!(res.status(), 422);
        took.push(start.elapsed());
    }
    // Only the lower bound: a loaded machine may slow any answer, never speed one up.
    assert!(took[2] >= pause, "{took:?}");
}

#[actix_web::test]
async fn a_disabled_account_loses_its_open_session_at_the_next_request() {
    let app = spawn_app().await;
    let c = palangkaraya_inspector(&app).await;
    assert_eq!(dashboard(&app, &c, "").await.0, 200);
    app.db(|conn| {
        netra::app::accounts::disable(
            conn,
            app.state.keys.audit(),
            "inspektur@palangkaraya.go.id",
            Actor::System,
        )
        .expect("disable")
    });
    assert_eq!(dashboard(&app, &c, "").await.0, 303);
    assert_eq!(
        login(&app, &client(), "inspektur@palangkaraya.go.id", PASSWORD)
            .await
            .status(),
        422
    );
}

#[actix_web::test]
async fn changing_the_password_ends_the_accounts_other_sessions() {
    let app = spawn_app().await;
    let a = palangkaraya_inspector(&app).await;
    let b = client();
    assert_eq!(
        login(&app, &b, "inspektur@palangkaraya.go.id", PASSWORD)
            .await
            .status(),
        303
    );
    let page = a
        .get(app.url("/akun/sandi"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let res = a
        .post(app.url("/akun/sandi"))
        .form(&[
            ("csrf", hidden(&page, "csrf").as_str()),
            ("current", PASSWORD),
            ("new", "sate maranggi pakai sambal kecap"),
            ("confirm", "sate maranggi pakai sambal kecap"),
        ])
        .send()
        .await
        .expect("change");
    assert_eq!(res.status(), 303);
    assert_eq!(
        dashboard(&app, &a, "").await.0,
        200,
        "the session that changed it continues"
    );
    assert_eq!(
        dashboard(&app, &b, "").await.0,
        303,
        "every other session ends"
    );
}

#[actix_web::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let c = palangkaraya_inspector(&app).await;
    let (_, page) = dashboard(&app, &c, "").await;
    let res = c
        .post(app.url("/logout"))
        .form(&[("csrf", hidden(&page, "csrf"))])
        .send()
        .await
        .expect("logout");
    assert_eq!(res.headers()["location"], "/login");
    assert_eq!(dashboard(&app, &c, "").await.0, 303);
}
