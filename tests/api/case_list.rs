//! The case list: each staff member's scope, paging by keyset, the per-state counters, and odd
//! filter input (no filter, never a 500).

use diesel::prelude::*;
use netra::db::schema::{case_counts, reports};
use netra::domain::workflow::Role;

use crate::cli::seed_demo;
use crate::helpers::actors::{dashboard, file_in, palangkaraya_inspector, staff};
use crate::helpers::html::{select_attr, select_text};
use crate::helpers::*;

#[actix_web::test]
async fn staff_see_only_their_own_agencys_cases_and_national_staff_see_all() {
    let app = spawn_app().await;
    let palangka = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let banjar = file_in(&app, "Pemerintah Kabupaten Banjar", "63", "63.03").await;
    let pky = palangkaraya_inspector(&app).await;
    let bjr = staff(&app, "bkpsdm@banjarkab.go.id", Role::Bkpsdm, Some("63.03")).await;
    let bkn = staff(&app, "pengawas@bkn.go.id", Role::National, None).await;

    let (_, page) = dashboard(&app, &pky, "").await;
    assert!(page.contains(&palangka) && !page.contains(&banjar));
    let banjar_id: i64 = app.db(|c| {
        netra::db::schema::agencies::table
            .filter(netra::db::schema::agencies::code.eq("63.03"))
            .select(netra::db::schema::agencies::id)
            .first(c)
            .expect("id")
    });
    let (_, page) = dashboard(&app, &pky, &format!("?agency={banjar_id}")).await;
    assert!(
        !page.contains(&banjar),
        "an agency filter in the URL does not widen an agency user's view"
    );
    let (_, page) = dashboard(&app, &bjr, "").await;
    assert!(page.contains(&banjar) && !page.contains(&palangka));
    let (_, page) = dashboard(&app, &bkn, "").await;
    assert!(page.contains(&banjar) && page.contains(&palangka));
    let (_, page) = dashboard(&app, &bkn, &format!("?agency={banjar_id}")).await;
    assert!(page.contains(&banjar) && !page.contains(&palangka));
    let (_, page) = dashboard(&app, &bkn, "?state=rejected").await;
    assert!(!page.contains(&banjar), "state filter");
}

#[actix_web::test]
async fn the_case_list_pages_by_keyset_without_repeats_or_gaps() {
    let app = spawn_app().await;
    // 55 cases straight into the database (the form path is tested elsewhere).
    let (csrf, token) = app.open_form().await;
    assert_eq!(
        app.post_report(&ReportForm::valid(&csrf, &token))
            .await
            .status(),
        303
    );
    app.db(|c| {
        use netra::db::schema::reports;
        let row: netra::db::reports::ReportRow = reports::table
            .select(netra::db::reports::ReportRow::as_select())
            .first(c)
            .expect("row");
        for i in 0..54 {
            diesel::insert_into(reports::table)
                .values((
                    reports::case_number.eq(format!("NTR-2026-T{i:05}")),
                    reports::submission_token.eq(format!("tok{i}")),
                    reports::receipt_hash.eq("x"),
                    reports::state.eq("submitted"),
                    reports::channel.eq("web"),
                    reports::agency_id.eq(row.agency_id),
                    reports::reported_person_id.eq(row.reported_person_id),
                    reports::reported_name.eq("Budi"),
                    reports::employee_type.eq("PNS"),
                    reports::reported_unit.eq(""),
                    reports::reported_position.eq(""),
                    reports::election_type.eq("pilwalkot"),
                    reports::election_stage.eq("campaign"),
                    reports::incident_date.eq(row.incident_date),
                    reports::known_date.eq(row.known_date),
                    reports::late_for_bawaslu.eq(false),
                    reports::province_code.eq("62"),
                    reports::place.eq("x"),
                    reports::description.eq("x"),
                    reports::evidence_links.eq(""),
                    reports::created_at.eq(row.created_at),
                    reports::updated_at.eq(row.created_at),
                    reports::deadline_at.eq(Some(row.created_at - chrono::Duration::days(1))),
                ))
                .execute(c)
                .expect("insert");
        }
    });
    let c = palangkaraya_inspector(&app).await;
    let (_, first) = dashboard(&app, &c, "").await;
    assert_eq!(select_text(&first, "tbody tr").len(), 50);
    assert!(
        select_text(&first, "tbody tr.overdue .overdue-mark")
            .iter()
            .any(|m| m == t("dashboard.overdue")),
        "overdue cases are marked"
    );
    assert_eq!(
        select_text(&first, r#"a[href^="/dashboard?after="]"#),
        [t("dashboard.next")]
    );
    let next = select_attr(&first, r#"a[href^="/dashboard?after="]"#, "href")
        .into_iter()
        .next()
        .expect("next link");
    let query = next.strip_prefix("/dashboard").expect("a dashboard link");
    let (_, second) = dashboard(&app, &c, query).await;
    assert_eq!(select_text(&second, "tbody tr").len(), 5);
    for i in 0..54 {
        let n = format!("NTR-2026-T{i:05}");
        assert_eq!(
            first.contains(&n) as u8 + second.contains(&n) as u8,
            1,
            "{n} on exactly one page"
        );
    }
}

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
async fn absurd_dates_in_filters_are_ignored_not_a_500() {
    let app = spawn_app().await;
    let insp = palangkaraya_inspector(&app).await;
    for q in [
        "?from=-262143-01-01",
        "?to=+262142-12-31",
        "?from=2026-02-30",
    ] {
        assert_eq!(
            insp.get(app.url(&format!("/dashboard{q}")))
                .send()
                .await
                .expect("dash")
                .status(),
            200,
            "{q}"
        );
    }
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    assert_eq!(
        admin
            .get(app.url("/admin/audit?from=-262143-01-01"))
            .send()
            .await
            .expect("audit")
            .status(),
        200
    );
}

#[actix_web::test]
async fn a_filter_given_twice_or_a_wordy_year_is_read_not_a_400() {
    let app = spawn_app().await;
    let insp = palangkaraya_inspector(&app).await;
    for q in [
        "?state=submitted&state=closed",
        "?agency=1&agency=x&sort=deadline&sort=newest",
        "?after=1.2&after=x",
    ] {
        let (status, page) = dashboard(&app, &insp, q).await;
        assert_eq!(status, 200, "{q}");
        assert!(
            crate::helpers::html::has(&page, "main"),
            "{q}: the list page"
        );
    }
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    for path in [
        "/admin/audit?action=mail_retried&action=holiday_added",
        "/admin/calendar?year=abc",
        "/admin/calendar?year=2025&year=2026",
    ] {
        let res = admin.get(app.url(path)).send().await.expect("admin page");
        assert_eq!(res.status(), 200, "{path}");
    }
}
