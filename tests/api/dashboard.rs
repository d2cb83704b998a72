//! The case list's filters: odd input is no filter, never a 500.

use netra::domain::workflow::Role;

use crate::helpers::spawn_app;
use crate::staff::staff;

#[actix_web::test]
async fn absurd_dates_in_filters_are_ignored_not_a_500() {
    let app = spawn_app().await;
    let insp = staff(
        &app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
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
