//! The second sign-in factor at sign-in (issue 10, "Also deliver"): with the factor on, a right
//! password leads only to the code page and opens no staff page; the right code signs in, once;
//! a recovery code works once; wrong codes end the pending sign-in and count in the throttle.

use diesel::prelude::*;
use netra::db::schema::{audit_log, sign_in_challenges};
use netra::domain::workflow::Role;

use crate::helpers::actors::{
    PASSWORD, account, answer_code, enrol_factor, enrol_on_page, file_in, fresh_code, login,
    sign_in, staff,
};
use crate::helpers::factor::visit;
use crate::helpers::html::{has, select_text, shows};
use crate::helpers::{TestApp, client, hidden, spawn_app, t, tf};

/// Posts `code` to the code page with a CSRF token read earlier (the page itself may already
/// answer with a redirect).
async fn post_code(
    app: &TestApp,
    c: &reqwest::Client,
    csrf: &str,
    code: &str,
) -> reqwest::Response {
    c.post(app.url("/login/kode"))
        .form(&[("csrf", csrf), ("code", code)])
        .send()
        .await
        .expect("POST /login/kode")
}

fn location(res: &reqwest::Response) -> &str {
    res.headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
}

#[actix_web::test]
async fn a_right_password_alone_opens_no_staff_page_of_an_account_with_the_factor_on() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    for (email, role, agency) in [
        ("pusat@bkn.go.id", Role::National, None),
        ("admin2@netra.test", Role::Admin, None),
        (
            "inspektur@palangkaraya.go.id",
            Role::Inspector,
            Some("62.71"),
        ),
    ] {
        account(&app, email, role, agency);
        enrol_factor(&app, email);
        let c = client();
        let res = login(&app, &c, email, PASSWORD).await;
        assert_eq!(
            (res.status().as_u16(), location(&res)),
            (303, "/login/kode"),
            "{email}: the password leads to the code page"
        );
        for path in [
            "/dashboard".to_owned(),
            format!("/dashboard/cases/{n}"),
            "/admin".to_owned(),
            "/admin/users".to_owned(),
            "/akun".to_owned(),
            "/akun/sandi".to_owned(),
            "/akun/dua-langkah".to_owned(),
        ] {
            let (status, to) = visit(&app, &c, &path).await;
            assert!(
                status == 303 && (to == "/login" || to == "/login/kode"),
                "{email} GET {path}: {status} {to}"
            );
        }
        let page = c
            .get(app.url("/login/kode"))
            .send()
            .await
            .expect("code page")
            .text()
            .await
            .expect("body");
        assert!(shows(&page, t("login.code.lead")));
    }
}

#[actix_web::test]
async fn the_right_code_signs_in_and_the_same_code_is_refused_the_second_time() {
    let app = spawn_app().await;
    account(&app, "pusat@bkn.go.id", Role::National, None);
    enrol_factor(&app, "pusat@bkn.go.id");
    let code = fresh_code(&app, "pusat@bkn.go.id").await;

    let a = client();
    login(&app, &a, "pusat@bkn.go.id", PASSWORD).await;
    let res = answer_code(&app, &a, &code).await;
    assert_eq!((res.status().as_u16(), location(&res)), (303, "/dashboard"));
    assert_eq!(visit(&app, &a, "/dashboard").await.0, 200);

    // Someone who saw the code typed (and knows the password) tries it at once elsewhere.
    let b = client();
    login(&app, &b, "pusat@bkn.go.id", PASSWORD).await;
    let res = answer_code(&app, &b, &code).await;
    assert_eq!(res.status(), 422, "a replayed code");
    assert!(shows(
        &res.text().await.expect("body"),
        t("login.code.wrong")
    ));
    assert_eq!(visit(&app, &b, "/dashboard").await, (303, "/login".into()));
}

#[actix_web::test]
async fn a_recovery_code_signs_in_once_and_never_again() {
    let app = spawn_app().await;
    account(&app, "pusat@bkn.go.id", Role::National, None);
    let c = client();
    assert_eq!(
        location(&login(&app, &c, "pusat@bkn.go.id", PASSWORD).await),
        "/akun/dua-langkah"
    );
    let (_, res) = enrol_on_page(&app, &c).await;
    let codes_page = c
        .get(app.url(location(&res)))
        .send()
        .await
        .expect("codes")
        .text()
        .await
        .expect("body");
    let codes = select_text(&codes_page, "#recovery-codes li");
    assert_eq!(codes.len(), 10, "{codes_page}");

    let other = client();
    login(&app, &other, "pusat@bkn.go.id", PASSWORD).await;
    // Typed as people do: upper case, the dash left out.
    let typed = codes[3].to_uppercase().replace('-', "");
    let res = answer_code(&app, &other, &typed).await;
    assert_eq!((res.status().as_u16(), location(&res)), (303, "/dashboard"));
    let page = other
        .get(app.url("/akun/dua-langkah"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(shows(&page, &tf("factor.codes.left", "9")), "{page}");
    let used: i64 = app.db(|db| {
        audit_log::table
            .filter(audit_log::action.eq("recovery_code_used"))
            .count()
            .get_result(db)
            .expect("count")
    });
    assert_eq!(used, 1, "the use is audited");

    let again = client();
    login(&app, &again, "pusat@bkn.go.id", PASSWORD).await;
    let res = answer_code(&app, &again, &codes[3]).await;
    assert_eq!(res.status(), 422, "spent");
    assert_eq!(visit(&app, &again, "/dashboard").await.0, 303);
}

/// Five wrong codes end the pending sign-in and count as a failed sign-in, on top of the
/// password's own count: two such rounds and a third password lock the account.
#[actix_web::test]
async fn wrong_codes_past_the_limit_end_the_pending_sign_in_and_count_in_the_throttle() {
    let app = spawn_app().await;
    let email = "pusat@bkn.go.id";
    account(&app, email, Role::National, None);
    enrol_factor(&app, email);
    for round in 0..2 {
        let c = client();
        assert_eq!(
            location(&login(&app, &c, email, PASSWORD).await),
            "/login/kode"
        );
        for i in 0..4 {
            let res = answer_code(&app, &c, "000000").await;
            assert_eq!(res.status(), 422, "round {round}, wrong code {i}");
        }
        let res = answer_code(&app, &c, "000000").await;
        assert_eq!(res.status(), 429, "the fifth");
        let body = res.text().await.expect("body");
        assert!(shows(&body, t("login.code.ended")));
        assert_eq!(
            visit(&app, &c, "/login/kode").await,
            (303, "/login".into()),
            "the pending sign-in is over"
        );
        let code = fresh_code(&app, email).await;
        let res = post_code(&app, &c, &hidden(&body, "csrf"), &code).await;
        assert_eq!(location(&res), "/login", "even the right code is too late");
    }
    // The password counted three times, the two ended sign-ins twice: five failures.
    let c = client();
    login(&app, &c, email, PASSWORD).await;
    let res = answer_code(&app, &c, &fresh_code(&app, email).await).await;
    assert_eq!(res.status(), 429, "locked, even with the right code");
    let res = login(&app, &client(), email, PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(shows(&res.text().await.expect("body"), t("login.locked")));
}

#[actix_web::test]
async fn a_code_in_the_wrong_format_comes_back_with_a_message_kept_and_costs_no_attempt() {
    let app = spawn_app().await;
    account(&app, "pusat@bkn.go.id", Role::National, None);
    enrol_factor(&app, "pusat@bkn.go.id");
    let c = client();
    login(&app, &c, "pusat@bkn.go.id", PASSWORD).await;
    for _ in 0..6 {
        let res = answer_code(&app, &c, "12 34x").await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.expect("body");
        assert!(
            shows(&body, t("login.code.format"))
                && has(&body, r##".error-summary a[href="#f-code"]"##)
                && has(
                    &body,
                    r#"input[name="code"][value="12 34x"][aria-invalid="true"]"#
                ),
            "{body}"
        );
    }
    let res = answer_code(&app, &c, &fresh_code(&app, "pusat@bkn.go.id").await).await;
    assert_eq!(location(&res), "/dashboard", "no attempt was spent");
}

#[actix_web::test]
async fn a_pending_sign_in_ends_after_five_minutes_and_with_a_reset_factor() {
    let app = spawn_app().await;
    let email = "pusat@bkn.go.id";
    account(&app, email, Role::National, None);
    enrol_factor(&app, email);
    let c = client();
    login(&app, &c, email, PASSWORD).await;
    let csrf = hidden(
        &c.get(app.url("/login/kode"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body"),
        "csrf",
    );
    app.db(|db| {
        diesel::update(sign_in_challenges::table)
            .set(
                sign_in_challenges::created_at
                    .eq(netra::db::now() - chrono::Duration::seconds(301)),
            )
            .execute(db)
            .expect("age");
    });
    let res = post_code(&app, &c, &csrf, &fresh_code(&app, email).await).await;
    assert_eq!(location(&res), "/login", "expired");

    let c = client();
    login(&app, &c, email, PASSWORD).await;
    let csrf = hidden(
        &c.get(app.url("/login/kode"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body"),
        "csrf",
    );
    let code = fresh_code(&app, email).await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let page = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("admin")
        .text()
        .await
        .expect("body");
    let res = admin
        .post(app.url("/admin/users/dua-langkah/reset"))
        .form(&[("csrf", hidden(&page, "csrf").as_str()), ("email", email)])
        .send()
        .await
        .expect("reset");
    assert_eq!(res.status(), 303);
    let res = post_code(&app, &c, &csrf, &code).await;
    assert_eq!(location(&res), "/login", "the factor it waited for is gone");
    let res = sign_in(&app, &client(), email, PASSWORD).await;
    assert_eq!(location(&res), "/akun/dua-langkah", "set it up again");
}

#[actix_web::test]
async fn the_code_page_and_every_factor_form_refuse_a_missing_csrf_token() {
    let app = spawn_app().await;
    account(&app, "pusat@bkn.go.id", Role::National, None);
    enrol_factor(&app, "pusat@bkn.go.id");
    let c = client();
    login(&app, &c, "pusat@bkn.go.id", PASSWORD).await;
    let code = fresh_code(&app, "pusat@bkn.go.id").await;
    let res = c
        .post(app.url("/login/kode"))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403, "the code page");
    assert_eq!(location(&answer_code(&app, &c, &code).await), "/dashboard");

    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    for (who, path) in [
        (&c, "/akun/dua-langkah"),
        (&c, "/akun/dua-langkah/kode-baru"),
        (&c, "/akun/dua-langkah/matikan"),
        (&admin, "/admin/users/dua-langkah/reset"),
        (&admin, "/admin/users/dua-langkah/peran"),
    ] {
        let res = who
            .post(app.url(path))
            .form(&[
                ("csrf", "not the token"),
                ("code", code.as_str()),
                ("email", "pusat@bkn.go.id"),
                ("inspector", "on"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403, "{path}");
    }
    let (factors, roles): (i64, i64) = app.db(|db| {
        (
            netra::db::schema::staff_totp::table
                .count()
                .get_result(db)
                .expect("count"),
            netra::db::schema::second_factor_roles::table
                .count()
                .get_result(db)
                .expect("count"),
        )
    });
    assert_eq!((factors, roles), (2, 0), "nothing changed");
}
