//! The rest of the workflow over HTTP: ethics with a moral sanction, criminal with its Gakkumdu
//! reference, rejection on a ground, assignment, the overdue-PPK data-blocking flag.

use diesel::prelude::*;
use netra::db::schema::{audit_log, outbox, reports, users};
use netra::domain::workflow::Role;

use crate::case::{act, page, post, state_of};
use crate::helpers::actors::{file_in, palangkaraya_inspector, staff};
use crate::helpers::html::{has, select_text, shows};
use crate::helpers::{TestApp, hidden, spawn_app, t};

async fn to_examination(app: &TestApp, c: &reqwest::Client, number: &str) {
    for action in ["start_verification", "register", "start_examination"] {
        assert_eq!(act(app, c, number, action, "", &[]).await, 303, "{action}");
    }
}

#[actix_web::test]
async fn an_ethics_case_takes_a_moral_sanction_without_a_start_date_and_closes() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    to_examination(&app, &insp, &number).await;
    assert_eq!(
        act(&app, &insp, &number, "classify", "ethics", &[]).await,
        303
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        html.contains("MORAL_TERBUKA — ") && !html.contains("B2 — "),
        "ethics offers moral sanctions only"
    );
    assert_eq!(
        act(&app, &insp, &number, "recommend", "", &[("sanction", "B2")]).await,
        422
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &number,
            "recommend",
            "",
            &[("sanction", "MORAL_TERBUKA")]
        )
        .await,
        303
    );
    let today = crate::helpers::today();
    let decree = [("sk_number", "862/3/2026"), ("sk_date", today.as_str())];
    assert_eq!(
        act(&app, &bkpsdm, &number, "record_decision", "", &decree).await,
        303,
        "a moral statement has no TMT"
    );
    assert_eq!(act(&app, &bkpsdm, &number, "close", "", &[]).await, 303);
    assert_eq!(state_of(&app, &number), "closed");
    let tier: Option<String> =
        app.db(|c| reports::table.select(reports::tier).first(c).expect("tier"));
    assert_eq!(tier.as_deref(), Some("moral"));
}

#[actix_web::test]
async fn a_criminal_case_goes_to_gakkumdu_with_its_reference_and_the_administrative_track_may_continue()
 {
    let app = spawn_app().await;
    // PID-1 (campaigning as an official) may be a crime as well as a disciplinary breach.
    let (number, _) = app
        .file_with(|form| form.set("violations", Some("PID-1")))
        .await;
    let insp = palangkaraya_inspector(&app).await;
    to_examination(&app, &insp, &number).await;
    assert_eq!(
        act(&app, &insp, &number, "classify", "criminal", &[]).await,
        422,
        "the reference is required"
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &number,
            "classify",
            "criminal",
            &[("reference", "GAKKUMDU/62.71/017/XI/2024")]
        )
        .await,
        303
    );
    assert_eq!(state_of(&app, &number), "forwarded_gakkumdu");
    let reason: Option<String> = app.db(|c| {
        audit_log::table
            .filter(audit_log::to_state.eq("forwarded_gakkumdu"))
            .select(audit_log::reason)
            .first(c)
            .expect("audit")
    });
    assert!(
        reason
            .unwrap_or_default()
            .contains("GAKKUMDU/62.71/017/XI/2024")
    );
    assert_eq!(
        act(&app, &insp, &number, "continue_administrative", "", &[]).await,
        303
    );
    assert_eq!(state_of(&app, &number), "examination");
}

#[actix_web::test]
async fn a_rejected_report_records_its_ground_and_the_reporter_sees_it() {
    let app = spawn_app().await;
    let (number, _) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &insp, &number, "reject", "not_asn", &[]).await,
        303
    );
    assert_eq!(state_of(&app, &number), "rejected");
    let reason: Option<String> = app.db(|c| {
        audit_log::table
            .filter(audit_log::to_state.eq("rejected"))
            .select(audit_log::reason)
            .first(c)
            .expect("audit")
    });
    assert!(reason.unwrap_or_default().starts_with("[not_asn]"));
    let (_, html) = page(&app, &insp, &number).await;
    assert!(!has(&html, "[name=action]"), "nothing follows a rejection");
}

#[actix_web::test]
async fn a_case_is_assigned_only_to_a_handler_of_its_own_agency() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
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
    let id = |email: &str| -> i64 {
        app.db(|c| {
            users::table
                .filter(users::email.eq(email))
                .select(users::id)
                .first(c)
                .expect("user")
        })
    };
    let (_, html) = page(&app, &insp, &number).await;
    let version = hidden(&html, "version");
    let foreign = id("inspektur@banjarkab.go.id").to_string();
    let res = post(
        &app,
        &insp,
        &number,
        "/tugaskan",
        &[("handler", &foreign), ("version", &version)],
    )
    .await;
    assert_eq!(res.status(), 400);
    let colleague = id("bkpsdm@palangkaraya.go.id");
    let res = post(
        &app,
        &insp,
        &number,
        "/tugaskan",
        &[("handler", &colleague.to_string()), ("version", &version)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let assigned: Option<i64> = app.db(|c| {
        reports::table
            .select(reports::assigned_user_id)
            .first(c)
            .expect("row")
    });
    assert_eq!(assigned, Some(colleague));
    // The case list names the handler in its own column (issue 12).
    let name: String = app.db(|c| {
        users::table
            .find(colleague)
            .select(users::name)
            .first(c)
            .expect("name")
    });
    let (_, list) = crate::helpers::actors::dashboard(&app, &insp, "").await;
    let cells = crate::helpers::html::select_text(&list, "tbody tr td:last-child");
    assert_eq!(cells, [name]);
    let sent: Vec<Option<i64>> = app.db(|c| {
        outbox::table
            .filter(outbox::kind.eq("assigned"))
            .select(outbox::recipient_user_id)
            .load(c)
            .expect("outbox")
    });
    assert_eq!(sent, vec![Some(colleague)]);
    // The same page's version is stale now: the second form gets the list of what changed.
    let res = post(
        &app,
        &insp,
        &number,
        "/tugaskan",
        &[("handler", ""), ("version", &version)],
    )
    .await;
    assert_eq!(res.status(), 409);
    let body = res.text().await.expect("body");
    assert!(
        shows(&body, t("case.staff.conflict_changes"))
            && select_text(&body, ".timeline li")
                .iter()
                .any(|c| c.contains(&format!(" · {}", t("audit.assigned")))),
        "{body}"
    );
}

#[actix_web::test]
async fn an_overdue_ppk_decision_sets_the_data_blocking_flag_once_and_the_decree_lifts_it() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    staff(&app, "pengawas@bkn.go.id", Role::National, None).await;
    to_examination(&app, &insp, &number).await;
    assert_eq!(
        act(&app, &insp, &number, "classify", "discipline", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &insp, &number, "recommend", "", &[("sanction", "S1")]).await,
        303
    );
    let later = netra::db::now() + chrono::Duration::days(60);
    assert_eq!(
        app.db(|c| netra::app::deadlines::flag_overdue_ppk(
            c,
            app.state.keys.audit(),
            netra::db::now()
        )
        .expect("chore")),
        0,
        "not yet due"
    );
    assert_eq!(
        app.db(
            |c| netra::app::deadlines::flag_overdue_ppk(c, app.state.keys.audit(), later)
                .expect("chore")
        ),
        1
    );
    assert_eq!(
        app.db(
            |c| netra::app::deadlines::flag_overdue_ppk(c, app.state.keys.audit(), later)
                .expect("chore")
        ),
        0,
        "flagged once"
    );
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(shows(&html, t("case.staff.data_blocked")));
    let alerts: i64 = app.db(|c| {
        outbox::table
            .filter(outbox::kind.eq("ppk_overdue"))
            .count()
            .get_result(c)
            .expect("n")
    });
    assert_eq!(
        alerts, 3,
        "the agency's inspector and BKPSDM, and national staff"
    );
    let today = crate::helpers::today();
    let decree = [
        ("sk_number", "800/5/2026"),
        ("sk_date", today.as_str()),
        ("start_date", today.as_str()),
    ];
    assert_eq!(
        act(&app, &bkpsdm, &number, "record_decision", "", &decree).await,
        303
    );
    let blocked: bool = app.db(|c| {
        reports::table
            .select(reports::data_blocked)
            .first(c)
            .expect("flag")
    });
    assert!(!blocked, "the decree lifts the flag");
}

#[actix_web::test]
async fn a_duplicate_is_rejected_only_with_the_number_of_the_case_it_duplicates() {
    let app = spawn_app().await;
    let original = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let copy = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &copy, "start_verification", "", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &insp, &copy, "reject", "duplicate", &[]).await,
        422
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &copy,
            "reject",
            "duplicate",
            &[("reference", "NTR-2026-NOSUCH")]
        )
        .await,
        422
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &copy,
            "reject",
            "duplicate",
            &[("reference", copy.as_str())]
        )
        .await,
        422,
        "not itself"
    );
    assert_eq!(
        act(
            &app,
            &insp,
            &copy,
            "reject",
            "duplicate",
            &[("reference", &original.to_lowercase())]
        )
        .await,
        303
    );
    let reason: Option<String> = app.db(|c| {
        audit_log::table
            .filter(audit_log::to_state.eq("rejected"))
            .select(audit_log::reason)
            .first(c)
            .expect("audit")
    });
    assert!(
        reason
            .unwrap_or_default()
            .contains(&format!("duplicate of {original}"))
    );
}
