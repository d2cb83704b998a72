//! The bad-input corpus (issue 10): every urlencoded form, public, staff and admin, sent bytes
//! that are not UTF-8, a field far over any limit, a body that is not a form at all, and
//! a tampered list cursor. Each answer is a 4xx page that says something (a form's message or
//! an error page's heading), never a 5xx, and nothing is written: no case, message, account or
//! audit row. The multipart forms have their own corpus in `hostile_bodies.rs`.

use diesel::prelude::*;
use netra::db::schema::{audit_log, messages, reports, staff_totp, users};
use netra::domain::workflow::Role;

use crate::helpers::actors::{
    PASSWORD, account, enrol_factor, login, palangkaraya_inspector, staff,
};
use crate::helpers::html::select_text;
use crate::helpers::*;

/// Who posts a form: the inspector of Palangkaraya, an admin (second factor on), or someone whose
/// password was accepted and whose code is pending.
#[derive(Clone, Copy)]
enum Who {
    Inspector,
    Admin,
    Pending,
}

/// What each form posts to, with the names of its fields, and who posts it.
const FORMS: &[(&str, &[&str], Who)] = &[
    ("/status", &["case_number", "secret"], Who::Inspector),
    ("/status/keluar", &[], Who::Inspector),
    ("/status/berhenti/1/{t}", &[], Who::Inspector),
    ("/login", &["email", "password"], Who::Inspector),
    ("/login/kode", &["code"], Who::Pending),
    ("/akun", &["alert_pref"], Who::Inspector),
    (
        "/akun/sandi",
        &["current", "new", "confirm"],
        Who::Inspector,
    ),
    ("/akun/dua-langkah", &["code"], Who::Inspector),
    ("/akun/dua-langkah/kode-baru", &["code"], Who::Admin),
    ("/akun/dua-langkah/matikan", &["code"], Who::Admin),
    (
        "/dashboard/cases/{n}/pesan",
        &["body", "to", "confirm"],
        Who::Inspector,
    ),
    (
        "/dashboard/cases/{n}/aksi",
        &["action", "version", "reason", "ground", "message"],
        Who::Inspector,
    ),
    (
        "/dashboard/cases/{n}/tugaskan",
        &["user_id", "version"],
        Who::Inspector,
    ),
    (
        "/dashboard/cases/{n}/terlapor",
        &[
            "asn_id",
            "name",
            "employee_type",
            "agency",
            "version",
            "reason",
        ],
        Who::Inspector,
    ),
    (
        "/dashboard/cases/{n}/identitas",
        &["reason"],
        Who::Inspector,
    ),
    ("/dashboard/cases/{n}/bukti/1", &[], Who::Inspector),
    (
        "/admin/users",
        &["email", "name", "role", "agency"],
        Who::Admin,
    ),
    ("/admin/users/disable", &["email"], Who::Admin),
    (
        "/admin/katalog/pelanggaran",
        &["code", "version", "name_id", "default_tier", "reason"],
        Who::Admin,
    ),
    (
        "/admin/katalog/sanksi",
        &["code", "version", "duration_months", "reason"],
        Who::Admin,
    ),
    ("/admin/users/reset", &["email"], Who::Admin),
    ("/admin/users/dua-langkah/reset", &["email"], Who::Admin),
    (
        "/admin/users/dua-langkah/peran",
        &["inspector", "bkpsdm"],
        Who::Admin,
    ),
    (
        "/admin/calendar/holidays",
        &["day", "kind", "name_id", "name_en"],
        Who::Admin,
    ),
    ("/admin/calendar/holidays/delete", &["id"], Who::Admin),
    ("/admin/calendar/stages", &["stage", "days"], Who::Admin),
    ("/admin/calendar/confirm", &["year", "source"], Who::Admin),
    ("/admin/agencies/toggle", &["id"], Who::Admin),
    ("/admin/outbox/retry", &["id"], Who::Admin),
    ("/logout", &[], Who::Inspector),
];

/// The values no form takes, percent-encoded as a browser would send them. (A NUL or another
/// control character is not among them: `clean_text` drops those and keeps the rest, by design.)
const BAD: &[(&str, &str)] = &[
    ("not UTF-8", "%FF%FE%80abc"),
    ("an overlong encoding", "%C0%AF"),
    ("a lone surrogate", "%ED%A0%80"),
];

fn counts(app: &TestApp) -> [i64; 5] {
    app.db(|c| {
        [
            reports::table.count().get_result(c).expect("reports"),
            messages::table.count().get_result(c).expect("messages"),
            users::table.count().get_result(c).expect("users"),
            audit_log::table.count().get_result(c).expect("audit"),
            staff_totp::table.count().get_result(c).expect("factors"),
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
    // A national account whose password is accepted and whose code is still to come.
    account(&app, "nasional@netra.test", Role::National, None);
    enrol_factor(&app, "nasional@netra.test");
    let pending = client();
    let res = login(&app, &pending, "nasional@netra.test", PASSWORD).await;
    assert_eq!(
        res.headers()["location"],
        "/login/kode",
        "the code is pending"
    );
    let before = counts(&app);
    for (path, fields, who) in FORMS {
        let path = path.replace("{n}", &number).replace("{t}", &"0".repeat(43));
        let (c, form_page) = match who {
            Who::Inspector => (&inspector, "/akun"),
            Who::Admin => (&admin, "/admin/users"),
            Who::Pending => (&pending, "/login/kode"),
        };
        // A token from a page of the same session.
        let page = c
            .get(app.url(form_page))
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
