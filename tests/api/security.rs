//! Headers on every response, health check.

use crate::helpers::html::{has, shows};
use crate::helpers::{spawn_app, t};

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/lapor",
        "/status",
        "/no-such-page",
        "/static/netra.css",
        "/healthz",
    ] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
    }
}

#[actix_web::test]
async fn pages_hold_no_inline_script_or_style() {
    let app = spawn_app().await;
    for path in ["/", "/lapor", "/status"] {
        let html = app.get_text(path).await;
        assert!(
            !has(&html, "script:not([src]), style, [style], [onclick]"),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn the_health_check_answers_when_the_database_does() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.expect("body"), "ok");
}

#[actix_web::test]
async fn an_unknown_page_is_a_localised_404() {
    let app = spawn_app().await;
    let res = app.get("/tidak-ada").await;
    assert_eq!(res.status(), 404);
    assert!(shows(
        &res.text().await.expect("body"),
        t("error.not_found.title")
    ));
}

#[actix_web::test]
async fn browsers_are_told_to_keep_to_https_only_when_netra_is_served_over_https() {
    let plain = spawn_app().await;
    let res = plain.get("/lapor").await;
    assert!(res.headers().get("strict-transport-security").is_none());
    let https = crate::helpers::spawn_app_with(|s| {
        s.base_url = "https://netra.example.go.id".into();
    })
    .await;
    let res = https.get("/lapor").await;
    assert_eq!(
        res.headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
}
