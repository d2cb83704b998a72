//! PDF fixtures are built here, object by object, with a correct cross-reference table, so each
//! test says exactly where its metadata sits.

use lopdf::{Document, Object};

use crate::domain::evidence::{EvidenceError, EvidenceKind, clean};

const GPS_JPEG: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/gps_exif_xmp.jpg"
));

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Appends one revision to `file`: the objects, a cross-reference table pointing at them, and a
/// trailer. For an incremental update `file` holds the earlier revisions and `trailer` their
/// `/Prev`.
fn revision(file: &mut Vec<u8>, objects: &[(u32, Vec<u8>)], trailer: &str) -> usize {
    let mut offsets = Vec::new();
    for (number, body) in objects {
        offsets.push((*number, file.len()));
        file.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        file.extend_from_slice(body);
        file.extend_from_slice(b"\nendobj\n");
    }
    let xref = file.len();
    file.extend_from_slice(b"xref\n");
    for (number, offset) in offsets {
        file.extend_from_slice(format!("{number} 1\n{offset:010} 00000 n \n").as_bytes());
    }
    file.extend_from_slice(format!("trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    xref
}

fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", content.len()).into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(b"\nendstream");
    body
}

fn xmp(marker: &str) -> Vec<u8> {
    format!(
        "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF \
         xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" \
         exif:GPSLatitude=\"52,31.2N\" exif:GPSLongitude=\"13,24.6E\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"{marker}\"/>\
         </rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    )
    .into_bytes()
}

const PAGE_TEXT: &[u8] = b"BT /F1 12 Tf 20 150 Td (Bukti terlihat di halaman) Tj ET\n\
    q 100 0 0 100 20 20 cm /Im1 Do Q";

/// A one-page document whose first revision has an `/Info`, XMP on the catalog, the page and the
/// photo, `/PieceInfo` on the page and a photo with EXIF/GPS; an incremental update then replaces
/// the `/Info` and the catalog's XMP, leaving the older ones in the file.
fn pdf_with_metadata_in_two_revisions() -> Vec<u8> {
    let mut file = b"%PDF-1.6\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let first = revision(
        &mut file,
        &[
            (
                1,
                b"<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>".to_vec(),
            ),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R \
                  /Resources << /Font << /F1 7 0 R >> /XObject << /Im1 10 0 R >> >> \
                  /Metadata 12 0 R /LastModified (D:20240214083000+07'00') \
                  /PieceInfo << /Illustrator << /Private (NETRA-PIECE-MARKER) >> >> >>"
                    .to_vec(),
            ),
            (4, stream("", PAGE_TEXT)),
            (
                5,
                stream(
                    "/Type /Metadata /Subtype /XML",
                    &xmp("NETRA-OLD-XMP-MARKER"),
                ),
            ),
            (
                6,
                b"<< /Author (NETRA-OLD-AUTHOR-MARKER) /Producer (NETRA-OLD-PRODUCER) >>".to_vec(),
            ),
            (
                7,
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            ),
            (
                10,
                stream(
                    "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceRGB \
                     /BitsPerComponent 8 /Filter /DCTDecode /Metadata 11 0 R",
                    GPS_JPEG,
                ),
            ),
            (
                11,
                stream(
                    "/Type /Metadata /Subtype /XML",
                    &xmp("NETRA-IMAGE-XMP-MARKER"),
                ),
            ),
            (
                12,
                stream(
                    "/Type /Metadata /Subtype /XML",
                    &xmp("NETRA-PAGE-XMP-MARKER"),
                ),
            ),
        ],
        "<< /Size 13 /Root 1 0 R /Info 6 0 R /ID [<4E45545241> <4E45545241>] >>",
    );
    revision(
        &mut file,
        &[
            (
                1,
                b"<< /Type /Catalog /Pages 2 0 R /Metadata 9 0 R >>".to_vec(),
            ),
            (
                8,
                b"<< /Author (NETRA-AUTHOR-MARKER) /Creator (NETRA-CREATOR-MARKER) \
                  /Producer (NETRA-PRODUCER-MARKER) /Title (NETRA-TITLE-MARKER) \
                  /CreationDate (D:20240214083000+07'00') >>"
                    .to_vec(),
            ),
            (
                9,
                stream("/Type /Metadata /Subtype /XML", &xmp("NETRA-XMP-MARKER")),
            ),
        ],
        &format!("<< /Size 13 /Root 1 0 R /Info 8 0 R /Prev {first} >>"),
    );
    file
}

const LEAKS: [&[u8]; 15] = [
    b"NETRA-AUTHOR-MARKER",
    b"NETRA-CREATOR-MARKER",
    b"NETRA-PRODUCER-MARKER",
    b"NETRA-TITLE-MARKER",
    b"NETRA-OLD-AUTHOR-MARKER",
    b"NETRA-OLD-PRODUCER",
    b"NETRA-XMP-MARKER",
    b"NETRA-OLD-XMP-MARKER",
    b"NETRA-PAGE-XMP-MARKER",
    b"NETRA-IMAGE-XMP-MARKER",
    b"NETRA-PIECE-MARKER",
    b"52,31.2N",
    b"+07'00'",
    // The photo's EXIF and its GPS datum.
    b"Exif\0\0",
    b"NETRA-GPS-MARKER",
];

#[test]
fn a_pdf_loses_its_info_xmp_and_older_revisions_and_keeps_its_page() {
    let input = pdf_with_metadata_in_two_revisions();
    for leak in LEAKS {
        assert!(contains(&input, leak), "the fixture lacks {leak:?}");
    }
    let before = Document::load_mem(&input).unwrap();
    assert_eq!(before.get_pages().len(), 1);

    let cleaned = clean(input).unwrap();

    assert_eq!(cleaned.kind, EvidenceKind::Pdf);
    assert!(cleaned.metadata_removed);
    for leak in LEAKS {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    let after = Document::load_mem(&cleaned.bytes).unwrap();
    assert!(after.trailer.get(b"Info").is_err());
    let pages = after.get_pages();
    assert_eq!(pages.len(), 1);
    let page = *pages.values().next().unwrap();
    assert_eq!(after.get_page_content(page).trim_ascii_end(), PAGE_TEXT);
    // The photo is still drawn, its scan as it was, only its EXIF gone.
    let image = after
        .get_page_images(page)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    assert_eq!((image.width, image.height), (8, 8));
    assert_eq!(
        image.content,
        clean(GPS_JPEG.to_vec()).unwrap().bytes.as_slice()
    );
}

#[test]
fn a_pdf_loses_producer_entries_from_its_catalog_and_comment_authors_but_keeps_its_form() {
    let mut input = b"%PDF-1.4\n".to_vec();
    revision(
        &mut input,
        &[
            (
                1,
                b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> \
                  /SpiderInfo << /V 1.0 /C [(NETRA-SPIDER-MARKER)] >> \
                  /ACME_Private (NETRA-VENDOR-MARKER) >>"
                    .to_vec(),
            ),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R 5 0 R] >>"
                    .to_vec(),
            ),
            (
                4,
                b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nama_saksi) /Rect [0 0 50 20] >>"
                    .to_vec(),
            ),
            (
                5,
                b"<< /Type /Annot /Subtype /Text /T (NETRA-COMMENT-AUTHOR) \
                  /Contents (catatan di halaman) /Rect [0 0 20 20] >>"
                    .to_vec(),
            ),
        ],
        "<< /Size 6 /Root 1 0 R >>",
    );

    let cleaned = clean(input).unwrap();

    for leak in [
        &b"NETRA-SPIDER-MARKER"[..],
        b"NETRA-VENDOR-MARKER",
        b"NETRA-COMMENT-AUTHOR",
    ] {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    // The form field's name and the comment's visible text are content, kept.
    assert!(contains(&cleaned.bytes, b"(nama_saksi)"));
    assert!(contains(&cleaned.bytes, b"(catatan di halaman)"));
    assert!(cleaned.metadata_removed);
    let after = Document::load_mem(&cleaned.bytes).unwrap();
    assert!(after.catalog().unwrap().has(b"AcroForm"));
}

#[test]
fn a_pdf_without_metadata_is_rewritten_with_its_pages_and_says_nothing_was_removed() {
    let mut input = b"%PDF-1.4\n".to_vec();
    revision(
        &mut input,
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>".to_vec(),
            ),
        ],
        "<< /Size 4 /Root 1 0 R >>",
    );

    let cleaned = clean(input).unwrap();

    assert!(!cleaned.metadata_removed);
    assert_eq!(
        Document::load_mem(&cleaned.bytes)
            .unwrap()
            .get_pages()
            .len(),
        1
    );
    let again = clean(cleaned.bytes.clone()).unwrap();
    assert_eq!(again.bytes, cleaned.bytes, "cleaning is stable");
}

#[test]
fn a_pdf_the_cleaner_cannot_read_or_rewrite_is_refused() {
    let mut no_pages = b"%PDF-1.4\n".to_vec();
    // The only catalog is also the /Info: deleting the metadata leaves no document.
    revision(
        &mut no_pages,
        &[(1, b"<< /Type /Catalog /Pages 1 0 R /Author (x) >>".to_vec())],
        "<< /Size 2 /Root 1 0 R /Info 1 0 R >>",
    );
    let mut encrypted = b"%PDF-1.4\n".to_vec();
    let hash = "<".to_string() + &"4E".repeat(32) + ">";
    revision(
        &mut encrypted,
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
            (
                3,
                format!("<< /Filter /Standard /V 1 /R 2 /O {hash} /U {hash} /P -4 >>").into_bytes(),
            ),
        ],
        "<< /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [<00> <00>] >>",
    );
    let table: [(&str, &[u8], bool); 4] = [
        // (what, the file, whether it is refused as encrypted rather than unreadable)
        (
            "no structure at all",
            b"%PDF-1.7\nNETRA-AUTHOR-MARKER\n%%EOF",
            false,
        ),
        ("a header and nothing else", b"%PDF-1.4\n", false),
        ("its catalog is its metadata", &no_pages, false),
        ("encrypted with a password", &encrypted, true),
    ];
    for (what, input, encrypted) in table {
        match clean(input.to_vec()) {
            Err(EvidenceError::PdfEncrypted) if encrypted => {}
            Err(EvidenceError::PdfUnreadable) if !encrypted => {}
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn metadata_referenced_from_elsewhere_too_is_still_deleted() {
    // A page that also points at the /Info object must not keep it alive through that path.
    let mut input = b"%PDF-1.4\n".to_vec();
    revision(
        &mut input,
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /Odd 4 0 R >>".to_vec(),
            ),
            (4, b"<< /Author (NETRA-AUTHOR-MARKER) >>".to_vec()),
        ],
        "<< /Size 5 /Root 1 0 R /Info 4 0 R >>",
    );

    let cleaned = clean(input).unwrap();

    assert!(!contains(&cleaned.bytes, b"NETRA-AUTHOR-MARKER"));
    let after = Document::load_mem(&cleaned.bytes).unwrap();
    assert_eq!(after.get_pages().len(), 1);
    assert!(
        !after
            .objects
            .values()
            .any(|o| matches!(o, Object::Dictionary(d) if d.has(b"Author")))
    );
}

#[test]
fn a_pdf_whose_info_and_xmp_sit_compressed_in_object_streams_loses_them() {
    use lopdf::{Stream, dictionary};
    // Written by lopdf itself with object streams and a cross-reference stream, as most current
    // producers write: the metadata is Flate-compressed, so it cannot be seen in the input.
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 9.into(), 9.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp("NETRA-XMP-MARKER"),
    ));
    let catalog =
        doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "Metadata" => xmp });
    let info = doc.add_object(dictionary! {
        "Author" => Object::string_literal("NETRA-AUTHOR-MARKER"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    doc.compress();
    let mut input = Vec::new();
    doc.save_modern(&mut input).unwrap();
    assert!(!contains(&input, b"NETRA-AUTHOR-MARKER"), "compressed");
    assert!(
        Document::load_mem(&input)
            .unwrap()
            .objects
            .values()
            .any(|o| matches!(o, Object::Dictionary(d) if d.has(b"Author")))
    );

    let cleaned = clean(input).unwrap();

    assert!(cleaned.metadata_removed);
    let after = Document::load_mem(&cleaned.bytes).unwrap();
    assert_eq!(after.get_pages().len(), 1);
    assert!(after.trailer.get(b"Info").is_err());
    for object in after.objects.values() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        assert!(!dict.has(b"Author") && !dict.has(b"Metadata"), "{object:?}");
        if let Object::Stream(stream) = object {
            let content = stream
                .decompressed_content()
                .unwrap_or(stream.content.clone());
            assert!(!contains(&content, b"NETRA-XMP-MARKER"));
        }
    }
}
