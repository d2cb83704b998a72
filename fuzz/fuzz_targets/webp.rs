//! WebPs built from fuzzed RIFF chunks with correct sizes, the marker planted in EXIF, XMP and
//! unknown chunks, and after the RIFF container.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use netra_fuzz::{check, fuzzed, with_marker};

#[derive(Arbitrary, Debug)]
enum Chunk {
    /// One of the chunks a WebP is made of, fuzzed content.
    Image {
        kind: u8,
        data: Vec<u8>,
    },
    Other {
        id: [u8; 4],
        data: Vec<u8>,
    },
    Metadata {
        kind: u8,
        before: Vec<u8>,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    chunks: Vec<Chunk>,
    trailer: Vec<u8>,
}

const IMAGE: [&[u8; 4]; 7] = [
    b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];
const METADATA: [(&[u8; 4], &[u8]); 4] = [
    (b"EXIF", b"MM\0*"),
    (b"XMP ", b"<x:xmpmeta>"),
    (b"IPTC", b""),
    (b"NETR", b""),
];

fn chunk(out: &mut Vec<u8>, id: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(id);
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

fuzz_target!(|input: Input| {
    let mut body = b"WEBP".to_vec();
    for part in &input.chunks {
        match part {
            Chunk::Image { kind, data } => {
                chunk(
                    &mut body,
                    IMAGE[usize::from(*kind) % IMAGE.len()],
                    &fuzzed(data),
                );
            }
            Chunk::Other { id, data } => {
                let id: [u8; 4] = fuzzed(id).try_into().unwrap_or(*b"JUNK");
                chunk(&mut body, &id, &fuzzed(data));
            }
            Chunk::Metadata { kind, before } => {
                let (id, prefix) = METADATA[usize::from(*kind) % METADATA.len()];
                chunk(&mut body, id, &with_marker(prefix, before));
            }
        }
    }
    let mut file = b"RIFF".to_vec();
    file.extend_from_slice(&u32::try_from(body.len()).unwrap_or(u32::MAX).to_le_bytes());
    file.extend_from_slice(&body);
    file.extend_from_slice(&fuzzed(&input.trailer));
    check(file);
});
