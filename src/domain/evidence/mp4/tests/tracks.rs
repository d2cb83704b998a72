//! Tracks that are neither picture nor sound go, with their samples in `mdat`.

use super::{boxes, contains, ftyp, mp4_box, track};
use crate::domain::evidence::{EvidenceError, clean};

const FRAMES: &[u8] = b"VIDEO-FRAME-ONE!";
const GPS_1: &[u8] = b"GPS5 +52.5200+013.4050/";
const GPS_2: &[u8] = b"GPS5 NETRA-GPS-TRACK";
const GPS_3: &[u8] = b"GPSU 240214083000";

/// `ftyp`, then `mdat` holding a video chunk between two telemetry chunks (the first of two
/// samples, the second of one), then `moov` with the video track and a GoPro-like `meta` track.
/// Answers the file, where the `mdat` content starts, and the telemetry track.
fn video_with_telemetry(handler: &[u8; 4]) -> (Vec<u8>, usize, Vec<u8>) {
    let ftyp = ftyp();
    let media_at = ftyp.len() + 8;
    let media = [GPS_1, GPS_2, FRAMES, GPS_3].concat();
    let at = |skip: usize| u32::try_from(media_at + skip).unwrap();
    let gps_sizes = [3, GPS_1.len(), GPS_2.len(), GPS_3.len()].map(|n| u32::try_from(n).unwrap());
    let video = track(
        b"vide",
        &[(1, 1)],
        &[u32::try_from(FRAMES.len()).unwrap(), 1],
        &[at(GPS_1.len() + GPS_2.len())],
    );
    let telemetry = track(
        handler,
        &[(1, 2), (2, 1)],
        &[&[0][..], &gps_sizes].concat(),
        &[at(0), at(GPS_1.len() + GPS_2.len() + FRAMES.len())],
    );
    let moov = boxes(
        b"moov",
        &[mp4_box(b"mvhd", &[0; 100]), video, telemetry.clone()],
    );
    let file = [ftyp, mp4_box(b"mdat", &media), moov].concat();
    (file, media_at, telemetry)
}

#[test]
fn a_telemetry_track_loses_its_samples_and_its_box_and_the_video_track_keeps_its_own() {
    for handler in [b"meta", b"text", b"sbtl", b"camm"] {
        let (input, media_at, telemetry) = video_with_telemetry(handler);
        assert!(contains(&input, b"+52.5200+013.4050/"));

        let cleaned = clean(input.clone()).unwrap();

        assert!(cleaned.metadata_removed);
        for leak in [GPS_1, GPS_2, GPS_3] {
            assert!(!contains(&cleaned.bytes, leak), "{leak:?} survived");
        }
        let mut expected = input.clone();
        let gps = media_at..media_at + GPS_1.len() + GPS_2.len();
        let last = gps.end + FRAMES.len()..gps.end + FRAMES.len() + GPS_3.len();
        expected[gps].fill(0);
        expected[last].fill(0);
        let trak_at = input.len() - telemetry.len();
        expected[trak_at + 4..trak_at + 8].copy_from_slice(b"free");
        expected[trak_at + 8..].fill(0);
        assert_eq!(cleaned.bytes, expected, "{handler:?}");
    }
}

#[test]
fn a_telemetry_track_whose_samples_cannot_be_placed_is_refused() {
    let (good, media_at, _) = video_with_telemetry(b"meta");
    let in_moov = u32::try_from(good.len() - 20).unwrap();
    let at = u32::try_from(media_at).unwrap();
    let moov = |telemetry: Vec<u8>| {
        let media = [GPS_1, GPS_2, FRAMES, GPS_3].concat();
        [
            ftyp(),
            mp4_box(b"mdat", &media),
            boxes(b"moov", &[mp4_box(b"mvhd", &[0; 100]), telemetry]),
        ]
        .concat()
    };
    let table: [(&str, Vec<u8>); 4] = [
        (
            "a chunk inside moov",
            moov(track(b"meta", &[(1, 1)], &[8, 1], &[in_moov])),
        ),
        (
            "more samples per chunk than the track has",
            moov(track(b"meta", &[(1, 5)], &[0, 2, 4, 4], &[at])),
        ),
        (
            "a chunk past the end of the file",
            moov(track(b"meta", &[(1, 1)], &[4096, 1], &[at])),
        ),
        (
            "movie fragments, whose samples are not read",
            [
                moov(track(b"meta", &[(1, 1)], &[4, 1], &[at])),
                boxes(b"moof", &[]),
            ]
            .concat(),
        ),
    ];
    for (what, input) in table {
        match clean(input) {
            Err(EvidenceError::VideoUnreadable) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
}
