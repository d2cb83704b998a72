//! Tracks that are neither picture nor sound: where action cameras, drones and dashcams record
//! the GPS position of every frame.
//!
//! GoPro's GPMF telemetry (`meta` handler, `gpmd` samples), Google's camera motion track (`camm`),
//! Apple's timed metadata (`mebx`) and the subtitle tracks in which drones write coordinates keep
//! their data as samples in `mdat`, not in a metadata box. Removing such a track from `moov`
//! alone would leave its samples in the file, unreferenced but readable, so the samples are
//! zeroed in place (their offsets come from the track's own sample tables) and the track box is
//! then blanked like any metadata box. Only `vide` and `soun` tracks are kept: the picture and the
//! sound are the evidence.

use std::ops::Range;

// Through the parent, not `crate::domain`: the fuzz crate compiles this module on its own.
use super::{BoxAt, EvidenceError, read_box};

/// Handlers of the tracks kept.
const KEPT_HANDLERS: [[u8; 4]; 2] = [*b"vide", *b"soun"];

const UNREADABLE: EvidenceError = EvidenceError::VideoUnreadable;

/// The first child of `parent` of the given type, checking that the children tile the parent.
fn child(bytes: &[u8], parent: &BoxAt, kind: [u8; 4]) -> Result<Option<BoxAt>, EvidenceError> {
    let mut pos = parent.start + parent.header_len;
    let mut found = None;
    while pos < parent.end {
        let next = read_box(bytes, pos, parent.end, false)?;
        pos = next.end;
        if next.kind == kind && found.is_none() {
            found = Some(next);
        }
    }
    Ok(found)
}

fn content<'a>(bytes: &'a [u8], found: &BoxAt) -> &'a [u8] {
    bytes
        .get(found.start + found.header_len..found.end)
        .unwrap_or_default()
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32, EvidenceError> {
    let end = at.checked_add(4).ok_or(UNREADABLE)?;
    let word: [u8; 4] = bytes
        .get(at..end)
        .and_then(|b| b.try_into().ok())
        .ok_or(UNREADABLE)?;
    Ok(u32::from_be_bytes(word))
}

fn u64_at(bytes: &[u8], at: usize) -> Result<u64, EvidenceError> {
    Ok(u64::from(u32_at(bytes, at)?) << 32 | u64::from(u32_at(bytes, at + 4)?))
}

fn to_usize(value: impl TryInto<usize>) -> Result<usize, EvidenceError> {
    value.try_into().map_err(|_| UNREADABLE)
}

/// Whether the track is picture or sound, from its `mdia/hdlr`. A track without a handler is
/// not known to be either.
pub(super) fn is_picture_or_sound(bytes: &[u8], trak: &BoxAt) -> Result<bool, EvidenceError> {
    let Some(mdia) = child(bytes, trak, *b"mdia")? else {
        return Ok(false);
    };
    let Some(hdlr) = child(bytes, &mdia, *b"hdlr")? else {
        return Ok(false);
    };
    // version and flags (4), pre_defined (4), handler_type (4)
    let handler = content(bytes, &hdlr)
        .get(8..12)
        .and_then(|h| <[u8; 4]>::try_from(h).ok());
    Ok(handler.is_some_and(|h| KEPT_HANDLERS.contains(&h)))
}

/// Where the track's samples are in the file, from `stsc`, `stsz` and `stco`/`co64`. A track
/// with no sample table has no samples; one whose tables are missing, in a form not read here
/// (`stz2`) or inconsistent is refused, since its samples could not be found.
pub(super) fn sample_ranges(
    bytes: &[u8],
    trak: &BoxAt,
) -> Result<Vec<Range<usize>>, EvidenceError> {
    let stbl = match child(bytes, trak, *b"mdia")? {
        Some(mdia) => match child(bytes, &mdia, *b"minf")? {
            Some(minf) => child(bytes, &minf, *b"stbl")?,
            None => None,
        },
        None => None,
    };
    let Some(stbl) = stbl else {
        return Ok(Vec::new());
    };
    let offsets = chunk_offsets(bytes, &stbl)?;
    if offsets.is_empty() {
        return Ok(Vec::new());
    }
    let stsc = child(bytes, &stbl, *b"stsc")?.ok_or(UNREADABLE)?;
    let stsz = child(bytes, &stbl, *b"stsz")?.ok_or(UNREADABLE)?;
    let (stsc, stsz) = (content(bytes, &stsc), content(bytes, &stsz));

    // stsc: version/flags, count, then (first_chunk, samples_per_chunk, description) runs.
    let runs = to_usize(u32_at(stsc, 4)?)?;
    let run = |i: usize| -> Result<(u32, u32), EvidenceError> {
        let at = 8 + i.checked_mul(12).ok_or(UNREADABLE)?;
        Ok((u32_at(stsc, at)?, u32_at(stsc, at + 4)?))
    };
    // stsz: version/flags, one size for every sample (or 0), count, then the sizes. The count
    // cannot promise more sizes than the box holds, which also bounds the loops below.
    let uniform = u64::from(u32_at(stsz, 4)?);
    let sample_count = to_usize(u32_at(stsz, 8)?)?;
    if uniform == 0 && sample_count > stsz.len().saturating_sub(12) / 4 {
        return Err(UNREADABLE);
    }

    let mut ranges = Vec::with_capacity(offsets.len());
    let mut next_run = 0;
    let mut per_chunk = 0;
    let mut sample = 0usize;
    for (chunk, offset) in (1u32..).zip(offsets) {
        while next_run < runs && run(next_run)?.0 <= chunk {
            per_chunk = to_usize(run(next_run)?.1)?;
            next_run += 1;
        }
        let last = sample
            .checked_add(per_chunk)
            .filter(|last| *last <= sample_count)
            .ok_or(UNREADABLE)?;
        let len = if uniform == 0 {
            (sample..last).try_fold(0u64, |len, i| {
                len.checked_add(u64::from(u32_at(stsz, 12 + i * 4)?))
                    .ok_or(UNREADABLE)
            })?
        } else {
            uniform
                .checked_mul(u64::try_from(per_chunk).map_err(|_| UNREADABLE)?)
                .ok_or(UNREADABLE)?
        };
        sample = last;
        let end = offset.checked_add(len).ok_or(UNREADABLE)?;
        ranges.push(to_usize(offset)?..to_usize(end)?);
    }
    Ok(ranges)
}

/// The chunk offsets of `stco` (32-bit) or `co64` (64-bit); none if the table has neither.
fn chunk_offsets(bytes: &[u8], stbl: &BoxAt) -> Result<Vec<u64>, EvidenceError> {
    let (table, wide) = match (child(bytes, stbl, *b"stco")?, child(bytes, stbl, *b"co64")?) {
        (Some(stco), None) => (stco, false),
        (None, Some(co64)) => (co64, true),
        (None, None) => return Ok(Vec::new()),
        (Some(_), Some(_)) => return Err(UNREADABLE),
    };
    let table = content(bytes, &table);
    let count = to_usize(u32_at(table, 4)?)?;
    let width = if wide { 8 } else { 4 };
    // The count cannot promise more entries than the box holds.
    if count > table.len().saturating_sub(8) / width {
        return Err(UNREADABLE);
    }
    (0..count)
        .map(|i| {
            let at = 8 + i * width;
            if wide {
                u64_at(table, at)
            } else {
                u32_at(table, at).map(u64::from)
            }
        })
        .collect()
}
