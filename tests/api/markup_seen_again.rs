//! HTML and SQL typed into every free-text field (issue 10, the bad-input corpus): stored as
//! typed, shown as the text that was typed on every page that shows it again (the staff case
//! page and its timeline, the case list and its search, the identity view, the reporter's status
//! page, the admin audit page), never as markup there, and never in any email (the mail is
//! content-free). Nothing of it runs as SQL: the tables are all still there, the row holds the text.

use diesel::prelude::*;
use netra::db::schema::{audit_log, messages, reports};
use netra::domain::workflow::Role;

use crate::case::{page, post};
use crate::helpers::actors::{palangkaraya_inspector, staff};
use crate::helpers::html::{has, shows};
use crate::helpers::*;
use crate::mail::deliver;

const PAYLOAD: &str = r#"<script>alert("netra")</script><img src=x onerror=alert(1)>' OR '1'='1'; DROP TABLE reports; --"#;

/// The page shows the payload as text and holds none of it as markup.
fn shown_as_text(where_: &str, html: &str) {
    assert!(shows(html, PAYLOAD), "{where_}: the text as typed is shown");
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x"),
        "{where_}: the markup came through as markup"
    );
    assert!(
        !has(html, "[onerror]") && !has(html, "script:not([src])"),
        "{where_}: a handler or an inline script on the page"
    );
}

#[actix_web::test]
async fn markup_and_sql_in_every_field_come_back_as_text_and_never_reach_mail() {
    let app = spawn_app().await;
    let description = format!("{DESCRIPTION} {PAYLOAD}");
    let link = "https://example.org/?q=<script>alert(1)</script>";
    let (number, secret) = app
        .file_with(|f| {
            f.set("identity_mode", Some("named"))
                .set("reporter_name", Some(PAYLOAD))
                .set("reporter_email", Some("siti@example.id"))
                .set("asn_name", Some(PAYLOAD))
                .set("unit", Some(PAYLOAD))
                .set("position", Some(PAYLOAD))
                .set("place", Some(PAYLOAD))
                .set("description", Some(&description))
                .set("links", Some(link))
                .set("witnesses", Some(PAYLOAD))
        })
        .await;
    let stored: (String, String, String) = app.db(|c| {
        reports::table
            .filter(reports::case_number.eq(&number))
            .select((
                reports::reported_name,
                reports::reported_unit,
                reports::place,
            ))
            .first(c)
            .expect("the report, as typed")
    });
    assert_eq!(stored, (PAYLOAD.into(), PAYLOAD.into(), PAYLOAD.into()));

    let inspector = palangkaraya_inspector(&app).await;
    // The staff write it back too: a message to the reporter, a step's reason, the reason for
    // looking at the identity.
    assert_eq!(
        post(
            &app,
            &inspector,
            &number,
            "/pesan",
            &[("body", PAYLOAD), ("to", "reporter"), ("confirm", "yes")]
        )
        .await
        .status(),
        303
    );
    let (_, html) = page(&app, &inspector, &number).await;
    let version = hidden(&html, "version");
    let step = [
        ("action", "start_verification"),
        ("reason", PAYLOAD),
        ("version", version.as_str()),
    ];
    assert_eq!(
        post(&app, &inspector, &number, "/aksi", &step)
            .await
            .status(),
        303
    );
    let res = post(
        &app,
        &inspector,
        &number,
        "/identitas",
        &[("reason", PAYLOAD)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(&app, &inspector, &number).await;
    shown_as_text("the case page", &html);
    assert!(
        shows(&html, link) && !html.contains("<script>alert(1)"),
        "the link is shown as text"
    );

    let (_, list) = crate::helpers::actors::dashboard(&app, &inspector, "").await;
    shown_as_text("the case list", &list);
    let query = format!("?q={}", urlencoding::encode(PAYLOAD));
    let (status, search) = crate::helpers::actors::dashboard(&app, &inspector, &query).await;
    assert!(status < 500, "the search: {status}");
    assert!(
        !search.contains("<script>alert"),
        "the search echoes markup"
    );

    let status_page = app.reporter_opens(&number, &secret).await;
    shown_as_text("the reporter's status page", &status_page);

    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    let audit = admin
        .get(app.url("/admin/audit"))
        .send()
        .await
        .expect("audit page")
        .text()
        .await
        .expect("body");
    shown_as_text("the admin audit page", &audit);

    deliver(&app).await;
    let mail = app.sent_mail();
    assert!(!mail.is_empty(), "the case and the message were mailed");
    for m in mail {
        for piece in ["<script", "onerror", "DROP TABLE", "alert("] {
            assert!(!m.data.contains(piece), "{piece} in a mail to {:?}", m.to);
        }
    }
    // The statements ran as text: every table still answers.
    app.db(|c| {
        assert_eq!(
            reports::table
                .count()
                .get_result::<i64>(c)
                .expect("reports"),
            1
        );
        assert!(
            messages::table
                .count()
                .get_result::<i64>(c)
                .expect("messages")
                >= 1
        );
        assert!(
            audit_log::table
                .count()
                .get_result::<i64>(c)
                .expect("audit")
                >= 4
        );
    });
}
