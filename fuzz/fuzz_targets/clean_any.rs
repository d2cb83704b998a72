//! Any bytes at all through the public entry point: the cleaner never panics, and what it
//! accepts is still recognised as the kind it was accepted as.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netra_fuzz::{EvidenceKind, clean};

fuzz_target!(|data: &[u8]| {
    if let Ok(cleaned) = clean(data.to_vec()) {
        assert_eq!(EvidenceKind::sniff(&cleaned.bytes), Some(cleaned.kind));
    }
});
