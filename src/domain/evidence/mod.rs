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
//! * PDF documents are written anew from their parsed objects without the
//!   document information, XMP and other metadata-only entries, so nothing
//!   of an earlier revision survives (`pdf.rs`);
//! * MP4 videos keep every byte offset: their user-data and metadata boxes
//!   (recording place, camera serial, owner) are overwritten in place by
//!   zeroed padding (`mp4.rs`).
//!
//! The cleaning keeps only what is needed to display an image (an allowlist),
//! rather than removing a list of known metadata, because phone makers keep
//! inventing new places to put identifying data. A file whose structure the
//! cleaner cannot follow is refused, never stored with what it could not
//! check. What a document or a video shows (its text, its frames) is the
//! evidence and is never changed.

use img_parts::Bytes;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::{CHUNK_VP8X, WebP};
use sha2::{Digest, Sha256};

mod mp4;
mod pdf;

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

    /// Whether this kind is an image (previewed on the case page).
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
    /// The bytes to store, metadata removed.
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
    /// The content starts like a PDF but cannot be read or written anew, so
    /// its metadata could not be removed safely.
    #[error("PDF document cannot be read")]
    PdfUnreadable,
    /// The PDF is encrypted: its objects cannot be checked without the key.
    #[error("PDF document is encrypted")]
    PdfEncrypted,
    /// The content starts like an MP4 video but its boxes cannot be followed,
    /// so a metadata box could hide where the walk cannot see.
    #[error("MP4 video cannot be read")]
    VideoUnreadable,
}

/// Recognise the file by content and remove identifying metadata.
///
/// JPEG, PNG and WebP come back without metadata, pixels untouched; a PDF
/// comes back rewritten without its document information and XMP; an MP4
/// comes back the same length with its metadata boxes blanked.
///
/// # Errors
///
/// [`EvidenceError::UnknownType`] if the content is not an accepted kind;
/// [`EvidenceError::Corrupt`], [`EvidenceError::PdfUnreadable`],
/// [`EvidenceError::PdfEncrypted`] or [`EvidenceError::VideoUnreadable`] if
/// it is one whose structure the cleaner cannot follow.
pub fn clean(bytes: Vec<u8>) -> Result<CleanFile, EvidenceError> {
    let kind = EvidenceKind::sniff(&bytes).ok_or(EvidenceError::UnknownType)?;
    let (bytes, metadata_removed) = match kind {
        EvidenceKind::Jpeg => clean_jpeg(bytes)?,
        EvidenceKind::Png => clean_png(bytes)?,
        EvidenceKind::Webp => clean_webp(bytes)?,
        EvidenceKind::Pdf => pdf::clean_pdf(&bytes)?,
        EvidenceKind::Mp4 => mp4::clean_mp4(bytes)?,
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
        let (cleaned_tail, dropped) = clean_jpeg_tail(tail);
        removed |= dropped;
        if cleaned_tail != tail {
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
/// everything after the end-of-image marker. Answers the cleaned tail and
/// whether anything was removed.
///
/// Where the structure cannot be followed (a marker that has no business
/// between scans, a segment running past the end), the tail is cut just
/// before it and the image closed with an end-of-image marker: what could not
/// be checked is never stored (issue 10). A tail that simply ends inside
/// entropy-coded data (a truncated upload) keeps it all, since no segment can
/// hide where there is no marker, and is closed the same way.
fn clean_jpeg_tail(tail: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(tail.len() + 2);
    // Start of the bytes not yet copied to `out`.
    let mut copy_from = 0;
    let mut removed = false;
    let mut pos = 0;
    // Keeps the checked bytes up to `upto`, drops the rest, closes the image.
    let close = |mut out: Vec<u8>, copy_from: usize, upto: usize| {
        out.extend_from_slice(tail.get(copy_from..upto).unwrap_or_default());
        out.extend_from_slice(&[markers::P, markers::EOI]);
        out
    };

    loop {
        // In entropy-coded data every 0xFF is followed by 0x00 (stuffing),
        // RSTn, or a real marker, so the next 0xFF is the next candidate.
        let rest = tail.get(pos..).unwrap_or_default();
        let Some(ff) = rest.iter().position(|&b| b == markers::P).map(|i| pos + i) else {
            return (close(out, copy_from, tail.len()), removed);
        };
        // Any number of 0xFF fill bytes may precede a marker.
        let fill = tail.get(ff..).unwrap_or_default();
        let Some(marker_at) = fill.iter().position(|&b| b != markers::P).map(|i| ff + i) else {
            return (close(out, copy_from, ff), true);
        };
        let marker = tail.get(marker_at).copied().unwrap_or(markers::P);

        match marker {
            markers::Z | markers::RST0..=markers::RST7 => pos = marker_at + 1,
            markers::EOI => {
                let end = marker_at + 1;
                out.extend_from_slice(tail.get(copy_from..end).unwrap_or_default());
                return (out, removed || end < tail.len());
            }
            // SOI, TEM (0x01) and the reserved 0x02..0xBF have no business
            // between scans: stop there rather than guess their length.
            markers::SOI | 0x01..markers::SOF0 => return (close(out, copy_from, ff), true),
            _ => {
                let len = tail
                    .get(marker_at + 1..marker_at + 3)
                    .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
                    .filter(|len| *len >= 2);
                let segment_end = len.map(|len| marker_at + 1 + len);
                let contents = len.and_then(|len| tail.get(marker_at + 3..marker_at + 1 + len));
                let (Some(segment_end), Some(contents)) = (segment_end, contents) else {
                    return (close(out, copy_from, ff), true);
                };
                if !keep_jpeg_segment(marker, contents) {
                    out.extend_from_slice(tail.get(copy_from..ff).unwrap_or_default());
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
mod tests;
