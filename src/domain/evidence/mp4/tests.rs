//! MP4 fixtures are built here box by box; each dirty file is built beside the file the cleaner
//! must make of it, where every metadata box is a zeroed `free` box of the same size.

use crate::domain::evidence::{EvidenceError, EvidenceKind, clean};

/// XMP's `uuid` box type, BE7ACFCB-97A9-42E8-9C71-999491E3AFAC.
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn mp4_box(kind: &[u8; 4], content: &[u8]) -> Vec<u8> {
    let size = u32::try_from(8 + content.len()).unwrap();
    [&size.to_be_bytes()[..], kind, content].concat()
}

fn boxes(kind: &[u8; 4], children: &[Vec<u8>]) -> Vec<u8> {
    mp4_box(kind, &children.concat())
}

/// What the cleaner makes of a metadata box: `free`, same size, content zeroed.
fn blanked(metadata_box: &[u8]) -> Vec<u8> {
    let mut free = metadata_box[..4].to_vec();
    free.extend_from_slice(b"free");
    free.resize(metadata_box.len(), 0);
    free
}

fn hdlr(handler: &[u8; 4]) -> Vec<u8> {
    mp4_box(
        b"hdlr",
        &[&[0; 8][..], handler, &[0; 12], b"Handler\0"].concat(),
    )
}

fn full_box(kind: &[u8; 4], words: &[u32]) -> Vec<u8> {
    let content: Vec<u8> = [0u32]
        .iter()
        .chain(words)
        .flat_map(|w| w.to_be_bytes())
        .collect();
    mp4_box(kind, &content)
}

/// A track with one sample description run list (`stsc` as (first chunk, samples per chunk)
/// pairs), its sample sizes (`stsz`, one uniform size or a table) and chunk offsets (`stco`).
pub(super) fn track(handler: &[u8; 4], stsc: &[(u32, u32)], stsz: &[u32], stco: &[u32]) -> Vec<u8> {
    let runs: Vec<u32> = [u32::try_from(stsc.len()).unwrap()]
        .into_iter()
        .chain(stsc.iter().flat_map(|(first, per)| [*first, *per, 1]))
        .collect();
    let chunks: Vec<u32> = [u32::try_from(stco.len()).unwrap()]
        .into_iter()
        .chain(stco.iter().copied())
        .collect();
    let stbl = boxes(
        b"stbl",
        &[
            full_box(b"stsc", &runs),
            full_box(b"stsz", stsz),
            full_box(b"stco", &chunks),
        ],
    );
    let mdia = boxes(b"mdia", &[hdlr(handler), boxes(b"minf", &[stbl])]);
    boxes(b"trak", &[mp4_box(b"tkhd", &[0; 84]), mdia])
}

fn ftyp() -> Vec<u8> {
    mp4_box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
}

/// A video with its location and camera serial in `moov/udta` and `moov/trak/udta`, an Apple
/// `meta` in `moov` and at the top level, XMP in `uuid` boxes and leftovers in a `free` box; the
/// `mdat` comes before `moov`, as a phone writes it, and the track's `stco` points into it.
/// Answers the file and what the cleaner must make of it.
fn video_with_metadata() -> (Vec<u8>, Vec<u8>) {
    let ftyp = ftyp();
    let leftovers = mp4_box(b"free", b"\xA9xyz+52.5200+013.4050/ NETRA-FREE-MARKER");
    let samples = b"\x00\x00\x00\x10\x65\x88\x84\x00frame-one-NAL\x00\x00\x00\x08sound!!".to_vec();
    // A dashcam's GPS log after the samples, which no track points at.
    let gps_log = b"$GPRMC,083000,A,5231.200,N,01324.600,E NETRA-MDAT-MARKER";
    let mdat = mp4_box(b"mdat", &[&samples[..], gps_log].concat());
    let cleaned_mdat = mp4_box(b"mdat", &[&samples[..], &[0; 56][..]].concat());
    assert_eq!(gps_log.len(), 56);
    let samples_at = u32::try_from(ftyp.len() + leftovers.len() + 8).unwrap();

    let location = mp4_box(b"\xA9xyz", b"\x00\x12\x15\xC7+52.5200+013.4050/");
    let moov_udta = boxes(
        b"udta",
        &[
            location.clone(),
            mp4_box(b"\xA9mak", b"\x00\x0C\x15\xC7NetraTestCam"),
            mp4_box(b"\xA9mod", b"\x00\x12\x15\xC7NETRA-MODEL-MARKER"),
            mp4_box(b"CNCV", b"NETRA-SERIAL-MARKER"),
        ],
    );
    let trak_udta = boxes(
        b"udta",
        &[location, mp4_box(b"SNum", b"NETRA-TRACK-SERIAL-MARKER")],
    );
    let moov_meta = boxes(
        b"meta",
        &[
            b"\x00\x00\x00\x00".to_vec(),
            mp4_box(
                b"hdlr",
                b"\x00\x00\x00\x00\x00\x00\x00\x00mdta\x00\x00\x00\x00",
            ),
            mp4_box(b"keys", b"com.apple.quicktime.location.ISO6709"),
            mp4_box(b"ilst", b"NETRA-META-MARKER +52.5200+013.4050/"),
        ],
    );
    let xmp = mp4_box(
        b"uuid",
        &[&XMP_UUID[..], b"<x:xmpmeta>NETRA-XMP-MARKER</x:xmpmeta>"].concat(),
    );
    let top_meta = boxes(
        b"meta",
        &[
            b"\x00\x00\x00\x00".to_vec(),
            mp4_box(b"ilst", b"NETRA-TOP-META-MARKER"),
        ],
    );
    let vendor = mp4_box(b"SEFT", b"NETRA-VENDOR-MARKER");

    let mvhd = mp4_box(b"mvhd", &[0u8; 100]);
    let tkhd = mp4_box(b"tkhd", &[0u8; 84]);
    let stco = mp4_box(
        b"stco",
        &[&[0, 0, 0, 0, 0, 0, 0, 1][..], &samples_at.to_be_bytes()].concat(),
    );
    let one_sample = u32::try_from(samples.len()).unwrap().to_be_bytes();
    let stsz = mp4_box(b"stsz", &[&[0; 4][..], &one_sample, &[0, 0, 0, 1]].concat());
    let stsc = mp4_box(
        b"stsc",
        &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
    );
    let mdia = boxes(
        b"mdia",
        &[
            mp4_box(b"mdhd", &[0u8; 24]),
            mp4_box(
                b"hdlr",
                b"\x00\x00\x00\x00\x00\x00\x00\x00vide\0\0\0\0\0\0\0\0\0\0\0\0Video\0",
            ),
            boxes(b"minf", &[boxes(b"stbl", &[stsc, stsz, stco])]),
        ],
    );
    let trak = |udta: &[u8]| boxes(b"trak", &[tkhd.clone(), mdia.clone(), udta.to_vec()]);
    let moov = |udta: &[u8], trak_udta: &[u8], meta: &[u8], xmp: &[u8]| {
        boxes(
            b"moov",
            &[
                mvhd.clone(),
                trak(trak_udta),
                udta.to_vec(),
                meta.to_vec(),
                xmp.to_vec(),
            ],
        )
    };

    let dirty = [
        ftyp.clone(),
        leftovers.clone(),
        mdat.clone(),
        moov(&moov_udta, &trak_udta, &moov_meta, &xmp),
        top_meta.clone(),
        xmp.clone(),
        vendor.clone(),
    ]
    .concat();
    let expected = [
        ftyp,
        blanked(&leftovers),
        cleaned_mdat,
        moov(
            &blanked(&moov_udta),
            &blanked(&trak_udta),
            &blanked(&moov_meta),
            &blanked(&xmp),
        ),
        blanked(&top_meta),
        blanked(&xmp),
        blanked(&vendor),
    ]
    .concat();
    (dirty, expected)
}

const LEAKS: [&[u8]; 12] = [
    b"NETRA-MDAT-MARKER",
    b"+52.5200+013.4050/",
    b"\xA9xyz",
    b"NetraTestCam",
    b"NETRA-MODEL-MARKER",
    b"NETRA-SERIAL-MARKER",
    b"NETRA-TRACK-SERIAL-MARKER",
    b"NETRA-META-MARKER",
    b"NETRA-XMP-MARKER",
    b"NETRA-TOP-META-MARKER",
    b"NETRA-FREE-MARKER",
    b"NETRA-VENDOR-MARKER",
];

#[test]
fn an_mp4_loses_its_location_serial_and_xmp_and_keeps_every_other_byte_where_it_was() {
    let (input, expected) = video_with_metadata();
    for leak in LEAKS {
        assert!(contains(&input, leak), "the fixture lacks {leak:?}");
    }
    let mdat_at = |file: &[u8]| file.windows(4).position(|w| w == b"mdat").unwrap();

    let cleaned = clean(input.clone()).unwrap();

    assert_eq!(cleaned.kind, EvidenceKind::Mp4);
    assert!(cleaned.metadata_removed);
    for leak in LEAKS {
        assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
    }
    assert!(!contains(&cleaned.bytes, &XMP_UUID));
    assert_eq!(cleaned.bytes.len(), input.len());
    assert_eq!(mdat_at(&cleaned.bytes), mdat_at(&input));
    assert_eq!(cleaned.bytes, expected, "only the metadata boxes changed");

    let again = clean(cleaned.bytes.clone()).unwrap();
    assert_eq!(again.bytes, cleaned.bytes);
    assert!(
        !again.metadata_removed,
        "cleaning twice removes nothing more"
    );
}

#[test]
fn a_metadata_box_with_a_64_bit_size_keeps_its_size_fields() {
    let udta = [
        &[0, 0, 0, 1][..],
        b"udta",
        &36u64.to_be_bytes(),
        b"\0\0\0\x14\xA9xyz+52.5200+013",
    ]
    .concat();
    assert_eq!(udta.len(), 36);
    let input = [ftyp(), boxes(b"moov", &[udta]), mp4_box(b"mdat", b"x")].concat();

    let cleaned = clean(input).unwrap();

    let mut free = [&[0, 0, 0, 1][..], b"free", &36u64.to_be_bytes()].concat();
    free.resize(36, 0);
    // No track uses the one byte of media data: zeroed too.
    let expected = [ftyp(), boxes(b"moov", &[free]), mp4_box(b"mdat", b"\0")].concat();
    assert_eq!(cleaned.bytes, expected);
}

#[test]
fn an_mp4_without_metadata_is_stored_byte_for_byte() {
    // `mdat` with size 0 runs to the end of the file, which the top level allows; the video
    // track's two samples fill it.
    let moov = |samples_at: usize| {
        let at = u32::try_from(samples_at).unwrap();
        let video = track(b"vide", &[(1, 2)], &[0, 2, 2, 4], &[at]);
        boxes(b"moov", &[mp4_box(b"mvhd", &[0; 100]), video])
    };
    let samples_at = ftyp().len() + moov(0).len() + 8;
    let input = [
        ftyp(),
        moov(samples_at),
        [&[0, 0, 0, 0][..], b"mdat", b"sample"].concat(),
    ]
    .concat();

    let cleaned = clean(input.clone()).unwrap();

    assert_eq!(cleaned.bytes, input);
    assert!(!cleaned.metadata_removed);
}

#[test]
fn an_mp4_whose_boxes_cannot_be_followed_is_refused() {
    let moov = |children: &[Vec<u8>]| [ftyp(), boxes(b"moov", children)].concat();
    let mut past_the_end = moov(&[mp4_box(b"udta", b"NETRA-SERIAL-MARKER")]);
    past_the_end.truncate(past_the_end.len() - 4);
    let mut child_past_parent = boxes(b"trak", &[mp4_box(b"udta", b"NETRA-SERIAL-MARKER")]);
    child_past_parent[3] -= 4; // the trak now ends inside its udta
    child_past_parent.truncate(child_past_parent.len() - 4);
    let mut deep = mp4_box(b"udta", b"NETRA-SERIAL-MARKER");
    for _ in 0..10 {
        deep = boxes(b"edts", &[deep]);
    }
    let table: [(&str, Vec<u8>); 7] = [
        ("a box running past the end of the file", past_the_end),
        (
            "a child running past its parent",
            moov(&[child_past_parent]),
        ),
        (
            "a size of 0 inside moov",
            moov(&[[&[0, 0, 0, 0][..], b"udta", b"NETRA"].concat()]),
        ),
        (
            "a compressed moov",
            moov(&[mp4_box(b"cmov", b"zlib NETRA-SERIAL-MARKER")]),
        ),
        ("containers nested deeper than a video", moov(&[deep])),
        (
            "a 64-bit size smaller than its header",
            moov(&[[&[0, 0, 0, 1][..], b"udta", &8u64.to_be_bytes()].concat()]),
        ),
        (
            "bytes after the last box",
            [moov(&[]), b"\0\0\0".to_vec()].concat(),
        ),
    ];
    for (what, input) in table {
        assert_eq!(
            EvidenceKind::sniff(&input),
            Some(EvidenceKind::Mp4),
            "{what}"
        );
        match clean(input) {
            Err(EvidenceError::VideoUnreadable) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
}

mod tracks;
