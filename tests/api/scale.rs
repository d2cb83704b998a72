//! National scale (issue 8): what the speed-ups must not change. The per-state counters equal a
//! count of the table after every kind of change; the cached, pre-compressed report form is the
//! same page as a fresh render, with each visitor's own tokens; the repeat-offender history says
//! how many cases there are beyond the listed ones.

use diesel::prelude::*;
use netra::db::schema::{case_counts, reports};
use std::io::Read as _;

use crate::cli::{netra, seed_demo};
use crate::helpers::*;

/// (agency, state, n) from the counters and from a count of `reports`, national rows included.
type Counts = Vec<(i64, String, i64)>;

fn counters_and_truth(app: &TestApp) -> (Counts, Counts) {
    app.db(|c| {
        let mut kept: Counts = case_counts::table
            .filter(case_counts::n.ne(0))
            .select((case_counts::agency_id, case_counts::state, case_counts::n))
            .load(c)
            .expect("counters");
        kept.sort();
        let rows: Vec<(i64, String)> = reports::table
            .select((reports::agency_id, reports::state))
            .load(c)
            .expect("reports");
        let mut truth = std::collections::BTreeMap::<(i64, String), i64>::new();
        for (a, s) in rows {
            *truth.entry((a, s.clone())).or_default() += 1;
            *truth.entry((0, s)).or_default() += 1;
        }
        (
            kept,
            truth.into_iter().map(|((a, s), n)| (a, s, n)).collect(),
        )
    })
}

#[actix_web::test]
async fn the_state_counters_stay_exact_through_filing_state_changes_and_forwarding() {
    let app = spawn_app().await;
    seed_demo(&app, 300, 3);
    app.file_report().await;
    let (kept, truth) = counters_and_truth(&app);
    assert_eq!(kept, truth);

    app.db(|c| {
        let ids: Vec<(i64, i64)> = reports::table
            .select((reports::id, reports::agency_id))
            .order(reports::id)
            .limit(4)
            .load(c)
            .expect("ids");
        let other = ids.iter().map(|r| r.1).max().expect("an agency") + 1;
        // A state change, a forwarding, both at once, and an update that moves neither.
        diesel::update(reports::table.find(ids[0].0))
            .set(reports::state.eq("closed"))
            .execute(c)
            .expect("state");
        diesel::update(reports::table.find(ids[1].0))
            .set(reports::agency_id.eq(other))
            .execute(c)
            .expect("forward");
        diesel::update(reports::table.find(ids[2].0))
            .set((reports::agency_id.eq(other), reports::state.eq("rejected")))
            .execute(c)
            .expect("both");
        diesel::update(reports::table.find(ids[3].0))
            .set(reports::description.eq("diubah"))
            .execute(c)
            .expect("no-op");
    });
    let (kept, truth) = counters_and_truth(&app);
    assert_eq!(kept, truth);
}

#[actix_web::test]
async fn the_cached_report_form_is_a_full_page_with_each_visitors_own_tokens_plain_or_gzip() {
    let app = spawn_app().await;
    let plain = app.get_text("/lapor").await;
    assert!(
        plain.contains("</html>") && plain.contains("Palangka"),
        "{plain}"
    );
    assert!(!plain.contains("NETRA-HOLE"), "a placeholder leaked");

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let answer = client
        .get(app.url("/lapor"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("form");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer
            .headers()
            .get("content-encoding")
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    let bytes = answer.bytes().await.expect("body");
    assert!(bytes.len() < 20_000, "{} bytes on the wire", bytes.len());
    let mut html = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut html)
        .expect("valid gzip");
    assert!(html.ends_with("</html>\n") || html.trim_end().ends_with("</html>"));
    let (csrf, token) = (hidden(&html, "csrf"), hidden(&html, "submission_token"));
    assert_eq!(token.len(), 32);
    assert_ne!(token, hidden(&plain, "submission_token"));
    // The tokens are this visitor's: the form files.
    let filed = client
        .post(app.url("/lapor"))
        .multipart(ReportForm::valid(&csrf, &token).to_multipart())
        .send()
        .await
        .expect("filing");
    assert_eq!(filed.url().path(), "/lapor/tanda-terima");
    assert_eq!(app.report_count(), 1);
}

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
