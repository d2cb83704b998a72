//! Outgoing mail. What goes out, read from the in-memory mailer: recipients, language, links, no
//! report content, one message per recipient. Delivery against a real SMTP server
//! (mailin-embedded on 127.0.0.1, inside the test process) and its faults: SMTP down then back,
//! a permanent rejection, a worker that died mid-delivery, two instances on one database. And
//! the `.eml` files written when there is no SMTP server.

use std::net::TcpListener;

use diesel::prelude::*;
use netra::db::schema::outbox;
use netra::domain::workflow::Role;

use crate::case::act;
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{
    ReportForm, TestApp, fixture, read_receipt, spawn_app, spawn_app_with, t_en, tf, tf_en,
};
pub use crate::smtp_sink::{fixture_tls, smtp, smtp_with};

pub async fn app_with_smtp(port: u16) -> TestApp {
    spawn_app_with(|s| s.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await
}

pub async fn deliver(app: &TestApp) -> usize {
    deliver_round(app).await.sent
}

pub async fn deliver_round(app: &TestApp) -> netra::notify::worker::Round {
    let st = &app.state;
    netra::notify::worker::deliver_due(&st.pool, &st.mailer, &st.keys, &st.settings)
        .await
        .expect("delivery round")
}

pub fn statuses(app: &TestApp) -> Vec<(String, String, Option<String>)> {
    app.db(|c| {
        outbox::table
            .order(outbox::id.asc())
            .select((outbox::kind, outbox::status, outbox::last_error))
            .load(c)
            .expect("outbox")
    })
}

async fn named_report(app: &TestApp) -> (String, String) {
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token)
        .set("identity_mode", Some("named"))
        .set("reporter_name", Some("Siti Rahmawati"))
        .set("reporter_email", Some("siti@example.id"))
        .file("foto.jpg", fixture("gps_exif_xmp.jpg"));
    assert_eq!(app.post_report(&form).await.status(), 303);
    read_receipt(&app.get_text("/lapor/tanda-terima").await)
}

#[actix_web::test]
async fn a_new_case_mails_the_agencys_staff_once_each_without_any_report_content() {
    let app = spawn_app().await;
    palangkaraya_inspector(&app).await;
    staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    staff(
        &app,
        "inspektur@banjarkab.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    let (number, _) = named_report(&app).await;
    assert_eq!(deliver(&app).await, 2);
    assert_eq!(deliver(&app).await, 0, "nothing twice");
    let got = app.sent_mail();
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        ["bkpsdm@palangkaraya.go.id", "inspektur@palangkaraya.go.id"]
    );
    let ids: Vec<String> = app.db(|c| {
        outbox::table
            .select(outbox::message_id)
            .load(c)
            .expect("ids")
    });
    for m in &got {
        assert!(
            m.data.contains(&tf("mail.new_case.subject", &number)),
            "Indonesian subject"
        );
        assert!(
            m.data.contains(&format!("/dashboard/cases/{number}")),
            "link to the case"
        );
        assert!(
            ids.iter().any(|id| m.data.contains(id.as_str())),
            "the outbox row's Message-ID"
        );
        for secret in [
            "Siti",
            "siti@example.id",
            "Budi Santoso",
            "19860926",
            "bakal calon",
            "Yos Sudarso",
        ] {
            assert!(
                !m.plain().contains(secret),
                "{secret} must not travel by email"
            );
        }
    }
}

#[actix_web::test]
async fn the_reporter_gets_a_content_free_notice_in_their_language_and_can_opt_out() {
    let app = spawn_app().await;
    app.get("/?lang=en").await;
    let (number, _) = named_report(&app).await;
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    deliver(&app).await;
    let mail = app
        .sent_mail()
        .into_iter()
        .find(|m| m.to == ["siti@example.id"])
        .expect("reporter mail");
    assert!(
        mail.data
            .contains(&tf_en("mail.state_changed.subject", &number)),
        "English, as the report was filed"
    );
    assert!(mail.data.contains("/status") && !mail.data.contains("/dashboard"));
    let link = mail
        .data
        .split_whitespace()
        .find(|w| w.contains("/status/berhenti/"))
        .expect("opt-out link")
        .to_owned();
    let path = link
        .split("127.0.0.1")
        .nth(1)
        .and_then(|p| p.split_once('/').map(|(_, rest)| format!("/{rest}")))
        .expect("path");
    let html = app.get_text(&path).await;
    let res = app
        .client
        .post(app.url(&path))
        .form(&[("csrf", crate::helpers::hidden(&html, "csrf"))])
        .send()
        .await
        .expect("opt out");
    assert_eq!(res.status(), 303);
    assert!(shows(&app.get_text(&path).await, t_en("optout.done")));
    assert_eq!(act(&app, &insp, &number, "register", "", &[]).await, 303);
    let before = app.sent_mail().len();
    deliver(&app).await;
    assert_eq!(app.sent_mail().len(), before, "nothing after opting out");
    let notices = statuses(&app)
        .iter()
        .filter(|(k, _, _)| k == "state_changed")
        .count();
    assert_eq!(notices, 1, "after opting out no notice is even queued");
}

#[actix_web::test]
async fn with_smtp_down_nothing_is_lost_and_everything_goes_once_it_is_back() {
    // A port with nothing listening.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let app = app_with_smtp(port).await;
    palangkaraya_inspector(&app).await;
    for _ in 0..3 {
        app.file_report().await;
    }
    // Down for longer than ten attempts would last: nothing is charged, nothing fails.
    for _ in 0..12 {
        let round = deliver_round(&app).await;
        assert_eq!(round.sent, 0);
        assert!(
            round.unavailable,
            "the round stops at the unreachable server"
        );
        actix_web::rt::time::sleep(std::time::Duration::from_millis(260)).await;
    }
    let rows = statuses(&app);
    assert!(rows.iter().all(|(_, s, _)| s == "pending"), "{rows:?}");
    assert!(
        rows.iter().any(|(_, _, e)| e.is_some()),
        "the error is kept: {rows:?}"
    );
    let attempts: Vec<i32> = app.db(|c| {
        outbox::table
            .select(outbox::attempts)
            .load(c)
            .expect("attempts")
    });
    assert_eq!(
        attempts,
        [0, 0, 0],
        "an outage costs the messages no attempts"
    );
    let (_, got) = smtp(port, &[]);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(deliver(&app).await, 3);
    assert_eq!(got.lock().expect("sink").len(), 3);
    assert!(statuses(&app).iter().all(|(_, s, _)| s == "sent"));
}

#[actix_web::test]
async fn a_permanent_rejection_fails_that_message_visibly_and_the_others_go() {
    let (port, got) = smtp(0, &["bkpsdm@"]);
    let app = app_with_smtp(port).await;
    palangkaraya_inspector(&app).await;
    staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    app.file_report().await;
    assert_eq!(deliver(&app).await, 1);
    let got = got.lock().expect("sink").clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["inspektur@palangkaraya.go.id"]);
    let failed: Vec<_> = statuses(&app)
        .into_iter()
        .filter(|(_, s, _)| s == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0].2.as_deref().unwrap_or_default().contains("550"),
        "{failed:?}"
    );
}

#[actix_web::test]
async fn a_message_claimed_by_a_worker_that_died_goes_out_with_the_same_message_id() {
    let (port, got) = smtp(0, &[]);
    let app = app_with_smtp(port).await;
    palangkaraya_inspector(&app).await;
    app.file_report().await;
    let id: String = app.db(|c| {
        diesel::update(outbox::table)
            .set((
                outbox::status.eq("sending"),
                outbox::claimed_at.eq(Some(netra::db::now() - chrono::Duration::minutes(30))),
            ))
            .execute(c)
            .expect("crash mid-delivery");
        outbox::table
            .select(outbox::message_id)
            .first(c)
            .expect("id")
    });
    assert_eq!(deliver(&app).await, 1);
    assert!(got.lock().expect("sink")[0].data.contains(&id));
}

#[actix_web::test]
async fn two_instances_on_one_database_send_each_message_once() {
    let (port, got) = smtp(0, &[]);
    let app = app_with_smtp(port).await;
    for i in 0..4 {
        staff(
            &app,
            &format!("staff{i}@palangkaraya.go.id"),
            Role::Inspector,
            Some("62.71"),
        )
        .await;
    }
    for _ in 0..3 {
        app.file_report().await;
    }
    let second = netra::startup::Application::build(app.settings.clone())
        .await
        .expect("second instance");
    let other = second.state().clone();
    let st = app.state.clone();
    let (a, b) = tokio::join!(
        netra::notify::worker::deliver_due(&st.pool, &st.mailer, &st.keys, &st.settings),
        netra::notify::worker::deliver_due(
            &other.pool,
            &other.mailer,
            &other.keys,
            &other.settings
        )
    );
    assert_eq!(a.expect("a").sent + b.expect("b").sent, 12);
    let got = got.lock().expect("sink").clone();
    assert_eq!(got.len(), 12, "every message exactly once");
}

#[actix_web::test]
async fn operators_see_a_failed_message_and_can_queue_it_again() {
    let (port, _got) = smtp(0, &["bkpsdm@"]);
    let app = app_with_smtp(port).await;
    staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    app.file_report().await;
    deliver(&app).await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let page = admin
        .get(app.url("/admin/outbox"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("failed") && page.contains("550"), "{page}");
    let id: i64 = app.db(|c| {
        outbox::table
            .filter(outbox::status.eq("failed"))
            .select(outbox::id)
            .first(c)
            .expect("id")
    });
    let res = admin
        .post(app.url("/admin/outbox/retry"))
        .form(&[
            ("csrf", crate::helpers::hidden(&page, "csrf")),
            ("id", id.to_string()),
        ])
        .send()
        .await
        .expect("retry");
    assert_eq!(res.status(), 303);
    assert_eq!(statuses(&app)[0].1, "pending");
}

#[actix_web::test]
async fn without_smtp_each_message_is_written_as_an_eml_file_in_the_data_directory() {
    let dir = tempfile::tempdir().expect("data dir");
    let data_dir = dir.path().to_path_buf();
    let app = spawn_app_with(|s| {
        s.smtp_url = None;
        s.mail_memory = None;
        s.data_dir = data_dir.clone();
    })
    .await;
    palangkaraya_inspector(&app).await;
    let (number, _) = app.file_report().await;
    assert_eq!(deliver(&app).await, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .expect("mail dir")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].path()).expect("eml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = files[0].metadata().expect("metadata").permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by Netra's user only: {mode:o}");
        let dir_mode = std::fs::metadata(dir.path().join("mail"))
            .expect("mail dir")
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o077, 0, "the folder too: {dir_mode:o}");
    }
    assert!(eml.contains("To: inspektur@palangkaraya.go.id") && eml.contains(&number));
    assert_eq!(statuses(&app)[0].1, "sent");
}
