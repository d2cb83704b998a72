//! Signing in and out under attack: parallel wrong guesses cannot slip past the lock, and
//! signing out ends the account's sessions everywhere.

use crate::helpers::actors::{PASSWORD, login, palangkaraya_inspector};
use crate::helpers::client;
use crate::helpers::{hidden, spawn_app};

#[actix_web::test]
async fn parallel_wrong_passwords_still_lock_the_account() {
    let app = spawn_app().await;
    palangkaraya_inspector(&app).await;
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
    let a = palangkaraya_inspector(&app).await;
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
