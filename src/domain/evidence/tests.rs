//! Fixtures in `tests/fixtures/` were made with Pillow (8x8 or 4x4
//! pixels; `Image.save` with `exif=`, `xmp=`, `comment=`, `icc_profile=`,
//! `pnginfo=`):
//! - `gps_exif_xmp.jpg`: EXIF with Make "`NetraTestCam`", Model
//!   "NETRA-MODEL-MARKER" and a GPS IFD (52°31'12"N 13°24'36"E,
//!   `GPSMapDatum` "NETRA-GPS-MARKER"), an XMP packet, a COM comment
//!   "NETRA-COMMENT-MARKER", JFIF APP0 and an sRGB ICC profile in APP2;
//! - `plain_progressive.jpg`: progressive JPEG with only JFIF APP0;
//! - `text_exif.png`: `tEXt`, `zTXt`, `iTXt`, `tIME`, `pHYs` and the same
//!   EXIF (`eXIf`);
//! - `exif_xmp.webp`: lossless VP8X WebP with the same EXIF and XMP chunks.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $name
        ))
    };
}

const GPS_JPEG: &[u8] = fixture!("gps_exif_xmp.jpg");
const PROGRESSIVE_JPEG: &[u8] = fixture!("plain_progressive.jpg");
const TEXT_PNG: &[u8] = fixture!("text_exif.png");
const EXIF_WEBP: &[u8] = fixture!("exif_xmp.webp");

const MINIMAL_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
    2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n\
    trailer<</Root 1 0 R>>\n%%EOF\n";
/// An `ftyp` box (isom, minor 0x200, compatible isom/mp41) and an empty `mdat`.
const MINIMAL_MP4: &[u8] = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41\
    \x00\x00\x00\x08mdat";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn jpeg(bytes: &[u8]) -> Jpeg {
    Jpeg::from_bytes(Bytes::copy_from_slice(bytes)).unwrap()
}

fn markers_of(jpeg: &Jpeg) -> Vec<u8> {
    jpeg.segments().iter().map(JpegSegment::marker).collect()
}

/// The SOS header plus everything after it, as encoded.
fn scan_of(jpeg: &Jpeg) -> Bytes {
    let sos = jpeg.segment_by_marker(markers::SOS).unwrap();
    sos.clone().encoder().bytes()
}

#[test]
fn a_jpeg_with_exif_gps_and_xmp_comes_out_with_neither_and_the_same_scan() {
    // The fixture really carries what the test claims to remove.
    for marker in [
        &b"Exif\0\0"[..],
        b"http://ns.adobe.com/xap/1.0/",
        b"NETRA-GPS-MARKER",
    ] {
        assert!(contains(GPS_JPEG, marker));
    }
    let before = jpeg(GPS_JPEG);
    assert_eq!(before.segments_by_marker(markers::APP1).count(), 2);

    let cleaned = clean(GPS_JPEG.to_vec()).unwrap();

    assert_eq!(cleaned.kind, EvidenceKind::Jpeg);
    assert!(cleaned.metadata_removed);
    for leak in [
        &b"Exif\0\0"[..],
        b"http://ns.adobe.com/xap/1.0/",
        b"NETRA-GPS-MARKER",
        b"NetraTestCam",
        b"NETRA-MODEL-MARKER",
        b"NETRA-XMP-MARKER",
        b"NETRA-COMMENT-MARKER",
    ] {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    assert!(cleaned.bytes.starts_with(&[0xFF, 0xD8]));
    let after = jpeg(&cleaned.bytes);
    assert!(!markers_of(&after).contains(&markers::APP1));
    assert!(!markers_of(&after).contains(&markers::COM));
    assert_eq!(scan_of(&after), scan_of(&before));
    assert_eq!(after.dimensions(), Some((8, 8)));
}

#[test]
fn a_jpeg_keeps_jfif_icc_and_adobe_but_loses_iptc_ducky_c2pa_and_comments() {
    let mut image = jpeg(GPS_JPEG);
    let extra = [
        (markers::APP14, &b"Adobe\0\x64\0\0\0\0\x01"[..]),
        (markers::APP13, b"Photoshop 3.0\08BIM NETRA-IPTC-MARKER"),
        (markers::APP12, b"Ducky NETRA-DUCKY-MARKER"),
        (markers::APP11, b"JP\0\0jumb NETRA-C2PA-MARKER"),
        (markers::COM, b"NETRA-SECOND-COMMENT"),
    ];
    for (marker, contents) in extra {
        let segment = JpegSegment::new_with_contents(marker, Bytes::from_static(contents));
        image.segments_mut().insert(1, segment);
    }
    let input = Vec::from(image.encoder().bytes());

    let cleaned = clean(input).unwrap();

    let after = jpeg(&cleaned.bytes);
    let kept = markers_of(&after);
    assert_eq!(
        kept.iter()
            .filter(|m| (markers::APP0..=markers::APP15).contains(m) || **m == markers::COM)
            .copied()
            .collect::<Vec<_>>(),
        vec![markers::APP0, markers::APP14, markers::APP2],
    );
    assert!(contains(&cleaned.bytes, b"ICC_PROFILE\0"));
    for leak in [
        &b"NETRA-IPTC-MARKER"[..],
        b"NETRA-DUCKY-MARKER",
        b"NETRA-C2PA-MARKER",
        b"NETRA-SECOND-COMMENT",
    ] {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    for marker in [markers::DQT, markers::SOF0, markers::DHT, markers::SOS] {
        assert!(kept.contains(&marker));
    }
}

#[test]
fn a_jpeg_without_metadata_comes_back_byte_for_byte_and_says_nothing_was_removed() {
    let cleaned = clean(PROGRESSIVE_JPEG.to_vec()).unwrap();
    assert_eq!(cleaned.bytes, PROGRESSIVE_JPEG);
    assert!(!cleaned.metadata_removed);

    let once = clean(GPS_JPEG.to_vec()).unwrap();
    let twice = clean(once.bytes.clone()).unwrap();
    assert_eq!(twice.bytes, once.bytes);
    assert!(!twice.metadata_removed);
}

#[test]
fn a_jpeg_loses_whatever_is_appended_after_its_end_of_image_marker() {
    // A second "image" with its own EXIF, as MPF and Motion Photos append.
    let mut input = PROGRESSIVE_JPEG.to_vec();
    input.extend_from_slice(GPS_JPEG);
    input.extend_from_slice(b"<script>alert(1)</script>");

    let cleaned = clean(input).unwrap();

    assert!(cleaned.metadata_removed);
    assert_eq!(cleaned.bytes, PROGRESSIVE_JPEG);
}

#[test]
fn a_metadata_segment_between_progressive_scans_is_removed_and_the_scans_are_kept() {
    let image = jpeg(PROGRESSIVE_JPEG);
    let encoded = scan_of(&image);
    let first_scan_header = image.segment_by_marker(markers::SOS).unwrap().len();
    // Put a comment and an EXIF segment right before the second scan.
    let tail = &encoded[first_scan_header..];
    let second_sos = tail
        .windows(2)
        .position(|w| w == [markers::P, markers::SOS])
        .unwrap();
    let mut dirty_tail = tail[..second_sos].to_vec();
    dirty_tail.extend_from_slice(b"\xFF\xFE\x00\x10NETRA-BETWEEN!");
    dirty_tail.extend_from_slice(b"\xFF\xE1\x00\x0CExif\0\0II*\0");
    dirty_tail.extend_from_slice(&tail[second_sos..]);

    assert_eq!(clean_jpeg_tail(&dirty_tail), (tail.to_vec(), true));
    assert_eq!(clean_jpeg_tail(tail), (tail.to_vec(), false));
}

#[test]
fn a_jpeg_tail_that_cannot_be_followed_is_cut_where_the_checked_part_ends() {
    // No end-of-image marker: a truncated upload keeps its entropy data, closed.
    assert_eq!(
        clean_jpeg_tail(b"\x12\x34\xFF\x00\x56"),
        (b"\x12\x34\xFF\x00\x56\xFF\xD9".to_vec(), false)
    );
    // A segment length running past the end of the file: cut before it.
    assert_eq!(
        clean_jpeg_tail(b"\x12\xFF\xFE\x40\x00ab\xFF\xD9"),
        (b"\x12\xFF\xD9".to_vec(), true)
    );
    // A marker with no business between scans, and what hides after it.
    let (cut, removed) = clean_jpeg_tail(b"\x12\xFF\xD8NETRA-GPS-MARKER\xFF\xD9");
    assert_eq!((cut.as_slice(), removed), (&b"\x12\xFF\xD9"[..], true));
}

/// Issue 10, item 3: a progressive JPEG with EXIF/GPS between its scans and no end-of-image
/// marker was stored byte for byte, GPS included, because the tail could not be followed.
#[test]
fn a_progressive_jpeg_with_gps_between_scans_and_no_end_marker_loses_the_gps() {
    let image = jpeg(PROGRESSIVE_JPEG);
    let encoded = scan_of(&image);
    let header = image.segment_by_marker(markers::SOS).unwrap().len();
    let tail = &encoded[header..];
    let second_sos = tail
        .windows(2)
        .position(|w| w == [markers::P, markers::SOS])
        .unwrap();
    let before_tail = PROGRESSIVE_JPEG.len() - encoded.len() + header;
    let mut input = PROGRESSIVE_JPEG[..before_tail + second_sos].to_vec();
    let exif = b"Exif\0\0MM\0*NETRA-GPS-MARKER NETRA-SERIAL-MARKER";
    input.extend_from_slice(&[0xFF, 0xE1, 0x00, u8::try_from(exif.len() + 2).unwrap()]);
    input.extend_from_slice(exif);
    let rest = &tail[second_sos..];
    input.extend_from_slice(&rest[..rest.len() - 2]); // no FF D9
    assert!(contains(&input, b"NETRA-GPS-MARKER") && !input.ends_with(&[0xFF, 0xD9]));

    let cleaned = clean(input).unwrap();

    assert!(cleaned.metadata_removed);
    assert!(!contains(&cleaned.bytes, b"NETRA-GPS-MARKER"));
    assert!(!contains(&cleaned.bytes, b"NETRA-SERIAL-MARKER"));
    assert!(cleaned.bytes.ends_with(&[0xFF, 0xD9]), "closed");
    assert_eq!(
        cleaned.bytes.len(),
        PROGRESSIVE_JPEG.len(),
        "every scan kept"
    );
}

#[test]
fn a_truncated_or_mangled_image_is_corrupt() {
    let truncated_jpeg = &GPS_JPEG[..40];
    assert!(matches!(
        clean(truncated_jpeg.to_vec()),
        Err(EvidenceError::Corrupt)
    ));

    let mut bad_crc_png = TEXT_PNG.to_vec();
    bad_crc_png[20] ^= 0xFF; // inside IHDR
    assert!(matches!(clean(bad_crc_png), Err(EvidenceError::Corrupt)));

    // Markup behind a JPEG magic number is not stored either.
    let html_polyglot = b"\xFF\xD8\xFF<html><script>alert(1)</script></html>";
    assert!(matches!(
        clean(html_polyglot.to_vec()),
        Err(EvidenceError::Corrupt)
    ));

    let truncated_webp = &EXIF_WEBP[..EXIF_WEBP.len() - 50];
    assert!(matches!(
        clean(truncated_webp.to_vec()),
        Err(EvidenceError::Corrupt)
    ));
}

fn png_kinds(bytes: &[u8]) -> Vec<[u8; 4]> {
    Png::from_bytes(Bytes::copy_from_slice(bytes))
        .unwrap()
        .chunks()
        .iter()
        .map(img_parts::png::PngChunk::kind)
        .collect()
}

#[test]
fn a_png_with_text_and_exif_loses_them_and_keeps_ihdr_idat_and_iend() {
    let before = png_kinds(TEXT_PNG);
    for kind in [b"tEXt", b"zTXt", b"iTXt", b"tIME", b"eXIf"] {
        assert!(before.contains(kind));
    }

    let cleaned = clean(TEXT_PNG.to_vec()).unwrap();

    assert_eq!(cleaned.kind, EvidenceKind::Png);
    assert!(cleaned.metadata_removed);
    assert_eq!(
        png_kinds(&cleaned.bytes),
        vec![*b"IHDR", *b"pHYs", *b"IDAT", *b"IEND"]
    );
    for leak in [
        &b"NETRA-TEXT-MARKER"[..],
        b"NETRA-GPS-MARKER",
        b"NetraTestCam",
    ] {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    let idat = |bytes: &[u8]| {
        Png::from_bytes(Bytes::copy_from_slice(bytes))
            .unwrap()
            .chunk_by_type(*b"IDAT")
            .unwrap()
            .contents()
            .clone()
    };
    assert_eq!(idat(&cleaned.bytes), idat(TEXT_PNG));
}

#[test]
fn a_png_loses_bytes_hidden_after_iend() {
    let clean_png = clean(TEXT_PNG.to_vec()).unwrap().bytes;
    let mut input = clean_png.clone();
    input.extend_from_slice(b"leftover of the uncropped screenshot");

    let cleaned = clean(input).unwrap();

    assert!(cleaned.metadata_removed);
    assert_eq!(cleaned.bytes, clean_png);
}

fn webp_ids(bytes: &[u8]) -> (Vec<[u8; 4]>, u8) {
    let webp = WebP::from_bytes(Bytes::copy_from_slice(bytes)).unwrap();
    let ids = webp.chunks().iter().map(RiffChunk::id).collect();
    let flags = webp
        .chunk_by_id(CHUNK_VP8X)
        .unwrap()
        .content()
        .data()
        .unwrap()[0];
    (ids, flags)
}

#[test]
fn a_webp_with_exif_and_xmp_loses_them_and_its_vp8x_flags_are_cleared() {
    let (before, flags_before) = webp_ids(EXIF_WEBP);
    assert_eq!(before, vec![*b"VP8X", *b"VP8L", *b"EXIF", *b"XMP "]);
    assert_eq!(flags_before & 0x0C, 0x0C);

    let cleaned = clean(EXIF_WEBP.to_vec()).unwrap();

    assert_eq!(cleaned.kind, EvidenceKind::Webp);
    assert!(cleaned.metadata_removed);
    let (after, flags_after) = webp_ids(&cleaned.bytes);
    assert_eq!(after, vec![*b"VP8X", *b"VP8L"]);
    assert_eq!(flags_after, flags_before & !0x0C);
    for leak in [
        &b"NETRA-GPS-MARKER"[..],
        b"NETRA-XMP-MARKER",
        b"http://ns.adobe.com/xap/1.0/",
    ] {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    // The RIFF size field was rewritten to the new length.
    let riff_size = u32::from_le_bytes(cleaned.bytes[4..8].try_into().unwrap());
    assert_eq!(riff_size as usize, cleaned.bytes.len() - 8);
    let webp = WebP::from_bytes(Bytes::from(cleaned.bytes)).unwrap();
    assert_eq!(webp.dimensions(), Some((4, 4)));
}

#[test]
fn an_html_document_is_unknown_type_whatever_it_is_called() {
    for html in [
        &b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"[..],
        b"\xEF\xBB\xBF  \n<html><body>report.jpg</body></html>",
        b"<script>fetch('/steal')</script>",
        b"#!/bin/sh\nrm -rf /\n",
    ] {
        assert_eq!(EvidenceKind::sniff(html), None);
        assert!(matches!(
            clean(html.to_vec()),
            Err(EvidenceError::UnknownType)
        ));
    }
}

#[test]
fn an_svg_is_unknown_type() {
    for svg in [
        &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
        b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ] {
        assert!(matches!(
            clean(svg.to_vec()),
            Err(EvidenceError::UnknownType)
        ));
    }
}

#[test]
fn gif_zip_text_empty_and_fake_headers_are_unknown_type() {
    for other in [
        &b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"[..],
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"just some text about a bribe",
        b"",
        // `%PDF` without the version dash, and a RIFF-less "WEBP".
        b"%PDFnot really",
        b"\x00\x00\x00\x00\x00\x00\x00\x00WEBPVP8X",
        // An ftyp box too short to hold its brand and version.
        b"\x00\x00\x00\x08ftypisom",
    ] {
        assert!(
            matches!(clean(other.to_vec()), Err(EvidenceError::UnknownType)),
            "{other:?} was accepted"
        );
    }
}

#[test]
fn an_mp4_without_metadata_is_accepted_unchanged() {
    let cleaned = clean(MINIMAL_MP4.to_vec()).unwrap();
    assert_eq!(cleaned.kind, EvidenceKind::Mp4);
    assert_eq!(cleaned.bytes, MINIMAL_MP4);
    assert!(!cleaned.metadata_removed);
}

#[test]
fn sha256_is_of_the_cleaned_bytes() {
    let cleaned = clean(GPS_JPEG.to_vec()).unwrap();
    assert_eq!(cleaned.sha256, hex::encode(Sha256::digest(&cleaned.bytes)));
    assert_ne!(cleaned.sha256, hex::encode(Sha256::digest(GPS_JPEG)));
    assert_eq!(cleaned.sha256.len(), 64);
    assert!(
        cleaned
            .sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );

    // Known vector: `sha256sum` over the exact MINIMAL_MP4 bytes (which the cleaner keeps).
    let mp4 = clean(MINIMAL_MP4.to_vec()).unwrap();
    assert_eq!(mp4.sha256, MP4_SHA256);
}

const MP4_SHA256: &str = "224dc1959674edd3ff151639649f3faa0a2da48805ada1992c4b1f7ffd10390a";

#[test]
fn each_kind_has_its_mime_type_extension_and_image_flag() {
    let table = [
        (EvidenceKind::Jpeg, "image/jpeg", "jpg", true),
        (EvidenceKind::Png, "image/png", "png", true),
        (EvidenceKind::Webp, "image/webp", "webp", true),
        (EvidenceKind::Pdf, "application/pdf", "pdf", false),
        (EvidenceKind::Mp4, "video/mp4", "mp4", false),
    ];
    for (kind, mime, extension, image) in table {
        assert_eq!(kind.mime(), mime);
        assert_eq!(kind.extension(), extension);
        assert_eq!(kind.is_image(), image);
    }
}

#[test]
fn sniffing_reads_the_content_of_every_accepted_kind() {
    assert_eq!(EvidenceKind::sniff(GPS_JPEG), Some(EvidenceKind::Jpeg));
    assert_eq!(EvidenceKind::sniff(TEXT_PNG), Some(EvidenceKind::Png));
    assert_eq!(EvidenceKind::sniff(EXIF_WEBP), Some(EvidenceKind::Webp));
    assert_eq!(EvidenceKind::sniff(MINIMAL_PDF), Some(EvidenceKind::Pdf));
    assert_eq!(EvidenceKind::sniff(MINIMAL_MP4), Some(EvidenceKind::Mp4));
}
