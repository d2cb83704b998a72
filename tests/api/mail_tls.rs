//! SMTP with TLS and credentials, against a real server: STARTTLS with AUTH PLAIN, implicit TLS
//! (`smtps://`), a certificate from a private CA trusted through `NETRA_SMTP_CA_FILE`; and what
//! must not work: an untrusted certificate, a wrong password (kept and retried, never dropped).

use diesel::prelude::*;
use netra::db::schema::outbox;

use crate::helpers::actors::palangkaraya_inspector;
use crate::helpers::{TestApp, spawn_app_with};
use crate::mail::{deliver, fixture_tls, smtp, smtp_with, statuses};
use crate::smtp_proxy::{Proxy, tls_acceptor};

async fn app_at(url: String, trust_ca: bool) -> TestApp {
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(url);
        s.smtp_ca_file = trust_ca.then(|| fixture_tls("ca.pem").into());
    })
    .await;
    palangkaraya_inspector(&app).await;
    app.file_report().await;
    app
}

#[actix_web::test]
async fn starttls_with_credentials_delivers_and_the_server_saw_the_message() {
    let (port, got) = smtp_with(0, &[], Some(("netra@instansi.go.id", "kata sandi smtp")));
    let url =
        format!("smtp://netra%40instansi.go.id:kata%20sandi%20smtp@127.0.0.1:{port}?tls=starttls");
    let app = app_at(url, true).await;
    assert_eq!(deliver(&app).await, 1, "{:?}", statuses(&app));
    let got = got.lock().expect("sink").clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["inspektur@palangkaraya.go.id"]);
}

#[actix_web::test]
async fn a_wrong_password_or_an_untrusted_certificate_keeps_the_message_for_later() {
    let (port, got) = smtp_with(0, &[], Some(("netra", "right password")));
    let wrong = app_at(
        format!("smtp://netra:wrong@127.0.0.1:{port}?tls=starttls"),
        true,
    )
    .await;
    assert_eq!(deliver(&wrong).await, 0);
    let (_, status, error) = statuses(&wrong).remove(0);
    assert_eq!(
        status, "pending",
        "a refused login is the operator's to fix: retried"
    );
    assert!(error.unwrap_or_default().contains("535"));
    // The fixture CA not trusted: the certificate is refused, nothing is sent in the clear.
    let untrusted = app_at(
        format!("smtp://netra:right%20password@127.0.0.1:{port}?tls=starttls"),
        false,
    )
    .await;
    assert_eq!(deliver(&untrusted).await, 0);
    let (_, status, error) = statuses(&untrusted).remove(0);
    assert_eq!(status, "pending");
    assert!(
        error
            .unwrap_or_default()
            .to_lowercase()
            .contains("certificate")
    );
    assert!(got.lock().expect("sink").is_empty());
    let attempts: i32 = untrusted.db(|c| {
        outbox::table
            .select(outbox::attempts)
            .first(c)
            .expect("row")
    });
    assert_eq!(attempts, 0, "the server's fault, not the message's");
}

#[actix_web::test]
async fn implicit_tls_smtps_delivers() {
    let (plain, got) = smtp(0, &[]);
    let front = Proxy::start(plain, Some(tls_acceptor())).await;
    let app = app_at(format!("smtps://127.0.0.1:{}", front.port), true).await;
    assert_eq!(deliver(&app).await, 1, "{:?}", statuses(&app));
    assert_eq!(got.lock().expect("sink").len(), 1);
}
