//! Staff passwords: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), a strength check
//! for new passwords (zxcvbn, which knows common passwords, names and keyboard patterns), and a
//! verification that costs the same whether or not the account exists.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

fn hasher() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1. The values are valid constants.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
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

/// The PHC string of `password` with a fresh random salt. Slow on purpose: call it off the async
/// threads.
pub fn hash(password: &str) -> anyhow::Result<String> {
    hasher()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// A hash of nothing anyone knows, verified against when the email is unknown so that answer
/// takes as long as a wrong password.
static DUMMY: LazyLock<String> =
    LazyLock::new(|| hash("netra dummy password, never valid").unwrap_or_default());

/// Whether `password` matches `stored`; with `None` (no such account) the same work is done
/// against a dummy hash and the answer is false.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let phc = stored.unwrap_or(DUMMY.as_str());
    let ok = hasher().verify_password(password.as_bytes(), phc).is_ok();
    ok && stored.is_some()
}

/// A random one-time password for a new account or a reset: 20 characters, ~119 bits.
pub fn one_time() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("kopi tubruk di palangka raya").unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("kopi tubruk di palangka raya", Some(&h)));
        assert!(!verify("kopi tubruk di palangka rayA", Some(&h)));
        assert!(
            !verify("kopi tubruk di palangka raya", None),
            "no account, no entry"
        );
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
