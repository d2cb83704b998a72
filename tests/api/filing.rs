//! Filings arriving at once: committed together, each answered, each stored; one refused filing
//! rolls back alone.

use diesel::prelude::*;
use netra::db::schema::reports;

use crate::cli::netra;
use crate::helpers::*;

/// 40 filings at once share batches, each written whole: what a filing writes alone (its
/// reporter, two violations, its name keys, its audit row, the alert to the agency's inspector,
/// its receipt row) is there for every one of them, and the chain verifies.
#[actix_web::test]
async fn filings_at_once_are_committed_together_each_answered_and_each_stored() {
    use netra::db::schema::{
        audit_log, outbox, receipt_views, report_reporters, report_violations,
    };
    let app = spawn_app().await;
    crate::helpers::actors::palangkaraya_inspector(&app).await;
    let outbox_before: i64 = app.db(|c| outbox::table.count().get_result(c).expect("outbox"));
    let statuses = futures_util::future::join_all((0..40).map(|_| app.file_as_new_browser())).await;
    assert_eq!(statuses, vec![303; 40]);
    assert_eq!(app.report_count(), 40);
    let counts: [i64; 5] = app.db(|c| {
        [
            report_reporters::table
                .count()
                .get_result(c)
                .expect("reporters"),
            report_violations::table
                .count()
                .get_result(c)
                .expect("violations"),
            audit_log::table
                .filter(audit_log::action.eq("report_submitted"))
                .count()
                .get_result(c)
                .expect("audit"),
            outbox::table
                .filter(outbox::kind.eq("new_case"))
                .count()
                .get_result(c)
                .expect("outbox"),
            receipt_views::table
                .count()
                .get_result(c)
                .expect("receipts"),
        ]
    });
    assert_eq!(
        counts,
        [40, 80, 40, 40, 40],
        "reporters, violations, audit, alerts, receipts"
    );
    let outbox_after: i64 = app.db(|c| outbox::table.count().get_result(c).expect("outbox"));
    assert_eq!(outbox_after - outbox_before, 40);
    let (kept, truth) = crate::case_search::kept_and_truth(&app);
    assert_eq!(kept, truth, "every case's name keys");
    let verify = netra(&app, &["audit", "verify"]);
    assert!(verify.status.success(), "{verify:?}");
}

/// Filings arriving together where the database refuses some (a trigger, standing for anything
/// one filing alone can fail on): the batch is filed again one filing at a time, so the others
/// are filed and answered 303, the refused ones get their form back as typed (503) and nothing of
/// theirs is written.
#[actix_web::test]
async fn a_filing_the_database_refuses_in_a_batch_fails_alone() {
    use netra::db::schema::{audit_log, report_reporters};
    let app = spawn_app().await;
    refuse_place(&app, "TOLAK");
    let statuses = futures_util::future::join_all((0..30).map(|i| {
        let place = if i % 3 == 0 {
            "TOLAK"
        } else {
            "Aula Kantor Walikota"
        };
        app.file_as_new_browser_with(move |f| f.set("place", Some(place)))
    }))
    .await;
    let expected: Vec<u16> = (0..30)
        .map(|i| if i % 3 == 0 { 503 } else { 303 })
        .collect();
    assert_eq!(statuses, expected, "each filing gets its own answer");
    let places: Vec<String> = app.db(|c| {
        reports::table
            .select(reports::place)
            .load(c)
            .expect("places")
    });
    assert_eq!(places.len(), 20);
    assert!(
        places.iter().all(|p| p == "Aula Kantor Walikota"),
        "{places:?}"
    );
    let written: (i64, i64) = app.db(|c| {
        (
            report_reporters::table
                .count()
                .get_result(c)
                .expect("reporters"),
            audit_log::table
                .filter(audit_log::action.eq("report_submitted"))
                .count()
                .get_result(c)
                .expect("audit"),
        )
    });
    assert_eq!(written, (20, 20), "nothing of a refused filing stays");
    let verify = netra(&app, &["audit", "verify"]);
    assert!(verify.status.success(), "{verify:?}");
}

/// The database refuses any report filed with this place.
fn refuse_place(app: &TestApp, place: &str) {
    use diesel::connection::SimpleConnection as _;
    app.db(|c| {
        let sql = match &*c {
            netra::db::DbConnection::Sqlite(_) => format!(
                "CREATE TRIGGER refuse_place BEFORE INSERT ON reports WHEN NEW.place = '{place}' \
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;"
            ),
            netra::db::DbConnection::Pg(_) => format!(
                "CREATE FUNCTION refuse_place() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN IF NEW.place = '{place}' THEN RAISE EXCEPTION 'refused'; END IF; \
                 RETURN NEW; END $$; \
                 CREATE TRIGGER refuse_place BEFORE INSERT ON reports \
                 FOR EACH ROW EXECUTE FUNCTION refuse_place();"
            ),
        };
        c.batch_execute(&sql).expect("trigger");
    });
}

/// Every write refused, reads still answered (as with a full disk or a read-only database): the
/// first statement of every write transaction fails.
fn refuse_writes(app: &TestApp, on: bool) {
    use diesel::connection::SimpleConnection as _;
    app.db(|c| {
        let sql = match (&*c, on) {
            (netra::db::DbConnection::Sqlite(_), true) => {
                "CREATE TRIGGER no_writes BEFORE UPDATE ON audit_chain \
                 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
            }
            (netra::db::DbConnection::Sqlite(_), false) => "DROP TRIGGER no_writes;",
            (netra::db::DbConnection::Pg(_), true) => {
                "CREATE FUNCTION no_writes() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$; \
                 CREATE TRIGGER no_writes BEFORE UPDATE ON audit_chain \
                 FOR EACH ROW EXECUTE FUNCTION no_writes();"
            }
            (netra::db::DbConnection::Pg(_), false) => {
                "DROP TRIGGER no_writes ON audit_chain; DROP FUNCTION no_writes();"
            }
        };
        c.batch_execute(sql).expect("trigger");
    });
}

/// Issue 10, item 7: `/healthz` answered "ok" while nothing could be saved, and the report got a
/// 500 that lost everything typed.
#[actix_web::test]
async fn when_nothing_can_be_saved_health_says_so_and_the_form_comes_back_as_typed() {
    let app = spawn_app().await;
    let health = || async {
        let res = app
            .client
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("healthz");
        res.status().as_u16()
    };
    assert_eq!(health().await, 200);
    refuse_writes(&app, true);
    assert_eq!(health().await, 503);
    let (csrf, token) = app.open_form().await;
    let form =
        ReportForm::valid(&csrf, &token).set("place", Some("Aula Kantor Walikota, lantai 3"));
    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 503);
    let page = res.text().await.expect("body");
    assert!(
        crate::helpers::html::shows(&page, t("form.not_saved")),
        "the page says nothing was saved: {page}"
    );
    assert_eq!(
        hidden(&page, "submission_token"),
        token,
        "the same form, to send again"
    );
    assert!(
        page.contains("Aula Kantor Walikota, lantai 3"),
        "what was typed is kept"
    );
    assert_eq!(app.report_count(), 0);
    refuse_writes(&app, false);
    assert_eq!(health().await, 200);
    let again = ReportForm::valid(&hidden(&page, "csrf"), &token);
    assert_eq!(
        app.post_report(&again).await.status(),
        303,
        "sent again, filed"
    );
    assert_eq!(app.report_count(), 1);
}
