//! Shared pieces of the fuzz targets: the evidence module under test, the planted marker and the
//! one invariant every target checks.
//!
//! The evidence module is pure (it imports nothing from the rest of Netra), so it is compiled
//! here from its source file instead of through the `netra` crate: an instrumented release build
//! of the whole server (actix, diesel, SQLite, lettre, rustls) costs minutes on the two cores CI
//! has, for code the fuzzer never reaches. `clean` here is the same function the server calls.

#[path = "../../src/domain/evidence/mod.rs"]
pub mod evidence;

use std::ffi::OsString;
use std::sync::OnceLock;

pub use evidence::{EvidenceKind, clean};

/// What the targets plant in a metadata place. It holds `~` twice, and every fuzzed byte that
/// goes into a file passes through [`fuzzed`], which turns `~` into `}`: so the marker can only
/// be in a file where a target planted it, never in the content around it by chance. It is
/// printable ASCII without `(`, `)` or `\`, so a PDF writer copies it into a literal string as
/// it is and a surviving marker cannot hide behind an escape.
pub const MARKER: &[u8] = b"~NETRA-FUZZ-MARKER +52.5200+013.4050/~";

/// Fuzzed bytes, made unable to contain [`MARKER`].
#[must_use]
pub fn fuzzed(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .map(|&b| if b == b'~' { b'}' } else { b })
        .collect()
}

/// `before`, fuzzed, followed by the marker: a metadata payload with the marker somewhere in it.
#[must_use]
pub fn with_marker(prefix: &[u8], before: &[u8]) -> Vec<u8> {
    [prefix, &fuzzed(before), MARKER].concat()
}

#[must_use]
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The invariant: whatever `file` is, cleaning it does not panic, and if the cleaner accepts it,
/// no planted marker is in what would be stored. A refusal is always a correct answer.
pub fn check(file: Vec<u8>) {
    static DEBUG: OnceLock<(Option<OsString>, bool)> = OnceLock::new();
    let (dump, stats) = DEBUG.get_or_init(|| {
        (
            std::env::var_os("NETRA_FUZZ_DUMP"),
            std::env::var_os("NETRA_FUZZ_STATS").is_some(),
        )
    });
    // To look at the file a crash input builds: NETRA_FUZZ_DUMP=path cargo fuzz run T crash-…
    if let Some(path) = dump {
        let _ = std::fs::write(path, &file);
    }
    let planted = contains(&file, MARKER);
    let result = clean(file);
    // How often the cleaner accepts what a target builds (an invariant checked only on refusals
    // proves nothing): NETRA_FUZZ_STATS=1 cargo fuzz run T corpus/T -- -runs=0
    if *stats {
        eprintln!(
            "netra-fuzz: {}",
            if result.is_ok() {
                "accepted"
            } else {
                "refused"
            }
        );
    }
    if let Ok(cleaned) = result {
        assert!(
            !(planted && contains(&cleaned.bytes, MARKER)),
            "a planted marker survived the {:?} cleaner",
            cleaned.kind
        );
    }
}
