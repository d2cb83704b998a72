//! Filings arriving at once: committed together, each answered, each stored; one refused filing
//! rolls back alone.

use diesel::prelude::*;
use netra::db::schema::reports;

use crate::cli::netra;
use crate::helpers::*;

#[actix_web::test]
async fn filings_at_once_are_committed_together_each_answered_and_each_stored() {
    let app = spawn_app().await;
    let statuses = futures_util::future::join_all((0..40).map(|_| app.file_as_new_browser())).await;
    assert_eq!(statuses, vec![303; 40]);
    assert_eq!(app.report_count(), 40);
    let verify = netra(&app, &["audit", "verify"]);
    assert!(verify.status.success(), "{verify:?}");
}

#[actix_web::test]
async fn a_refused_filing_in_a_batch_rolls_back_alone() {
    use netra::app::report_file::Saved;
    use netra::error::AppError;
    let app = spawn_app().await;
    for _ in 0..2 {
        app.file_report().await;
    }
    let ids: Vec<i64> = app.db(|c| {
        reports::table
            .select(reports::id)
            .order(reports::id)
            .load(c)
            .expect("ids")
    });
    let (kept, refused) = (ids[0], ids[1]);
    // Many jobs at once so they share batches: the refused ones write, then fail.
    let jobs = (0..30).map(|i| {
        let w = app.state.filings.clone();
        async move {
            w.run(move |c| {
                let id = if i % 2 == 0 { kept } else { refused };
                diesel::update(reports::table.find(id))
                    .set(reports::place.eq(format!("job {i}")))
                    .execute(c)?;
                if id == refused {
                    return Err(AppError::BadRequest);
                }
                let number: String = reports::table
                    .find(id)
                    .select(reports::case_number)
                    .first(c)?;
                let row = netra::db::reports::find_by_case_number(c, &number)?
                    .ok_or(AppError::NotFound)?;
                Ok(Saved::Duplicate(Box::new(row)))
            })
            .await
            .is_ok()
        }
    });
    let results = futures_util::future::join_all(jobs).await;
    assert_eq!(
        results,
        (0..30).map(|i| i % 2 == 0).collect::<Vec<_>>(),
        "each job gets its own answer"
    );
    let places: Vec<String> = app.db(|c| {
        reports::table
            .filter(reports::id.eq_any([kept, refused]))
            .order(reports::id)
            .select(reports::place)
            .load(c)
            .expect("places")
    });
    assert!(places[0].starts_with("job "), "{places:?}");
    assert!(
        !places[1].starts_with("job "),
        "a refused job's write stayed: {places:?}"
    );
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
