//! The second factor as an admin keeps it: a reset is audited, ends the user's sessions and
//! mails them; only an admin may reset; the roles an admin requires it of apply from their next
//! sign-in; the upgrade ends the password-only sessions of the roles that always need it.

use diesel::prelude::*;
use netra::db::schema::users;
use netra::domain::workflow::Role;

use crate::helpers::actors::{
    PASSWORD, account, enrol_factor, enrol_on_page, fresh_code, login, palangkaraya_inspector,
    sign_in, staff,
};
use crate::helpers::factor::{audited, factor_on, form, visit};
use crate::helpers::html::{has, select_text, shows};
use crate::helpers::{client, spawn_app, t, tf};
use crate::mail::deliver;

#[actix_web::test]
async fn an_admins_reset_is_audited_ends_the_users_sessions_and_mails_them() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let national = staff(&app, "pusat@bkn.go.id", Role::National, None).await;
    let page = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let states = select_text(&page, "td.factor-state");
    assert!(
        states.iter().any(|s| s == t("admin.users.factor_on")),
        "{states:?}"
    );
    assert!(
        states.iter().any(|s| s == t("admin.users.factor_missing")),
        "the first admin: {states:?}"
    );
    deliver(&app).await;
    let before = app.sent_mail().len();

    let (status, location, _) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users/dua-langkah/reset",
        &[("email", "pusat@bkn.go.id")],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/admin/users"));
    let page = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(shows(
        &page,
        &tf("admin.users.factor_reset", "pusat@bkn.go.id")
    ));
    assert!(!factor_on(&app, "pusat@bkn.go.id"));
    assert_eq!(
        visit(&app, &national, "/dashboard").await,
        (303, "/login".into()),
        "its session ended"
    );
    let admin_id: i64 = app.db(|db| {
        users::table
            .filter(users::email.eq("admin2@netra.test"))
            .select(users::id)
            .first(db)
            .expect("admin")
    });
    assert_eq!(
        audited(&app, "second_factor_reset"),
        [(Some(admin_id), Some("pusat@bkn.go.id".to_owned()))]
    );
    deliver(&app).await;
    let mail = app.sent_mail()[before..].to_vec();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["pusat@bkn.go.id"]);
    assert!(
        mail[0]
            .data
            .contains(&tf("mail.second_factor_off.subject", "pusat@bkn.go.id"))
    );
    let res = sign_in(&app, &client(), "pusat@bkn.go.id", PASSWORD).await;
    assert_eq!(
        res.headers()["location"],
        "/akun/dua-langkah",
        "to be set up again"
    );

    // An account without the factor: nothing to reset, said at 422.
    let (status, _, body) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users/dua-langkah/reset",
        &[("email", "pusat@bkn.go.id")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(shows(&body, t("admin.users.factor_none")));
    assert_eq!(audited(&app, "second_factor_reset").len(), 1);
}

#[actix_web::test]
async fn only_an_admin_can_reset_a_factor() {
    let app = spawn_app().await;
    let email = "inspektur@palangkaraya.go.id";
    account(&app, email, Role::Inspector, Some("62.71"));
    enrol_factor(&app, email);
    let inspector = client();
    assert_eq!(
        sign_in(&app, &inspector, email, PASSWORD).await.headers()["location"],
        "/dashboard"
    );
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    let national = staff(&app, "pusat@bkn.go.id", Role::National, None).await;
    for (who, c) in [
        ("inspector", &inspector),
        ("bkpsdm", &bkpsdm),
        ("national", &national),
    ] {
        let (status, _, _) = form(
            &app,
            c,
            "/akun",
            "/admin/users/dua-langkah/reset",
            &[("email", email)],
        )
        .await;
        assert_eq!(status, 403, "{who}");
    }
    assert!(factor_on(&app, email));
    assert!(audited(&app, "second_factor_reset").is_empty());
}

#[actix_web::test]
async fn the_roles_an_admin_requires_it_of_apply_from_their_next_sign_in() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let inspector = palangkaraya_inspector(&app).await;
    account(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    );

    let (status, location, _) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users/dua-langkah/peran",
        &[("inspector", "on")],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/admin/users"));
    let page = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        has(&page, r#"input[name="inspector"][checked]"#)
            && !has(&page, r#"input[name="bkpsdm"][checked]"#)
    );
    assert_eq!(audited(&app, "second_factor_role_changed").len(), 1);

    assert_eq!(
        visit(&app, &inspector, "/dashboard").await.0,
        200,
        "an open session goes on"
    );
    let email = "inspektur@palangkaraya.go.id";
    let c = client();
    assert_eq!(
        login(&app, &c, email, PASSWORD).await.headers()["location"],
        "/akun/dua-langkah"
    );
    assert_eq!(
        visit(&app, &c, "/dashboard").await,
        (303, "/akun/dua-langkah".into())
    );
    let b = client();
    assert_eq!(
        login(&app, &b, "bkpsdm@palangkaraya.go.id", PASSWORD)
            .await
            .headers()["location"],
        "/dashboard",
        "another role: not required"
    );
    // Required of its role, the factor cannot be switched off by its owner.
    enrol_on_page(&app, &c).await;
    let code = fresh_code(&app, email).await;
    let (status, _, body) = form(
        &app,
        &c,
        "/akun/dua-langkah",
        "/akun/dua-langkah/matikan",
        &[("code", &code)],
    )
    .await;
    assert_eq!(status, 422);
    assert!(shows(&body, t("factor.required_for_role")));

    let (status, _, _) = form(
        &app,
        &admin,
        "/admin/users",
        "/admin/users/dua-langkah/peran",
        &[],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(audited(&app, "second_factor_role_changed").len(), 2);
    let page = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!has(&page, r#"input[name="inspector"][checked]"#));
}

/// Sessions opened before the upgrade signed in with a password alone: those of the roles that
/// now must have the factor end with the migration that brings it.
#[actix_web::test]
async fn the_upgrade_ends_the_sessions_of_admins_and_national_staff_and_no_one_else() {
    let app = spawn_app().await;
    account(&app, "pusat@bkn.go.id", Role::National, None);
    account(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    );
    let epochs = || {
        app.db(|db| {
            users::table
                .order(users::email.asc())
                .select((users::email, users::session_epoch))
                .load::<(String, i64)>(db)
                .expect("epochs")
        })
    };
    let before = epochs();
    app.db(|db| {
        let reverted = crate::case_search::revert_through(db, "2026-12-06-000013");
        assert_eq!(netra::db::migrate(db).expect("up"), reverted);
    });
    let moved: Vec<(String, i64)> = epochs()
        .into_iter()
        .zip(before)
        .map(|((email, after), (_, was))| (email, after - was))
        .collect();
    assert_eq!(
        moved,
        [
            ("admin@netra.test".to_owned(), 1),
            ("inspektur@palangkaraya.go.id".to_owned(), 0),
            ("pusat@bkn.go.id".to_owned(), 1),
        ]
    );
}
