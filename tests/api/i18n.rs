//! Language: Bahasa Indonesia by default; `?lang=` switches and the choice sticks.

use crate::helpers::spawn_app;

#[actix_web::test]
async fn indonesian_is_the_default_language() {
    let app = spawn_app().await;
    let home = app.get_text("/").await;
    assert!(home.contains("<html lang=\"id\">"));
    assert!(home.contains("Laporkan ASN yang tidak netral"));
    assert!(
        home.contains("href=\"?lang=en\""),
        "a visible switch to English"
    );
}

#[actix_web::test]
async fn the_language_switch_sticks_across_pages() {
    let app = spawn_app().await;
    let home = app.get_text("/?lang=en").await;
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("Report a civil servant who takes sides"));
    let form = app.get_text("/lapor").await;
    assert!(
        form.contains("Send report"),
        "the cookie keeps English on the next page"
    );
    let status = app.get_text("/status").await;
    assert!(
        status.contains("Enter the case number and secret code"),
        "{status}"
    );
    let back = app.get_text("/status?lang=id").await;
    assert!(back.contains("Cek status laporan"));
    assert!(
        app.get_text("/")
            .await
            .contains("Laporkan ASN yang tidak netral")
    );
}

#[actix_web::test]
async fn validation_messages_follow_the_language() {
    let app = spawn_app().await;
    app.get("/?lang=en").await;
    let (csrf, token) = app.open_form().await;
    let form = crate::helpers::ReportForm::valid(&csrf, &token).set("asn_id", Some("12345"));
    let body = app.post_report(&form).await.text().await.expect("body");
    assert!(body.contains("you typed 5 digits"), "{body}");
}
