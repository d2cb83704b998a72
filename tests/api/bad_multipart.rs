//! The bad-input corpus for the two multipart forms (issue 10): the report form and the
//! reporter's reply on the status page. Each field in turn is sent bytes that are not UTF-8 and
//! a value over the field limit; then the body itself is broken: cut off inside a part, its
//! closing boundary missing, a boundary that is not the declared one, none declared, a part
//! without a name or without a disposition, a header line far over any size, thousands of
//! parts, no parts at all, a body that is not multipart. Each answer is a 4xx page that says
//! something, never a 5xx, and nothing is written. The same form, sent whole, is then accepted:
//! the corpus builds its bodies right, so a refusal is the bad input's doing.

use diesel::prelude::*;
use netra::db::schema::{audit_log, evidence, messages, outbox, reports};

use crate::helpers::html::select_text;
use crate::helpers::*;

const B: &str = "netra-corpus-boundary";
const MULTIPART: &str = "multipart/form-data; boundary=netra-corpus-boundary";

type Fields = Vec<(String, Vec<u8>)>;

fn part(name: &str, value: &[u8]) -> Vec<u8> {
    let mut out =
        format!("--{B}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").into_bytes();
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
    out
}

fn body(fields: &Fields) -> Vec<u8> {
    let mut out: Vec<u8> = fields.iter().flat_map(|(n, v)| part(n, v)).collect();
    out.extend_from_slice(format!("--{B}--\r\n").as_bytes());
    out
}

fn counts(app: &TestApp) -> [i64; 5] {
    app.db(|c| {
        [
            reports::table.count().get_result(c).expect("reports"),
            messages::table.count().get_result(c).expect("messages"),
            evidence::table.count().get_result(c).expect("evidence"),
            audit_log::table.count().get_result(c).expect("audit"),
            outbox::table.count().get_result(c).expect("outbox"),
        ]
    })
}

async fn post(app: &TestApp, path: &str, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let res = app
        .client
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

/// Every field sent broken in turn, then the body broken whole: each a 4xx page, nothing written.
async fn refuses_every_corruption(app: &TestApp, path: &str, fields: &Fields) {
    let before = counts(app);
    let mut cases: Vec<(String, String, Vec<u8>)> = Vec::new();
    for (i, (name, _)) in fields.iter().enumerate() {
        for (what, bad) in [
            ("not UTF-8", b"\xFF\xFEabc\xC0\xAF".to_vec()),
            ("over the field limit", vec![b'a'; 64 * 1024 + 1]),
        ] {
            let mut broken = fields.clone();
            broken[i].1 = bad;
            cases.push((format!("{what} in {name}"), MULTIPART.into(), body(&broken)));
        }
    }
    let whole = body(fields);
    let cut = whole[..whole.len() / 2].to_vec();
    let unclosed = whole[..whole.len() - format!("--{B}--\r\n").len()].to_vec();
    let mut nameless = whole.clone();
    nameless.splice(
        0..0,
        format!("--{B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n").into_bytes(),
    );
    let mut no_disposition = whole.clone();
    no_disposition.splice(
        0..0,
        format!("--{B}\r\nContent-Type: text/plain\r\n\r\nx\r\n").into_bytes(),
    );
    let long_header = format!(
        "--{B}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\nx\r\n",
        "n".repeat(100_000)
    )
    .into_bytes();
    let mut endless = whole[..whole.len() - format!("--{B}--\r\n").len()].to_vec();
    endless.extend((0..5_000).flat_map(|_| part("x", b"y")));
    endless.extend_from_slice(format!("--{B}--\r\n").as_bytes());
    for (what, content_type, bytes) in [
        ("cut off inside a part", MULTIPART.to_owned(), cut),
        ("no closing boundary", MULTIPART.to_owned(), unclosed),
        (
            "another boundary declared",
            "multipart/form-data; boundary=other".to_owned(),
            whole.clone(),
        ),
        (
            "no boundary declared",
            "multipart/form-data".to_owned(),
            whole.clone(),
        ),
        ("a part without a name", MULTIPART.to_owned(), nameless),
        (
            "a part without a disposition",
            MULTIPART.to_owned(),
            no_disposition,
        ),
        ("a header line of 100 KB", MULTIPART.to_owned(), long_header),
        ("5,000 parts", MULTIPART.to_owned(), endless),
        (
            "no parts at all",
            MULTIPART.to_owned(),
            format!("--{B}--\r\n").into_bytes(),
        ),
        ("an empty body", MULTIPART.to_owned(), Vec::new()),
        (
            "not multipart",
            "application/x-www-form-urlencoded".to_owned(),
            b"csrf=x&message=y".to_vec(),
        ),
    ] {
        cases.push((what.to_owned(), content_type, bytes));
    }
    for (what, content_type, bytes) in cases {
        let (status, page) = post(app, path, &content_type, bytes).await;
        assert!((400..500).contains(&status), "{path}, {what}: {status}");
        assert!(
            !select_text(&page, "h1").join("").trim().is_empty(),
            "{path}, {what}: {status} says nothing"
        );
        assert_eq!(
            counts(app),
            before,
            "{path}, {what}: {status} wrote something"
        );
    }
    // A form without parts carries no token: refused as one, before anything else is looked at.
    let (status, _) = post(app, path, MULTIPART, format!("--{B}--\r\n").into_bytes()).await;
    assert_eq!(status, 403, "{path}: a form without parts has no token");
    let (status, _) = post(app, path, MULTIPART, body(fields)).await;
    assert_eq!(status, 303, "{path}: the same form sent whole is accepted");
}

/// The limits off: the corpus sends one session's bodies by the dozen.
async fn unlimited() -> TestApp {
    spawn_app_with(|s| {
        s.limits = netra::config::LimitSettings {
            submit_address: None,
            submit_session: None,
            status_address: None,
            status_session: None,
            post_address: None,
            post_session: None,
        }
    })
    .await
}

#[actix_web::test]
async fn every_field_and_every_break_of_the_report_form_is_refused_and_writes_nothing() {
    let app = unlimited().await;
    let (csrf, token) = app.open_form().await;
    let mut fields: Fields = ReportForm::valid(&csrf, &token)
        .fields
        .into_iter()
        .map(|(k, v)| (k, v.into_bytes()))
        .collect();
    // The fields the valid anonymous report leaves out, sent empty so each gets its turn.
    for name in [
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        "agency_pick",
    ] {
        fields.push((name.to_owned(), Vec::new()));
    }
    refuses_every_corruption(&app, "/lapor", &fields).await;
    assert_eq!(app.report_count(), 1, "only the whole form filed");
}

#[actix_web::test]
async fn every_field_and_every_break_of_the_reply_form_is_refused_and_writes_nothing() {
    let app = unlimited().await;
    let (number, secret) = app.file_report().await;
    let page = app.reporter_opens(&number, &secret).await;
    let fields: Fields = [
        ("csrf", hidden(&page, "csrf")),
        ("client_token", hidden(&page, "client_token")),
        ("message", "Berikut keterangan tambahan.".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_bytes()))
    .collect();
    refuses_every_corruption(&app, "/status/kasus/balas", &fields).await;
}
