//! The printable case file (issue 11): the facts, classification, sanctions with their legal
//! basis and the timeline, for the PPK's file; never the reporter's identity, witnesses or the
//! messages; another agency gets 404.

use netra::domain::workflow::Role;

use crate::case::{act, classified, post};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{TestApp, spawn_app, t};

async fn file_page(app: &TestApp, c: &reqwest::Client, number: &str) -> (u16, String) {
    let res = c
        .get(app.url(&format!("/dashboard/cases/{number}/berkas")))
        .send()
        .await
        .expect("GET");
    (res.status().as_u16(), res.text().await.expect("body"))
}

#[actix_web::test]
async fn the_case_file_has_the_decision_s_basis_and_nothing_of_the_reporter() {
    let app = spawn_app().await;
    let (number, _) = app
        .file_with(|f| {
            f.set("identity_mode", Some("named"))
                .set("reporter_name", Some("Siti Rahmawati"))
                .set("reporter_email", Some("siti@example.id"))
                .set("witnesses", Some("Saksi Bernama Joko"))
        })
        .await;
    let insp = palangkaraya_inspector(&app).await;
    let message = [("body", "Pesan rahasia untuk pelapor."), ("internal", "")];
    assert_eq!(
        post(&app, &insp, &number, "/pesan", &message)
            .await
            .status(),
        303
    );
    classified(&app, &insp, &number, "discipline").await;
    assert_eq!(
        act(&app, &insp, &number, "recommend", "", &[("sanction", "S3")]).await,
        303
    );

    let (status, html) = file_page(&app, &insp, &number).await;
    assert_eq!(status, 200);
    for text in [
        number.as_str(),
        t("classification.discipline"),
        t("tier.sedang"),
        "NET-02",
        "Budi Santoso",
        t("case_file.no_reporter_data"),
    ] {
        assert!(shows(&html, text), "{text}");
    }
    assert!(html.contains("PP 94/2021"), "the legal basis");
    for secret in [
        "Siti Rahmawati",
        "siti@example.id",
        "Saksi Bernama Joko",
        "Pesan rahasia",
    ] {
        assert!(
            !html.contains(secret),
            "{secret} must not be in the case file"
        );
    }
    assert!(!html.contains("<form"), "nothing to press on paper");

    let other = staff(
        &app,
        "inspektur@banjar.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    assert_eq!(file_page(&app, &other, &number).await.0, 404);
}
