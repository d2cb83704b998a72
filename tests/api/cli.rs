//! The `netra` command line against a test database.

use diesel::prelude::*;
use netra::db::DbUrl;
use netra::db::schema::audit_log;

use crate::helpers::{TestApp, spawn_app};

/// `netra seed-demo --cases N --seed S` into the test's database; fails the test with seed-demo's
/// stderr if it fails.
pub fn seed_demo(app: &TestApp, cases: u64, seed: u64) {
    let (cases, seed) = (cases.to_string(), seed.to_string());
    let out = netra(app, &["seed-demo", "--cases", &cases, "--seed", &seed]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn netra(app: &TestApp, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("data dir");
    netra_in(app, dir.path(), args)
}

/// `netra` with `dir` as its data directory (kept for the test to read).
pub fn netra_in(app: &TestApp, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let url = match &app.settings.database {
        DbUrl::Sqlite(path) => path.clone(),
        DbUrl::Postgres(url) => url.clone(),
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(args)
        .env("NETRA_DATABASE_URL", url)
        .env("NETRA_DATA_DIR", dir)
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
    assert!(out.contains("intact: 3 rows"), "{out}");

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

#[actix_web::test]
async fn user_commands_add_list_reset_and_disable_accounts() {
    let app = spawn_app().await;
    let add = netra(
        &app,
        &[
            "user",
            "add",
            "--email",
            "Inspektur@Palangkaraya.go.id",
            "--name",
            "Inspektur",
            "--role",
            "inspector",
            "--agency",
            "62.71",
        ],
    );
    let out = String::from_utf8_lossy(&add.stdout).into_owned();
    assert!(
        add.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let one_time = out
        .lines()
        .find_map(|l| l.strip_prefix("one-time password: "))
        .expect("password printed")
        .to_owned();
    assert!(
        app.db(
            |c| netra::db::users::find_by_email(c, "inspektur@palangkaraya.go.id").expect("find")
        )
        .is_some()
    );

    let missing_agency = netra(
        &app,
        &[
            "user",
            "add",
            "--email",
            "x@bkn.go.id",
            "--name",
            "X",
            "--role",
            "bkpsdm",
        ],
    );
    assert!(!missing_agency.status.success());
    assert!(String::from_utf8_lossy(&missing_agency.stderr).contains("needs an agency"));

    let list = netra(&app, &["user", "list"]);
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(
        out.contains("inspektur@palangkaraya.go.id")
            && out.contains("62.71")
            && out.contains("admin@netra.test"),
        "{out}"
    );

    let reset = netra(
        &app,
        &[
            "user",
            "reset-password",
            "--email",
            "inspektur@palangkaraya.go.id",
        ],
    );
    let out = String::from_utf8_lossy(&reset.stdout);
    assert!(reset.status.success() && !out.contains(&one_time), "{out}");

    // A lost phone: the factor goes, with its audit row; an account without one is told so.
    crate::helpers::actors::enrol_factor(&app, "inspektur@palangkaraya.go.id");
    let list = netra(&app, &["user", "list"]);
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(
        out.lines()
            .any(|l| l.starts_with("inspektur@palangkaraya.go.id") && l.ends_with(" on")),
        "{out}"
    );
    let reset = netra(
        &app,
        &[
            "user",
            "reset-totp",
            "--email",
            "inspektur@palangkaraya.go.id",
        ],
    );
    let out = String::from_utf8_lossy(&reset.stdout);
    assert!(reset.status.success(), "{out}");
    let (factors, audited): (i64, i64) = app.db(|c| {
        (
            netra::db::schema::staff_totp::table
                .count()
                .get_result(c)
                .expect("count"),
            audit_log::table
                .filter(audit_log::action.eq("second_factor_reset"))
                .filter(audit_log::actor_kind.eq("system"))
                .count()
                .get_result(c)
                .expect("count"),
        )
    });
    assert_eq!((factors, audited), (0, 1));
    let again = netra(
        &app,
        &[
            "user",
            "reset-totp",
            "--email",
            "inspektur@palangkaraya.go.id",
        ],
    );
    assert_eq!(again.status.code(), Some(1), "nothing to reset");
    let unknown = netra(&app, &["user", "reset-totp", "--email", "nobody@bkn.go.id"]);
    assert!(
        !unknown.status.success()
            && String::from_utf8_lossy(&unknown.stderr).contains("no account with email"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );

    let disable = netra(
        &app,
        &["user", "disable", "--email", "inspektur@palangkaraya.go.id"],
    );
    assert!(disable.status.success());
    let user = app
        .db(|c| netra::db::users::find_by_email(c, "inspektur@palangkaraya.go.id").expect("find"))
        .expect("user");
    assert!(!user.active);
}

#[test]
fn a_fresh_data_directory_with_default_settings_starts_and_creates_the_first_admin() {
    let dir = tempfile::tempdir().expect("data dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netra"))
        .arg("migrate")
        .env_clear()
        .env("NETRA_DATA_DIR", dir.path())
        .output()
        .expect("run netra");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("created the first admin account") && log.contains("admin@netra.local"),
        "{log}"
    );
    assert!(dir.path().join("secret.key").exists() && dir.path().join("netra.sqlite3").exists());
    // A second start neither creates another admin nor prints a password again.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_netra"))
        .arg("migrate")
        .env_clear()
        .env("NETRA_DATA_DIR", dir.path())
        .output()
        .expect("run netra");
    assert!(again.status.success());
    assert!(!String::from_utf8_lossy(&again.stderr).contains("one-time password"));
}

#[test]
fn help_and_a_mistyped_command_write_nothing() {
    let dir = tempfile::tempdir().expect("working dir");
    for args in [&["--help"][..], &["--version"], &["no-such-command"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_netra"))
            .args(args)
            .env_clear()
            .current_dir(dir.path())
            .output()
            .expect("run netra");
        assert!(
            !out.stdout.is_empty() || !out.stderr.is_empty(),
            "{args:?} says something"
        );
        let written: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
        assert!(written.is_empty(), "{args:?} wrote {written:?}");
    }
}

#[actix_web::test]
async fn outbox_status_lists_unsent_mail_and_retry_requeues_a_failed_one() {
    use netra::db::schema::outbox;
    let app = spawn_app().await;
    app.add_staff("inspektur@palangkaraya.go.id", "inspector", "62.71");
    app.file_report().await;
    let id: i64 = app.db(|c| {
        diesel::update(outbox::table)
            .set((
                outbox::status.eq("failed"),
                outbox::last_error.eq(Some("550 no mailbox")),
            ))
            .execute(c)
            .expect("fail");
        outbox::table.select(outbox::id).first(c).expect("id")
    });
    let status = netra(&app, &["outbox", "status"]);
    let out = String::from_utf8_lossy(&status.stdout);
    assert!(
        out.contains("failed") && out.contains("550 no mailbox"),
        "{out}"
    );
    let retry = netra(&app, &["outbox", "retry", "--id", &id.to_string()]);
    assert!(
        retry.status.success(),
        "{}",
        String::from_utf8_lossy(&retry.stdout)
    );
    let again = netra(&app, &["outbox", "retry", "--id", &id.to_string()]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "only a failed message can be retried"
    );
}

#[actix_web::test]
async fn seed_demo_writes_cases_with_an_intact_chain_and_refuses_a_database_with_cases() {
    let app = spawn_app().await;
    let out = netra(&app, &["seed-demo", "--cases", "400", "--seed", "7"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("seeded 400 cases"), "{text}");
    assert_eq!(app.report_count(), 400);
    let verify = netra(&app, &["audit", "verify"]);
    let v = String::from_utf8_lossy(&verify.stdout);
    assert!(
        verify.status.success() && v.contains("every hash fits"),
        "{v}"
    );

    // The database now holds cases: a second run without --force changes nothing.
    let again = netra(&app, &["seed-demo", "--cases", "10"]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("holds 400 cases"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(app.report_count(), 400);
}

/// The benchmark signs in as the demo national account, which (as national staff must) has its
/// second factor on: seed-demo writes its key where the benchmark reads it, for no one else.
#[actix_web::test]
async fn seed_demo_switches_the_demo_national_accounts_factor_on_and_writes_its_key() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().expect("data dir");
    let out = netra_in(&app, dir.path(), &["seed-demo", "--cases", "20"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("demo-totp.txt");
    let text = std::fs::read_to_string(&path).expect("demo-totp.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads the key");
    }
    let key = text
        .strip_prefix("national@demo.netra.local ")
        .expect("the national account's line")
        .trim();
    let secret = netra::domain::totp::Secret::from_base32(key).expect("a base32 key");
    let c = crate::helpers::client();
    let res = crate::helpers::actors::login(
        &app,
        &c,
        "national@demo.netra.local",
        netra::demo::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(
        res.headers()["location"],
        "/login/kode",
        "the password alone is not enough"
    );
    let code = secret.code(netra::domain::totp::step_at(chrono::Utc::now().timestamp()));
    let res = crate::helpers::actors::answer_code(&app, &c, &code).await;
    assert_eq!(res.headers()["location"], "/dashboard");
}
