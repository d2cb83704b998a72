//! The staff case page: agency scoping, the audited identity view and downloads, the workflow
//! over HTTP as far as this build goes, stale versions.

use diesel::prelude::*;
use netra::db::schema::{audit_log, outbox, reports};
use netra::domain::workflow::Role;

use crate::evidence_metadata::pdf_naming_its_author;
use crate::helpers::actors::{file_in, palangkaraya_inspector, staff};
use crate::helpers::client;
use crate::helpers::html::{has, select_attr, select_text, shows};
use crate::helpers::{
    ReportForm, TestApp, cookies_set, fixture, get_with_cookie, hidden, read_receipt, spawn_app, t,
    tf,
};

pub async fn page(app: &TestApp, c: &reqwest::Client, number: &str) -> (u16, String) {
    let res = c
        .get(app.url(&format!("/dashboard/cases/{number}")))
        .send()
        .await
        .expect("GET case");
    (res.status().as_u16(), res.text().await.expect("body"))
}

pub async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, html) = page(app, c, number).await;
    // A page without a form (a 404, say) gets an empty token.
    let csrf = select_attr(&html, "input[type=hidden][name=csrf]", "value")
        .into_iter()
        .next()
        .unwrap_or_default();
    // The decree and the objection's decision go as the page sends them: multipart, to their own
    // route, with the letter's scan (a field ("sk_file", "none") sends it without one).
    let with_scan = fields.contains(&("action", "record_decision"))
        || fields.contains(&("action", "resolve_objection"));
    if path == "/aksi" && with_scan {
        let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
        for (k, v) in fields.iter().filter(|(k, _)| *k != "sk_file") {
            form = form.text((*k).to_owned(), (*v).to_owned());
        }
        if !fields.contains(&("sk_file", "none")) {
            let scan = reqwest::multipart::Part::bytes(pdf_naming_its_author()).file_name("sk.pdf");
            form = form.part("sk_file", scan);
        }
        return c
            .post(app.url(&format!("/dashboard/cases/{number}/keputusan")))
            .multipart(form)
            .send()
            .await
            .expect("POST");
    }
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    c.post(app.url(&format!("/dashboard/cases/{number}{path}")))
        .form(&form)
        .send()
        .await
        .expect("POST")
}

pub async fn act(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    action: &str,
    detail: &str,
    extra: &[(&str, &str)],
) -> u16 {
    act_page(app, c, number, action, detail, extra).await.0
}

/// [`act`], with the page answered (a 422 names its problems there).
pub async fn act_page(
    app: &TestApp,
    c: &reqwest::Client,
    number: &str,
    action: &str,
    detail: &str,
    extra: &[(&str, &str)],
) -> (u16, String) {
    let (_, html) = page(app, c, number).await;
    let version = hidden(&html, "version");
    let mut fields = vec![
        ("action", action),
        ("detail", detail),
        ("reason", "sesuai hasil telaah"),
        ("version", version.as_str()),
    ];
    fields.extend_from_slice(extra);
    let res = post(app, c, number, "/aksi", &fields).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

/// Walks a new case through verification, registration and examination to the classification
/// `class`, as `c` (an inspector of its agency).
pub async fn classified(app: &TestApp, c: &reqwest::Client, number: &str, class: &str) {
    for (action, detail) in [
        ("start_verification", ""),
        ("register", ""),
        ("start_examination", ""),
        ("classify", class),
    ] {
        assert_eq!(
            act(app, c, number, action, detail, &[]).await,
            303,
            "{action}"
        );
    }
}

pub fn state_of(app: &TestApp, number: &str) -> String {
    app.db(|c| {
        reports::table
            .filter(reports::case_number.eq(number))
            .select(reports::state)
            .first(c)
            .expect("state")
    })
}

async fn named_report(app: &TestApp) -> (String, String) {
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token)
        .set("identity_mode", Some("named"))
        .set("reporter_name", Some("Siti Rahmawati"))
        .set("reporter_email", Some("siti@example.id"))
        .file("foto.jpg", fixture("gps_exif_xmp.jpg"));
    assert_eq!(app.post_report(&form).await.status(), 303);
    read_receipt(&app.get_text("/lapor/tanda-terima").await)
}

#[actix_web::test]
async fn a_case_of_another_agency_answers_404_to_every_route_and_anonymous_visitors_sign_in() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let own = palangkaraya_inspector(&app).await;
    let other = staff(
        &app,
        "inspektur@banjarkab.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    assert_eq!(page(&app, &own, &number).await.0, 200);
    assert_eq!(page(&app, &other, &number).await.0, 404);
    let html = other
        .get(app.url("/dashboard"))
        .send()
        .await
        .expect("dash")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&html, "csrf");
    for path in [
        "/aksi",
        "/identitas",
        "/pesan",
        "/bukti/1",
        "/tugaskan",
        "/terlapor",
    ] {
        let res = other
            .post(app.url(&format!("/dashboard/cases/{number}{path}")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("action", "start_verification"),
                ("reason", "x"),
                ("body", "x"),
                ("version", "1"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404, "{path}");
    }
    assert_eq!(page(&app, &other, "NTR-2026-NOSUCH").await.0, 404);
    assert_eq!(state_of(&app, &number), "submitted");
    assert_eq!(page(&app, &client(), &number).await.0, 303);
}

#[actix_web::test]
async fn the_reporters_identity_opens_once_for_a_permitted_role_with_a_reason_and_is_audited() {
    let app = spawn_app().await;
    let (number, _) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    let (_, html) = page(&app, &inspector, &number).await;
    assert!(!html.contains("Siti Rahmawati") && !html.contains("siti@example.id"));
    assert_eq!(
        post(&app, &inspector, &number, "/identitas", &[("reason", "")])
            .await
            .status(),
        422
    );
    assert_eq!(
        post(
            &app,
            &bkpsdm,
            &number,
            "/identitas",
            &[("reason", "ingin tahu")]
        )
        .await
        .status(),
        403
    );
    let res = post(
        &app,
        &inspector,
        &number,
        "/identitas",
        &[("reason", "klarifikasi kronologi")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(&app, &inspector, &number).await;
    assert!(html.contains("Siti Rahmawati") && html.contains("siti@example.id"));
    let (_, again) = page(&app, &inspector, &number).await;
    assert!(
        !again.contains("Siti Rahmawati"),
        "one view per audited request"
    );
    let reasons: Vec<Option<String>> = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("identity_viewed"))
            .select(audit_log::reason)
            .load(c)
            .expect("audit")
    });
    assert_eq!(reasons, vec![Some("klarifikasi kronologi".to_owned())]);
}

#[actix_web::test]
async fn a_replayed_session_cookie_does_not_open_the_identity_again() {
    let app = spawn_app().await;
    let (number, _) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    let res = post(
        &app,
        &inspector,
        &number,
        "/identitas",
        &[("reason", "klarifikasi kronologi")],
    )
    .await;
    assert_eq!(res.status(), 303);
    // The session cookie as it stood right after the audited request, sent again and again.
    let cookie = cookies_set(&res);
    let mut shown = 0;
    for _ in 0..3 {
        let html = get_with_cookie(&app, &format!("/dashboard/cases/{number}"), &cookie)
            .await
            .text()
            .await
            .expect("body");
        if html.contains("Siti Rahmawati") {
            shown += 1;
        }
    }
    assert_eq!(
        shown, 1,
        "one view per audited request, whatever the cookie"
    );
}

#[actix_web::test]
async fn evidence_downloads_as_an_attachment_and_each_download_is_audited() {
    let app = spawn_app().await;
    let (number, _) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &inspector, &number).await;
    let case = format!("/dashboard/cases/{number}");
    let path = select_attr(
        &html,
        &format!(r#"form[method=post][action^="{case}/bukti/"]"#),
        "action",
    )
    .first()
    .and_then(|a| a.strip_prefix(case.as_str()))
    .expect("download form")
    .to_owned();
    let res = post(&app, &inspector, &number, &path, &[]).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .expect("header")
            .starts_with("attachment")
    );
    assert_eq!(res.headers()["content-type"], "application/octet-stream");
    let body = res.bytes().await.expect("bytes");
    assert!(body.starts_with(&[0xFF, 0xD8]) && !body.windows(6).any(|w| w == b"Exif\0\0"));
    let n: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("evidence_downloaded"))
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(n, 1);
}

#[actix_web::test]
async fn a_question_answered_on_the_status_page_and_a_not_proven_finding_reach_the_reporter() {
    let app = spawn_app().await;
    let (number, secret) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    assert_eq!(
        act(&app, &inspector, &number, "start_verification", "", &[]).await,
        303
    );
    assert_eq!(
        act(&app, &inspector, &number, "request_info", "", &[]).await,
        422,
        "a question is required"
    );
    assert_eq!(
        act(
            &app,
            &inspector,
            &number,
            "request_info",
            "",
            &[("question", "Di mana foto itu diambil?")]
        )
        .await,
        303
    );
    assert_eq!(state_of(&app, &number), "needs_info");

    // The reporter reads the question and answers it.
    let html = app.get_text("/status").await;
    let res = app
        .client
        .post(app.url("/status"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("case_number", number.as_str()),
            ("secret", secret.as_str()),
        ])
        .send()
        .await
        .expect("check");
    assert_eq!(res.status(), 303);
    let status = app.get_text("/status/kasus").await;
    assert!(status.contains("Di mana foto itu diambil?") && shows(&status, t("state.needs_info")));
    let form = reqwest::multipart::Form::new()
        .text("csrf", hidden(&status, "csrf"))
        .text("client_token", hidden(&status, "client_token"))
        .text("message", "Di halaman kantor dinas.");
    assert_eq!(
        app.client
            .post(app.url("/status/kasus/balas"))
            .multipart(form)
            .send()
            .await
            .expect("reply")
            .status(),
        303
    );
    assert_eq!(state_of(&app, &number), "verification");

    for (action, detail) in [
        ("register", ""),
        ("start_examination", ""),
        ("classify", "not_proven"),
    ] {
        assert_eq!(
            act(&app, &inspector, &number, action, detail, &[]).await,
            303,
            "{action}"
        );
    }
    assert_eq!(state_of(&app, &number), "not_proven");
    let (closed, deadline): (Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>) = app
        .db(|c| {
            reports::table
                .filter(reports::case_number.eq(&number))
                .select((reports::closed_at, reports::deadline_at))
                .first(c)
                .expect("case")
        });
    assert!(
        closed.is_some() && deadline.is_none(),
        "a closed case: {closed:?} {deadline:?}"
    );
    let status = app.get_text("/status/kasus").await;
    assert!(
        shows(&status, t("state.not_proven"))
            && shows(&status, &tf("event.state_changed", t("state.not_proven")))
    );
    let notices: i64 = app.db(|c| {
        outbox::table
            .filter(outbox::kind.eq("state_changed"))
            .count()
            .get_result(c)
            .expect("n")
    });
    assert_eq!(
        notices, 5,
        "the reporter left an email: one content-free notice per state change"
    );
    let (_, html) = page(&app, &inspector, &number).await;
    assert!(
        !has(&html, "[name=action]"),
        "a closed case offers no further action"
    );
    assert!(matches!(
        app.db(|c| netra::db::audit::verify(c, app.state.keys.audit(), &[]).expect("verify")),
        netra::db::audit::Verdict::Intact { .. }
    ));
}

#[actix_web::test]
async fn a_stale_form_gets_409_and_changes_nothing() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let a = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &a, &number).await;
    let stale = hidden(&html, "version");
    assert_eq!(
        act(&app, &a, &number, "start_verification", "", &[]).await,
        303
    );
    let res = post(
        &app,
        &a,
        &number,
        "/aksi",
        &[
            ("action", "request_info"),
            ("detail", ""),
            ("reason", "x"),
            ("question", "q"),
            ("version", &stale),
        ],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(shows(
        &res.text().await.expect("body"),
        t("error.conflict.title")
    ));
    assert_eq!(state_of(&app, &number), "verification");
}

#[actix_web::test]
async fn the_wrong_role_is_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    let admin = staff(&app, "admin2@netra.test", Role::Admin, None).await;
    // Their pages offer no actions; a hand-made form is refused all the same.
    for who in [&bkpsdm, &admin] {
        let (_, html) = page(&app, who, &number).await;
        assert!(!has(&html, "[name=action]"));
        let fields = [
            ("action", "start_verification"),
            ("detail", ""),
            ("reason", "x"),
            ("version", "1"),
        ];
        assert_eq!(
            post(&app, who, &number, "/aksi", &fields).await.status(),
            403
        );
    }
    assert_eq!(state_of(&app, &number), "submitted");
}

#[actix_web::test]
async fn internal_notes_stay_internal_and_messages_reach_the_reporter() {
    let app = spawn_app().await;
    let (number, secret) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    assert_eq!(
        post(
            &app,
            &inspector,
            &number,
            "/pesan",
            &[("body", "Catatan: cek akun medsos"), ("to", "note")]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        post(
            &app,
            &inspector,
            &number,
            "/pesan",
            &[
                ("body", "Terima kasih, laporan sedang kami pelajari."),
                ("to", "reporter"),
                ("confirm", "yes")
            ]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        post(
            &app,
            &inspector,
            &number,
            "/pesan",
            &[("body", "  "), ("to", "note")]
        )
        .await
        .status(),
        422
    );
    let html = app.get_text("/status").await;
    app.client
        .post(app.url("/status"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("case_number", number.as_str()),
            ("secret", secret.as_str()),
        ])
        .send()
        .await
        .expect("check");
    let status = app.get_text("/status/kasus").await;
    assert!(status.contains("Terima kasih, laporan sedang kami pelajari."));
    assert!(!status.contains("cek akun medsos"));
}

#[actix_web::test]
async fn a_discipline_berat_case_runs_to_the_ppk_decree_and_the_reporter_sees_the_outcome() {
    let app = spawn_app().await;
    let (number, secret) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    let bkpsdm = staff(
        &app,
        "bkpsdm@palangkaraya.go.id",
        Role::Bkpsdm,
        Some("62.71"),
    )
    .await;
    let banjar = staff(
        &app,
        "inspektur@banjarkab.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    for (action, detail) in [
        ("start_verification", ""),
        ("register", ""),
        ("start_examination", ""),
        ("classify", "discipline"),
    ] {
        assert_eq!(
            act(&app, &inspector, &number, action, detail, &[]).await,
            303,
            "{action}"
        );
    }
    let (_, html) = page(&app, &inspector, &number).await;
    assert!(
        html.contains("B2 — ") && html.contains("PP 94/2021"),
        "catalogue sanctions with their legal basis"
    );
    assert!(
        html.contains("MORAL_TERBUKA — ") && !html.contains("PPPK_PHK_DH — "),
        "a PNS discipline case: PNS sentences, and a moral statement as a possible second sanction"
    );
    assert_eq!(
        act(&app, &inspector, &number, "recommend", "", &[]).await,
        422,
        "a sanction is required"
    );
    assert_eq!(
        act(
            &app,
            &inspector,
            &number,
            "recommend",
            "",
            &[("sanction", "R2")]
        )
        .await,
        422,
        "ringan needs a justification"
    );
    assert_eq!(
        act(
            &app,
            &inspector,
            &number,
            "recommend",
            "",
            &[("sanction", "B2")]
        )
        .await,
        303
    );
    assert_eq!(state_of(&app, &number), "awaiting_ppk");
    let (_, html) = page(&app, &bkpsdm, &number).await;
    let version = hidden(&html, "version");
    let by_inspector = [
        ("action", "record_decision"),
        ("detail", ""),
        ("reason", "x"),
        ("sk_number", "800/1"),
        ("version", version.as_str()),
    ];
    let res = post(&app, &inspector, &number, "/aksi", &by_inspector).await;
    assert_eq!(
        res.status(),
        403,
        "the inspector does not record the decree"
    );
    let today = crate::helpers::today();
    assert_eq!(
        act(
            &app,
            &bkpsdm,
            &number,
            "record_decision",
            "",
            &[
                ("sk_number", "800/12/BKPSDM/2026"),
                ("sk_date", today.as_str())
            ]
        )
        .await,
        422,
        "berat needs a start date"
    );
    let decree = [
        ("sk_number", "800/12/BKPSDM/2026"),
        ("sk_date", today.as_str()),
        ("start_date", today.as_str()),
    ];
    assert_eq!(
        act(&app, &bkpsdm, &number, "record_decision", "", &decree).await,
        303
    );
    assert_eq!(state_of(&app, &number), "decided");
    let (_, html) = page(&app, &bkpsdm, &number).await;
    assert!(html.contains("800/12/BKPSDM/2026"));
    // The transitions' one UPDATE kept the classification, set the tier, and closed (or not)
    // and cleared (or set) the deadline as the state says.
    let decided = netra::domain::case_state::CaseState::Decided;
    let (class, tier, deadline, closed): (
        Option<String>,
        Option<String>,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
    ) = app.db(|c| {
        reports::table
            .filter(reports::case_number.eq(&number))
            .select((
                reports::classification,
                reports::tier,
                reports::deadline_at,
                reports::closed_at,
            ))
            .first(c)
            .expect("case")
    });
    assert_eq!(class.as_deref(), Some("discipline"));
    assert_eq!(tier.as_deref(), Some("berat"));
    assert_eq!(
        deadline.is_none(),
        decided.deadline_stage().is_none(),
        "{deadline:?}"
    );
    assert_eq!(
        closed.is_some(),
        netra::domain::workflow::is_closed(decided),
        "{closed:?}"
    );
    assert_eq!(
        page(&app, &banjar, &number).await.0,
        404,
        "Kabupaten Banjar cannot see it at all"
    );

    let html = app.get_text("/status").await;
    app.client
        .post(app.url("/status"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("case_number", number.as_str()),
            ("secret", secret.as_str()),
        ])
        .send()
        .await
        .expect("check");
    let status = app.get_text("/status/kasus").await;
    assert!(
        shows(&status, t("state.decided")),
        "the reporter sees the outcome"
    );
}

#[actix_web::test]
async fn forwarding_moves_the_case_to_the_other_agency() {
    let app = spawn_app().await;
    let number = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let pky = palangkaraya_inspector(&app).await;
    let prov = staff(&app, "inspektur@kalteng.go.id", Role::Inspector, Some("62")).await;
    for (action, detail) in [
        ("start_verification", ""),
        ("register", ""),
        ("start_examination", ""),
    ] {
        assert_eq!(act(&app, &pky, &number, action, detail, &[]).await, 303);
    }
    assert_eq!(page(&app, &prov, &number).await.0, 404);
    let same = [("target_agency", "Pemerintah Kota Palangkaraya")];
    assert_eq!(
        act(&app, &pky, &number, "classify", "not_our_authority", &same).await,
        422
    );
    let target = [("target_agency", "Pemerintah Provinsi Kalimantan Tengah")];
    assert_eq!(
        act(
            &app,
            &pky,
            &number,
            "classify",
            "not_our_authority",
            &target
        )
        .await,
        303
    );
    assert_eq!(
        page(&app, &pky, &number).await.0,
        404,
        "the first agency loses access"
    );
    let (status, html) = page(&app, &prov, &number).await;
    assert_eq!(status, 200, "the second gains it");
    assert!(
        shows(&html, t("action.start_verification")),
        "and can take it up"
    );
}

#[actix_web::test]
async fn images_preview_through_their_own_sandboxed_route_and_other_files_do_not() {
    let app = spawn_app().await;
    let (number, _) = named_report(&app).await;
    let inspector = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &inspector, &number).await;
    let src = select_attr(&html, r#"img[src*="/pratinjau?t="]"#, "src")
        .into_iter()
        .next()
        .expect("preview");
    // Without the page's token (a link made on another site), or with it cut short: not found,
    // and nothing audited.
    let bare = src.split('?').next().expect("path").to_owned();
    for link in [bare.clone(), format!("{bare}?t=1.00"), format!("{bare}?t=")] {
        let res = inspector.get(app.url(&link)).send().await.expect("preview");
        assert_eq!(res.status(), 404, "{link}");
    }
    let res = inspector.get(app.url(&src)).send().await.expect("preview");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .expect("csp")
            .contains("sandbox")
    );
    let n: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("evidence_previewed"))
            .count()
            .get_result(c)
            .expect("n")
    });
    assert_eq!(n, 1);
    // Looked at twice more: the history has one line for the three looks (issue 12).
    for _ in 0..2 {
        let res = inspector.get(app.url(&src)).send().await.expect("preview");
        assert_eq!(res.status(), 200);
    }
    let (_, html) = page(&app, &inspector, &number).await;
    let looks: Vec<String> = select_text(&html, ".timeline li")
        .into_iter()
        .filter(|l| l.contains(t("audit.evidence_previewed")))
        .collect();
    assert_eq!(looks.len(), 1, "{looks:?}");
    assert!(looks[0].contains(&tf("history.times", "3")), "{looks:?}");
    let other = staff(
        &app,
        "inspektur@banjarkab.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    assert_eq!(
        other
            .get(app.url(&src))
            .send()
            .await
            .expect("preview")
            .status(),
        404
    );
}

#[actix_web::test]
async fn the_case_page_marks_overdue_cases_and_repeat_reports_about_the_same_person() {
    let app = spawn_app().await;
    let first = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let second = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    app.db(|c| {
        diesel::update(reports::table.filter(reports::case_number.eq(&second)))
            .set(reports::deadline_at.eq(Some(netra::db::now() - chrono::Duration::hours(2))))
            .execute(c)
            .expect("overdue");
    });
    let inspector = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &inspector, &second).await;
    assert!(shows(&html, t("case.staff.overdue")));
    assert!(
        shows(&html, &tf("case.staff.history_count", "1"))
            && html.contains(&first)
            && shows(&html, t("case.staff.repeat"))
    );
}
