//! The official buckets (issue 11): every state maps to one, as data; the dashboard sums the
//! list's counts into them and shows which states each holds; a case whose reported person left
//! the service closes without a decision and counts as such.

use diesel::prelude::*;
use netra::db::schema::state_buckets;
use netra::domain::case_state::CaseState;

use crate::case::{act, state_of};
use crate::helpers::actors::{dashboard, palangkaraya_inspector};
use crate::helpers::html::{select_text, squash};
use crate::helpers::{spawn_app, t};

#[actix_web::test]
async fn every_state_has_a_bucket_and_the_dashboard_shows_the_figures_with_their_states() {
    let app = spawn_app().await;
    let mapped: Vec<String> = app.db(|c| {
        state_buckets::table
            .select(state_buckets::state)
            .load(c)
            .expect("buckets")
    });
    for s in CaseState::ALL {
        assert!(
            mapped.iter().any(|m| m == s.as_str()),
            "{s:?} has no bucket"
        );
    }

    let (waiting, _) = app.file_report().await;
    let (left, _) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    for a in ["start_verification", "register"] {
        assert_eq!(act(&app, &insp, &left, a, "", &[]).await, 303);
    }
    assert_eq!(
        act(&app, &insp, &left, "close_without_decision", "retired", &[]).await,
        303
    );
    assert_eq!(state_of(&app, &left), "closed_no_decision");
    assert_eq!(state_of(&app, &waiting), "submitted");

    let (_, html) = dashboard(&app, &insp, "").await;
    let rows: Vec<String> = select_text(&html, "details.buckets li")
        .into_iter()
        .map(|r| squash(&r))
        .collect();
    // A line reads "<bucket>: <count>", then the states it holds.
    let count = |bucket: &'static str, n: u32| {
        rows.iter()
            .any(|r| r.starts_with(&format!("{}: {n}{}", t(bucket), t("bucket.states"))))
    };
    assert!(count("bucket.awaiting_verification", 1), "{rows:?}");
    assert!(count("bucket.closed_without_decision", 1), "{rows:?}");
    assert!(count("bucket.sanctioned", 0), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with(t("bucket.awaiting_verification"))
                && r.contains(t("state.needs_info"))),
        "the states it holds"
    );
}
