//! Reports whose reporter does not know the NIP/NIK (issue 11, "Build"; DOMAIN.md §3.1, §5): the
//! form keeps them when the box is ticked and the unit and position given, the case says
//! "identity to be established", registration waits until staff record a valid number, and a
//! number once recorded cannot be emptied again.

use crate::case::{act, page, post, state_of};
use crate::helpers::actors::palangkaraya_inspector;
use crate::helpers::html::shows;
use crate::helpers::{ReportForm, hidden, spawn_app, t};
use crate::person_correction::{correct, person_of, reasons};

#[actix_web::test]
async fn a_report_without_a_number_is_kept_and_registered_once_staff_establish_it() {
    let app = spawn_app().await;
    // Neither a number nor the box: asked for one or the other, what was typed kept.
    let (csrf, token) = app.open_form().await;
    let res = app
        .post_report(&ReportForm::valid(&csrf, &token).set("asn_id", Some("")))
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(shows(&html, t("asn_id.required_or_unknown")));
    assert!(html.contains("value=\"Budi Santoso\""), "the name is kept");
    // The box without the unit and position that let staff find the person.
    let res = app
        .post_report(
            &ReportForm::valid(&csrf, &token)
                .set("asn_id", Some(""))
                .set("asn_id_unknown", Some("1"))
                .set("unit", Some(""))
                .set("position", Some("")),
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains(
        "id=\"f-asn_id_unknown\" value=\"1\" aria-describedby=\"h-asn_id_unknown\" checked"
    ));
    assert!(html.contains("aria-invalid=true aria-describedby=e-unit"));
    assert!(html.contains("aria-invalid=true aria-describedby=e-position"));
    // With them it is filed.
    let (number, _) = app
        .file_with(|f| f.set("asn_id", Some("")).set("asn_id_unknown", Some("1")))
        .await;

    let insp = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, t("case.staff.identity_unknown")));
    assert!(shows(&html, t("case.staff.identity_unknown_hint")));
    assert!(
        html.contains("<details open>"),
        "the correction form is open"
    );
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    // Registration waits for the number.
    let (_, html) = page(&app, &insp, &number).await;
    let version = hidden(&html, "version");
    let fields = [
        ("action", "register"),
        ("detail", ""),
        ("reason", "lengkap"),
        ("version", version.as_str()),
    ];
    let res = post(&app, &insp, &number, "/aksi", &fields).await;
    assert_eq!(res.status(), 422);
    assert!(shows(
        &res.text().await.expect("body"),
        t("case.staff.identity_required")
    ));
    assert_eq!(state_of(&app, &number), "verification");

    // The other details may be corrected while the number is still unknown.
    let mut fields = vec![
        ("asn_id", ""),
        ("name", "Budi Santoso"),
        ("employee_type", "PNS"),
        ("unit", "Dinas Pendidikan dan Kebudayaan"),
        ("position", "Kepala Seksi"),
        ("reason", "hasil konfirmasi unit kerja"),
    ];
    assert_eq!(correct(&app, &insp, &number, &fields).await.0, 303);
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, t("case.staff.identity_unknown")));
    // A bad number is refused, naming its rule.
    fields[0] = ("asn_id", "1986");
    let (status, html) = correct(&app, &insp, &number, &fields).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("value=\"hasil konfirmasi unit kerja\""),
        "kept"
    );
    // The number established: audited from "unknown", the case registers.
    fields[0] = ("asn_id", "19860926 201505 1 001");
    fields[5] = ("reason", "sesuai data SIASN");
    assert_eq!(correct(&app, &insp, &number, &fields).await.0, 303);
    assert_eq!(person_of(&app, &number).0, "198609262015051001");
    let why = reasons(&app, &number, "person_corrected");
    assert!(
        why.last()
            .is_some_and(|w| w.contains("id: unknown → nip 198609262015051001")),
        "{why:?}"
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(!shows(&html, t("case.staff.identity_unknown")));
    assert_eq!(act(&app, &insp, &number, "register", "", &[]).await, 303);

    // A recorded number cannot be emptied.
    fields[0] = ("asn_id", "");
    let (status, html) = correct(&app, &insp, &number, &fields).await;
    assert_eq!(status, 422);
    assert!(shows(&html, t("case.staff.person_id_required")));
    assert_eq!(person_of(&app, &number).0, "198609262015051001");
}
