//! JPEGs built from fuzzed segments and scans, with the marker planted in metadata segments
//! before the first scan, between scans and after the end: it must never be stored.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use netra_fuzz::{check, fuzzed, with_marker};

#[derive(Arbitrary, Debug)]
enum Part {
    /// Any segment with a length (tables, frame headers, APPn, COM…), fuzzed payload.
    Segment {
        marker: u8,
        payload: Vec<u8>,
    },
    /// A metadata segment holding the marker.
    Metadata {
        kind: u8,
        before: Vec<u8>,
    },
    /// A scan header and its entropy-coded data.
    Scan {
        header: Vec<u8>,
        entropy: Vec<u8>,
    },
    Restart {
        n: u8,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    parts: Vec<Part>,
    end: bool,
    trailer: Vec<u8>,
}

/// Where phones and editors put metadata: EXIF, XMP, Photoshop/IPTC, JUMBF, a JFXX thumbnail,
/// MPF, another APPn, a comment.
const METADATA: [(u8, &[u8]); 8] = [
    (0xE1, b"Exif\0\0"),
    (0xE1, b"http://ns.adobe.com/xap/1.0/\0"),
    (0xED, b"Photoshop 3.0\0"),
    (0xEB, b"JP"),
    (0xE0, b"JFXX\0"),
    (0xE2, b"MPF\0"),
    (0xEC, b"Ducky"),
    (0xFE, b""),
];

fn segment(out: &mut Vec<u8>, marker: u8, payload: &[u8]) {
    let payload = &payload[..payload.len().min(65_533)];
    let len = u16::try_from(payload.len() + 2).unwrap_or(u16::MAX);
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
}

fuzz_target!(|input: Input| {
    let mut file = vec![0xFF, 0xD8];
    for part in &input.parts {
        match part {
            Part::Segment { marker, payload } => {
                // Markers with a length: 0xC0..=0xFE without RSTn/SOI/EOI (0xD0..=0xD9) and SOS.
                let marker = match 0xC0 + marker % 0x3F {
                    0xD0..=0xDA => 0xDB,
                    m => m,
                };
                segment(&mut file, marker, &fuzzed(payload));
            }
            Part::Metadata { kind, before } => {
                let (marker, prefix) = METADATA[usize::from(*kind) % METADATA.len()];
                segment(&mut file, marker, &with_marker(prefix, before));
            }
            Part::Scan { header, entropy } => {
                segment(&mut file, 0xDA, &fuzzed(header));
                for &b in &fuzzed(entropy) {
                    file.push(b);
                    if b == 0xFF {
                        file.push(0x00); // byte stuffing: entropy never makes a marker
                    }
                }
            }
            Part::Restart { n } => file.extend_from_slice(&[0xFF, 0xD0 + n % 8]),
        }
    }
    if input.end {
        file.extend_from_slice(&[0xFF, 0xD9]);
    }
    file.extend_from_slice(&fuzzed(&input.trailer));
    check(file);
});
