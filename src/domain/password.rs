//! Staff passwords: argon2id at a configured cost (OWASP's 19 MiB, 2 passes, 1 lane unless told
//! otherwise), a strength check for new passwords (zxcvbn, which knows common passwords, names and
//! keyboard patterns), and a verification that costs the same whether or not the account exists.

use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// What hashing a new password costs: argon2id memory (KiB) and passes, one lane. A stored hash
/// carries its own cost, so changing this affects new and reset passwords only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub memory_kib: u32,
    pub passes: u32,
}

impl Cost {
    /// OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1. The production default.
    pub const OWASP: Self = Self {
        memory_kib: 19_456,
        passes: 2,
    };
    /// argon2's smallest: for tests only, where a hash per sign-in would dominate the run.
    pub const MINIMAL: Self = Self {
        memory_kib: 8,
        passes: 1,
    };

    /// `MEMORY_KIB/PASSES`, for instance `19456/2`; `None` for anything argon2 would refuse.
    pub fn parse(s: &str) -> Option<Self> {
        let (m, t) = s.split_once('/')?;
        let c = Self {
            memory_kib: m.trim().parse().ok()?,
            passes: t.trim().parse().ok()?,
        };
        c.params().ok().map(|_| c)
    }

    fn params(self) -> Result<Params, argon2::Error> {
        Params::new(self.memory_kib, self.passes, 1, None)
    }
}

/// Hashes and verifies at one cost, with the dummy hash an unknown account is verified against
/// made at that same cost (so both answers take as long).
pub struct Hasher {
    argon: Argon2<'static>,
    dummy: String,
}

impl Hasher {
    pub fn new(cost: Cost) -> anyhow::Result<Self> {
        let params = cost
            .params()
            .map_err(|e| anyhow::anyhow!("password cost {cost:?}: {e}"))?;
        let mut h = Self {
            argon: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
            dummy: String::new(),
        };
        h.dummy = h.hash("netra dummy password, never valid")?;
        Ok(h)
    }

    /// The PHC string of `password` with a fresh random salt. Slow on purpose: call it off the
    /// async threads.
    pub fn hash(&self, password: &str) -> anyhow::Result<String> {
        self.argon
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    }

    /// Whether `password` matches `stored`; with `None` (no such account) the same work is done
    /// against the dummy hash and the answer is false.
    pub fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let phc = stored.unwrap_or(self.dummy.as_str());
        let ok = self.argon.verify_password(password.as_bytes(), phc).is_ok();
        ok && stored.is_some()
    }
}

/// Why a new password is refused (a catalogue key each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    TooShort,
    TooLong,
    Guessable,
}

impl Weakness {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::TooShort => "password.too_short",
            Self::TooLong => "password.too_long",
            Self::Guessable => "password.guessable",
        }
    }
}

/// Accepts a new password only if it is long enough and zxcvbn rates it hard to guess (score 3
/// of 4 or better), taking the user's own email and name into account.
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<(), Weakness> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        return Err(Weakness::TooShort);
    }
    if n > MAX_LENGTH {
        return Err(Weakness::TooLong);
    }
    let score = zxcvbn::zxcvbn(password, user_inputs).score();
    if (score as u8) < 3 {
        Err(Weakness::Guessable)
    } else {
        Ok(())
    }
}

/// A random one-time password for a new account or a reset: 20 characters, ~119 bits.
pub fn one_time() -> String {
    use rand::RngExt as _;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only_whatever_cost_it_was_made_at() {
        let owasp = Hasher::new(Cost::OWASP).expect("hasher");
        let h = owasp
            .hash("kopi tubruk di palangka raya")
            .unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(owasp.verify("kopi tubruk di palangka raya", Some(&h)));
        assert!(!owasp.verify("kopi tubruk di palangka rayA", Some(&h)));
        assert!(
            !owasp.verify("kopi tubruk di palangka raya", None),
            "no account, no entry"
        );
        // A stored hash carries its parameters: changing the cost locks nobody out.
        let minimal = Hasher::new(Cost::MINIMAL).expect("hasher");
        assert!(minimal.verify("kopi tubruk di palangka raya", Some(&h)));
        let m = minimal.hash("teh manis").unwrap_or_default();
        assert!(m.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{m}");
        assert!(owasp.verify("teh manis", Some(&m)));
        assert!(!owasp.verify("teh manis", Some("not a hash")));
    }

    #[test]
    fn a_cost_is_memory_over_passes_that_argon2_accepts() {
        assert_eq!(Cost::parse("19456/2"), Some(Cost::OWASP));
        assert_eq!(Cost::parse(" 8 / 1 "), Some(Cost::MINIMAL));
        for bad in ["", "19456", "1/1", "8/0", "x/2", "19456/2/1"] {
            assert_eq!(Cost::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weak_new_passwords_are_refused_with_a_reason() {
        assert_eq!(check_strength("short", &[]), Err(Weakness::TooShort));
        assert_eq!(
            check_strength("password1234", &[]),
            Err(Weakness::Guessable)
        );
        assert_eq!(
            check_strength("budi.santoso@bkn.go.id", &["budi.santoso@bkn.go.id"]),
            Err(Weakness::Guessable)
        );
        assert_eq!(
            check_strength(&"x".repeat(200), &[]),
            Err(Weakness::TooLong)
        );
        assert_eq!(check_strength("kopi tubruk di palangka raya", &[]), Ok(()));
    }

    #[test]
    fn one_time_passwords_pass_the_strength_check() {
        for _ in 0..20 {
            let p = one_time();
            assert_eq!(check_strength(&p, &[]), Ok(()), "{p}");
        }
    }
}
