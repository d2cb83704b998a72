//! Deadline alerts (one working day before, and once missed) and the staff's own email
//! preferences (`/akun`): every alert, or the daily digest only.

use diesel::prelude::*;
use netra::db::schema::{audit_log, holidays, outbox, reports, users};
use netra::domain::workflow::Role;

use crate::case::act;
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::{has, shows};
use crate::helpers::{TestApp, hidden, spawn_app, t, tf};
use crate::mail::deliver;

pub(crate) fn set_deadline(app: &TestApp, number: &str, at: chrono::NaiveDateTime) {
    app.db(|c| {
        diesel::update(reports::table.filter(reports::case_number.eq(number)))
            .set(reports::deadline_at.eq(Some(at)))
            .execute(c)
            .expect("deadline")
    });
}

/// The next Wednesday, 03:00 UTC (10:00 in Palangka Raya, WIB), made a working day.
pub(crate) fn wednesday(app: &TestApp) -> chrono::NaiveDateTime {
    use chrono::Datelike as _;
    let mut day = netra::db::now().date() + chrono::Days::new(1);
    while day.weekday() != chrono::Weekday::Wed {
        day = day + chrono::Days::new(1);
    }
    app.db(|c| {
        diesel::delete(
            holidays::table.filter(
                holidays::day.between(day - chrono::Days::new(3), day + chrono::Days::new(7)),
            ),
        )
        .execute(c)
        .expect("no holidays that week")
    });
    day.and_hms_opt(3, 0, 0).expect("time")
}

pub(crate) fn alerts_at(
    app: &TestApp,
    at: chrono::NaiveDateTime,
) -> netra::app::deadlines::Alerted {
    app.db(|c| {
        netra::app::deadlines::alert_deadlines(c, app.state.keys.audit(), at, 7).expect("alerts")
    })
}

fn alerts(app: &TestApp) -> netra::app::deadlines::Alerted {
    alerts_at(app, wednesday(app))
}

pub(crate) fn queued(app: &TestApp, kind: &str) -> Vec<(Option<i64>, String)> {
    app.db(|c| {
        outbox::table
            .inner_join(users::table.on(outbox::recipient_user_id.eq(users::id.nullable())))
            .filter(outbox::kind.eq(kind))
            .order(outbox::id.asc())
            .select((outbox::report_id, users::email))
            .load(c)
            .expect("outbox")
    })
}

#[actix_web::test]
async fn a_deadline_a_working_day_away_and_a_missed_one_alert_the_agency_once_each() {
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
    let (number, _) = app.file_report().await;
    let (far, _) = app.file_report().await;
    deliver(&app).await;
    let before = app.sent_mail().len();
    let now = wednesday(&app);
    set_deadline(&app, &number, now + chrono::Duration::hours(2));
    set_deadline(&app, &far, now + chrono::Duration::days(20));
    assert_eq!(
        alerts(&app),
        netra::app::deadlines::Alerted { soon: 1, missed: 0 }
    );
    assert_eq!(
        alerts(&app),
        netra::app::deadlines::Alerted::default(),
        "once"
    );
    let soon = queued(&app, "deadline_soon");
    let mut to: Vec<&str> = soon.iter().map(|(_, e)| e.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        ["bkpsdm@palangkaraya.go.id", "inspektur@palangkaraya.go.id"]
    );
    assert_eq!(deliver(&app).await, 2);
    let mails = app.sent_mail()[before..].to_vec();
    for m in &mails {
        assert!(
            m.data.contains(&tf("mail.deadline_soon.subject", &number)),
            "{}",
            m.data
        );
        assert!(m.data.contains(&format!("/dashboard/cases/{number}")));
        assert!(!m.plain().contains("Budi Santoso") && !m.plain().contains("19860926"));
    }
    // Missed: once, to the same people; the audit log says the system sent it.
    set_deadline(&app, &number, now - chrono::Duration::hours(1));
    assert_eq!(
        alerts(&app),
        netra::app::deadlines::Alerted { soon: 0, missed: 1 }
    );
    assert_eq!(
        alerts(&app),
        netra::app::deadlines::Alerted::default(),
        "once"
    );
    assert_eq!(queued(&app, "deadline_missed").len(), 2);
    let logged: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq_any(["deadline_soon_alerted", "deadline_missed_alerted"]))
            .count()
            .get_result(c)
            .expect("audit")
    });
    assert_eq!(logged, 2);
    assert_eq!(deliver(&app).await, 2);
    assert!(app.sent_mail().iter().any(|m| {
        m.data
            .contains(&tf("mail.deadline_missed.subject", &number))
    }));
    // A new stage brings a new deadline, and alerts about it in their turn.
    set_deadline(&app, &number, now + chrono::Duration::hours(3));
    assert_eq!(alerts(&app).soon, 1);
}

#[actix_web::test]
async fn an_alert_about_a_deadline_that_moved_before_delivery_is_not_sent() {
    let app = spawn_app().await;
    let insp = palangkaraya_inspector(&app).await;
    let (number, _) = app.file_report().await;
    deliver(&app).await;
    let before = app.sent_mail().len();
    set_deadline(&app, &number, wednesday(&app) + chrono::Duration::hours(2));
    assert_eq!(alerts(&app).soon, 1);
    // The inspector acts first: a new stage, a new deadline.
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    deliver(&app).await;
    assert_eq!(app.sent_mail().len(), before, "no stale alert");
    let skipped: Vec<Option<String>> = app.db(|c| {
        outbox::table
            .filter(outbox::kind.eq("deadline_soon"))
            .select(outbox::last_error)
            .load(c)
            .expect("row")
    });
    assert!(
        skipped[0]
            .as_deref()
            .unwrap_or_default()
            .contains("moved on")
    );
}

#[actix_web::test]
async fn a_missed_ppk_decision_alerts_through_data_blocking_not_twice() {
    let app = spawn_app().await;
    app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    let (number, _) = app.file_report().await;
    app.db(|c| {
        diesel::update(reports::table.filter(reports::case_number.eq(&number)))
            .set(reports::state.eq("awaiting_ppk"))
            .execute(c)
            .expect("state")
    });
    set_deadline(&app, &number, netra::db::now() - chrono::Duration::hours(1));
    assert_eq!(alerts(&app).missed, 0, "the PPK flag chore owns this alert");
    app.db(|c| {
        netra::app::deadlines::flag_overdue_ppk(c, app.state.keys.audit(), netra::db::now())
            .expect("flag")
    });
    assert_eq!(queued(&app, "ppk_overdue").len(), 1);
}

async fn account_page(app: &TestApp, c: &reqwest::Client) -> (u16, String) {
    let res = c.get(app.url("/akun")).send().await.expect("GET /akun");
    (res.status().as_u16(), res.text().await.expect("body"))
}

async fn save(app: &TestApp, c: &reqwest::Client, pref: &str, lang: &str) -> (u16, String) {
    let (_, html) = account_page(app, c).await;
    let res = c
        .post(app.url("/akun"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("alert_pref", pref),
            ("lang", lang),
        ])
        .send()
        .await
        .expect("POST /akun");
    (res.status().as_u16(), res.text().await.expect("body"))
}

fn prefs(app: &TestApp, email: &str) -> (String, String) {
    app.db(|c| {
        users::table
            .filter(users::email.eq(email))
            .select((users::alert_pref, users::lang))
            .first(c)
            .expect("user")
    })
}

#[actix_web::test]
async fn staff_choose_the_digest_only_and_then_get_no_single_alerts() {
    let app = spawn_app().await;
    let a = palangkaraya_inspector(&app).await;
    staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    let (status, html) = account_page(&app, &a).await;
    assert_eq!(status, 200);
    assert!(
        shows(&html, t("account.alerts.digest"))
            && has(&html, "input[name=alert_pref][value=all][checked]")
    );
    // Bad input: 422, the messages, the choice kept, nothing changed.
    let (status, html) = save(&app, &a, "sometimes", "fr").await;
    assert_eq!(status, 422);
    assert!(
        shows(&html, t("account.alerts.invalid")) && shows(&html, t("account.lang.invalid")),
        "{html}"
    );
    assert_eq!(
        prefs(&app, "inspektur@palangkaraya.go.id"),
        ("all".into(), "id".into())
    );
    let (status, _) = save(&app, &a, "digest", "en").await;
    assert_eq!(status, 303);
    assert_eq!(
        prefs(&app, "inspektur@palangkaraya.go.id"),
        ("digest".into(), "en".into())
    );
    assert_eq!(
        prefs(&app, "bkpsdm@palangkaraya.go.id"),
        ("all".into(), "id".into()),
        "only one's own"
    );
    let (_, html) = account_page(&app, &a).await;
    assert!(
        has(&html, "input[name=alert_pref][value=digest][checked]")
            && has(&html, "input[name=lang][value=en][checked]")
    );
    let audited: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("email_prefs_changed"))
            .count()
            .get_result(c)
            .expect("audit")
    });
    assert_eq!(audited, 1);
    // A new case now alerts only the BKPSDM user.
    app.file_report().await;
    let to: Vec<String> = queued(&app, "new_case")
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    assert_eq!(to, ["bkpsdm@palangkaraya.go.id"]);
    // Without a CSRF token nothing changes.
    let res = a
        .post(app.url("/akun"))
        .form(&[("alert_pref", "all"), ("lang", "id")])
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), 403);
    assert_eq!(prefs(&app, "inspektur@palangkaraya.go.id").0, "digest");
}

#[actix_web::test]
async fn staff_without_an_agency_cannot_choose_a_digest_they_would_never_get() {
    let app = spawn_app().await;
    let n = staff(&app, "pusat@bkn.go.id", Role::National, None).await;
    let (_, html) = account_page(&app, &n).await;
    assert!(!has(&html, "[value=digest]") && shows(&html, t("account.alerts.no_digest")));
    let (status, html) = save(&app, &n, "digest", "id").await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("account.alerts.no_digest")), "{html}");
    assert_eq!(prefs(&app, "pusat@bkn.go.id").0, "all");
}

#[actix_web::test]
async fn a_next_working_day_alert_waits_for_office_hours_on_a_working_day() {
    let app = spawn_app().await;
    app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    let (number, _) = app.file_report().await;
    let wed = wednesday(&app);
    let (fri, sat) = (
        wed + chrono::Duration::days(2),
        wed + chrono::Duration::days(3),
    );
    // Due at the end of Monday in WIB.
    set_deadline(
        &app,
        &number,
        wed + chrono::Duration::days(5) + chrono::Duration::hours(13),
    );
    assert_eq!(
        alerts_at(&app, wed).soon,
        0,
        "Wednesday: two working days away"
    );
    let fri_0630_wib = fri - chrono::Duration::minutes(30) - chrono::Duration::hours(3);
    assert_eq!(alerts_at(&app, fri_0630_wib).soon, 0, "before 07:00 local");
    assert_eq!(alerts_at(&app, sat).soon, 0, "not on a Saturday");
    assert_eq!(
        alerts_at(&app, fri).soon,
        1,
        "Friday 10:00 WIB: Monday is next"
    );
    assert_eq!(alerts_at(&app, sat).soon, 0, "and only once");
}
