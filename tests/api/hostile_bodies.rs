//! Form bodies sent to cost the server (issue 10, item 8): a request refused for its token, its
//! number of parts or the form-post limit is answered at that point, without the rest of its
//! body. Each request here declares 20 MB, sends only its start and then stalls: the answer must
//! come while the body is still unsent (on the previous code the server waited for all of it).

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::helpers::*;

const BOUNDARY: &str = "netra-hostile-boundary";

/// A session cookie and its CSRF token, from a fresh visit to the form.
async fn visit(app: &TestApp) -> (String, String) {
    let res = reqwest::Client::new()
        .get(app.url("/lapor"))
        .send()
        .await
        .expect("GET /lapor");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect::<Vec<_>>()
        .join("; ");
    let html = res.text().await.expect("body");
    (cookie, hidden(&html, "csrf"))
}

fn part(name: &str, value: &str) -> String {
    format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
}

/// Posts `start` as the beginning (a part is read only once the next boundary has come) of a 20 MB body that never comes in full; the status the
/// server answers with while it is still waiting for the rest.
async fn stalled_post(app: &TestApp, path: &str, cookie: &str, start: &str) -> u16 {
    let host = app.url("").trim_start_matches("http://").to_owned();
    let mut s = tokio::net::TcpStream::connect(&host)
        .await
        .expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: 20000000\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.expect("head");
    s.write_all(start.as_bytes()).await.expect("start");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(20), async {
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "no answer while the body was still unsent: {start:.80}"
    );
    let head = String::from_utf8_lossy(&got);
    head.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head:?}"))
}

#[actix_web::test]
async fn a_body_without_its_token_first_is_refused_before_the_rest_is_read() {
    let app = spawn_app().await;
    let (cookie, csrf) = visit(&app).await;
    // No token at all: the first part is something else.
    let start = part("asn_name", "Budi").repeat(50);
    assert_eq!(stalled_post(&app, "/lapor", &cookie, &start).await, 403);
    // A wrong token, then endless parts.
    let start = part("csrf", "not-the-token") + &part("x", "y").repeat(50);
    assert_eq!(stalled_post(&app, "/lapor", &cookie, &start).await, 403);
    // The token after another part does not count either, on either form.
    let start = part("submission_token", "t") + &part("csrf", &csrf);
    assert_eq!(stalled_post(&app, "/lapor", &cookie, &start).await, 403);
    assert_eq!(
        stalled_post(&app, "/status/kasus/balas", &cookie, &start).await,
        403
    );
    assert_eq!(app.report_count(), 0);
}

#[actix_web::test]
async fn a_body_of_endless_parts_is_refused_at_the_cap() {
    let app = spawn_app().await;
    let (cookie, csrf) = visit(&app).await;
    let start = part("csrf", &csrf) + &part("x", "y").repeat(netra::web::multipart::MAX_PARTS + 5);
    assert_eq!(stalled_post(&app, "/lapor", &cookie, &start).await, 413);
    assert_eq!(app.report_count(), 0);
    // The whole form, well under the cap, still files.
    assert_eq!(app.file_as_new_browser().await, 303);
}

#[actix_web::test]
async fn over_the_form_post_limit_a_body_is_refused_before_it_is_read() {
    let app = spawn_app_with(|s| {
        s.limits.post_address = Some(netra::config::Rate::new(2, 600));
    })
    .await;
    let (cookie, csrf) = visit(&app).await;
    // Two bodies (refused for their content) use the address's allowance.
    for _ in 0..2 {
        let start = part("csrf", "wrong") + &part("x", "y");
        assert_eq!(stalled_post(&app, "/lapor", &cookie, &start).await, 403);
    }
    // The third, with the right token, is refused before a byte of it counts.
    let start = part("csrf", &csrf) + &part("asn_name", "Budi");
    assert_eq!(stalled_post(&app, "/lapor", &cookie, &start).await, 429);
    assert_eq!(app.report_count(), 0);
}

/// Issue 10, item 10: a NUL in an attached file's name made the whole form a bare 400. The part's
/// header cannot be parsed, so nothing after it can be read and the form cannot come back
/// filled; the page says what happened and what to do, in the visitor's language.
#[actix_web::test]
async fn a_file_name_with_a_nul_gets_a_page_that_says_what_to_do() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let body = format!(
        "{}{}--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; \
         filename=\"foto\u{0}.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nxx\r\n--{BOUNDARY}--\r\n",
        part("csrf", &csrf),
        part("submission_token", &token),
    );
    let res = app
        .client
        .post(app.url("/lapor"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(
        crate::helpers::html::shows(&page, t("error.malformed_form.body")),
        "{page}"
    );
    assert_eq!(app.report_count(), 0);
}
