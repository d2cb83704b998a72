//! Setting the second factor up and keeping it: a role that requires it reaches nothing before
//! it is on; a wrong code switches nothing on; the recovery codes are shown once and a new set
//! voids the old; an owner whose role allows it switches it off with a code; wrong codes on
//! these forms lock them.

use diesel::prelude::*;
use netra::domain::totp::Secret;
use netra::domain::workflow::Role;

use crate::helpers::actors::{
    PASSWORD, account, answer_code, enrol_on_page, file_in, fresh_code, login,
    palangkaraya_inspector, sign_in, staff,
};
use crate::helpers::factor::{audited, factor_on, form, visit};
use crate::helpers::html::{has, select_attr, select_text, shows};
use crate::helpers::{by_id, client, spawn_app, t, tf};
use crate::mail::deliver;

#[actix_web::test]
async fn an_admin_and_a_national_user_without_the_factor_are_sent_to_set_it_up_and_reach_nothing_else()
 {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    for (email, role) in [
        ("admin2@netra.test", Role::Admin),
        ("pusat@bkn.go.id", Role::National),
    ] {
        account(&app, email, role, None);
        let c = client();
        let res = login(&app, &c, email, PASSWORD).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/akun/dua-langkah", "{email}");
        for path in [
            "/dashboard".to_owned(),
            format!("/dashboard/cases/{n}"),
            "/admin".to_owned(),
            "/admin/users".to_owned(),
            "/akun".to_owned(),
            "/akun/sandi".to_owned(),
            "/akun/dua-langkah/kode-pemulihan".to_owned(),
        ] {
            assert_eq!(
                visit(&app, &c, &path).await,
                (303, "/akun/dua-langkah".into()),
                "{email} GET {path}"
            );
        }
        let page = c
            .get(app.url("/akun/dua-langkah"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        assert!(shows(&page, t("factor.forced")), "{email}");
        assert!(
            has(&page, r#"figure.qr svg.qr[role="img"] path"#),
            "a QR code drawn inline: {page}"
        );
        assert!(!has(&page, "script:not([src])"), "no inline script");
        let secret = Secret::from_base32(&by_id(&page, "factor-secret")).expect("the key");
        let uri = select_attr(&page, "#factor-uri", "href").join("");
        assert_eq!(
            uri,
            format!(
                "otpauth://totp/Netra:{}?secret={}&issuer=Netra",
                email.replace('@', "%40"),
                secret.base32()
            )
        );
        // A case action from a session that still has to set the factor up.
        let (status, location, _) = form(
            &app,
            &c,
            "/akun/dua-langkah",
            &format!("/dashboard/cases/{n}/pesan"),
            &[("body", "x")],
        )
        .await;
        assert_eq!((status, location.as_str()), (303, "/akun/dua-langkah"));
        // Signing out is the one other thing it can do.
        let (status, location, _) = form(&app, &c, "/akun/dua-langkah", "/logout", &[]).await;
        assert_eq!((status, location.as_str()), (303, "/login"));
    }
}

#[actix_web::test]
async fn setting_up_with_a_wrong_code_switches_nothing_on_and_a_bad_format_keeps_the_input() {
    let app = spawn_app().await;
    account(&app, "pusat@bkn.go.id", Role::National, None);
    let c = client();
    login(&app, &c, "pusat@bkn.go.id", PASSWORD).await;
    let page = c
        .get(app.url("/akun/dua-langkah"))
        .send()
        .await
        .expect("page");
    let secret = by_id(&page.text().await.expect("body"), "factor-secret");
    let (status, _, body) = form(
        &app,
        &c,
        "/akun/dua-langkah",
        "/akun/dua-langkah",
        &[("code", "000000")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(shows(&body, t("factor.code_wrong")), "{body}");
    assert_eq!(
        by_id(&body, "factor-secret"),
        secret,
        "the same key to try again"
    );
    let (status, _, body) = form(
        &app,
        &c,
        "/akun/dua-langkah",
        "/akun/dua-langkah",
        &[("code", "12-34")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        shows(&body, t("factor.code_format"))
            && has(&body, r##".error-summary a[href="#f-code"]"##)
            && has(&body, r#"input[name="code"][value="12-34"]"#),
        "{body}"
    );
    assert!(!factor_on(&app, "pusat@bkn.go.id"));
    assert_eq!(
        visit(&app, &c, "/dashboard").await,
        (303, "/akun/dua-langkah".into())
    );
    assert!(audited(&app, "second_factor_enrolled").is_empty());
}

#[actix_web::test]
async fn setting_up_shows_ten_recovery_codes_once_mails_the_owner_and_ends_other_sessions() {
    let app = spawn_app().await;
    let inspector = palangkaraya_inspector(&app).await;
    let email = "inspektur@palangkaraya.go.id";
    let other = client();
    assert_eq!(login(&app, &other, email, PASSWORD).await.status(), 303);
    let before = app.sent_mail().len();

    let (_, res) = enrol_on_page(&app, &inspector).await;
    assert_eq!(
        res.headers()["location"],
        "/akun/dua-langkah/kode-pemulihan"
    );
    let codes_page = inspector
        .get(app.url("/akun/dua-langkah/kode-pemulihan"))
        .send()
        .await
        .expect("codes")
        .text()
        .await
        .expect("body");
    let codes = select_text(&codes_page, "#recovery-codes li");
    assert_eq!(codes.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-'),
        "{codes:?}"
    );
    let again = inspector
        .get(app.url("/akun/dua-langkah/kode-pemulihan"))
        .send()
        .await
        .expect("codes")
        .text()
        .await
        .expect("body");
    assert!(
        shows(&again, t("factor.codes.gone")) && !again.contains(&codes[0]),
        "once"
    );
    let stored: Vec<String> = app.db(|db| {
        netra::db::schema::staff_recovery_codes::table
            .select(netra::db::schema::staff_recovery_codes::code_hash)
            .load(db)
            .expect("codes")
    });
    assert_eq!(stored.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| stored.iter().all(|h| !h.contains(&c.replace('-', "")))),
        "hashed"
    );

    assert_eq!(
        visit(&app, &inspector, "/dashboard").await.0,
        200,
        "this session goes on"
    );
    assert_eq!(
        visit(&app, &other, "/dashboard").await.0,
        303,
        "the other one ended"
    );
    assert_eq!(audited(&app, "second_factor_enrolled").len(), 1);
    deliver(&app).await;
    let mail = app.sent_mail()[before..].to_vec();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, [email]);
    assert!(
        mail[0]
            .data
            .contains(&tf("mail.second_factor_on.subject", email))
    );

    // A new set voids the old one.
    let code = fresh_code(&app, email).await;
    let (status, location, _) = form(
        &app,
        &inspector,
        "/akun/dua-langkah",
        "/akun/dua-langkah/kode-baru",
        &[("code", &code)],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/akun/dua-langkah/kode-pemulihan")
    );
    let fresh = inspector
        .get(app.url("/akun/dua-langkah/kode-pemulihan"))
        .send()
        .await
        .expect("codes")
        .text()
        .await
        .expect("body");
    let new_codes = select_text(&fresh, "#recovery-codes li");
    assert_eq!(new_codes.len(), 10);
    let c = client();
    login(&app, &c, email, PASSWORD).await;
    let res = answer_code(&app, &c, &codes[0]).await;
    assert_eq!(res.status(), 422, "an old code is void");
    let res = answer_code(&app, &c, &new_codes[0]).await;
    assert_eq!(res.headers()["location"], "/dashboard", "a new one works");
    assert_eq!(audited(&app, "recovery_codes_renewed").len(), 1);
}

#[actix_web::test]
async fn an_owner_whose_role_allows_it_switches_the_factor_off_with_a_code_and_other_sessions_end()
{
    let app = spawn_app().await;
    let email = "inspektur@palangkaraya.go.id";
    let a = palangkaraya_inspector(&app).await;
    enrol_on_page(&app, &a).await;
    let b = client();
    assert_eq!(
        sign_in(&app, &b, email, PASSWORD).await.headers()["location"],
        "/dashboard"
    );
    let (status, _, body) = form(
        &app,
        &a,
        "/akun/dua-langkah",
        "/akun/dua-langkah/matikan",
        &[("code", "000000")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        shows(&body, t("factor.code_wrong"))
            && has(&body, r##".error-summary a[href="#f-off_code"]"##)
    );
    assert!(factor_on(&app, email));
    let code = fresh_code(&app, email).await;
    let (status, location, _) = form(
        &app,
        &a,
        "/akun/dua-langkah",
        "/akun/dua-langkah/matikan",
        &[("code", &code)],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/akun/dua-langkah"));
    assert!(!factor_on(&app, email));
    let page = a
        .get(app.url("/akun/dua-langkah"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(shows(&page, t("factor.switched_off")));
    assert_eq!(
        visit(&app, &b, "/dashboard").await.0,
        303,
        "the other session ended"
    );
    assert_eq!(
        login(&app, &client(), email, PASSWORD).await.headers()["location"],
        "/dashboard"
    );
    assert_eq!(audited(&app, "second_factor_switched_off").len(), 1);
}

#[actix_web::test]
async fn five_wrong_codes_on_the_factors_own_forms_lock_them() {
    let app = spawn_app().await;
    let email = "pusat@bkn.go.id";
    let c = staff(&app, email, Role::National, None).await;
    for i in 0..5 {
        let (status, _, _) = form(
            &app,
            &c,
            "/akun/dua-langkah",
            "/akun/dua-langkah/kode-baru",
            &[("code", "000000")],
        )
        .await;
        assert_eq!(status, 422, "wrong code {i}");
    }
    let code = fresh_code(&app, email).await;
    let (status, _, _) = form(
        &app,
        &c,
        "/akun/dua-langkah",
        "/akun/dua-langkah/kode-baru",
        &[("code", &code)],
    )
    .await;
    assert_eq!(status, 429, "locked, even with the right code");
    assert!(audited(&app, "recovery_codes_renewed").is_empty());
}
