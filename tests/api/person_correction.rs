//! The identity number against the employee type, and the staff correction of the reported person
//! (issue 11, defect 5): an NI PPPK filed as PNS is accepted with a warning on the form, flagged on
//! the case (whose sanction choices then include the PPPK ones), and staff correct the number,
//! name, type, unit, position and, before registration, the agency, every change audited.

use diesel::prelude::*;
use netra::db::schema::{audit_log, reported_persons, reports};
use netra::domain::workflow::Role;

use crate::alerts::queued;
use crate::case::{act, classified, page, post, state_of};
use crate::helpers::actors::{dashboard, palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{ReportForm, TestApp, hidden, spawn_app, t, tf};

/// A PPPK number: digits 13–14 are 24, not a month.
const PPPK_NIP: &str = "19860926 2021 24 1 001";

/// The reasons of the case's audit rows of this action, oldest first.
pub fn reasons(app: &TestApp, number: &str, action: &str) -> Vec<String> {
    let (number, action) = (number.to_owned(), action.to_owned());
    app.db(move |c| {
        audit_log::table
            .inner_join(reports::table.on(audit_log::report_id.eq(reports::id.nullable())))
            .filter(reports::case_number.eq(&number))
            .filter(audit_log::action.eq(&action))
            .order(audit_log::seq.asc())
            .select(audit_log::reason)
            .load::<Option<String>>(c)
            .expect("audit rows")
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    })
}

pub fn person_of(app: &TestApp, number: &str) -> (String, String, String) {
    let number = number.to_owned();
    app.db(move |c| {
        reports::table
            .inner_join(reported_persons::table)
            .filter(reports::case_number.eq(&number))
            .select((
                reported_persons::id_number,
                reports::reported_name,
                reports::employee_type,
            ))
            .first(c)
            .expect("person")
    })
}

pub async fn correct(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let (_, html) = page(app, c, number).await;
    let (v, seen) = (hidden(&html, "version"), hidden(&html, "seen"));
    let mut all = vec![("version", v.as_str()), ("seen", seen.as_str())];
    all.extend_from_slice(fields);
    let res = post(app, c, number, "/terlapor", &all).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[actix_web::test]
async fn a_pppk_number_filed_as_pns_is_accepted_with_a_warning_and_staff_correct_it() {
    let app = spawn_app().await;
    // On the form: a mistake elsewhere brings the form back, and the warning shows with it.
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token)
        .set("asn_id", Some(PPPK_NIP))
        .set("employee_type", Some("PNS"))
        .set("asn_name", Some(""));
    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains(t("form.type_looks_pppk")));
    assert!(
        !html.contains(&format!(
            "data-looks=\"pppk\" hidden>{}",
            t("form.type_looks_pppk")
        )),
        "shown, not hidden"
    );
    // Without the mistake it is filed: a warning, never a refusal.
    let (number, _) = app
        .file_with(|f| {
            f.set("asn_id", Some(PPPK_NIP))
                .set("employee_type", Some("PNS"))
                .set("asn_name", Some("Budi Santoso"))
        })
        .await;

    let insp = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, &tf("case.staff.type_looks_pppk", "24")));
    classified(&app, &insp, &number, "discipline").await;
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        html.contains("value=\"PPPK_PHK_DH\"") && html.contains("value=\"S1\""),
        "until corrected, PNS and PPPK sentences are both offered"
    );

    // A bad number and an empty name: both named at once, nothing written.
    let (status, html) = correct(
        &app,
        &insp,
        &number,
        &[
            ("asn_id", "1986"),
            ("name", ""),
            ("employee_type", "PPPK"),
            ("reason", "sesuai data kepegawaian"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(shows(&html, &tf("asn_id.wrong_length", "4")));
    assert!(shows(&html, t("case.staff.person_name_required")));
    assert!(html.contains("value=\"sesuai data kepegawaian\""), "kept");
    // The agency cannot be corrected once registered.
    let (status, html) = correct(
        &app,
        &insp,
        &number,
        &[
            ("asn_id", PPPK_NIP),
            ("name", "Budi Santoso"),
            ("employee_type", "PPPK"),
            ("agency", "Pemerintah Kabupaten Banjar"),
            ("reason", "x"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.staff.person_agency_registered")));
    let (status, html) = correct(
        &app,
        &insp,
        &number,
        &[
            ("asn_id", PPPK_NIP),
            ("name", "Budi Santoso"),
            ("employee_type", "PNS"),
            ("unit", "Dinas Pendidikan"),
            ("position", "Kepala Seksi"),
            ("reason", "x"),
        ],
    )
    .await;
    assert_eq!(status, 422, "nothing changed");
    assert!(shows(&html, t("case.staff.person_unchanged")));
    assert!(reasons(&app, &number, "person_corrected").is_empty());

    // The correction: type and name; the warning goes, the sentences follow the type, the audit
    // row says what changed from what, and the list finds the case by the corrected name.
    let (status, _) = correct(
        &app,
        &insp,
        &number,
        &[
            ("asn_id", PPPK_NIP),
            ("name", "Bambang Santoso"),
            ("employee_type", "PPPK"),
            ("unit", "Dinas Pendidikan"),
            ("position", "Guru Ahli Pertama"),
            ("reason", "sesuai data kepegawaian"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, html) = page(&app, &insp, &number).await;
    assert!(!shows(&html, &tf("case.staff.type_looks_pppk", "24")));
    assert!(
        html.contains("value=\"PPPK_PHK_DH\"") && !html.contains("value=\"S1\""),
        "PPPK sentences only"
    );
    let why = reasons(&app, &number, "person_corrected");
    assert_eq!(why.len(), 1);
    for part in [
        "sesuai data kepegawaian",
        "name: Budi Santoso → Bambang Santoso",
        "employee_type: PNS → PPPK",
        "position: Kepala Seksi → Guru Ahli Pertama",
    ] {
        assert!(why[0].contains(part), "{part} in {}", why[0]);
    }
    assert_eq!(
        person_of(&app, &number),
        (
            "198609262021241001".into(),
            "Bambang Santoso".into(),
            "PPPK".into()
        )
    );
    let (_, list) = dashboard(&app, &insp, "?q=bambang").await;
    assert!(list.contains(&number), "found by the corrected name");
    let (_, list) = dashboard(&app, &insp, "?q=budi").await;
    assert!(!list.contains(&number), "not by the old one");

    // A corrected number links the case to that person.
    let (status, _) = correct(
        &app,
        &insp,
        &number,
        &[
            ("asn_id", "19860926 2015 05 1 002"),
            ("name", "Bambang Santoso"),
            ("employee_type", "PPPK"),
            ("unit", "Dinas Pendidikan"),
            ("position", "Guru Ahli Pertama"),
            ("reason", "NIP salah ketik"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(person_of(&app, &number).0, "198609262015051002");
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        shows(&html, &tf("case.staff.type_looks_pns", "05")),
        "a PNS number recorded as PPPK is flagged too"
    );
}

#[actix_web::test]
async fn before_registration_a_corrected_agency_moves_the_case_and_alerts_its_staff() {
    let app = spawn_app().await;
    let (number, _) = app.file_with(|f| f).await;
    let insp = palangkaraya_inspector(&app).await;
    staff(
        &app,
        "inspektur@banjarkab.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        html.contains("name=\"agency\""),
        "offered before registration"
    );
    let (status, _) = correct(
        &app,
        &insp,
        &number,
        &[
            ("asn_id", "19860926 201505 1 001"),
            ("name", "Budi Santoso"),
            ("employee_type", "PNS"),
            ("agency", "Pemerintah Kabupaten Banjar"),
            ("reason", "terlapor pegawai Kabupaten Banjar"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        page(&app, &insp, &number).await.0,
        404,
        "gone from this agency"
    );
    assert_eq!(state_of(&app, &number), "verification");
    let alerted: Vec<String> = queued(&app, "new_case").into_iter().map(|q| q.1).collect();
    assert!(
        alerted.contains(&"inspektur@banjarkab.go.id".to_owned()),
        "{alerted:?}"
    );
    let why = reasons(&app, &number, "person_corrected");
    assert!(
        why[0].contains("→ Pemerintah Kabupaten Banjar"),
        "{}",
        why[0]
    );
}

#[actix_web::test]
async fn admins_may_not_correct_and_a_closed_case_is_not_corrected() {
    let app = spawn_app().await;
    let (number, _) = app.file_with(|f| f).await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let fields = [
        ("asn_id", "19860926 201505 1 001"),
        ("name", "Budi"),
        ("employee_type", "PNS"),
        ("reason", "x"),
        ("version", "1"),
    ];
    assert_eq!(
        post(&app, &admin, &number, "/terlapor", &fields)
            .await
            .status(),
        403
    );
    let (_, html) = page(&app, &admin, &number).await;
    assert!(!html.contains("/terlapor"), "no form for admins");
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &insp, &number, "reject", "not_asn", &[]).await,
        303
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(!html.contains("/terlapor"), "no form on a closed case");
    assert_eq!(correct(&app, &insp, &number, &fields[..4]).await.0, 409);
    assert!(reasons(&app, &number, "person_corrected").is_empty());
}
