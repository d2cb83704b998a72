//! The admin pages: accounts, the holiday calendar, stage deadlines, agencies, the audit log.

use diesel::prelude::*;
use netra::db::schema::{agencies, holidays, stage_deadlines, users};
use netra::domain::workflow::Role;

use crate::helpers::actors::{login, staff};
use crate::helpers::client;
use crate::helpers::html::{has, select_text, shows, shows_pattern};
use crate::helpers::{TestApp, hidden, spawn_app, t, tf};

pub(crate) async fn form(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let html = c
        .get(app.url(page))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&html, "csrf");
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let res = c.post(app.url(path)).form(&all).send().await.expect("post");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[actix_web::test]
async fn an_admin_creates_resets_and_disables_accounts_and_sees_each_password_once() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let (s, body) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users",
        &[("email", "x"), ("name", "X"), ("role", "inspector")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(
        shows(&body, t("admin.users.email_invalid"))
            && has(&body, r##".error-summary a[href="#f-email"]"##)
            && has(&body, r#"input[name="name"][value="X"]"#),
        "the message at its field, and the input kept"
    );
    let (s, body) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users",
        &[
            ("email", "Insp@Palangkaraya.go.id"),
            ("name", "Insp"),
            ("role", "inspector"),
        ],
    )
    .await;
    assert_eq!(s, 422, "an inspector needs an agency");
    let long = "N".repeat(10_000);
    let (s, long_body) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users",
        &[
            ("email", "panjang@bkn.go.id"),
            ("name", long.as_str()),
            ("role", "national"),
        ],
    )
    .await;
    assert_eq!(s, 422, "a 10,000-character name");
    assert!(shows(&long_body, t("admin.users.name_too_long")));
    assert!(
        shows(&body, t("admin.users.agency_required"))
            && has(&body, r##".error-summary a[href="#f-agency"]"##),
        "in the page's language, at the agency field"
    );
    let fields = [
        ("email", "Insp@Palangkaraya.go.id"),
        ("name", "Insp"),
        ("role", "inspector"),
        ("agency", "62.71"),
    ];
    assert_eq!(
        form(&app, &admin, "/admin/users", "/admin/users", &fields)
            .await
            .0,
        303
    );
    let page = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let notice = tf("admin.users.created", "insp@palangkaraya.go.id — ");
    let password = select_text(&page, "[role=status]")
        .iter()
        .find_map(|n| n.strip_prefix(notice.as_str()).map(str::to_owned))
        .expect("password shown");
    assert!(!password.is_empty(), "a password after the email");
    let again = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!again.contains(&password), "shown once");
    let c = client();
    assert_eq!(
        login(&app, &c, "insp@palangkaraya.go.id", &password)
            .await
            .headers()["location"],
        "/akun/sandi"
    );

    assert_eq!(
        form(
            &app,
            &admin,
            "/admin/users",
            "/admin/users/reset",
            &[("email", "insp@palangkaraya.go.id")]
        )
        .await
        .0,
        303
    );
    assert_eq!(
        c.get(app.url("/akun/sandi"))
            .send()
            .await
            .expect("get")
            .status(),
        303,
        "the reset ended its session"
    );
    assert_eq!(
        form(
            &app,
            &admin,
            "/admin/users",
            "/admin/users/disable",
            &[("email", "admin2@netra.test")]
        )
        .await
        .0,
        422,
        "not oneself"
    );
    assert_eq!(
        form(
            &app,
            &admin,
            "/admin/users",
            "/admin/users/disable",
            &[("email", "insp@palangkaraya.go.id")]
        )
        .await
        .0,
        303
    );
    let active: bool = app.db(|db| {
        users::table
            .filter(users::email.eq("insp@palangkaraya.go.id"))
            .select(users::active)
            .first(db)
            .expect("u")
    });
    assert!(!active);
}

#[actix_web::test]
async fn an_admin_keeps_the_calendar_deadlines_and_agencies() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let page = "/admin/calendar?year=2028";
    let holiday = [
        ("day", "2028-01-01"),
        ("kind", "national"),
        ("name_id", "Tahun Baru 2028 Masehi"),
        ("name_en", "New Year's Day 2028"),
    ];
    assert_eq!(
        form(&app, &admin, page, "/admin/calendar/holidays", &holiday)
            .await
            .0,
        303
    );
    let (s, body) = form(&app, &admin, page, "/admin/calendar/holidays", &holiday).await;
    assert_eq!(s, 422);
    assert!(shows(&body, t("admin.calendar.duplicate")) && body.contains("Tahun Baru 2028 Masehi"));
    assert_eq!(
        form(
            &app,
            &admin,
            page,
            "/admin/calendar/holidays",
            &[
                ("day", "2027-13-01"),
                ("kind", "national"),
                ("name_id", "x"),
                ("name_en", "x")
            ]
        )
        .await
        .0,
        422
    );
    let id: i64 = app.db(|c| {
        holidays::table
            .filter(holidays::name_id.eq("Tahun Baru 2028 Masehi"))
            .select(holidays::id)
            .first(c)
            .expect("row")
    });
    assert_eq!(
        form(
            &app,
            &admin,
            page,
            "/admin/calendar/holidays/delete",
            &[("id", &id.to_string())]
        )
        .await
        .0,
        303
    );

    assert_eq!(
        form(
            &app,
            &admin,
            "/admin/calendar",
            "/admin/calendar/stages",
            &[("stage", "verification"), ("days", "0")]
        )
        .await
        .0,
        422
    );
    assert_eq!(
        form(
            &app,
            &admin,
            "/admin/calendar",
            "/admin/calendar/stages",
            &[("stage", "verification"), ("days", "7")]
        )
        .await
        .0,
        303
    );
    let days: i32 = app.db(|c| {
        stage_deadlines::table
            .find("verification")
            .select(stage_deadlines::working_days)
            .first(c)
            .expect("d")
    });
    assert_eq!(days, 7);

    let id: i64 = app.db(|c| {
        agencies::table
            .filter(agencies::code.eq("63.03"))
            .select(agencies::id)
            .first(c)
            .expect("id")
    });
    assert_eq!(
        form(
            &app,
            &admin,
            "/admin/agencies",
            "/admin/agencies/toggle",
            &[("id", &id.to_string())]
        )
        .await
        .0,
        303
    );
    assert!(
        !has(
            &app.get_text("/lapor").await,
            r#"[value="Pemerintah Kabupaten Banjar"]"#
        ),
        "an inactive agency is not offered"
    );

    let audit = admin
        .get(app.url("/admin/audit?action=deadline_changed"))
        .send()
        .await
        .expect("audit")
        .text()
        .await
        .expect("body");
    assert!(
        select_text(&audit, "td")
            .iter()
            .any(|c| c.contains("verification: 7"))
            && select_text(&audit, "td").contains(&t("audit.deadline_changed").to_owned())
            && !select_text(&audit, "td")
                .iter()
                .any(|c| c.ends_with(t("audit.holiday_added")))
    );
    let verified = admin
        .get(app.url("/admin/audit?verify=1"))
        .send()
        .await
        .expect("audit")
        .text()
        .await
        .expect("body");
    assert!(
        shows_pattern(&verified, t("admin.audit.intact")),
        "{verified}"
    );
}
