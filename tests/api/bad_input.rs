//! The bad-input corpus (issue 10): every urlencoded form, public, staff and admin, sent bytes
//! that are not UTF-8, a field far over any limit, a body that is not a form at all, and
//! a tampered list cursor. Each answer is a 4xx page that says something (a form's message or
//! an error page's heading), never a 5xx, and nothing is written: no case, message, account or
//! audit row. The multipart forms have their own corpus in `hostile_bodies.rs`.

use diesel::prelude::*;
use netra::db::schema::{audit_log, messages, reports, users};
use netra::domain::workflow::Role;

use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::select_text;
use crate::helpers::*;

/// What each form posts to, with the names of its fields.
const FORMS: &[(&str, &[&str])] = &[
    ("/status", &["case_number", "secret"]),
    ("/status/keluar", &[]),
    ("/login", &["email", "password"]),
    ("/akun", &["alert_pref"]),
    ("/akun/sandi", &["current", "new", "confirm"]),
    ("/dashboard/cases/{n}/pesan", &["body", "internal"]),
    (
        "/dashboard/cases/{n}/aksi",
        &["action", "version", "reason", "ground", "message"],
    ),
    ("/dashboard/cases/{n}/tugaskan", &["user_id", "version"]),
    ("/dashboard/cases/{n}/identitas", &["reason"]),
    ("/admin/users", &["email", "name", "role", "agency"]),
    ("/admin/users/disable", &["email"]),
    ("/admin/users/reset", &["email"]),
    (
        "/admin/calendar/holidays",
        &["day", "kind", "name_id", "name_en"],
    ),
    ("/admin/calendar/holidays/delete", &["id"]),
    ("/admin/calendar/stages", &["stage", "days"]),
    ("/admin/agencies/toggle", &["id"]),
    ("/admin/outbox/retry", &["id"]),
];

/// The values no form takes, percent-encoded as a browser would send them. (A NUL or another
/// control character is not among them: `clean_text` drops those and keeps the rest, by design.)
const BAD: &[(&str, &str)] = &[
    ("not UTF-8", "%FF%FE%80abc"),
    ("an overlong encoding", "%C0%AF"),
    ("a lone surrogate", "%ED%A0%80"),
];

fn counts(app: &TestApp) -> [i64; 4] {
    app.db(|c| {
        [
            reports::table.count().get_result(c).expect("reports"),
            messages::table.count().get_result(c).expect("messages"),
            users::table.count().get_result(c).expect("users"),
            audit_log::table.count().get_result(c).expect("audit"),
        ]
    })
}

/// The page says something to the person: a form's error summary or an error page's heading.
fn says_something(page: &str) -> bool {
    !select_text(page, "h1").join("").trim().is_empty()
}

async fn post_raw(app: &TestApp, c: &reqwest::Client, path: &str, body: String) -> (u16, String) {
    let res = c
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[actix_web::test]
async fn every_form_refuses_malformed_bytes_with_a_page_and_writes_nothing() {
    let app = spawn_app().await;
    let (number, _) = app.file_report().await;
    let inspector = palangkaraya_inspector(&app).await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let before = counts(&app);
    for (path, fields) in FORMS {
        let path = path.replace("{n}", &number);
        let c = if path.starts_with("/admin") {
            &admin
        } else {
            &inspector
        };
        // A token from a page of the same session.
        let page = c
            .get(app.url(if path.starts_with("/admin") {
                "/admin/users"
            } else {
                "/akun"
            }))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        let csrf = hidden(&page, "csrf");
        let mut bodies: Vec<(String, String)> = Vec::new();
        for (what, bad) in BAD {
            for field in *fields {
                let rest: Vec<String> = fields
                    .iter()
                    .filter(|f| *f != field)
                    .map(|f| format!("{f}=x"))
                    .collect();
                let body = format!("csrf={csrf}&{field}={bad}&{}", rest.join("&"));
                bodies.push((format!("{what} in {field}"), body));
            }
            bodies.push((format!("{what} in the token"), format!("csrf={bad}")));
        }
        bodies.push((
            "a field over every limit".into(),
            format!("csrf={csrf}&x={}", "a".repeat(300_000)),
        ));
        bodies.push(("no form at all".into(), "\u{1}\u{2}%%%=&&==".into()));
        bodies.push(("the token twice".into(), format!("csrf={csrf}&csrf=other")));
        for (what, body) in bodies {
            let (status, page) = post_raw(&app, c, &path, body).await;
            assert!(status < 500, "{path}, {what}: {status}");
            if status >= 400 {
                assert!(
                    says_something(&page),
                    "{path}, {what}: {status} says nothing"
                );
            }
            assert_eq!(
                counts(&app),
                before,
                "{path}, {what}: {status} wrote something"
            );
        }
    }
}

#[actix_web::test]
async fn a_tampered_list_cursor_or_filter_is_a_page_not_an_error() {
    let app = spawn_app().await;
    app.file_report().await;
    let inspector = palangkaraya_inspector(&app).await;
    for query in [
        "after=abc",
        "after=99999999999999999999.1",
        "after=-1.-1",
        "after=1700000000000000.abc",
        "after=%FF%FE",
        "state=%00",
        "sort=%C0%AF",
        "from=9999-99-99&to=%FF",
        "q=%FF%FE",
        "page=-1",
    ] {
        let res = inspector
            .get(app.url(&format!("/dashboard?{query}")))
            .send()
            .await
            .expect("list");
        let status = res.status().as_u16();
        let page = res.text().await.expect("body");
        assert!(status < 500, "{query}: {status}");
        assert!(says_something(&page), "{query}: {status} says nothing");
    }
}
