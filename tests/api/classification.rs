//! Classification follows the catalogue (issue 11, defect 2): the examination offers what the
//! case's violations allow plus "not proven", a classification the catalogue does not allow is
//! refused with a message and changes nothing, and a misrouted report is forwarded from
//! verification on, without being registered and examined by the wrong agency.

use crate::case::{act, page, state_of};
use crate::helpers::actors::palangkaraya_inspector;
use crate::helpers::html::shows;
use crate::helpers::{spawn_app, t};

#[actix_web::test]
async fn an_ethics_only_violation_is_never_offered_or_given_a_criminal_classification() {
    let app = spawn_app().await;
    // NET-07 (joining a spouse's campaign) allows the code of ethics only.
    let (number, _) = app
        .file_with(|form| form.set("violations", Some("NET-07")))
        .await;
    let insp = palangkaraya_inspector(&app).await;
    for action in ["start_verification", "register", "start_examination"] {
        assert_eq!(
            act(&app, &insp, &number, action, "", &[]).await,
            303,
            "{action}"
        );
    }
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        shows(&html, t("action.classify.ethics")) && shows(&html, t("action.classify.not_proven"))
    );
    assert!(shows(&html, t("action.classify.not_our_authority")));
    assert!(
        !shows(&html, t("action.classify.criminal")),
        "criminal is not offered"
    );
    assert!(
        !shows(&html, t("action.classify.discipline")),
        "discipline is not offered"
    );
    // Sent anyway (an old form, a crafted request): refused, the case where it was.
    let gakkumdu = [("reference", "STTP/12/2026")];
    assert_eq!(
        act(&app, &insp, &number, "classify", "criminal", &gakkumdu).await,
        422
    );
    assert_eq!(state_of(&app, &number), "examination");
    assert_eq!(
        act(&app, &insp, &number, "classify", "ethics", &[]).await,
        303
    );
    assert_eq!(state_of(&app, &number), "recommendation");
}

#[actix_web::test]
async fn a_misrouted_report_is_forwarded_straight_from_verification() {
    let app = spawn_app().await;
    let (number, _) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &insp, &number, "start_verification", "", &[]).await,
        303
    );
    let (_, html) = page(&app, &insp, &number).await;
    assert!(shows(&html, t("action.classify.not_our_authority")));
    assert!(
        !shows(&html, t("action.classify.ethics")),
        "the others wait for the examination"
    );
    let target = [("target_agency", "Pemerintah Provinsi Kalimantan Tengah")];
    assert_eq!(
        act(
            &app,
            &insp,
            &number,
            "classify",
            "not_our_authority",
            &target
        )
        .await,
        303
    );
    assert_eq!(state_of(&app, &number), "forwarded_agency");
    // Gone from this agency.
    assert_eq!(page(&app, &insp, &number).await.0, 404);
}
