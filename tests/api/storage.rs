//! Storage: both migration trees, seed data, the audit chain.

use diesel::prelude::*;
use netra::db::audit::{self, Verdict};
use netra::db::schema::{agencies, audit_log, holidays, sanction_catalogue, violation_catalogue};

use crate::helpers::spawn_app;

#[test]
fn the_two_migration_trees_hold_the_same_migration_names() {
    let names = |tree: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(format!("{}/migrations/{tree}", env!("CARGO_MANIFEST_DIR")))
                .expect("migrations dir")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
        v.sort();
        v
    };
    assert!(!names("sqlite").is_empty());
    assert_eq!(names("sqlite"), names("postgres"));
}

#[actix_web::test]
async fn seed_data_is_complete_and_loads_again_without_duplicates() {
    let app = spawn_app().await;
    let count = |app: &crate::helpers::TestApp| {
        app.db(|c| {
            (
                agencies::table
                    .count()
                    .get_result::<i64>(c)
                    .expect("agencies"),
                violation_catalogue::table
                    .count()
                    .get_result::<i64>(c)
                    .expect("violations"),
                sanction_catalogue::table
                    .count()
                    .get_result::<i64>(c)
                    .expect("sanctions"),
                holidays::table
                    .count()
                    .get_result::<i64>(c)
                    .expect("holidays"),
            )
        })
    };
    let first = count(&app);
    assert_eq!(
        first.0,
        38 + 514 + 105,
        "every regional government and the central agencies"
    );
    assert!(first.1 >= 27 && first.2 >= 13 && first.3 >= 70, "{first:?}");
    let again = app.db(|c| netra::db::seed::apply(c).expect("seed again"));
    assert_eq!(again.total(), 0);
    assert_eq!(count(&app), first);
    // A second server start on the same database also adds nothing.
    let second = netra::startup::Application::build(app.settings.clone())
        .await
        .expect("second start");
    drop(second);
    assert_eq!(count(&app), first);
    let (tz, name): (String, String) = app.db(|c| {
        agencies::table
            .filter(agencies::code.eq("94.01"))
            .select((agencies::timezone, agencies::name))
            .first(c)
            .expect("a Papua regency")
    });
    assert_eq!(tz, "WIT", "{name}");
}

#[actix_web::test]
async fn the_audit_chain_verifies_and_an_edited_row_breaks_it_at_that_row() {
    let app = spawn_app().await;
    for _ in 0..3 {
        app.file_report().await;
    }
    assert_eq!(
        app.db(|c| audit::verify(c, app.state.keys.audit(), &[]).expect("verify")),
        Verdict::Intact { rows: 4 },
        "the first admin's creation and three reports"
    );
    app.db(|c| {
        diesel::update(audit_log::table.filter(audit_log::seq.eq(2)))
            .set(audit_log::reason.eq(Some("edited")))
            .execute(c)
            .expect("tamper");
    });
    match app.db(|c| audit::verify(c, app.state.keys.audit(), &[]).expect("verify")) {
        Verdict::Broken { seq, .. } => assert_eq!(seq, 2),
        other => panic!("tampering not detected: {other:?}"),
    }
}
