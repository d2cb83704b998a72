//! The printable case file (issue 11): the facts, classification, sanctions with their legal
//! basis and the timeline, for the PPK's file; never the reporter's identity, witnesses or the
//! messages; another agency gets 404.

use netra::domain::workflow::Role;

use crate::case::{act, classified, post};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::{shows, squash};
use crate::helpers::{TestApp, spawn_app, t};
use diesel::prelude::*;
use netra::db::schema::audit_log;

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
    let message = [
        ("body", "Pesan rahasia untuk pelapor."),
        ("to", "reporter"),
        ("confirm", "yes"),
    ];
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

    // The same file as PDF: the same facts, none of the reporter's, its download audited.
    let res = insp
        .get(app.url(&format!("/dashboard/cases/{number}/berkas.pdf")))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let bytes = res.bytes().await.expect("body");
    let text = pdf_text(&bytes);
    // NETRA_KEEP_PDF=<dir> keeps the file, to look at it.
    if let Ok(dir) = std::env::var("NETRA_KEEP_PDF") {
        std::fs::write(format!("{dir}/berkas.pdf"), &bytes).expect("kept");
    }
    for part in [
        number.as_str(),
        t("classification.discipline"),
        "NET-02",
        "Budi Santoso",
        "PP 94/2021",
    ] {
        assert!(squash(&text).contains(part), "{part} in the PDF: {text}");
    }
    for secret in [
        "Siti Rahmawati",
        "siti@example.id",
        "Saksi Bernama",
        "Pesan rahasia",
    ] {
        assert!(!text.contains(secret), "{secret} must not be in the PDF");
    }
    let exported: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("case_file_exported"))
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(exported, 1, "the download is in the audit log");

    let other = staff(
        &app,
        "inspektur@banjar.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    assert_eq!(file_page(&app, &other, &number).await.0, 404);
    let res = other
        .get(app.url(&format!("/dashboard/cases/{number}/berkas.pdf")))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), 404);
}

/// The text of every page of a PDF, as a reader extracts it.
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text")
}
