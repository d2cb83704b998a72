//! Message or note, never by accident (issue 12, item 3): two forms; a note is kept at once; a
//! message to the reporter is first shown as the reporter will see it and only the preview's
//! button sends it; going back keeps the text.

use diesel::prelude::*;
use netra::db::schema::{messages, outbox};

use crate::case::{page, post};
use crate::helpers::actors::palangkaraya_inspector;
use crate::helpers::html::{select_text, shows};
use crate::helpers::{hidden, spawn_app, t};

#[actix_web::test]
async fn a_message_is_previewed_before_it_is_sent_and_a_note_is_kept_at_once() {
    let app = spawn_app().await;
    let (number, secret) = app.file_report().await;
    let insp = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        !html.contains("name=\"internal\""),
        "no checkbox decides who reads it"
    );
    assert!(shows(&html, t("message.preview")) && shows(&html, t("message.save_note")));

    let text = "Mohon kirim tangkapan layar unggahan itu.";
    let res = post(
        &app,
        &insp,
        &number,
        "/pesan",
        &[("body", text), ("to", "reporter")],
    )
    .await;
    assert_eq!(res.status(), 200);
    let preview = res.text().await.expect("body");
    assert!(shows(&preview, t("message.preview.title")));
    assert!(
        select_text(&preview, ".message .body")
            .iter()
            .any(|b| b == text)
    );
    assert!(
        shows(&preview, t("case.from_staff")),
        "as the reporter sees the author"
    );
    let count = |kind: &'static str| {
        app.db(move |c| {
            (
                messages::table
                    .filter(messages::direction.eq(kind))
                    .count()
                    .get_result::<i64>(c)
                    .expect("count"),
                outbox::table
                    .filter(outbox::kind.eq("message_to_reporter"))
                    .count()
                    .get_result::<i64>(c)
                    .expect("count"),
            )
        })
    };
    assert_eq!(count("to_reporter"), (0, 0), "nothing sent by the preview");

    // Back to edit: the case page, the text in the message box.
    let csrf = hidden(&preview, "csrf");
    let back = insp
        .post(app.url(&format!("/dashboard/cases/{number}/pesan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("body", text),
            ("to", "edit"),
            ("confirm", "yes"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(back.status(), 200);
    let back = back.text().await.expect("body");
    assert!(
        select_text(&back, "textarea#f-body")
            .iter()
            .any(|b| b == text)
    );
    assert_eq!(count("to_reporter"), (0, 0));

    // Sent from the preview: on the reporter's page, with its content-free email.
    let sent = insp
        .post(app.url(&format!("/dashboard/cases/{number}/pesan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("body", text),
            ("to", "reporter"),
            ("confirm", "yes"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(sent.status(), 303);
    assert_eq!(count("to_reporter").0, 1);
    assert!(shows(&app.reporter_opens(&number, &secret).await, text));

    // A note: kept at once, never on the reporter's page; an empty message is not previewed.
    let note = "Akun medsos terlapor sudah dicek.";
    let res = post(
        &app,
        &insp,
        &number,
        "/pesan",
        &[("body", note), ("to", "note")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(count("internal").0, 1);
    assert!(!app.reporter_opens(&number, &secret).await.contains(note));
    let res = post(
        &app,
        &insp,
        &number,
        "/pesan",
        &[("body", " "), ("to", "reporter")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(shows(
        &res.text().await.expect("body"),
        t("case.staff.message_invalid")
    ));
}
