//! The report form page: rendered once, cached and served compressed, yet a whole page with
//! each visitor's own tokens.

use std::io::Read as _;

use crate::helpers::*;

#[actix_web::test]
async fn the_cached_report_form_is_a_full_page_with_each_visitors_own_tokens_plain_or_gzip() {
    let app = spawn_app().await;
    let plain = app.get_text("/lapor").await;
    assert!(
        plain.contains("</html>") && plain.contains("Palangka"),
        "{plain}"
    );
    assert!(!plain.contains("NETRA-HOLE"), "a placeholder leaked");

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let answer = client
        .get(app.url("/lapor"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("form");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer
            .headers()
            .get("content-encoding")
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    let bytes = answer.bytes().await.expect("body");
    assert!(bytes.len() < 20_000, "{} bytes on the wire", bytes.len());
    let mut html = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut html)
        .expect("valid gzip");
    assert!(html.ends_with("</html>\n") || html.trim_end().ends_with("</html>"));
    // One page, one POST, in five parts the reporter can count (issue 12).
    for n in 1..=5 {
        let part = t("form.part")
            .replace("{arg}", &n.to_string())
            .replace("{total}", "5");
        assert!(crate::helpers::html::shows(&html, &part), "{part}");
    }
    let (csrf, token) = (hidden(&html, "csrf"), hidden(&html, "submission_token"));
    assert_eq!(token.len(), 32);
    assert_ne!(token, hidden(&plain, "submission_token"));
    // The tokens are this visitor's: the form files.
    let filed = client
        .post(app.url("/lapor"))
        .multipart(ReportForm::valid(&csrf, &token).to_multipart())
        .send()
        .await
        .expect("filing");
    assert_eq!(filed.url().path(), "/lapor/tanda-terima");
    assert_eq!(app.report_count(), 1);
}
