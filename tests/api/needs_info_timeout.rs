//! The needs-info window (issue 11; DOMAIN.md §3.3): a case whose reporter does not answer in
//! time becomes "not registered" by the server, the reporter (who left an address) is told, and
//! staff reopen it with a reason; a case answered in time is left alone.

use diesel::prelude::*;
use netra::db::schema::{outbox, reports};

use crate::case::{act, page, post, state_of};
use crate::helpers::actors::palangkaraya_inspector;
use crate::helpers::html::shows;
use crate::helpers::{TestApp, hidden, spawn_app, t};

fn expire(app: &TestApp) -> usize {
    app.db(|c| {
        netra::app::needs_info_timeout::expire(c, app.state.keys.audit(), netra::db::now())
            .expect("expire")
    })
}

fn backdate(app: &TestApp, number: &str) {
    app.db(|c| {
        diesel::update(reports::table.filter(reports::case_number.eq(number)))
            .set(reports::deadline_at.eq(netra::db::now() - chrono::Duration::hours(1)))
            .execute(c)
            .expect("backdate")
    });
}

fn notices(app: &TestApp, number: &str) -> i64 {
    app.db(|c| {
        let id: i64 = reports::table
            .filter(reports::case_number.eq(number))
            .select(reports::id)
            .first(c)
            .expect("case");
        outbox::table
            .filter(outbox::report_id.eq(id))
            .filter(outbox::kind.eq("state_changed"))
            .filter(outbox::recipient_email.is_not_null())
            .count()
            .get_result(c)
            .expect("count")
    })
}

#[actix_web::test]
async fn an_unanswered_question_times_out_and_staff_reopen_the_case_with_a_reason() {
    let app = spawn_app().await;
    let (number, secret) = app
        .file_with(|f| f.set("reporter_email", Some("pelapor@contoh.id")))
        .await;
    let (waiting, _) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    let question = [("question", "Kirim tangkapan layarnya.")];
    for n in [&number, &waiting] {
        assert_eq!(
            act(&app, &insp, n, "start_verification", "", &[]).await,
            303
        );
        assert_eq!(
            act(&app, &insp, n, "request_info", "", &question).await,
            303
        );
    }
    // Within the window nothing happens.
    assert_eq!(expire(&app), 0);
    let told = notices(&app, &number);
    backdate(&app, &number);
    assert_eq!(expire(&app), 1);
    assert_eq!(expire(&app), 0, "once");
    assert_eq!(state_of(&app, &number), "not_registered");
    assert_eq!(state_of(&app, &waiting), "needs_info", "not yet due");
    assert_eq!(notices(&app, &number), told + 1, "the reporter is told");
    let status = app.reporter_opens(&number, &secret).await;
    assert!(shows(&status, t("state.not_registered.body")));

    // Staff reopen it: a reason is required, then it is back in verification.
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, t("action.reopen")));
    let version = hidden(&html, "version");
    let no_reason = [
        ("action", "reopen"),
        ("detail", ""),
        ("reason", ""),
        ("version", version.as_str()),
    ];
    let res = post(&app, &insp, &number, "/aksi", &no_reason).await;
    assert_eq!(res.status(), 422);
    assert!(shows(
        &res.text().await.expect("body"),
        t("case.staff.reason_required")
    ));
    assert_eq!(act(&app, &insp, &number, "reopen", "", &[]).await, 303);
    assert_eq!(state_of(&app, &number), "verification");
    let closed: Option<chrono::NaiveDateTime> = app.db(|c| {
        reports::table
            .filter(reports::case_number.eq(&number))
            .select(reports::closed_at)
            .first(c)
            .expect("case")
    });
    assert_eq!(closed, None, "open again");
    // Nobody but the server times a case out.
    assert_eq!(act(&app, &insp, &waiting, "time_out", "", &[]).await, 403);
}
