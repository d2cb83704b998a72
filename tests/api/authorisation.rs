//! Authorisation over every staff route: anonymous visitors are sent to sign in; admin pages
//! refuse other roles (403); case routes answer 404 to another agency's staff (tested in
//! `case`), and serve the right agency and national staff.

use netra::domain::workflow::Role;

use crate::helpers::actors::{file_in, staff};
use crate::helpers::client;
use crate::helpers::{TestApp, hidden, spawn_app};

const ADMIN_GETS: [&str; 7] = [
    "/admin",
    "/admin/katalog",
    "/admin/users",
    "/admin/calendar",
    "/admin/agencies",
    "/admin/audit",
    "/admin/outbox",
];
const ADMIN_POSTS: [&str; 13] = [
    "/admin/katalog/pelanggaran",
    "/admin/katalog/sanksi",
    "/admin/users",
    "/admin/users/disable",
    "/admin/users/reset",
    "/admin/users/dua-langkah/reset",
    "/admin/users/dua-langkah/peran",
    "/admin/calendar/holidays",
    "/admin/calendar/holidays/delete",
    "/admin/calendar/stages",
    "/admin/calendar/confirm",
    "/admin/agencies/toggle",
    "/admin/outbox/retry",
];

fn case_gets(n: &str) -> Vec<String> {
    vec![
        "/dashboard".into(),
        "/dashboard/kasus-baru".into(),
        format!("/dashboard/cases/{n}"),
        format!("/dashboard/cases/{n}/berkas"),
        format!("/dashboard/cases/{n}/berkas.pdf"),
        "/akun/sandi".into(),
        "/akun".into(),
        "/akun/dua-langkah".into(),
        "/akun/dua-langkah/kode-pemulihan".into(),
    ]
}

fn case_posts(n: &str) -> Vec<String> {
    [
        "identitas",
        "bukti/1",
        "pesan",
        "aksi",
        "tugaskan",
        "terlapor",
        "dokumen/1",
        "panggilan",
        "panggilan/1",
    ]
    .iter()
    .map(|p| format!("/dashboard/cases/{n}/{p}"))
    .collect()
}

async fn status(app: &TestApp, c: &reqwest::Client, method: &str, path: &str) -> (u16, String) {
    let res = if method == "GET" {
        c.get(app.url(path)).send().await
    } else {
        // A valid CSRF token from a page this client can open, so only authorisation decides.
        let html = c
            .get(app.url("/login"))
            .send()
            .await
            .expect("login page")
            .text()
            .await
            .expect("body");
        let csrf = hidden(&html, "csrf");
        c.post(app.url(path))
            .form(&[("csrf", csrf.as_str()), ("id", "1"), ("email", "x@y.id")])
            .send()
            .await
    }
    .expect("request");
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (res.status().as_u16(), location)
}

#[actix_web::test]
async fn every_staff_and_admin_route_sends_anonymous_visitors_to_sign_in() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let anon = client();
    let gets = case_gets(&n)
        .into_iter()
        .chain(ADMIN_GETS.iter().map(|s| (*s).to_owned()));
    for path in gets {
        assert_eq!(
            status(&app, &anon, "GET", &path).await,
            (303, "/login".into()),
            "GET {path}"
        );
    }
    let posts = case_posts(&n)
        .into_iter()
        .chain(ADMIN_POSTS.iter().map(|s| (*s).to_owned()));
    let own = [
        "/akun/sandi",
        "/akun",
        "/akun/dua-langkah",
        "/akun/dua-langkah/kode-baru",
        "/akun/dua-langkah/matikan",
    ];
    for path in posts.chain(own.iter().map(|s| (*s).to_owned())) {
        assert_eq!(
            status(&app, &anon, "POST", &path).await,
            (303, "/login".into()),
            "POST {path}"
        );
    }
}

#[actix_web::test]
async fn admin_pages_refuse_every_other_role_and_serve_admins() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let roles = [
        (Role::Inspector, Some("62.71"), "i@palangkaraya.go.id"),
        (Role::Bkpsdm, Some("62.71"), "b@palangkaraya.go.id"),
        (Role::National, None, "n@bkn.go.id"),
    ];
    for (role, agency, email) in roles {
        let c = staff(&app, email, role, agency).await;
        for path in ADMIN_GETS {
            assert_eq!(
                status(&app, &c, "GET", path).await.0,
                403,
                "{role:?} GET {path}"
            );
        }
        for path in ADMIN_POSTS {
            assert_eq!(
                status(&app, &c, "POST", path).await.0,
                403,
                "{role:?} POST {path}"
            );
        }
        for path in case_gets(&n) {
            assert_eq!(
                status(&app, &c, "GET", &path).await.0,
                200,
                "{role:?} GET {path}"
            );
        }
    }
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    for path in ADMIN_GETS {
        assert_eq!(
            status(&app, &admin, "GET", path).await.0,
            200,
            "admin GET {path}"
        );
    }
    assert_eq!(
        status(&app, &admin, "GET", &format!("/dashboard/cases/{n}"))
            .await
            .0,
        200,
        "admins may read cases"
    );
}

/// Every write route checks the form's CSRF token before it reads or writes anything: a signed-in
/// user whose form carries another token (or none) gets 403 and nothing changes.
#[actix_web::test]
async fn every_write_route_refuses_a_forged_csrf_token_and_changes_nothing() {
    use diesel::prelude::*;
    use netra::db::schema::{audit_log, messages, outbox};
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let national = staff(&app, "n@bkn.go.id", Role::National, None).await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let public = [
        "/status",
        "/status/keluar",
        "/login",
        "/logout",
        "/status/berhenti/1/x",
    ];
    let mut routes: Vec<(&reqwest::Client, String)> = Vec::new();
    routes.extend(public.iter().map(|p| (&national, (*p).to_owned())));
    routes.extend(["/akun", "/akun/sandi"].map(|p| (&national, p.to_owned())));
    routes.extend(case_posts(&n).into_iter().map(|p| (&national, p)));
    routes.extend(ADMIN_POSTS.iter().map(|p| (&admin, (*p).to_owned())));
    let counts = |app: &TestApp| {
        app.db(|c| {
            let a: i64 = audit_log::table.count().get_result(c).expect("audit");
            let m: i64 = messages::table.count().get_result(c).expect("messages");
            let o: i64 = outbox::table.count().get_result(c).expect("outbox");
            (a, m, o)
        })
    };
    let before = counts(&app);
    for (c, path) in routes {
        for token in ["forged", ""] {
            let res = c
                .post(app.url(&path))
                .form(&[
                    ("csrf", token),
                    ("reason", "alasan"),
                    ("body", "pesan"),
                    ("action", "start_verification"),
                    ("email", "x@y.id"),
                    ("id", "1"),
                ])
                .send()
                .await
                .expect("post");
            assert_eq!(
                res.status().as_u16(),
                403,
                "POST {path} with csrf {token:?}"
            );
        }
    }
    // The two forms that carry files are multipart.
    for path in ["/lapor", "/status/kasus/balas"] {
        for token in ["forged", ""] {
            let form = reqwest::multipart::Form::new()
                .text("csrf", token)
                .text("body", "pesan");
            let res = national
                .post(app.url(path))
                .multipart(form)
                .send()
                .await
                .expect("post");
            assert_eq!(
                res.status().as_u16(),
                403,
                "POST {path} with csrf {token:?}"
            );
        }
    }
    assert_eq!(counts(&app), before, "nothing was written");
    assert_eq!(
        status(&app, &national, "GET", "/dashboard").await.0,
        200,
        "still signed in"
    );
}

/// The case number in a case route is parsed before anything else: a malformed one is 404 (no
/// lookup), and one typed in lower case or without dashes finds the case.
#[actix_web::test]
async fn a_malformed_case_number_in_the_path_is_not_found_and_a_loosely_typed_one_is_found() {
    let app = spawn_app().await;
    let n = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let c = staff(&app, "n@bkn.go.id", Role::National, None).await;
    for bad in ["NTR-2026", "x", "NTR-20AB-7K3Q9M", "NTR-2026-7K3Q9M-1"] {
        assert_eq!(
            status(&app, &c, "GET", &format!("/dashboard/cases/{bad}"))
                .await
                .0,
            404,
            "GET {bad}"
        );
        for post in case_posts(bad) {
            assert_eq!(status(&app, &c, "POST", &post).await.0, 404, "POST {post}");
        }
    }
    let loose = n.to_lowercase().replace('-', "");
    assert_eq!(
        status(&app, &c, "GET", &format!("/dashboard/cases/{loose}"))
            .await
            .0,
        200,
        "{loose}"
    );
}
