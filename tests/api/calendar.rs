//! The holiday calendar past 2026 (issue 11, defect 3): 2027 ships, deadlines that cross New
//! Year skip its holidays, a year nobody entered still counts its fixed-date holidays, and admins
//! are warned on every page while the next 60 days reach into an unconfirmed year, until they
//! confirm it with its decree (audited).

use chrono::NaiveDate;
use diesel::prelude::*;
use netra::db::schema::{audit_log, holiday_calendars};
use netra::domain::workflow::Role;
use netra::domain::working_days::add_working_days;

use crate::admin::form;
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{spawn_app, t, tf};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[actix_web::test]
async fn a_deadline_across_new_year_skips_the_2027_holidays_and_an_empty_year_its_fixed_dates() {
    let app = spawn_app().await;
    let off = app.db(|c| {
        netra::app::deadlines::days_off(c, day("2026-12-20"), day("2028-01-10")).expect("days off")
    });
    // Thursday 24 December 2026 is cuti bersama, Friday 25 Christmas: from Wednesday 23, one
    // working day is Monday 28.
    assert_eq!(
        add_working_days(day("2026-12-23"), 1, &off),
        day("2026-12-28")
    );
    // From Thursday 31 December: Friday 1 January 2027 is a holiday, so Monday 4 January.
    assert_eq!(
        add_working_days(day("2026-12-31"), 1, &off),
        day("2027-01-04")
    );
    // Five working days from Thursday 31 December skip New Year and Isra Mikraj (5 January,
    // an isbat date): 4, 6, 7, 8, 11 January.
    assert_eq!(
        add_working_days(day("2026-12-31"), 5, &off),
        day("2027-01-11")
    );
    // 2028 has no rows: 1 January 2028 (a Saturday) is off by rule, and so would be the others.
    assert!(off.contains(&day("2028-01-01")));
    let isbat: bool = app.db(|c| {
        use netra::db::schema::holidays;
        holidays::table
            .filter(holidays::day.eq(day("2027-03-10")))
            .select(holidays::isbat)
            .first(c)
            .expect("Idul Fitri 1448")
    });
    assert!(isbat, "the Hijri dates are marked as the isbat's");
}

#[actix_web::test]
async fn admins_are_warned_about_an_unconfirmed_year_ahead_until_they_confirm_it() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    // The warning's year: whichever year in the next 60 days is not confirmed (2027 as shipped,
    // once the clock is within 60 days of it).
    let today = netra::db::now().date();
    let ahead =
        app.db(|c| netra::app::reference::unconfirmed_year_ahead(c, today).expect("calendar"));
    let Some(year) = ahead else {
        eprintln!("skipped: every year of the next 60 days is confirmed in the shipped data");
        return;
    };
    let warning = tf("admin.calendar.warning", &year.to_string());
    for page in [
        "/admin",
        "/admin/calendar",
        "/admin/users",
        "/admin/agencies",
        "/dashboard",
    ] {
        let body = admin
            .get(app.url(page))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        assert!(shows(&body, &warning), "{page}: {body}");
    }
    // Staff who cannot fix it are not shown it.
    let insp = palangkaraya_inspector(&app).await;
    let body = insp.get(app.url("/dashboard")).send().await.expect("page");
    assert!(!shows(&body.text().await.expect("body"), &warning));

    let page = format!("/admin/calendar?year={year}");
    let y = year.to_string();
    let (s, body) = form(
        &app,
        &admin,
        &page,
        "/admin/calendar/confirm",
        &[("year", &y), ("source", " ")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(shows(&body, t("admin.calendar.source_required")), "{body}");
    // The wrong role cannot confirm.
    let res = insp
        .post(app.url("/admin/calendar/confirm"))
        .form(&[("csrf", "x"), ("year", y.as_str()), ("source", "SKB")])
        .send()
        .await
        .expect("post");
    assert!(
        matches!(res.status().as_u16(), 403 | 404),
        "{}",
        res.status()
    );
    let decree = "SKB Nomor 1/2026, 1/2026, 1/2026";
    let (s, _) = form(
        &app,
        &admin,
        &page,
        "/admin/calendar/confirm",
        &[("year", &y), ("source", decree)],
    )
    .await;
    assert_eq!(s, 303);
    let body = admin
        .get(app.url(&page))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        !shows(&body, &warning)
            && shows(&body, t("admin.calendar.confirmed"))
            && body.contains(decree)
    );
    let (confirmed, audited): (bool, i64) = app.db(|c| {
        (
            holiday_calendars::table
                .find(year)
                .select(holiday_calendars::confirmed)
                .first(c)
                .expect("row"),
            audit_log::table
                .filter(audit_log::action.eq("calendar_confirmed"))
                .count()
                .get_result(c)
                .expect("audit"),
        )
    });
    assert!(confirmed);
    assert_eq!(audited, 1);
}
