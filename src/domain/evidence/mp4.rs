//! MP4 videos: the user-data and metadata boxes are overwritten in place.
//!
//! Phones and cameras write the recording place (`©xyz`, 3GPP `loci`), the camera's make, model
//! and serial, the owner's name and XMP packets into `udta`, `meta` and `uuid` boxes, at the top
//! level and inside `moov` and its tracks. Each such box is turned into a `free` box of the same
//! size with its content zeroed: the file keeps its length and every byte offset in it.
//!
//! Offsets are why this is done by hand rather than with a muxing crate. The sample tables
//! (`stco`/`co64`) give each chunk's absolute position in `mdat`; a writer that drops a box in
//! front of `mdat` must rewrite every one of them, and a library that does so for the tables it
//! knows silently breaks the ones it does not (fragmented files, QuickTime extensions). The
//! crates that only read (`mp4parse`) cannot write the result; the one that writes (`mp4`) builds
//! a new file from tracks and samples (`Mp4Writer::add_track`/`write_sample`), so every box it
//! does not model is lost and the samples are moved. Overwriting in place needs nothing but the
//! box sizes, changes no offset, and leaves every other byte as it was, the picture and sound
//! samples included.
//!
//! Tracks that are neither picture nor sound (GPS telemetry, timed metadata) are removed with
//! their samples (`mp4/tracks.rs`), and whatever else `mdat` holds besides the picture and sound
//! samples is zeroed: the media data is cleaned by an allowlist too.
//!
//! The walk trusts nothing it cannot check: a box whose size runs past its parent, a container
//! whose children do not fill it exactly, a compressed movie box or nesting deeper than any real
//! file refuses the video, since a metadata box there could not be found and removed.

use std::ops::Range;

use super::EvidenceError;

mod tracks;

/// Boxes that hold only boxes, walked to find metadata inside them.
const CONTAINERS: [[u8; 4]; 10] = [
    *b"moov", *b"trak", *b"mdia", *b"minf", *b"stbl", *b"edts", *b"dinf", *b"mvex", *b"moof",
    *b"traf",
];

/// Metadata boxes, removed wherever they are found: user data (`©xyz`, `loci`, maker notes, the
/// camera serial, GoPro's `GPMF` settings), ISO/Apple `meta` (`keys`/`ilst` with
/// `com.apple.quicktime.location.ISO6709`), vendor `uuid` boxes (XMP among them) and Adobe's
/// QuickTime XMP box.
const METADATA: [[u8; 4]; 4] = [*b"udta", *b"meta", *b"uuid", *b"XMP_"];

/// Padding boxes: kept as padding, but their content is zeroed, since an editor that "removed"
/// metadata by renaming its box to `free` leaves the old bytes in it.
const PADDING: [[u8; 4]; 3] = [*b"free", *b"skip", *b"wide"];

/// The top-level boxes kept (ISO 14496-12 and the padding boxes); any other top-level box is
/// a vendor's own and is blanked like metadata. Nothing points into a top-level box except the
/// sample tables into `mdat`, so blanking one in place never breaks playback.
const TOP_LEVEL_KEPT: [[u8; 4]; 14] = [
    *b"ftyp", *b"moov", *b"mdat", *b"free", *b"skip", *b"wide", *b"pdin", *b"moof", *b"mfra",
    *b"sidx", *b"ssix", *b"styp", *b"prft", *b"emsg",
];

/// `moov/trak/mdia/minf/stbl` is five levels deep; a file nesting containers deeper is not a
/// video this walk can vouch for (and the bound keeps a crafted file from exhausting the stack).
const MAX_DEPTH: usize = 8;

const FREE: [u8; 4] = *b"free";

/// One box: where it starts, how long its header is, where it ends, and its type.
struct BoxAt {
    start: usize,
    header_len: usize,
    end: usize,
    kind: [u8; 4],
}

/// Overwrites every metadata box with a zeroed `free` box of the same size, and zeroes what the
/// media data holds besides the picture and sound samples. Answers the video and whether
/// anything was removed.
pub(super) fn clean_mp4(mut bytes: Vec<u8>) -> Result<(Vec<u8>, bool), EvidenceError> {
    let file = layout(&bytes)?;
    let mut walked = Walked::default();
    walk(&mut bytes, &file, 0, file.len, 0, &mut walked)?;
    if !file.fragmented {
        walked.removed |= zero_unreferenced(&mut bytes, &file.media, walked.samples);
    }
    Ok((bytes, walked.removed))
}

/// What the walk did and found.
#[derive(Default)]
struct Walked {
    removed: bool,
    /// Where the picture and sound samples are.
    samples: Vec<Range<usize>>,
}

/// Zeroes every byte of the media data that no picture or sound sample uses: dashcams write
/// their GPS log into `mdat` with no track pointing at it, and an editor that drops a track
/// leaves its samples there. (A fragmented file places its samples with `trun` boxes, not read
/// here, so its media data is left as it is.)
fn zero_unreferenced(
    bytes: &mut [u8],
    media: &[Range<usize>],
    mut samples: Vec<Range<usize>>,
) -> bool {
    samples.sort_by_key(|sample| sample.start);
    let mut changed = false;
    for data in media {
        let mut from = data.start;
        for sample in &samples {
            if sample.end <= from || sample.start >= data.end {
                continue;
            }
            changed |= zero(bytes, from, sample.start.min(data.end));
            from = from.max(sample.end);
        }
        changed |= zero(bytes, from, data.end);
    }
    changed
}

/// What the walk needs to know of the whole file before it changes anything.
struct Layout {
    len: usize,
    /// The content of every top-level `mdat`: where a data track's samples may be.
    media: Vec<Range<usize>>,
    /// Whether movie fragments (`moof`) follow: their samples are placed by `trun` boxes, which
    /// are not read here.
    fragmented: bool,
}

fn layout(bytes: &[u8]) -> Result<Layout, EvidenceError> {
    let mut file = Layout {
        len: bytes.len(),
        media: Vec::new(),
        fragmented: false,
    };
    let mut pos = 0;
    while pos < bytes.len() {
        let found = read_box(bytes, pos, bytes.len(), true)?;
        match &found.kind {
            b"mdat" => file.media.push(found.start + found.header_len..found.end),
            b"moof" => file.fragmented = true,
            _ => {}
        }
        pos = found.end;
    }
    Ok(file)
}

/// Zeroes the samples of a track that is neither picture nor sound, then blanks the track.
fn remove_data_track(bytes: &mut [u8], file: &Layout, trak: &BoxAt) -> Result<(), EvidenceError> {
    let samples = tracks::sample_ranges(bytes, trak)?;
    if file.fragmented {
        // Its samples in the fragments could not be found.
        return Err(EvidenceError::VideoUnreadable);
    }
    for range in &samples {
        // A track pointing outside the media data points at boxes, or past the file.
        if !file
            .media
            .iter()
            .any(|media| media.start <= range.start && range.end <= media.end)
        {
            return Err(EvidenceError::VideoUnreadable);
        }
    }
    for range in samples {
        zero(bytes, range.start, range.end);
    }
    blank(bytes, trak);
    Ok(())
}

/// Walks the boxes filling `from..to`, which must tile it exactly.
fn walk(
    bytes: &mut [u8],
    file: &Layout,
    from: usize,
    to: usize,
    depth: usize,
    walked: &mut Walked,
) -> Result<(), EvidenceError> {
    let mut pos = from;
    while pos < to {
        let found = read_box(bytes, pos, to, depth == 0)?;
        let kind = found.kind;
        let picture_or_sound = kind == *b"trak" && tracks::is_picture_or_sound(bytes, &found)?;
        if kind == *b"trak" && !picture_or_sound {
            remove_data_track(bytes, file, &found)?;
            walked.removed = true;
        } else if METADATA.contains(&kind) || (depth == 0 && !TOP_LEVEL_KEPT.contains(&kind)) {
            walked.removed |= blank(bytes, &found);
        } else if PADDING.contains(&kind) {
            walked.removed |= zero_content(bytes, &found);
        } else if kind == *b"cmov" {
            // A compressed movie box (old QuickTime) hides its children, metadata included.
            return Err(EvidenceError::VideoUnreadable);
        } else if CONTAINERS.contains(&kind) {
            if depth >= MAX_DEPTH {
                return Err(EvidenceError::VideoUnreadable);
            }
            walk(
                bytes,
                file,
                found.start + found.header_len,
                found.end,
                depth + 1,
                walked,
            )?;
            if picture_or_sound {
                walked.samples.extend(tracks::sample_ranges(bytes, &found)?);
            }
        }
        pos = found.end;
    }
    Ok(())
}

/// Reads the box header at `start`, checking that the box fits before `limit`. A size of 0
/// ("to the end of the file") is only valid at the top level.
fn read_box(
    bytes: &[u8],
    start: usize,
    limit: usize,
    top_level: bool,
) -> Result<BoxAt, EvidenceError> {
    let unreadable = EvidenceError::VideoUnreadable;
    let word = |at: usize| -> Option<[u8; 4]> {
        let end = at.checked_add(4).filter(|end| *end <= limit)?;
        bytes.get(at..end)?.try_into().ok()
    };
    let size = word(start).map(u32::from_be_bytes).ok_or(unreadable)?;
    let kind = word(start + 4).ok_or(EvidenceError::VideoUnreadable)?;
    let (mut header_len, end) = match size {
        0 if top_level => (8, Some(limit)),
        1 => {
            let high = word(start + 8).map(u32::from_be_bytes);
            let low = word(start + 12).map(u32::from_be_bytes);
            let large = high
                .zip(low)
                .map(|(h, l)| u64::from(h) << 32 | u64::from(l));
            let end = large
                .and_then(|large| usize::try_from(large).ok())
                .and_then(|large| start.checked_add(large));
            (16, end)
        }
        size => (
            8,
            usize::try_from(size)
                .ok()
                .and_then(|s| start.checked_add(s)),
        ),
    };
    if kind == *b"uuid" {
        // The 16-byte extended type is part of the header.
        header_len += 16;
    }
    let end = end
        .filter(|end| *end <= limit && *end >= start + header_len)
        .ok_or(EvidenceError::VideoUnreadable)?;
    Ok(BoxAt {
        start,
        header_len,
        end,
        kind,
    })
}

/// Turns the box into a `free` box of the same size, everything after its size fields zeroed
/// (a `uuid` box's extended type included). Answers whether a byte changed.
fn blank(bytes: &mut [u8], found: &BoxAt) -> bool {
    let changed = found.kind != FREE;
    if let Some(kind) = bytes.get_mut(found.start + 4..found.start + 8) {
        kind.copy_from_slice(&FREE);
    }
    // The size fields (4 bytes, or 16 with a 64-bit size) stay; everything after them goes.
    let large = bytes
        .get(found.start..found.start + 4)
        .is_some_and(|size| size == [0, 0, 0, 1]);
    let content_from = found.start + if large { 16 } else { 8 };
    zero(bytes, content_from, found.end) || changed
}

/// Zeroes a padding box's content, its header left as it is.
fn zero_content(bytes: &mut [u8], found: &BoxAt) -> bool {
    zero(bytes, found.start + found.header_len, found.end)
}

fn zero(bytes: &mut [u8], from: usize, to: usize) -> bool {
    let Some(content) = bytes.get_mut(from..to) else {
        return false;
    };
    let changed = content.iter().any(|b| *b != 0);
    content.fill(0);
    changed
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    reason = "tests fail loudly on any unexpected None or Err"
)]
mod tests;
