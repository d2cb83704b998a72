//! The daily digest: per agency, from a configurable local hour in the agency's time zone, to
//! every inspector and BKPSDM user of the agency (digest-only or not), counts only, and once per
//! day even across a restart.

use diesel::prelude::*;
use netra::db::schema::{digests, outbox, users};

use crate::helpers::actors::{file_in, palangkaraya_inspector};
use crate::helpers::{TestApp, spawn_app, spawn_app_with, t, t_en, tf, tf_en};
use crate::mail::deliver;

fn digests_to(app: &TestApp) -> Vec<String> {
    app.db(|c| {
        outbox::table
            .inner_join(users::table.on(outbox::recipient_user_id.eq(users::id.nullable())))
            .filter(outbox::kind.eq("digest"))
            .order(users::email.asc())
            .select(users::email)
            .load(c)
            .expect("outbox")
    })
}

/// `day` at `h`:30 UTC.
fn utc_at(day: chrono::NaiveDate, h: u32) -> chrono::NaiveDateTime {
    day.and_hms_opt(h, 30, 0).expect("time")
}

#[actix_web::test]
async fn the_digest_waits_for_the_local_hour_and_counts_without_content() {
    let app = spawn_app().await;
    palangkaraya_inspector(&app).await;
    app.add_staff("bkpsdm@palangkaraya.go.id", "bkpsdm", "62.71");
    // A digest-only user still gets the digest; an agency with nothing open gets none.
    app.db(|c| {
        diesel::update(users::table.filter(users::email.eq("bkpsdm@palangkaraya.go.id")))
            .set((users::alert_pref.eq("digest"), users::lang.eq("en")))
            .execute(c)
            .expect("pref")
    });
    app.add_staff("inspektur@banjarkab.go.id", "inspector", "63.03");
    let (number, _) = app.file_report().await;
    app.file_report().await;
    deliver(&app).await;
    let before = app.sent_mail().len();
    let today = netra::db::now().date();
    let utc = |h| utc_at(today, h);
    // 00:30 UTC is 07:30 in Palangka Raya (WIB): not yet 08:00 there.
    assert_eq!(
        app.db(
            |c| netra::app::digest::send_due(c, app.state.keys.audit(), utc(0), 8).expect("digest")
        ),
        0
    );
    assert_eq!(
        app.db(
            |c| netra::app::digest::send_due(c, app.state.keys.audit(), utc(0), 7).expect("digest")
        ),
        1
    );
    assert_eq!(
        app.db(
            |c| netra::app::digest::send_due(c, app.state.keys.audit(), utc(5), 7).expect("digest")
        ),
        0,
        "once a day"
    );
    assert_eq!(
        digests_to(&app),
        ["bkpsdm@palangkaraya.go.id", "inspektur@palangkaraya.go.id"]
    );
    let banjar_day: i64 = app.db(|c| digests::table.count().get_result(c).expect("days"));
    assert_eq!(
        banjar_day, 2,
        "Banjar's quiet day is recorded too, without a message"
    );
    assert_eq!(deliver(&app).await, 2);
    let mails = app.sent_mail()[before..].to_vec();
    let id = mails
        .iter()
        .find(|m| m.to == ["inspektur@palangkaraya.go.id"])
        .expect("Indonesian digest");
    let agency = "Pemerintah Kota Palangkaraya";
    assert!(
        id.data.contains(&tf("mail.digest.subject", agency)),
        "{}",
        id.data
    );
    let line = |key, n: i64| format!("{}: {n}", t(key));
    assert!(id.data.contains(&line("state.submitted", 2)), "{}", id.data);
    assert!(
        id.data.contains(&line("mail.digest.open_total", 2)),
        "{}",
        id.data
    );
    assert!(id.data.contains(&line("mail.digest.overdue", 0)));
    assert!(id.data.contains("/dashboard"));
    let en = mails
        .iter()
        .find(|m| m.to == ["bkpsdm@palangkaraya.go.id"])
        .expect("English digest");
    assert!(
        en.data.contains(&tf_en("mail.digest.subject", agency))
            && en
                .data
                .contains(&format!("{}: 2", t_en("mail.digest.open_total")))
    );
    for m in &mails {
        for secret in [number.as_str(), "Budi Santoso", "19860926", "bakal calon"] {
            assert!(
                !m.plain().contains(secret),
                "{secret} must not be in a digest"
            );
        }
    }
    // The day is Palangka Raya's: 23:30 UTC is already 06:30 tomorrow there, a new day...
    assert_eq!(
        app.db(
            |c| netra::app::digest::send_due(c, app.state.keys.audit(), utc(23), 6)
                .expect("digest")
        ),
        1
    );
    // ...and 00:30 UTC the next day is that same local day: nothing more.
    let next = today + chrono::Days::new(1);
    assert_eq!(
        app.db(
            |c| netra::app::digest::send_due(c, app.state.keys.audit(), utc_at(next, 0), 6)
                .expect("digest")
        ),
        0
    );
    assert_eq!(digests_to(&app).len(), 4, "two days, two people");
}

#[actix_web::test]
async fn the_digest_goes_once_a_day_even_across_a_restart() {
    let app = spawn_app_with(|s| s.digest_hour = Some(0)).await;
    app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    app.file_report().await;
    // The first server sent today's digest for Palangka Raya...
    assert_eq!(
        app.db(
            |c| netra::app::digest::send_due(c, app.state.keys.audit(), netra::db::now(), 0)
                .expect("digest")
        ),
        1
    );
    // ...then Banjar got staff and a case, and the server restarted with its chores running.
    app.add_staff("inspektur@banjarkab.go.id", "inspector", "63.03");
    file_in(&app, "Pemerintah Kabupaten Banjar", "63", "63.03").await;
    let mut settings = app.settings.clone();
    settings.chores = true;
    let restarted = netra::startup::Application::build(settings)
        .await
        .expect("restart");
    let handle = restarted.handle();
    actix_web::rt::spawn(restarted.run_until_stopped());
    // Its first round runs at once: it must send Banjar's digest, and not Palangka Raya's again.
    let mut waited = 0;
    while digests_to(&app).len() < 2 && waited < 100 {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    handle.stop(false).await;
    assert_eq!(
        digests_to(&app),
        ["inspektur@banjarkab.go.id", "inspektur@palangkaraya.go.id"],
        "one digest per agency and day"
    );
}

#[actix_web::test]
async fn an_alert_queued_behind_the_morning_digests_goes_out_in_the_next_round() {
    let app = spawn_app().await;
    let id = app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    let agency: i64 = app.db(|c| {
        users::table
            .find(id)
            .select(users::agency_id)
            .first::<Option<i64>>(c)
            .expect("agency")
            .expect("an agency")
    });
    let summary = netra::app::digest::Summary {
        agency_id: agency,
        day: netra::db::now().date(),
        open: vec![("verification".into(), 1)],
        overdue: 0,
        filed_last_day: 1,
    };
    let payload = serde_json::to_string(&summary).expect("payload");
    app.db(|c| {
        for _ in 0..150 {
            let id = netra::domain::ids::UserId(id);
            let to = netra::db::outbox::Recipient::User { id, lang: "id" };
            let kind = netra::domain::event::MailKind::Digest;
            netra::db::outbox::enqueue_with(c, kind, None, &to, Some(&payload)).expect("row");
        }
    });
    app.file_report().await;
    let round = crate::mail::deliver_round(&app).await;
    assert!(round.full, "more is due: the worker goes on at once");
    let new_case: String = app.db(|c| {
        outbox::table
            .filter(outbox::kind.eq("new_case"))
            .select(outbox::status)
            .first(c)
            .expect("alert")
    });
    assert_eq!(new_case, "sent", "not behind 150 digests");
}
