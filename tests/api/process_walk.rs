//! Issue 11's "done when": one disciplinary case walked as an agency runs it — summons I and II,
//! a hearing with its BAP, a sedang recommendation that BKPSDM is told of, the decree with its
//! scan, a keberatan that changes the sentence, closing, and the case file as PDF — and a second
//! case that starts as a Bawaslu referral with no reporter and no NIP. The objection window is
//! stretched over New Year to show a deadline crossing 1 January 2027 skipping the 2027 holidays.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use diesel::prelude::*;
use netra::db::schema::{case_documents, reports, sanctions, stage_deadlines};
use netra::domain::workflow::Role;

use crate::alerts::queued;
use crate::case::act_page;
use crate::case::{act, page, state_of};
use crate::examination::{attended, hearing, summon};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::{page_text, shows};
use crate::helpers::{spawn_app, t, tf};
use crate::person_correction::correct;
use crate::referral::{number_in, referral, send};

const HOLIDAYS: &str = include_str!("../../data/holidays.csv");

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(&crate::helpers::today(), "%Y-%m-%d").expect("date")
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The working days after `from` up to and including `to`, counted independently of the app:
/// weekdays that are not a day in the shipped calendar (`skip` limits which years count).
fn working_days(from: NaiveDate, to: NaiveDate, skip: impl Fn(NaiveDate) -> bool) -> i32 {
    let off: HashSet<NaiveDate> = HOLIDAYS
        .lines()
        .skip(1)
        .filter_map(|l| NaiveDate::parse_from_str(l.split(',').next()?, "%Y-%m-%d").ok())
        .filter(|d| skip(*d))
        .collect();
    let mut n = 0;
    let mut d = from;
    while d < to {
        d += Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !off.contains(&d) {
            n += 1;
        }
    }
    n
}

/// NETRA_KEEP_PAGES=<dir> keeps a page's HTML there, to look at it (screenshots of the layout).
fn keep(name: &str, html: &str) {
    if let Ok(dir) = std::env::var("NETRA_KEEP_PAGES") {
        std::fs::write(format!("{dir}/{name}.html"), html).expect("kept");
    }
}

/// Fails when the page shows a code instead of words (issue 12, "Readable history"): an action's,
/// an audit entry's or a state's stored name, or a detail code in brackets ("[discipline]").
fn no_raw_codes(html: &str, page: &str) {
    use netra::domain::case_state::CaseState;
    use netra::domain::event::AuditAction;
    use netra::domain::workflow::Action;
    let text = page_text(html);
    let mut codes: Vec<String> = Vec::new();
    for a in Action::ALL {
        codes.push(a.name().to_owned());
        if let Some(d) = a.detail() {
            codes.push(format!("[{d}]"));
        }
    }
    codes.extend(AuditAction::ALL.iter().map(|a| a.as_str().to_owned()));
    codes.extend(CaseState::ALL.iter().map(|s| s.as_str().to_owned()));
    for code in codes
        .iter()
        .filter(|c| c.contains('_') || c.starts_with('['))
    {
        assert!(
            !text.contains(code.as_str()),
            "{page} shows the code {code}: {text}"
        );
    }
}

#[actix_web::test]
async fn a_discipline_case_runs_from_summons_to_a_changed_sentence_and_a_referral_starts_without_a_nip()
 {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;

    // Examination: two summonses missed, then the team's hearing on the evidence, with its BAP.
    for a in ["start_verification", "register", "start_examination"] {
        assert_eq!(act(&app, &insp, &number, a, "", &[]).await, 303, "{a}");
    }
    assert_eq!(summon(&app, &insp, &number, -120, -90).await.0, 303);
    assert_eq!(attended(&app, &insp, &number, 1, "absent").await.0, 303);
    assert_eq!(summon(&app, &insp, &number, -60, -30).await.0, 303);
    assert_eq!(attended(&app, &insp, &number, 2, "absent").await.0, 303);
    let members = "Kepala Dinas (atasan langsung)\nInspektur Pembantu\nKabid BKPSDM";
    assert_eq!(
        hearing(&app, &insp, &number, false, members, true).await.0,
        303
    );

    // A sedang recommendation: BKPSDM is told at once, content-free.
    assert_eq!(
        act(&app, &insp, &number, "classify", "discipline", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &insp, &number, "recommend", "", &[("sanction", "S3")]).await,
        303
    );
    assert_eq!(state_of(&app, &number), "awaiting_ppk");
    let (_, awaiting) = page(&app, &insp, &number).await;
    keep("case-awaiting-ppk", &awaiting);
    no_raw_codes(&awaiting, "the case awaiting the PPK");
    let told: Vec<String> = queued(&app, "bkpsdm_to_act")
        .into_iter()
        .map(|(_, to)| to)
        .collect();
    assert!(
        told.iter().any(|to| to == "bkpsdm@palangkaraya.go.id"),
        "{told:?}"
    );

    // The decree, dated on a working day near New Year (or today, if that is earlier), with its
    // scan; the objection window (admin data) stretched to end on Friday 8 January 2027.
    let sk = today().min(NaiveDate::from_ymd_opt(2026, 12, 28).expect("date"));
    let friday = NaiveDate::from_ymd_opt(2027, 1, 8).expect("date");
    let window = working_days(sk, friday, |_| true);
    app.db(|c| {
        diesel::update(stage_deadlines::table.find("objection_window"))
            .set(stage_deadlines::working_days.eq(window))
            .execute(c)
    })
    .expect("window");
    let decree = [
        ("sk_number", "800/45/BKPSDM/2026"),
        ("sk_date", &*iso(sk)),
        ("start_date", &*iso(sk)),
        ("sk_date_checked", "yes"),
    ];
    assert_eq!(
        act_page(&app, &bkpsdm, &number, "record_decision", "", &decree)
            .await
            .0,
        303
    );
    assert_eq!(state_of(&app, &number), "decided");
    // The app counted 1 January and the Isra Mikraj (5 January) of 2027 as days off: had it
    // counted them as working days, the window would have ended on 6 January. (The second check
    // keeps the walk honest: the window it counts does cross both.)
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(
        shows(&html, &tf("case.objection.window", "08-01-2027")),
        "window of {window} working days from {sk}"
    );
    let naive = working_days(sk, friday, |d| d.year() < 2027);
    assert_eq!(naive, window + 2, "Jan 1 and Jan 5 2027 are days off");

    // The keberatan, filed inside the window, changes the sentence to S1.
    let filing = [("objection_kind", "keberatan"), ("filed_on", &*iso(sk))];
    assert_eq!(
        act_page(&app, &bkpsdm, &number, "file_objection", "", &filing)
            .await
            .0,
        303
    );
    let decision = [
        ("decision_number", "KEP-12/2027"),
        ("decision_date", &*iso(today())),
        ("sanction", "S1"),
        ("start_date", &*iso(today())),
    ];
    assert_eq!(
        act_page(
            &app,
            &bkpsdm,
            &number,
            "resolve_objection",
            "changed",
            &decision
        )
        .await
        .0,
        303
    );
    assert_eq!(
        act_page(&app, &bkpsdm, &number, "close", "", &[]).await.0,
        303
    );
    assert_eq!(state_of(&app, &number), "closed");
    let (_, closed) = page(&app, &bkpsdm, &number).await;
    keep("case-closed", &closed);
    no_raw_codes(&closed, "the closed case");
    let file = bkpsdm
        .get(app.url(&format!("/dashboard/cases/{number}/berkas")))
        .send()
        .await
        .expect("GET");
    no_raw_codes(&file.text().await.expect("body"), "the case file");
    let (_, dash) = crate::helpers::actors::dashboard(&app, &bkpsdm, "").await;
    keep("dashboard", &dash);
    no_raw_codes(&dash, "the dashboard");
    no_raw_codes(
        &app.reporter_opens(&number, &secret).await,
        "the status page",
    );
    let n = number.clone();
    let (standing, docs): (Vec<String>, Vec<String>) = app.db(move |c| {
        let id: i64 = reports::table
            .filter(reports::case_number.eq(&n))
            .select(reports::id)
            .first(c)
            .expect("id");
        let standing = sanctions::table
            .filter(sanctions::report_id.eq(id))
            .filter(sanctions::superseded_at.is_null())
            .select(sanctions::sanction_code)
            .load(c)
            .expect("sanctions");
        let docs = case_documents::table
            .filter(case_documents::report_id.eq(id))
            .order(case_documents::id.asc())
            .select(case_documents::kind)
            .load(c)
            .expect("documents");
        (standing, docs)
    });
    assert_eq!(standing, ["S1"]);
    assert_eq!(docs, ["bap", "sk", "objection"]);
    let res = bkpsdm
        .get(app.url(&format!("/dashboard/cases/{number}/berkas.pdf")))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.expect("pdf").starts_with(b"%PDF-"));

    // The second case: a Bawaslu referral, no reporter, no NIP; registered once it is known.
    let form = referral(&app, &insp).await;
    let res = send(&app, &insp, &form).await;
    assert_eq!(res.status(), 303);
    let referred = number_in(&res);
    let (_, html) = page(&app, &insp, &referred).await;
    assert!(shows(&html, t("channel.bawaslu")) && shows(&html, t("case.staff.no_reporter")));
    assert!(shows(&html, t("case.staff.identity_unknown")));
    assert_eq!(
        act(&app, &insp, &referred, "start_verification", "", &[]).await,
        303
    );
    assert_eq!(act(&app, &insp, &referred, "register", "", &[]).await, 422);
    let person = [
        ("asn_id", "19860926 201505 1 001"),
        ("name", "Budi Santoso"),
        ("employee_type", "PNS"),
        ("unit", "Dinas Pendidikan"),
        ("position", "Kepala Seksi"),
        ("reason", "sesuai data SIASN"),
    ];
    assert_eq!(correct(&app, &insp, &referred, &person).await.0, 303);
    assert_eq!(act(&app, &insp, &referred, "register", "", &[]).await, 303);
    assert_eq!(state_of(&app, &referred), "registered");
    no_raw_codes(&page(&app, &insp, &referred).await.1, "the referral");
}
