//! The `netra` command line against a test database.

use diesel::prelude::*;
use netra::db::DbUrl;
use netra::db::schema::audit_log;

use crate::helpers::{TestApp, spawn_app};

fn netra(app: &TestApp, args: &[&str]) -> std::process::Output {
    let url = match &app.settings.database {
        DbUrl::Sqlite(path) => path.clone(),
        DbUrl::Postgres(url) => url.clone(),
    };
    let dir = tempfile::tempdir().expect("data dir");
    std::process::Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(args)
        .env("NETRA_DATABASE_URL", url)
        .env("NETRA_DATA_DIR", dir.path())
        .env(
            "NETRA_SECRET_KEY",
            String::from_utf8_lossy(&app.settings.secret_key).into_owned(),
        )
        .output()
        .expect("run netra")
}

#[actix_web::test]
async fn audit_verify_passes_an_intact_log_and_names_the_first_edited_row() {
    let app = spawn_app().await;
    app.file_report().await;
    app.file_report().await;
    let ok = netra(&app, &["audit", "verify"]);
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{out}");
    assert!(out.contains("intact: 2 rows"), "{out}");

    app.db(|c| {
        diesel::update(audit_log::table.filter(audit_log::seq.eq(2)))
            .set(audit_log::action.eq("report_withdrawn"))
            .execute(c)
            .expect("tamper");
    });
    let bad = netra(&app, &["audit", "verify"]);
    let out = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{out}");
    assert!(out.contains("BROKEN at seq 2"), "{out}");
}

#[actix_web::test]
async fn migrate_on_an_up_to_date_database_changes_nothing() {
    let app = spawn_app().await;
    let before = app.report_count();
    let out = netra(&app, &["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(app.report_count(), before);
}
