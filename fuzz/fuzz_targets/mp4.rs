//! MP4s built as fuzzed box trees with correct sizes, the marker planted in `udta`, `meta`,
//! XMP `uuid` and `XMP_` boxes at any depth of the containers the cleaner walks, in vendor
//! boxes at the top level, and in media data no track uses (unless the file is fragmented: the
//! cleaner leaves a fragmented file's media data as it is). A fuzzed video track could in
//! principle point at the planted media data and make it picture, which the cleaner rightly
//! keeps; the fuzzer would have to build a consistent sample table around the planted offset.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use netra_fuzz::{check, fuzzed, with_marker};

#[derive(Arbitrary, Debug)]
enum Node {
    Leaf {
        kind: [u8; 4],
        data: Vec<u8>,
    },
    Container {
        kind: u8,
        children: Vec<Node>,
    },
    Metadata {
        kind: u8,
        before: Vec<u8>,
        large: bool,
    },
    /// Media data that no track points at, as a dashcam writes its GPS log (top level only).
    UnusedMedia {
        before: Vec<u8>,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    brand: u8,
    top: Vec<Node>,
    last_to_end: bool,
    trailer: Vec<u8>,
}

/// Brands `infer` takes for MP4.
const BRANDS: [&[u8; 4]; 6] = [b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V "];
const CONTAINERS: [&[u8; 4]; 10] = [
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf",
];
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

fn put(out: &mut Vec<u8>, kind: &[u8; 4], content: &[u8], large: bool) {
    if large {
        out.extend_from_slice(&1u32.to_be_bytes());
        out.extend_from_slice(kind);
        let size = u64::try_from(content.len() + 16).unwrap_or(u64::MAX);
        out.extend_from_slice(&size.to_be_bytes());
    } else {
        let size = u32::try_from(content.len() + 8).unwrap_or(u32::MAX);
        out.extend_from_slice(&size.to_be_bytes());
        out.extend_from_slice(kind);
    }
    out.extend_from_slice(content);
}

/// What the top level holds that decides whether the invariant applies.
#[derive(Default)]
struct Top {
    /// A movie fragment: the cleaner leaves the media data of a fragmented file as it is.
    fragment: bool,
    unused_media: bool,
}

fn write(out: &mut Vec<u8>, node: &Node, top: Option<&mut Top>) {
    let top_level = top.is_some();
    match node {
        Node::Leaf { kind, data } => {
            let kind: [u8; 4] = fuzzed(kind).try_into().unwrap_or(*b"junk");
            if let Some(top) = top {
                top.fragment |= kind == *b"moof";
            }
            put(out, &kind, &fuzzed(data), false);
        }
        Node::Container { kind, children } => {
            let mut content = Vec::new();
            for child in children {
                write(&mut content, child, None);
            }
            let kind = CONTAINERS[usize::from(*kind) % CONTAINERS.len()];
            if let Some(top) = top {
                top.fragment |= kind == b"moof";
            }
            put(out, kind, &content, false);
        }
        Node::Metadata {
            kind,
            before,
            large,
        } => {
            let (kind, prefix): (&[u8; 4], &[u8]) = match kind % 5 {
                0 => (b"udta", b"\0\0\0\x1c\xA9xyz"),
                1 => (b"meta", b"\0\0\0\0"),
                2 => (b"uuid", &XMP_UUID),
                3 => (b"XMP_", b""),
                // A vendor's own box is blanked only at the top level.
                _ if top_level => (b"SEFT", b""),
                _ => (b"udta", b""),
            };
            put(out, kind, &with_marker(prefix, before), *large);
        }
        Node::UnusedMedia { before } => match top {
            Some(top) => {
                top.unused_media = true;
                put(out, b"mdat", &with_marker(b"$GPRMC,", before), false);
            }
            None => put(out, b"udta", &with_marker(b"", before), false),
        },
    }
}

fuzz_target!(|input: Input| {
    let mut file = Vec::new();
    let brand = BRANDS[usize::from(input.brand) % BRANDS.len()];
    put(
        &mut file,
        b"ftyp",
        &[&brand[..], b"\0\0\0\0isom"].concat(),
        false,
    );
    let mut last = None;
    let mut top = Top::default();
    for node in &input.top {
        last = Some(file.len());
        write(&mut file, node, Some(&mut top));
    }
    if top.fragment && top.unused_media {
        return;
    }
    // A last top-level box of size 0 runs to the end of the file.
    if input.last_to_end
        && let Some(size) = last.and_then(|at| file.get_mut(at..at + 4))
        && size != [0, 0, 0, 1]
    {
        size.fill(0);
    }
    file.extend_from_slice(&fuzzed(&input.trailer));
    check(file);
});
