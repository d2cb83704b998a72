//! Language: Bahasa Indonesia by default; `?lang=` switches and the choice sticks.

use crate::helpers::html::{has, select_text, shows};
use crate::helpers::{spawn_app, t, t_en, tf_en};

#[actix_web::test]
async fn indonesian_is_the_default_language() {
    let app = spawn_app().await;
    let home = app.get_text("/").await;
    assert!(has(&home, "html[lang=id]"));
    assert!(shows(&home, t("home.title")));
    assert_eq!(
        select_text(&home, r#"a[href="?lang=en"]"#),
        [t("nav.switch")],
        "a visible switch to English"
    );
}

#[actix_web::test]
async fn the_language_switch_sticks_across_pages() {
    let app = spawn_app().await;
    let home = app.get_text("/?lang=en").await;
    assert!(has(&home, "html[lang=en]"));
    assert!(shows(&home, t_en("home.title")));
    let form = app.get_text("/lapor").await;
    assert!(
        shows(&form, t_en("form.submit")),
        "the cookie keeps English on the next page"
    );
    let status = app.get_text("/status").await;
    assert!(shows(&status, t_en("status.lead")), "{status}");
    let back = app.get_text("/status?lang=id").await;
    assert!(shows(&back, t("status.title")));
    assert!(shows(&app.get_text("/").await, t("home.title")));
}

#[actix_web::test]
async fn validation_messages_follow_the_language() {
    let app = spawn_app().await;
    app.get("/?lang=en").await;
    let (csrf, token) = app.open_form().await;
    let form = crate::helpers::ReportForm::valid(&csrf, &token).set("asn_id", Some("12345"));
    let body = app.post_report(&form).await.text().await.expect("body");
    assert!(shows(&body, &tf_en("asn_id.wrong_length", "5")), "{body}");
}
