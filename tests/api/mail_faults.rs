//! The mail faults that need a server going away at the worst moment, and the issue's "done
//! when": with the worker running inside the server, filing a report in Kota Jambi puts an alert
//! in every Jambi inspector's and BKPSDM user's mailbox within seconds. And a recipient the server
//! keeps deferring (4xx): retried for the queue lifetime, however many attempts, then failed.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use netra::db::schema::outbox;
use netra::domain::workflow::Role;

use crate::helpers::actors::{file_in, staff};
use crate::helpers::spawn_app_with;
use crate::mail::{app_with_smtp, deliver, smtp, statuses};
use crate::smtp_proxy::Proxy;

fn message_id(data: &str) -> String {
    data.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        .map(|l| l[11..].trim().to_owned())
        .expect("a Message-ID header")
}

#[actix_web::test]
async fn a_server_stopped_mid_delivery_and_restarted_gets_everything_repeats_keep_their_id() {
    let (port, got) = smtp(0, &[]);
    let front = Proxy::start(port, None).await;
    let app =
        spawn_app_with(|s| s.smtp_url = Some(format!("smtp://127.0.0.1:{}", front.port))).await;
    for i in 0..3 {
        app.add_staff(&format!("staf{i}@palangkaraya.go.id"), "inspector", "62.71");
    }
    app.file_report().await;
    // The server takes the second message and stops before it can answer: down for a while.
    front.stop_after_message(2);
    let first = deliver(&app).await;
    assert_eq!(first, 1, "{:?}", statuses(&app));
    assert_eq!(
        got.lock().expect("sink").len(),
        2,
        "the server has two, the app knows of one"
    );
    // Restarted: the rest goes out on the next rounds.
    front.set_down(false);
    let mut rounds = 0;
    while statuses(&app).iter().any(|(_, s, _)| s != "sent") && rounds < 50 {
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        deliver(&app).await;
        rounds += 1;
    }
    assert!(
        statuses(&app).iter().all(|(_, s, _)| s == "sent"),
        "{:?}",
        statuses(&app)
    );
    let ids: Vec<String> = app.db(|c| {
        outbox::table
            .select(outbox::message_id)
            .load(c)
            .expect("ids")
    });
    let mut seen: HashMap<String, usize> = HashMap::new();
    for m in got.lock().expect("sink").iter() {
        *seen.entry(message_id(&m.data)).or_default() += 1;
    }
    let mut distinct: Vec<&String> = seen.keys().collect();
    distinct.sort();
    let mut want: Vec<&String> = ids.iter().collect();
    want.sort();
    assert_eq!(
        distinct, want,
        "every message arrived, under its own Message-ID"
    );
    assert_eq!(
        seen.values().filter(|n| **n == 2).count(),
        1,
        "one repeat, the interrupted one"
    );
    assert!(seen.values().all(|n| *n <= 2));
}

#[actix_web::test]
async fn filing_in_kota_jambi_reaches_every_jambi_inspector_and_bkpsdm_user_within_seconds() {
    let (port, got) = smtp(0, &[]);
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        s.mail_worker = true;
    })
    .await;
    let jambi = [
        ("inspektur1@jambikota.go.id", Role::Inspector),
        ("inspektur2@jambikota.go.id", Role::Inspector),
        ("bkpsdm@jambikota.go.id", Role::Bkpsdm),
    ];
    for (email, role) in jambi {
        staff(&app, email, role, Some("15.71")).await;
    }
    staff(
        &app,
        "inspektur@muarojambikab.go.id",
        Role::Inspector,
        Some("15.05"),
    )
    .await;
    staff(&app, "pusat@bkn.go.id", Role::National, None).await;
    let filed = Instant::now();
    let number = file_in(&app, "Pemerintah Kota Jambi", "15", "15.71").await;
    // The alerts about this case (the national account also gets the notice that its second
    // factor was switched on for its sign-in).
    let subject = crate::helpers::tf("mail.new_case.subject", &number);
    let alerts = |got: &[crate::smtp_sink::Received]| {
        got.iter()
            .filter(|m| m.data.contains(&subject))
            .cloned()
            .collect::<Vec<_>>()
    };
    while alerts(&got.lock().expect("sink")).len() < 3 && filed.elapsed() < Duration::from_secs(20)
    {
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    let took = filed.elapsed();
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let got = alerts(&got.lock().expect("sink"));
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "bkpsdm@jambikota.go.id",
            "inspektur1@jambikota.go.id",
            "inspektur2@jambikota.go.id"
        ],
        "each Jambi user once, nobody else"
    );
    println!("Kota Jambi alert: 3 mailboxes reached {took:?} after filing");
    assert!(took < Duration::from_secs(10), "within seconds: {took:?}");
    for m in &got {
        assert!(
            m.data
                .contains(&crate::helpers::tf("mail.new_case.subject", &number))
                && m.data.contains("Pemerintah Kota Jambi")
        );
        assert!(!m.plain().contains("Budi Santoso") && !m.plain().contains("bakal calon"));
    }
}

/// Issue 10, item 9: ten deferrals (452) failed a message. Deferred mail is retried for the
/// queue's lifetime (five days), however many attempts that takes, and only then fails.
#[actix_web::test]
async fn a_deferred_message_is_retried_for_the_queue_lifetime_not_for_ten_attempts() {
    let (port, got) = crate::smtp_sink::smtp_deferring(&["bkpsdm@"]);
    let app = app_with_smtp(port).await;
    crate::helpers::actors::palangkaraya_inspector(&app).await;
    staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    app.file_report().await;
    assert_eq!(deliver(&app).await, 1, "the inspector's alert goes");
    let deferred = |app: &crate::helpers::TestApp| {
        app.db(|c| {
            outbox::table
                .filter(outbox::status.ne("sent"))
                .select((
                    outbox::id,
                    outbox::status,
                    outbox::attempts,
                    outbox::last_error,
                ))
                .first::<(i64, String, i32, Option<String>)>(c)
                .expect("the deferred message")
        })
    };
    let (id, status, attempts, error) = deferred(&app);
    assert_eq!((status.as_str(), attempts), ("pending", 1), "{error:?}");
    assert!(
        error.as_deref().unwrap_or_default().contains("452"),
        "{error:?}"
    );
    // Deferred for a day and a half already, far past ten attempts: still due, not failed.
    let make_due = |app: &crate::helpers::TestApp, queued_hours_ago: i64| {
        app.db(|c| {
            diesel::update(outbox::table.find(id))
                .set((
                    outbox::attempts.eq(40),
                    outbox::next_attempt_at.eq(netra::db::now()),
                    outbox::created_at
                        .eq(netra::db::now() - chrono::Duration::hours(queued_hours_ago)),
                ))
                .execute(c)
                .expect("due")
        })
    };
    make_due(&app, 36);
    assert_eq!(deliver(&app).await, 0);
    let (_, status, attempts, _) = deferred(&app);
    assert_eq!(
        (status.as_str(), attempts),
        ("pending", 41),
        "retried, not failed"
    );
    // Past five days in the queue: failed, visibly, with the server's last answer.
    make_due(&app, 5 * 24 + 1);
    assert_eq!(deliver(&app).await, 0);
    let (_, status, _, error) = deferred(&app);
    assert_eq!(status, "failed");
    let error = error.unwrap_or_default();
    assert!(error.contains("5 days") && error.contains("452"), "{error}");
    assert_eq!(got.lock().expect("sink").len(), 1);
}
