//! Staff accounts: sign-in, the forced password change, throttling and lock-out, sessions that
//! die with the account, and the agency-scoped case list.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use netra::db::audit::Actor;
use netra::db::schema::users;
use netra::domain::workflow::Role;

use crate::helpers::{
    ADMIN_PASSWORD, ReportForm, TestApp, client, hidden, spawn_app, spawn_app_with, t,
};
use crate::html::{select_attr, select_text, shows};

pub const PASSWORD: &str = "kopi tubruk di palangka raya";

pub async fn login(
    app: &TestApp,
    c: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let html = c
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET /login")
        .text()
        .await
        .expect("body");
    c.post(app.url("/login"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("POST /login")
}

/// An account that has already chosen its password, signed in on a fresh client.
pub async fn staff(
    app: &TestApp,
    email: &str,
    role: Role,
    agency: Option<&str>,
) -> reqwest::Client {
    let hasher = app.state.passwords.clone();
    app.db(|c| {
        let account = netra::app::accounts::NewAccount {
            email,
            name: email,
            role,
            agency_code: agency,
            password: Some(PASSWORD),
        };
        let (id, _) = netra::app::accounts::create(c, &hasher, &account, Actor::System)
            .expect("create account");
        diesel::update(users::table.find(id))
            .set(users::must_change_password.eq(false))
            .execute(c)
            .expect("update");
    });
    let c = client();
    assert_eq!(login(app, &c, email, PASSWORD).await.status(), 303);
    c
}

async fn dashboard(app: &TestApp, c: &reqwest::Client, query: &str) -> (u16, String) {
    let res = c
        .get(app.url(&format!("/dashboard{query}")))
        .send()
        .await
        .expect("GET /dashboard");
    (res.status().as_u16(), res.text().await.expect("body"))
}

pub async fn file_in(app: &TestApp, agency: &str, province: &str, regency: &str) -> String {
    app.file_with(|form| {
        form.set("agency", Some(agency))
            .set("province", Some(province))
            .set("regency", Some(regency))
    })
    .await
    .0
}

#[actix_web::test]
async fn an_anonymous_visitor_is_sent_to_sign_in() {
    let app = spawn_app().await;
    let res = app.get("/dashboard").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    assert_eq!(app.get("/akun/sandi").await.headers()["location"], "/login");
}

#[actix_web::test]
async fn the_first_admin_must_replace_the_one_time_password_before_anything_else() {
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
async fn staff_see_only_their_own_agencys_cases_and_national_staff_see_all() {
    let app = spawn_app().await;
    let palangka = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let banjar = file_in(&app, "Pemerintah Kabupaten Banjar", "63", "63.03").await;
    let pky = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let bjr = staff(&app, "bkpsdm@banjarkab.go.id", Role::Bkpsdm, Some("63.03")).await;
    let bkn = staff(&app, "pengawas@bkn.go.id", Role::National, None).await;

    let (_, page) = dashboard(&app, &pky, "").await;
    assert!(page.contains(&palangka) && !page.contains(&banjar));
    let banjar_id: i64 = app.db(|c| {
        netra::db::schema::agencies::table
            .filter(netra::db::schema::agencies::code.eq("63.03"))
            .select(netra::db::schema::agencies::id)
            .first(c)
            .expect("id")
    });
    let (_, page) = dashboard(&app, &pky, &format!("?agency={banjar_id}")).await;
    assert!(
        !page.contains(&banjar),
        "an agency filter in the URL does not widen an agency user's view"
    );
    let (_, page) = dashboard(&app, &bjr, "").await;
    assert!(page.contains(&banjar) && !page.contains(&palangka));
    let (_, page) = dashboard(&app, &bkn, "").await;
    assert!(page.contains(&banjar) && page.contains(&palangka));
    let (_, page) = dashboard(&app, &bkn, &format!("?agency={banjar_id}")).await;
    assert!(page.contains(&banjar) && !page.contains(&palangka));
    let (_, page) = dashboard(&app, &bkn, "?state=rejected").await;
    assert!(!page.contains(&banjar), "state filter");
}

#[actix_web::test]
async fn the_case_list_pages_by_keyset_without_repeats_or_gaps() {
    let app = spawn_app().await;
    // 55 cases straight into the database (the form path is tested elsewhere).
    let (csrf, token) = app.open_form().await;
    assert_eq!(
        app.post_report(&ReportForm::valid(&csrf, &token))
            .await
            .status(),
        303
    );
    app.db(|c| {
        use netra::db::schema::reports;
        let row: netra::db::reports::ReportRow = reports::table
            .select(netra::db::reports::ReportRow::as_select())
            .first(c)
            .expect("row");
        for i in 0..54 {
            diesel::insert_into(reports::table)
                .values((
                    reports::case_number.eq(format!("NTR-2026-T{i:05}")),
                    reports::submission_token.eq(format!("tok{i}")),
                    reports::receipt_hash.eq("x"),
                    reports::state.eq("submitted"),
                    reports::channel.eq("web"),
                    reports::agency_id.eq(row.agency_id),
                    reports::reported_person_id.eq(row.reported_person_id),
                    reports::reported_name.eq("Budi"),
                    reports::employee_type.eq("PNS"),
                    reports::reported_unit.eq(""),
                    reports::reported_position.eq(""),
                    reports::election_type.eq("pilwalkot"),
                    reports::election_stage.eq("campaign"),
                    reports::incident_date.eq(row.incident_date),
                    reports::known_date.eq(row.known_date),
                    reports::late_for_bawaslu.eq(false),
                    reports::province_code.eq("62"),
                    reports::place.eq("x"),
                    reports::description.eq("x"),
                    reports::evidence_links.eq(""),
                    reports::created_at.eq(row.created_at),
                    reports::updated_at.eq(row.created_at),
                    reports::deadline_at.eq(Some(row.created_at - chrono::Duration::days(1))),
                ))
                .execute(c)
                .expect("insert");
        }
    });
    let c = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let (_, first) = dashboard(&app, &c, "").await;
    assert_eq!(select_text(&first, "tbody tr").len(), 50);
    assert!(
        select_text(&first, "tbody tr.overdue .overdue-mark")
            .iter()
            .any(|m| m == t("dashboard.overdue")),
        "overdue cases are marked"
    );
    assert_eq!(
        select_text(&first, r#"a[href^="/dashboard?after="]"#),
        [t("dashboard.next")]
    );
    let next = select_attr(&first, r#"a[href^="/dashboard?after="]"#, "href")
        .into_iter()
        .next()
        .expect("next link");
    let query = next.strip_prefix("/dashboard").expect("a dashboard link");
    let (_, second) = dashboard(&app, &c, query).await;
    assert_eq!(select_text(&second, "tbody tr").len(), 5);
    for i in 0..54 {
        let n = format!("NTR-2026-T{i:05}");
        assert_eq!(
            first.contains(&n) as u8 + second.contains(&n) as u8,
            1,
            "{n} on exactly one page"
        );
    }
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer_in_comparable_time() {
    // At the production cost, where the hash is what the time is made of.
    let app = spawn_app_with(|s| s.password_cost = netra::domain::password::Cost::OWASP).await;
    staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
    staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
    let c = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    assert_eq!(dashboard(&app, &c, "").await.0, 200);
    app.db(|conn| {
        netra::app::accounts::disable(conn, "inspektur@palangkaraya.go.id", Actor::System)
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
    let c = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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

#[actix_web::test]
async fn the_case_list_searches_and_filters() {
    let app = spawn_app().await;
    let first = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let second = app
        .file_with(|form| {
            form.set("asn_id", Some("19900101 201501 2 001"))
                .set("asn_name", Some("Rina Wulandari"))
                .set("violations", Some("NET-08"))
                .set("election_type", Some("pilgub"))
        })
        .await
        .0;
    let c = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let me: i64 = app.db(|conn| {
        users::table
            .filter(users::email.eq("inspektur@palangkaraya.go.id"))
            .select(users::id)
            .first(conn)
            .expect("me")
    });
    app.db(|conn| {
        use netra::db::schema::reports;
        diesel::update(reports::table.filter(reports::case_number.eq(&first)))
            .set(reports::deadline_at.eq(Some(netra::db::now() - chrono::Duration::hours(1))))
            .execute(conn)
            .expect("overdue");
        diesel::update(reports::table.filter(reports::case_number.eq(&second)))
            .set(reports::assigned_user_id.eq(Some(me)))
            .execute(conn)
            .expect("assign");
    });
    let only = |page: &str, yes: &str, no: &str| page.contains(yes) && !page.contains(no);
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let checks: Vec<(String, &str, &str)> = vec![
        (format!("?q={}", first.to_lowercase()), &first, &second),
        ("?q=19900101+201501+2+001".into(), &second, &first),
        ("?q=wulan".into(), &second, &first),
        ("?violation=NET-08".into(), &second, &first),
        ("?election=pilgub".into(), &second, &first),
        ("?overdue=1".into(), &first, &second),
        ("?mine=1".into(), &second, &first),
    ];
    for (query, yes, no) in &checks {
        let (status, page) = dashboard(&app, &c, query).await;
        assert_eq!(status, 200, "{query}");
        assert!(only(&page, yes, no), "{query}: expected {yes} and not {no}");
    }
    let (_, page) = dashboard(&app, &c, &format!("?from={tomorrow}")).await;
    assert!(
        !page.contains(&first) && !page.contains(&second),
        "date range"
    );
    let (_, page) = dashboard(&app, &c, "?sort=deadline").await;
    let listed = select_text(&page, "tbody tr td:first-child");
    let (a, b) = (
        listed
            .iter()
            .position(|n| *n == first)
            .expect("first listed"),
        listed
            .iter()
            .position(|n| *n == second)
            .expect("second listed"),
    );
    assert!(a < b, "the overdue case has the nearest deadline");
}
