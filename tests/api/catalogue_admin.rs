//! An admin edits the catalogues (issue 11, defect 7): every edit is a new version, audited with
//! what changed; a case keeps the text it was classified (violations) or recommended (sanctions)
//! under; every problem of a failed edit is named at once and a stale form changes nothing.

use diesel::prelude::*;
use netra::db::schema::{audit_log, violation_catalogue};
use netra::domain::workflow::Role;

use crate::admin::form;
use crate::case::{act, classified, page};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::shows;
use crate::helpers::{TestApp, spawn_app, t};

const PAGE: &str = "/admin/katalog";
const OLD_NAME: &str =
    "Menyosialisasikan atau mengampanyekan bakal calon di media sosial atau daring";
const NEW_NAME: &str = "Mengampanyekan bakal calon di media sosial, aplikasi pesan, atau situs web";

fn violation_fields<'a>(
    version: &'a str,
    name: &'a str,
    reason: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", "NET-02"),
        ("version", version),
        ("name_id", name),
        (
            "name_en",
            "Promoting or campaigning for a pre-candidate online or on social media",
        ),
        ("legal_basis", "SKB 2022 A.2 / B.2; PP 42/2004 Pasal 15"),
        ("notes_id", ""),
        ("notes_en", ""),
        ("class_ethics", "on"),
        ("class_discipline", "on"),
        ("default_class", "discipline"),
        ("default_tier", "berat"),
        ("active", "on"),
        ("reason", reason),
    ]
}

async fn classified_case(app: &TestApp, insp: &reqwest::Client) -> String {
    let (number, _) = app.file_with(|f| f.set("violations", Some("NET-02"))).await;
    classified(app, insp, &number, "discipline").await;
    number
}

#[actix_web::test]
async fn an_edit_is_a_new_version_and_a_classified_case_keeps_the_text_it_was_classified_under() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let insp = palangkaraya_inspector(&app).await;
    let before = classified_case(&app, &insp).await;
    assert_eq!(
        act(&app, &insp, &before, "recommend", "", &[("sanction", "S1")]).await,
        303
    );

    let fields = violation_fields("1", NEW_NAME, "istilah diperluas");
    let (status, _) = form(&app, &admin, PAGE, "/admin/katalog/pelanggaran", &fields).await;
    assert_eq!(status, 303);
    let s1 = [
        ("code", "S1"),
        ("version", "1"),
        ("name_id", "Potongan tunjangan kinerja 25% selama 6 bulan"),
        ("name_en", "25% performance-allowance cut for 6 months"),
        ("legal_basis", "PP 94/2021 Pasal 8 ayat (3) huruf a"),
        ("duration_months", "6"),
        ("active", "on"),
        ("reason", "rujukan huruf"),
    ];
    let (status, _) = form(&app, &admin, PAGE, "/admin/katalog/sanksi", &s1).await;
    assert_eq!(status, 303);
    let version: i32 = app.db(|c| {
        violation_catalogue::table
            .find("NET-02")
            .select(violation_catalogue::version)
            .first(c)
            .expect("row")
    });
    assert_eq!(version, 2);
    let audited: Vec<Option<String>> = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("catalogue_edited"))
            .order(audit_log::seq.asc())
            .select(audit_log::reason)
            .load(c)
            .expect("audit")
    });
    assert_eq!(audited.len(), 2);
    let first = audited[0].clone().unwrap_or_default();
    assert!(
        first.contains("violation NET-02 v1 → v2: istilah diperluas"),
        "{first}"
    );
    assert!(
        first.contains(&format!("name_id: {OLD_NAME} → {NEW_NAME}")),
        "{first}"
    );

    // The case classified before keeps the old words, and says the catalogue changed since.
    let (_, html) = page(&app, &insp, &before).await;
    assert!(html.contains(OLD_NAME) && !html.contains(NEW_NAME));
    assert!(shows(&html, t("case.staff.catalogue_changed")));
    assert!(html.contains("Pemotongan tunjangan kinerja sebesar 25% selama 6 bulan"));
    // A case classified after uses the new ones, as does the public form.
    let after = classified_case(&app, &insp).await;
    let (_, html) = page(&app, &insp, &after).await;
    assert!(html.contains(NEW_NAME) && !shows(&html, t("case.staff.catalogue_changed")));
    let lapor = app.get("/lapor").await.text().await.expect("body");
    assert!(lapor.contains(NEW_NAME));
}

#[actix_web::test]
async fn a_bad_edit_names_every_problem_and_a_stale_one_changes_nothing() {
    let app = spawn_app().await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let mut fields = violation_fields("1", "", "");
    fields.retain(|(k, _)| !k.starts_with("class_"));
    let (status, html) = form(&app, &admin, PAGE, "/admin/katalog/pelanggaran", &fields).await;
    assert_eq!(status, 422);
    for key in [
        "admin.catalogue.names_required",
        "admin.catalogue.classes_required",
        "admin.catalogue.reason_required",
    ] {
        assert!(shows(&html, t(key)), "{key}");
    }
    assert!(
        html.contains("<details id=\"v-NET-02\" open"),
        "the row opened"
    );
    let fields = violation_fields("1", OLD_NAME, "tidak ada perubahan");
    let (status, html) = form(&app, &admin, PAGE, "/admin/katalog/pelanggaran", &fields).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("admin.catalogue.unchanged")));
    let fields = violation_fields("1", NEW_NAME, "perubahan pertama");
    assert_eq!(
        form(&app, &admin, PAGE, "/admin/katalog/pelanggaran", &fields)
            .await
            .0,
        303
    );
    // The same form again, shown at version 1: someone changed the row since.
    let fields = violation_fields("1", "Nama lain", "perubahan kedua");
    let (status, html) = form(&app, &admin, PAGE, "/admin/katalog/pelanggaran", &fields).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("admin.catalogue.stale")));
    let name: String = app.db(|c| {
        violation_catalogue::table
            .find("NET-02")
            .select(violation_catalogue::name_id)
            .first(c)
            .expect("row")
    });
    assert_eq!(name, NEW_NAME);
    let bad = [
        ("code", "S1"),
        ("version", "1"),
        ("name_id", "x"),
        ("name_en", "x"),
        ("legal_basis", "x"),
        ("duration_months", "enam"),
        ("reason", "x"),
    ];
    let (status, html) = form(&app, &admin, PAGE, "/admin/katalog/sanksi", &bad).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("admin.catalogue.duration_invalid")));
    assert!(html.contains("value=\"enam\""), "kept as typed");
}
