//! BKPSDM is told when it must act (issue 11, defect 1): a case that reaches the recommendation
//! or the PPK's decision alerts the agency's BKPSDM staff and the case's handler, with the
//! deadline and nothing of the report's content; an alert the case has outrun is dropped, not
//! sent stale; the reminder a working day before the deadline reaches BKPSDM too.

use diesel::prelude::*;
use netra::db::schema::users;
use netra::domain::workflow::Role;

use crate::alerts::{alerts_at, queued, set_deadline, wednesday};
use crate::case::{act, page, post};
use crate::helpers::actors::{file_in, palangkaraya_inspector, staff};
use crate::helpers::{hidden, spawn_app, t, tf};
use crate::mail::deliver;

const BKPSDM: &str = "bkpsdm@palangkaraya.go.id";
const HANDLER: &str = "inspektur@palangkaraya.go.id";

#[actix_web::test]
async fn bkpsdm_and_the_handler_are_alerted_at_the_recommendation_and_at_the_ppk_decision() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(&app, BKPSDM, Role::Bkpsdm, Some("62.71")).await;
    // Another agency's BKPSDM and a colleague inspector who does not handle the case.
    staff(&app, "bkpsdm@banjarkab.go.id", Role::Bkpsdm, Some("63.03")).await;
    staff(
        &app,
        "rekan@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await;
    let me: i64 = app.db(|c| {
        users::table
            .filter(users::email.eq(HANDLER))
            .select(users::id)
            .first(c)
            .expect("handler")
    });
    let (_, html) = page(&app, &insp, &number).await;
    let v = hidden(&html, "version");
    let assign = [("handler", me.to_string()), ("version", v)];
    let assign: Vec<(&str, &str)> = assign.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        post(&app, &insp, &number, "/tugaskan", &assign)
            .await
            .status(),
        303
    );
    for action in ["start_verification", "register", "start_examination"] {
        assert_eq!(
            act(&app, &insp, &number, action, "", &[]).await,
            303,
            "{action}"
        );
    }
    assert!(
        queued(&app, "bkpsdm_to_act").is_empty(),
        "not before BKPSDM's step"
    );
    deliver(&app).await;
    let before = app.sent_mail().len();

    // The recommendation: BKPSDM of this agency and the handler, nobody else.
    assert_eq!(
        act(&app, &insp, &number, "classify", "discipline", &[]).await,
        303
    );
    let to: Vec<String> = queued(&app, "bkpsdm_to_act")
        .into_iter()
        .map(|q| q.1)
        .collect();
    assert_eq!(to, vec![BKPSDM.to_owned(), HANDLER.to_owned()]);
    assert_eq!(
        deliver(&app).await,
        2,
        "the two alerts (the reporter left no address)"
    );
    let mails: Vec<_> = app.sent_mail()[before..]
        .iter()
        .filter(|m| m.data.contains(&tf("mail.bkpsdm_to_act.subject", &number)))
        .cloned()
        .collect();
    assert_eq!(mails.len(), 2);
    for m in &mails {
        let text = m.plain();
        assert!(text.contains(t("mail.bkpsdm_to_act.lead")), "{text}");
        assert!(text.contains(&format!(
            "{}: {}",
            t("mail.state"),
            t("state.recommendation")
        )));
        assert!(
            text.contains(&format!("{}: ", t("mail.deadline"))),
            "the deadline: {text}"
        );
        assert!(m.data.contains(&format!("/dashboard/cases/{number}")));
        assert!(
            !text.contains("Budi Santoso") && !text.contains("19860926"),
            "content-free"
        );
    }

    // Awaiting the PPK: alerted again. An alert still queued when the case moved on is dropped.
    assert_eq!(
        act(&app, &insp, &number, "recommend", "", &[("sanction", "S1")]).await,
        303
    );
    assert_eq!(queued(&app, "bkpsdm_to_act").len(), 4);
    let before = app.sent_mail().len();
    assert_eq!(deliver(&app).await, 2);
    assert!(
        app.sent_mail()[before..]
            .iter()
            .filter(|m| m.data.contains(&tf("mail.bkpsdm_to_act.subject", &number)))
            .all(|m| m.plain().contains(t("state.awaiting_ppk")))
    );

    // A working day before the PPK's deadline, BKPSDM is reminded.
    let now = wednesday(&app);
    set_deadline(&app, &number, now + chrono::Duration::hours(2));
    assert_eq!(alerts_at(&app, now).soon, 1);
    let reminded: Vec<String> = queued(&app, "deadline_soon")
        .into_iter()
        .map(|q| q.1)
        .collect();
    assert!(reminded.contains(&BKPSDM.to_owned()), "{reminded:?}");
    drop(bkpsdm);
}

#[actix_web::test]
async fn an_alert_the_case_outran_before_delivery_is_dropped_not_sent_stale() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let insp = palangkaraya_inspector(&app).await;
    staff(&app, BKPSDM, Role::Bkpsdm, Some("62.71")).await;
    for action in ["start_verification", "register", "start_examination"] {
        assert_eq!(
            act(&app, &insp, &number, action, "", &[]).await,
            303,
            "{action}"
        );
    }
    deliver(&app).await;
    assert_eq!(
        act(&app, &insp, &number, "classify", "discipline", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &insp, &number, "recommend", "", &[("sanction", "S1")]).await,
        303
    );
    let before = app.sent_mail().len();
    deliver(&app).await;
    let alerts: Vec<String> = app.sent_mail()[before..]
        .iter()
        .filter(|m| m.data.contains(&tf("mail.bkpsdm_to_act.subject", &number)))
        .map(|m| m.plain())
        .collect();
    assert_eq!(
        alerts.len(),
        1,
        "the recommendation's alert was dropped: {alerts:?}"
    );
    assert!(alerts[0].contains(t("state.awaiting_ppk")));
}
