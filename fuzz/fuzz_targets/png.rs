//! PNGs built from fuzzed chunks with correct lengths and CRCs, the marker planted in text,
//! EXIF, time and private chunks anywhere among them and after IEND.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use netra_fuzz::{check, fuzzed, with_marker};

#[derive(Arbitrary, Debug)]
enum Chunk {
    Plain { kind: [u8; 4], data: Vec<u8> },
    Metadata { kind: u8, before: Vec<u8> },
}

#[derive(Arbitrary, Debug)]
struct Input {
    ihdr: [u8; 13],
    chunks: Vec<Chunk>,
    end: bool,
    trailer: Vec<u8>,
}

const METADATA: [(&[u8; 4], &[u8]); 7] = [
    (b"tEXt", b"Author\0"),
    (b"zTXt", b"Comment\0\0"),
    (b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0"),
    (b"eXIf", b"MM\0*"),
    (b"tIME", b""),
    (b"caBX", b"jumb"),
    (b"prVt", b""),
];

/// The CRC-32 PNG uses (ISO 3309), over the chunk type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A chunk type of ASCII letters, as PNG requires, its case bits chosen by the fuzzer.
fn letters(kind: [u8; 4]) -> [u8; 4] {
    kind.map(|b| (if b & 0x80 == 0 { b'a' } else { b'A' }) + (b & 0x7F) % 26)
}

fuzz_target!(|input: Input| {
    let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut file, b"IHDR", &fuzzed(&input.ihdr));
    for part in &input.chunks {
        match part {
            Chunk::Plain { kind, data } => chunk(&mut file, &letters(*kind), &fuzzed(data)),
            Chunk::Metadata { kind, before } => {
                let (kind, prefix) = METADATA[usize::from(*kind) % METADATA.len()];
                chunk(&mut file, kind, &with_marker(prefix, before));
            }
        }
    }
    if input.end {
        chunk(&mut file, b"IEND", b"");
    }
    file.extend_from_slice(&fuzzed(&input.trailer));
    check(file);
});
