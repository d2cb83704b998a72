//! Evidence documents and videos filed through `/lapor` are stored without their metadata, and
//! one the cleaner cannot read is refused with a message (issue 10, item 3).

use diesel::prelude::*;
use netra::db::schema::{evidence, evidence_blobs};

use crate::helpers::html::{has, shows};
use crate::helpers::{ReportForm, TestApp, spawn_app, t, tf};

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A one-page PDF whose document information names its author, with a correct
/// cross-reference table.
pub fn pdf_naming_its_author() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        "<< /Author (Siti Rahmawati) /Creator (NETRA-CREATOR-MARKER) \
         /CreationDate (D:20240214083000+07'00') >>",
    ];
    let mut file = b"%PDF-1.4\n".to_vec();
    let mut xref = String::from("xref\n0 5\n0000000000 65535 f \n");
    for (number, body) in (1..).zip(objects) {
        xref.push_str(&format!("{:010} 00000 n \n", file.len()));
        file.extend_from_slice(format!("{number} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let start = file.len();
    file.extend_from_slice(xref.as_bytes());
    file.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R >>\nstartxref\n{start}\n%%EOF\n")
            .as_bytes(),
    );
    file
}

/// The stored bytes, content type and "metadata removed" flag of the only evidence file.
fn stored_evidence(app: &TestApp) -> (Vec<u8>, String, bool) {
    app.db(|c| {
        let (id, content_type, removed): (i64, String, bool) = evidence::table
            .select((
                evidence::id,
                evidence::content_type,
                evidence::metadata_removed,
            ))
            .first(c)
            .expect("evidence row");
        let data: Vec<u8> = evidence_blobs::table
            .find(id)
            .select(evidence_blobs::data)
            .first(c)
            .expect("blob");
        (data, content_type, removed)
    })
}

#[actix_web::test]
async fn a_pdf_naming_its_author_is_stored_without_the_name() {
    let app = spawn_app().await;
    let document = pdf_naming_its_author();
    assert!(contains(&document, b"Siti Rahmawati"));
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token).file("surat-edaran.pdf", document);

    let res = app.post_report(&form).await;

    assert_eq!(res.status(), 303);
    let (stored, content_type, removed) = stored_evidence(&app);
    assert_eq!(content_type, "application/pdf");
    assert!(removed);
    for leak in [
        &b"Siti Rahmawati"[..],
        b"NETRA-CREATOR-MARKER",
        b"/Author",
        b"+07'00'",
    ] {
        assert!(!contains(&stored, leak), "{leak:?} was stored");
    }
    let pages = lopdf::Document::load_mem(&stored)
        .expect("the stored file is a PDF")
        .get_pages();
    assert_eq!(pages.len(), 1);
}

#[actix_web::test]
async fn a_pdf_the_cleaner_cannot_read_is_refused_with_a_message_and_the_input_kept() {
    let app = spawn_app().await;
    let broken = b"%PDF-1.7\n1 0 obj << /Author (Siti Rahmawati) ".to_vec();
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token).file("surat.pdf", broken);

    let res = app.post_report(&form).await;

    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(
        shows(&body, &tf("evidence.pdf_unreadable", "surat.pdf")),
        "{body}"
    );
    assert!(shows(&body, t("form.files_again")));
    assert!(
        has(&body, r#"input[name=asn_name][value="Budi Santoso"]"#)
            && has(
                &body,
                r#"input[name=place][value="Jl. Yos Sudarso, Palangka Raya"]"#
            ),
        "typed input kept"
    );
    assert_eq!(app.report_count(), 0);
}

#[actix_web::test]
async fn an_mp4_with_its_location_is_stored_without_it_at_the_same_length() {
    let app = spawn_app().await;
    let sized = |kind: &[u8], content: &[u8]| {
        let size = u32::try_from(content.len() + 8).expect("small box");
        [&size.to_be_bytes()[..], kind, content].concat()
    };
    let location = sized(b"\xA9xyz", b"\x00\x12\x15\xC7+52.5200+013.4050/");
    let video = [
        sized(b"ftyp", b"isom\x00\x00\x02\x00isommp41"),
        sized(b"moov", &sized(b"udta", &location)),
        sized(b"mdat", b"frames"),
    ]
    .concat();
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token).file("video.mp4", video.clone());

    assert_eq!(app.post_report(&form).await.status(), 303);

    let (stored, content_type, removed) = stored_evidence(&app);
    assert_eq!(content_type, "video/mp4");
    assert!(removed);
    assert!(!contains(&stored, b"+52.5200+013.4050/"));
    assert_eq!(stored.len(), video.len());
    // The boxes stay where they were (no track uses the six bytes of media data, so they are
    // zeroed; the unit tests check a video whose samples are kept).
    assert!(stored.starts_with(&sized(b"ftyp", b"isom\x00\x00\x02\x00isommp41")));
    assert!(stored.ends_with(&sized(b"mdat", &[0; 6])));
}
