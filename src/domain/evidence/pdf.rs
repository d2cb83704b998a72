//! PDF documents: the document information, XMP packets and the other metadata-only entries are
//! removed by writing a new file from the parsed objects.
//!
//! `lopdf` reads the whole file (every revision's cross-reference section, a damaged table
//! rebuilt by scanning) into one object graph. The metadata is deleted from that graph and a new
//! file is written holding only the objects the document still reaches from its catalog. Nothing
//! of the received bytes is copied as it is: the revisions an incremental update left behind (an
//! older `/Info`, an older XMP packet), objects nothing points to, comments and whatever follows
//! `%%EOF` are simply never written.
//!
//! What the pages show (text, images, form values) is the evidence and is kept; so are the
//! attachments a document may carry, which are content too. JPEG images inside the document are
//! photos like any other and lose their EXIF the same way an uploaded JPEG does.

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::{EvidenceError, clean_jpeg};

/// Object and cross-reference streams are inflated while the file is read; evidence files are at
/// most 10 MB, so a stream inflating past this is a decompression bomb, not a document.
const MAX_DECOMPRESSED: usize = 64 * 1024 * 1024;

/// Keys that carry metadata only, wherever they appear: XMP packets (on the catalog, pages,
/// images, fonts…), application private data (which Illustrator and Acrobat fill with the user's
/// name and file paths) and the modification dates that go with it.
const METADATA_KEYS: [&[u8]; 3] = [b"Metadata", b"PieceInfo", b"LastModified"];

/// Catalog entries defined by ISO 32000-2 (table 29), without `/Metadata`, `/PieceInfo` and
/// `/SpiderInfo` (web-capture URLs and times). Anything else in the catalog is a producer's own
/// entry, and producers put their own records there: dropped, the way the image cleaners keep an
/// allowlist rather than chase every vendor's new place for metadata.
const CATALOG_KEYS: [&[u8]; 28] = [
    b"Type",
    b"Version",
    b"Extensions",
    b"Pages",
    b"PageLabels",
    b"Names",
    b"Dests",
    b"ViewerPreferences",
    b"PageLayout",
    b"PageMode",
    b"Outlines",
    b"Threads",
    b"OpenAction",
    b"AA",
    b"URI",
    b"AcroForm",
    b"StructTreeRoot",
    b"MarkInfo",
    b"Lang",
    b"OutputIntents",
    b"OCProperties",
    b"Perms",
    b"Legal",
    b"Requirements",
    b"Collection",
    b"NeedsRendering",
    b"DSS",
    b"AF",
];

/// Annotation subtypes whose `/T` is the name of the person who wrote the comment (for a form
/// widget `/T` is the field's name, which the form needs, so widgets are not listed).
const MARKUP_ANNOTATIONS: [&[u8]; 18] = [
    b"Text",
    b"FreeText",
    b"Line",
    b"Square",
    b"Circle",
    b"Polygon",
    b"PolyLine",
    b"Highlight",
    b"Underline",
    b"Squiggly",
    b"StrikeOut",
    b"Caret",
    b"Ink",
    b"Stamp",
    b"FileAttachment",
    b"Sound",
    b"Redact",
    b"Projection",
];

/// What the scrubbing found: the objects that held metadata (deleted outright, so that a second
/// reference to them from elsewhere cannot keep them in the file) and whether anything went.
#[derive(Default)]
struct Found {
    metadata_objects: Vec<ObjectId>,
    removed: bool,
}

impl Found {
    fn note(&mut self, value: &Object) {
        self.removed = true;
        if let Object::Reference(id) = value {
            self.metadata_objects.push(*id);
        }
    }
}

/// Rewrites a PDF without its metadata. Answers the new file and whether anything was removed.
///
/// A file `lopdf` cannot read, one that loses its catalog or page tree in the cleaning, and an
/// encrypted one (its objects cannot be checked without the password, and one opened with the
/// empty password would have to be re-encrypted by code we would then have to trust) are
/// refused, never stored as received.
pub(super) fn clean_pdf(bytes: &[u8]) -> Result<(Vec<u8>, bool), EvidenceError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let mut doc = Document::load_mem_with_options(bytes, options)
        .map_err(|_| EvidenceError::PdfUnreadable)?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(EvidenceError::PdfEncrypted);
    }

    let mut found = Found {
        // Earlier revisions are left out of the new file whatever they held.
        removed: doc.revision_count() > 1,
        ..Found::default()
    };
    let root = scrub_trailer(&mut doc.trailer, &mut found)?;
    for object in doc.objects.values_mut() {
        scrub(object, &mut found);
    }
    if let Ok(catalog) = doc.get_dictionary_mut(root) {
        let private: Vec<Vec<u8>> = catalog
            .iter()
            .map(|(key, _)| key)
            .filter(|key| !CATALOG_KEYS.contains(&key.as_slice()))
            .cloned()
            .collect();
        for key in private {
            found.removed |= catalog.remove(&key).is_some();
        }
    }
    for id in &found.metadata_objects {
        doc.objects.remove(id);
    }
    found.removed |= !doc.prune_objects().is_empty();
    found.removed |= clean_photos(&mut doc)?;

    if !has_page_tree(&doc) {
        return Err(EvidenceError::PdfUnreadable);
    }
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out)
        .map_err(|_| EvidenceError::PdfUnreadable)?;
    Ok((out, found.removed))
}

/// Keeps only `/Root` in the trailer: `/Info` is the document information (author, creator,
/// producer, title, dates with their time zone), `/ID` a fingerprint of the original file that
/// links the copy to it. Answers the catalog's id.
fn scrub_trailer(trailer: &mut Dictionary, found: &mut Found) -> Result<ObjectId, EvidenceError> {
    let root = trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| EvidenceError::PdfUnreadable)?;
    for key in [&b"Info"[..], b"ID"] {
        if let Some(value) = trailer.remove(key) {
            found.note(&value);
        }
    }
    *trailer = Dictionary::new();
    trailer.set("Root", Object::Reference(root));
    Ok(root)
}

/// Removes the metadata-only entries from every dictionary inside `object`. `lopdf` parses at
/// most 100 levels of nesting, which bounds the recursion.
fn scrub(object: &mut Object, found: &mut Found) {
    match object {
        Object::Dictionary(dict) => scrub_dictionary(dict, found),
        Object::Stream(stream) => scrub_dictionary(&mut stream.dict, found),
        Object::Array(items) => items.iter_mut().for_each(|item| scrub(item, found)),
        _ => {}
    }
}

fn scrub_dictionary(dict: &mut Dictionary, found: &mut Found) {
    for key in METADATA_KEYS {
        if let Some(value) = dict.remove(key) {
            found.note(&value);
        }
    }
    if is_markup_annotation(dict)
        && let Some(author) = dict.remove(b"T")
    {
        found.note(&author);
    }
    for (_, value) in dict.iter_mut() {
        scrub(value, found);
    }
}

fn is_markup_annotation(dict: &Dictionary) -> bool {
    dict.has(b"Rect")
        && dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|subtype| MARKUP_ANNOTATIONS.contains(&subtype))
}

/// Cleans the JPEG images held whole in the document (a stream whose only filter is
/// `DCTDecode`): a photo turned into a PDF by a phone or a scanning app often keeps its EXIF,
/// GPS included. An image the JPEG cleaner cannot parse refuses the document, as it would
/// refuse the photo on its own.
fn clean_photos(doc: &mut Document) -> Result<bool, EvidenceError> {
    let mut removed = false;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_jpeg = stream
            .filters()
            .is_ok_and(|filters| filters == [&b"DCTDecode"[..]]);
        if !is_jpeg {
            continue;
        }
        let (cleaned, dropped) =
            clean_jpeg(stream.content.clone()).map_err(|_| EvidenceError::PdfUnreadable)?;
        if dropped {
            stream.set_content(cleaned);
            removed = true;
        }
    }
    Ok(removed)
}

/// Whether the cleaned document still has a catalog leading to a page tree: deleting a metadata
/// object that a malformed file also used as its catalog or page tree leaves a file with no
/// document in it, which is refused rather than stored.
fn has_page_tree(doc: &Document) -> bool {
    doc.catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|pages| doc.get_dictionary(pages))
        .is_ok()
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    reason = "tests fail loudly on any unexpected None or Err"
)]
mod tests;
