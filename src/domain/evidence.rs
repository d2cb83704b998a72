//! Evidence files: recognising what an upload really is and stripping what
//! could identify the person who made it.
//!
//! Citizens send photos and documents about civil servants. A photo straight
//! off a phone carries EXIF (GPS position, camera serial, owner name), XMP,
//! IPTC and comments, any of which can expose the reporter to the person they
//! report. This module owns the single gate every upload passes through before
//! it is stored:
//!
//! * the type is decided from the bytes alone (magic numbers via `infer`),
//!   never from the file name or the client's `Content-Type`, and only five
//!   kinds are accepted — markup such as HTML or SVG never is, so a stored
//!   file can never be served back as a page that runs script;
//! * images are cleaned structurally with `img-parts`: metadata segments and
//!   chunks are dropped and everything else is copied byte for byte, so the
//!   pixels are never decoded or re-encoded and the evidence is not altered;
//! * the SHA-256 is taken of the bytes that will be stored, so the digest
//!   recorded with the report proves what the authorities received.
//!
//! The cleaning keeps only what is needed to display an image (an allowlist),
//! rather than removing a list of known metadata, because phone makers keep
//! inventing new places to put identifying data.
//!
//! PDF and MP4 files are accepted as they are: their metadata (PDF Info
//! dictionary and XMP, MP4 `udta`/`meta` boxes with a possible location) is
//! NOT stripped here. Callers should warn the reporter about that.

use img_parts::Bytes;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::{CHUNK_VP8X, WebP};
use sha2::{Digest, Sha256};

/// The kinds of evidence file Netra accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    /// A JPEG photo.
    Jpeg,
    /// A PNG image, typically a screenshot.
    Png,
    /// A WebP image.
    Webp,
    /// A PDF document.
    Pdf,
    /// An MP4 video (ISO base media file with an `ftyp` box).
    Mp4,
}

impl EvidenceKind {
    /// Recognises an evidence file from its content (magic bytes), never
    /// from its name. Returns `None` for anything Netra does not accept,
    /// including HTML, SVG, scripts, GIF, archives, plain text and empty input.
    #[must_use]
    pub fn sniff(bytes: &[u8]) -> Option<EvidenceKind> {
        if starts_like_markup_or_script(bytes) {
            return None;
        }
        // `infer` returns the first matcher that fits; matching on its MIME
        // string (rather than calling single matchers) means a polyglot that
        // `infer` sees as something else is refused instead of guessed.
        let kind = match infer::get(bytes)?.mime_type() {
            "image/jpeg" => EvidenceKind::Jpeg,
            "image/png" => EvidenceKind::Png,
            "image/webp" => EvidenceKind::Webp,
            "application/pdf" => EvidenceKind::Pdf,
            "video/mp4" => EvidenceKind::Mp4,
            _ => return None,
        };
        passes_strict_checks(kind, bytes).then_some(kind)
    }

    /// The MIME type to store and serve the file with.
    #[must_use]
    pub fn mime(self) -> &'static str {
        match self {
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Webp => "image/webp",
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Mp4 => "video/mp4",
        }
    }

    /// The file extension (without dot) to store the file under; derived
    /// from the content, so a client-supplied name never reaches storage.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Jpeg => "jpg",
            EvidenceKind::Png => "png",
            EvidenceKind::Webp => "webp",
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Mp4 => "mp4",
        }
    }

    /// Whether this kind is an image whose metadata [`clean`] strips.
    #[must_use]
    pub fn is_image(self) -> bool {
        matches!(
            self,
            EvidenceKind::Jpeg | EvidenceKind::Png | EvidenceKind::Webp
        )
    }
}

/// An evidence file ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanFile {
    /// What the content was recognised as.
    pub kind: EvidenceKind,
    /// The bytes to store: metadata-free for images, unchanged otherwise.
    pub bytes: Vec<u8>,
    /// Lowercase hex SHA-256 of [`CleanFile::bytes`], i.e. of what is stored.
    pub sha256: String,
    /// True when something was actually removed: metadata segments or
    /// chunks, or bytes hidden after the end of the image.
    pub metadata_removed: bool,
}

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// The content is not one of the accepted kinds (whatever it is named).
    #[error("file type not accepted as evidence")]
    UnknownType,
    /// The content starts like an accepted image but its structure cannot be
    /// parsed, so its metadata could not be removed safely.
    #[error("image file is corrupt")]
    Corrupt,
}

/// Recognise the file by content and remove identifying metadata from images.
///
/// JPEG, PNG and WebP come back without metadata, pixels untouched; PDF and
/// MP4 come back unchanged (their metadata is not stripped).
///
/// # Errors
///
/// [`EvidenceError::UnknownType`] if the content is not an accepted kind,
/// [`EvidenceError::Corrupt`] if it claims to be an image that `img-parts`
/// cannot parse.
pub fn clean(bytes: Vec<u8>) -> Result<CleanFile, EvidenceError> {
    let kind = EvidenceKind::sniff(&bytes).ok_or(EvidenceError::UnknownType)?;
    let (bytes, metadata_removed) = match kind {
        EvidenceKind::Jpeg => clean_jpeg(bytes)?,
        EvidenceKind::Png => clean_png(bytes)?,
        EvidenceKind::Webp => clean_webp(bytes)?,
        // Not stripped: PDF (Info dictionary, XMP) and MP4 (udta/meta boxes,
        // possibly a GPS location) keep their metadata. Rewriting those
        // containers safely needs a real parser; until then they are stored
        // exactly as received.
        EvidenceKind::Pdf | EvidenceKind::Mp4 => (bytes, false),
    };
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(CleanFile {
        kind,
        bytes,
        sha256,
        metadata_removed,
    })
}

/// Strict checks used by the sniffer: an HTML/SVG/script body is never
/// accepted whatever it is called.
///
/// None of the accepted magic numbers starts with `<` or `#!`, so this never
/// refuses a genuine file; it is a second lock in case a matcher in `infer`
/// ever becomes looser, because storing markup would let an upload be served
/// back as a script-running page.
fn starts_like_markup_or_script(bytes: &[u8]) -> bool {
    // Browsers skip a byte-order mark and leading whitespace before sniffing
    // HTML, so the check does too.
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .trim_ascii_start();
    body.starts_with(b"<") || body.starts_with(b"#!")
}

/// Per-kind checks tighter than `infer`'s, which only looks at a few bytes.
fn passes_strict_checks(kind: EvidenceKind, bytes: &[u8]) -> bool {
    match kind {
        // `infer` accepts `RIFF` only by the `WEBP` at offset 8; require the
        // RIFF container too. Images are otherwise checked by parsing them.
        EvidenceKind::Webp => bytes.starts_with(b"RIFF"),
        EvidenceKind::Jpeg | EvidenceKind::Png => true,
        // `infer` only checks `%PDF`; every PDF version header is `%PDF-`.
        EvidenceKind::Pdf => bytes.starts_with(b"%PDF-"),
        // The `ftyp` box must be the first box and hold at least its major
        // brand and minor version (8 bytes of header + 8 of content).
        EvidenceKind::Mp4 => bytes
            .get(..4)
            .and_then(|size| <[u8; 4]>::try_from(size).ok())
            .is_some_and(|size| u32::from_be_bytes(size) >= 16),
    }
}

/// APP0 segments kept only when they are the JFIF header (JFXX thumbnails and
/// other APP0 uses are dropped: a thumbnail can show an uncropped original).
const JFIF_PREFIX: &[u8] = b"JFIF\0";
/// APP2 segments kept only when they carry the ICC colour profile (the MPF
/// index also lives in APP2 and is dropped with the images it points to).
const ICC_PREFIX: &[u8] = b"ICC_PROFILE\0";
/// APP14 segments kept only when they are Adobe's colour-transform marker,
/// which decoders need for CMYK/YCCK images.
const ADOBE_PREFIX: &[u8] = b"Adobe";

/// Whether a JPEG marker segment must be kept. Everything that is not an
/// application segment or a comment describes the image itself and is kept;
/// of the application segments only the three that affect display survive.
/// This removes APP1 (EXIF, XMP), APP12 (Ducky), APP13 (Photoshop/IPTC),
/// APP11 (JUMBF/C2PA credentials that can name the author), COM and the rest.
fn keep_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    match marker {
        markers::APP0 => contents.starts_with(JFIF_PREFIX),
        markers::APP2 => contents.starts_with(ICC_PREFIX),
        markers::APP14 => contents.starts_with(ADOBE_PREFIX),
        markers::APP1..=markers::APP15 | markers::COM => false,
        _ => true,
    }
}

/// Strips metadata from a JPEG without touching its compressed pixels.
fn clean_jpeg(bytes: Vec<u8>) -> Result<(Vec<u8>, bool), EvidenceError> {
    let original_len = bytes.len();
    let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes)).map_err(|_| EvidenceError::Corrupt)?;
    // img-parts skips stray bytes between segments; if the parsed image is
    // shorter than the input, something was dropped already.
    let mut removed = jpeg.len() < original_len;

    let before = jpeg.segments().len();
    jpeg.segments_mut()
        .retain(|segment| keep_jpeg_segment(segment.marker(), segment.contents()));
    removed |= jpeg.segments().len() != before;

    // img-parts parses only up to the first scan: the SOS segment's entropy
    // holds the rest of the file, including later progressive scans, any
    // segments between them, and whatever follows the end-of-image marker
    // (MPF secondary images with their own EXIF, Motion Photo videos, vendor
    // trailers). Those are cleaned by walking the tail ourselves.
    for segment in jpeg.segments_mut() {
        if segment.marker() != markers::SOS || !segment.has_entropy() {
            continue;
        }
        let encoded = segment.clone().encoder().bytes();
        let header_len = segment.len();
        let Some(tail) = encoded.get(header_len..) else {
            continue;
        };
        if let Some(cleaned_tail) = clean_jpeg_tail(tail) {
            removed = true;
            *segment = JpegSegment::new_with_entropy(
                markers::SOS,
                segment.contents().clone(),
                Bytes::from(cleaned_tail),
            );
        }
    }

    Ok((Vec::from(jpeg.encoder().bytes()), removed))
}

/// Cleans what follows the first scan header: keeps entropy-coded data and
/// the segments between scans, drops metadata segments found there and
/// everything after the end-of-image marker.
///
/// Returns `None` when nothing needs removing, or when the structure cannot
/// be followed (e.g. a truncated file without an end-of-image marker); the
/// tail is then kept as it is, since the pixels matter more than a best-effort
/// cut.
fn clean_jpeg_tail(tail: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(tail.len());
    // Start of the bytes not yet copied to `out`.
    let mut copy_from = 0;
    let mut removed = false;
    let mut pos = 0;

    loop {
        // In entropy-coded data every 0xFF is followed by 0x00 (stuffing),
        // RSTn, or a real marker, so the next 0xFF is the next candidate.
        let ff = pos + tail.get(pos..)?.iter().position(|&b| b == markers::P)?;
        // Any number of 0xFF fill bytes may precede a marker.
        let marker_at = ff + tail.get(ff..)?.iter().position(|&b| b != markers::P)?;
        let marker = *tail.get(marker_at)?;

        match marker {
            markers::Z | markers::RST0..=markers::RST7 => pos = marker_at + 1,
            markers::EOI => {
                let end = marker_at + 1;
                out.extend_from_slice(tail.get(copy_from..end)?);
                removed |= end < tail.len();
                return removed.then_some(out);
            }
            // SOI, TEM (0x01) and the reserved 0x02..0xBF have no business
            // between scans; stop rather than guess their length.
            markers::SOI | 0x01..markers::SOF0 => return None,
            _ => {
                let len_bytes = tail.get(marker_at + 1..marker_at + 3)?;
                let len = usize::from(u16::from_be_bytes([
                    *len_bytes.first()?,
                    *len_bytes.get(1)?,
                ]));
                if len < 2 {
                    return None;
                }
                let contents = tail.get(marker_at + 3..marker_at + 1 + len)?;
                let segment_end = marker_at + 1 + len;
                if !keep_jpeg_segment(marker, contents) {
                    out.extend_from_slice(tail.get(copy_from..ff)?);
                    copy_from = segment_end;
                    removed = true;
                }
                pos = segment_end;
            }
        }
    }
}

/// Ancillary PNG chunks that affect how the image is shown, kept by the
/// allowlist: transparency, colour, background, physical size, and the APNG
/// animation chunks (without which an animated PNG loses its frames).
const PNG_KEPT_ANCILLARY: [[u8; 4]; 15] = [
    *b"tRNS", *b"gAMA", *b"cHRM", *b"sRGB", *b"iCCP", *b"sBIT", *b"cICP", *b"mDCV", *b"cLLI",
    *b"bKGD", *b"hIST", *b"pHYs", *b"acTL", *b"fcTL", *b"fdAT",
];

/// Whether a PNG chunk must be kept. Critical chunks (upper-case first
/// letter: IHDR, PLTE, IDAT, IEND) always are; of the ancillary ones only
/// the display-related allowlist survives, which drops eXIf, tEXt, zTXt,
/// iTXt, tIME and also private chunks such as C2PA `caBX`.
fn keep_png_chunk(kind: [u8; 4]) -> bool {
    let critical = kind[0].is_ascii_uppercase();
    critical || PNG_KEPT_ANCILLARY.contains(&kind)
}

/// Strips metadata chunks from a PNG; image data chunks are copied as is.
fn clean_png(bytes: Vec<u8>) -> Result<(Vec<u8>, bool), EvidenceError> {
    let original_len = bytes.len();
    let mut png = Png::from_bytes(Bytes::from(bytes)).map_err(|_| EvidenceError::Corrupt)?;
    // img-parts stops at IEND, so bytes appended after it (where a cropping
    // tool may have left the uncropped original) are dropped by re-encoding.
    let mut removed = png.len() < original_len;

    let before = png.chunks().len();
    png.chunks_mut()
        .retain(|chunk| keep_png_chunk(chunk.kind()));
    removed |= png.chunks().len() != before;

    Ok((Vec::from(png.encoder().bytes()), removed))
}

/// VP8X header flag: the file has an EXIF chunk.
const VP8X_EXIF_FLAG: u8 = 0x08;
/// VP8X header flag: the file has an XMP chunk.
const VP8X_XMP_FLAG: u8 = 0x04;

/// WebP chunks kept: the image data, alpha, animation and colour profile.
/// EXIF, XMP and any unknown chunk are dropped.
fn keep_webp_chunk(id: [u8; 4]) -> bool {
    matches!(
        &id,
        b"VP8X" | b"VP8 " | b"VP8L" | b"ALPH" | b"ANIM" | b"ANMF" | b"ICCP"
    )
}

/// Strips metadata chunks from a WebP and fixes the VP8X flags to match.
fn clean_webp(bytes: Vec<u8>) -> Result<(Vec<u8>, bool), EvidenceError> {
    let original_len = bytes.len();
    let mut webp = WebP::from_bytes(Bytes::from(bytes)).map_err(|_| EvidenceError::Corrupt)?;
    // Anything after the RIFF container is not re-encoded, hence dropped.
    let mut removed = usize::try_from(webp.len()).map_or(true, |len| len < original_len);

    let before = webp.chunks().len();
    webp.chunks_mut()
        .retain(|chunk| keep_webp_chunk(chunk.id()));
    removed |= webp.chunks().len() != before;

    // A VP8X header announcing EXIF/XMP chunks that are gone makes a strict
    // decoder reject the file, so the flags follow the chunks.
    if let Some(vp8x) = webp
        .chunks_mut()
        .iter_mut()
        .find(|chunk| chunk.id() == CHUNK_VP8X)
        && let Some(flags_cleared) = cleared_vp8x(vp8x)
    {
        removed |= flags_cleared.content() != vp8x.content();
        *vp8x = flags_cleared;
    }

    Ok((Vec::from(webp.encoder().bytes()), removed))
}

/// A copy of the VP8X chunk with its EXIF and XMP flags cleared, or `None`
/// when the chunk is too malformed to hold flags.
fn cleared_vp8x(vp8x: &RiffChunk) -> Option<RiffChunk> {
    let data = vp8x.content().data()?;
    let (flags, rest) = data.split_first()?;
    let mut cleared = Vec::with_capacity(data.len());
    cleared.push(flags & !(VP8X_EXIF_FLAG | VP8X_XMP_FLAG));
    cleared.extend_from_slice(rest);
    Some(RiffChunk::new(
        CHUNK_VP8X,
        RiffContent::Data(Bytes::from(cleared)),
    ))
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    reason = "tests fail loudly on any unexpected None or Err"
)]
mod tests {
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

        assert_eq!(clean_jpeg_tail(&dirty_tail).unwrap(), tail);
        assert_eq!(clean_jpeg_tail(tail), None);
    }

    #[test]
    fn a_jpeg_tail_that_cannot_be_followed_is_kept_as_it_is() {
        // No end-of-image marker: a truncated upload keeps its pixels.
        assert_eq!(clean_jpeg_tail(b"\x12\x34\xFF\x00\x56"), None);
        // A segment length running past the end of the file.
        assert_eq!(clean_jpeg_tail(b"\x12\xFF\xFE\x40\x00ab\xFF\xD9"), None);
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
    fn a_pdf_is_accepted_unchanged() {
        let cleaned = clean(MINIMAL_PDF.to_vec()).unwrap();
        assert_eq!(cleaned.kind, EvidenceKind::Pdf);
        assert_eq!(cleaned.bytes, MINIMAL_PDF);
        assert!(!cleaned.metadata_removed);
    }

    #[test]
    fn an_mp4_is_accepted_unchanged() {
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

        // Known vector: `sha256sum` over the exact MINIMAL_PDF bytes.
        let pdf = clean(MINIMAL_PDF.to_vec()).unwrap();
        assert_eq!(pdf.sha256, PDF_SHA256);
    }

    const PDF_SHA256: &str = "79370862c6cb54e96ed3125464c11e4ce3e8b08fb5048723695b6b9e9728d701";

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
}
