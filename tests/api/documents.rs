//! Case documents (issue 11): staff upload a BAP, it is listed on the case and downloaded with an
//! audit row, stripped of its metadata like evidence; the reporter never sees it; another
//! agency's staff get 404, an admin 403; a form with problems names them all and keeps the title.

use diesel::prelude::*;
use netra::db::schema::{audit_log, case_documents};
use netra::domain::workflow::Role;

use crate::case::page;
use crate::evidence_metadata::pdf_naming_its_author;
use crate::helpers::actors::{dashboard, palangkaraya_inspector, staff};
use crate::helpers::html::{select_attr, shows};
use crate::helpers::{TestApp, spawn_app, t};

/// The CSRF token (from the dashboard, which every staff member opens: only authorisation then
/// decides) and the case page's last audit entry ("0" when it does not open).
async fn tokens(app: &TestApp, c: &reqwest::Client, number: &str) -> (String, String) {
    let (_, html) = dashboard(app, c, "").await;
    let csrf = select_attr(&html, "input[name=csrf]", "value")
        .into_iter()
        .next()
        .unwrap_or_default();
    let (_, case) = page(app, c, number).await;
    let seen = select_attr(&case, "input[name=seen]", "value")
        .into_iter()
        .next()
        .unwrap_or_else(|| "0".into());
    (csrf, seen)
}

/// Uploads `bytes` as a document of `kind` titled `title` to the case, as `c`.
pub async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    kind: &str,
    title: &str,
    bytes: Option<Vec<u8>>,
) -> (u16, String) {
    let (csrf, seen) = tokens(app, c, number).await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("seen", seen)
        .text("kind", kind.to_owned())
        .text("title", title.to_owned());
    if let Some(b) = bytes {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(b).file_name("bap scan.pdf"),
        );
    }
    let res = c
        .post(app.url(&format!("/dashboard/cases/{number}/dokumen")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn download(app: &TestApp, c: &reqwest::Client, number: &str, id: i64) -> (u16, Vec<u8>) {
    let (csrf, _) = tokens(app, c, number).await;
    let res = c
        .post(app.url(&format!("/dashboard/cases/{number}/dokumen/{id}")))
        .form(&[("csrf", csrf)])
        .send()
        .await
        .expect("POST");
    let status = res.status().as_u16();
    (status, res.bytes().await.expect("body").to_vec())
}

#[actix_web::test]
async fn a_bap_is_kept_on_the_case_downloaded_with_an_audit_row_and_never_shown_to_the_reporter() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;

    // Nothing chosen: every problem named, nothing stored.
    let (status, html) = upload(&app, &insp, &number, "", "", None).await;
    assert_eq!(status, 422);
    for key in [
        "case.doc.kind_required",
        "case.doc.title_required",
        "case.doc.file_required",
    ] {
        assert!(shows(&html, t(key)), "{key}");
    }
    // A file that is not a document: refused by name, the title kept.
    let (status, html) = upload(
        &app,
        &insp,
        &number,
        "bap",
        "BAP 12/2026",
        Some(b"MZ not a pdf".to_vec()),
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("value=\"BAP 12/2026\""));
    assert!(shows(&html, t("case.doc.file_again")));

    let (status, _) = upload(
        &app,
        &insp,
        &number,
        "bap",
        "BAP 12/2026",
        Some(pdf_naming_its_author()),
    )
    .await;
    assert_eq!(status, 303);
    let (id, filename): (i64, String) = app.db(|c| {
        case_documents::table
            .select((case_documents::id, case_documents::filename))
            .first(c)
            .expect("stored")
    });
    assert!(
        filename.starts_with("bap-") && filename.ends_with(".pdf"),
        "{filename}"
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, "BAP 12/2026") && shows(&html, t("doc.bap")));

    let (status, bytes) = download(&app, &insp, &number, id).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        !bytes.windows(14).any(|w| w == b"Siti Rahmawati"),
        "metadata removed as from evidence"
    );
    let audited: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("document_downloaded"))
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(audited, 1);

    // The reporter's page says nothing of it.
    let status_page = app.reporter_opens(&number, &secret).await;
    assert!(!status_page.contains("BAP 12/2026") && !status_page.contains(&filename));

    // Another agency: 404 both ways; an admin may not upload.
    let other = staff(
        &app,
        "inspektur@banjar.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    assert_eq!(download(&app, &other, &number, id).await.0, 404);
    let (status, _) = upload(
        &app,
        &other,
        &number,
        "other",
        "x",
        Some(pdf_naming_its_author()),
    )
    .await;
    assert_eq!(status, 404);
    let admin = staff(&app, "admin@netra.go.id", Role::Admin, None).await;
    let (status, _) = upload(
        &app,
        &admin,
        &number,
        "other",
        "x",
        Some(pdf_naming_its_author()),
    )
    .await;
    assert_eq!(status, 403);
    // A forged CSRF token: refused before the body is read.
    let form = reqwest::multipart::Form::new()
        .text("csrf", "forged")
        .text("kind", "other")
        .text("title", "x")
        .part(
            "file",
            reqwest::multipart::Part::bytes(pdf_naming_its_author()),
        );
    let res = insp
        .post(app.url(&format!("/dashboard/cases/{number}/dokumen")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 403);
    let count: i64 = app.db(|c| case_documents::table.count().get_result(c).expect("n"));
    assert_eq!(count, 1);
}
