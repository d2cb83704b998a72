//! The staff sign-in's second factor as pure rules: TOTP codes (RFC 6238 with the parameters every
//! authenticator app takes: HMAC-SHA1, six digits, 30-second steps), which step a typed code
//! belongs to within one step of clock skew, what the code prompt accepts (a six-digit code or a
//! recovery code), the recovery codes' alphabet, and which roles must have the factor.

use totp_rs::{Algorithm, TOTP};

use crate::domain::workflow::Role;

/// The length of a step: a code changes every 30 seconds.
pub const STEP_SECONDS: u64 = 30;
/// 160-bit secrets, RFC 4226's recommendation (RFC 6238 accepts no fewer than 128 bits).
pub const SECRET_BYTES: usize = 20;
/// How many recovery codes a set holds.
pub const RECOVERY_CODES: usize = 10;
/// Characters in a recovery code: ten of Crockford's base32, 50 random bits.
pub const RECOVERY_CODE_LEN: usize = 10;
/// The issuer authenticator apps show beside the account.
pub const ISSUER: &str = "Netra";
/// Crockford's base32 in lower case: no i, l, o or u, so nothing is misread.
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Admin and national staff see every agency, so they always need the factor.
pub fn always_required(role: Role) -> bool {
    matches!(role, Role::Admin | Role::National)
}

/// Whether an account of `role` must have the factor, given whether an admin switched it on for
/// that role.
pub fn required(role: Role, switched_on_for_role: bool) -> bool {
    always_required(role) || switched_on_for_role
}

/// The roles an admin may require the factor of (the others always need it).
pub const SWITCHABLE_ROLES: [Role; 2] = [Role::Inspector, Role::Bkpsdm];

/// The step `unix` (seconds) falls in.
pub fn step_at(unix: i64) -> u64 {
    u64::try_from(unix).unwrap_or(0) / STEP_SECONDS
}

/// A TOTP secret, in the clear: only ever held in memory (sealed at rest, `crypto::TOTP_LABEL`).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Secret {
    /// Raw bytes as stored (after opening); None when too short or too long to be ours.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Self> {
        (16..=64).contains(&bytes.len()).then_some(Self(bytes))
    }

    /// The base32 form (as written out for manual entry; spaces and case do not matter).
    pub fn from_base32(text: &str) -> Option<Self> {
        let squeezed: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        totp_rs::Secret::Encoded(squeezed)
            .to_bytes()
            .ok()
            .and_then(Self::from_bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// RFC 4648 base32 without padding, as apps take it.
    pub fn base32(&self) -> String {
        self.totp("")
            .map(|t| t.get_secret_base32())
            .unwrap_or_default()
    }

    /// The base32 form in groups of four, for typing it by hand.
    pub fn grouped(&self) -> String {
        let b = self.base32();
        let groups: Vec<&str> = b
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        groups.join(" ")
    }

    /// The `otpauth://` URI an app scans: issuer "Netra", the account's email as its name.
    pub fn uri(&self, account: &str) -> String {
        // The URI's label is `issuer:account`; a colon in the account would split it wrongly.
        self.totp(&account.replace(':', ""))
            .map(|t| t.get_url())
            .unwrap_or_default()
    }

    /// The code of `step`.
    pub fn code(&self, step: u64) -> String {
        self.totp("")
            .map(|t| t.generate(step.saturating_mul(STEP_SECONDS)))
            .unwrap_or_default()
    }

    /// The step, within one of `now` either way (clock skew), whose code is `code`; compared in
    /// constant time.
    pub fn step_of(&self, code: &str, now: u64) -> Option<u64> {
        [now.saturating_sub(1), now, now.saturating_add(1)]
            .into_iter()
            .find(|s| {
                use subtle::ConstantTimeEq as _;
                let c = self.code(*s);
                c.len() == code.len() && bool::from(c.as_bytes().ct_eq(code.as_bytes()))
            })
    }

    fn totp(&self, account: &str) -> Option<TOTP> {
        TOTP::new(
            Algorithm::SHA1,
            6,
            1,
            STEP_SECONDS,
            self.0.clone(),
            Some(ISSUER.to_owned()),
            account.to_owned(),
        )
        .ok()
    }
}

/// What was typed at a code prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Six digits from the app.
    Code(String),
    /// A recovery code, normalised (lower case, no dash; see [`normalise_recovery`]).
    Recovery(String),
}

impl Answer {
    /// Six digits (spaces allowed, as apps show "123 456"), or a recovery code (a dash, spaces
    /// and any case allowed). None: neither, a format error the user can mend.
    pub fn parse(typed: &str) -> Option<Self> {
        if typed.len() > 64 {
            return None;
        }
        let squeezed: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if squeezed.len() == 6 && squeezed.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Self::Code(squeezed));
        }
        normalise_recovery(&squeezed).map(Self::Recovery)
    }
}

/// A recovery code as stored and compared: ten characters of the alphabet, lower case, with the
/// letters people confuse read as the digits they look like (i and l as 1, o as 0).
pub fn normalise_recovery(squeezed: &str) -> Option<String> {
    let out: String = squeezed
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            'i' | 'l' => '1',
            'o' => '0',
            c => c,
        })
        .collect();
    let ok = out.len() == RECOVERY_CODE_LEN && out.bytes().all(|b| RECOVERY_ALPHABET.contains(&b));
    ok.then_some(out)
}

/// A recovery code made of `random` bytes (one character each: 256 is a multiple of 32, so every
/// character is equally likely), normalised.
pub fn recovery_code(random: &[u8; RECOVERY_CODE_LEN]) -> String {
    random
        .iter()
        .map(|b| char::from(RECOVERY_ALPHABET[usize::from(b % 32)]))
        .collect()
}

/// A normalised recovery code as shown: two groups of five.
pub fn recovery_display(code: &str) -> String {
    match (code.get(..5), code.get(5..)) {
        (Some(a), Some(b)) => format!("{a}-{b}"),
        _ => code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_secret() -> Secret {
        Secret::from_bytes(b"12345678901234567890".to_vec()).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn codes_match_the_rfc_6238_test_vectors_cut_to_six_digits() {
        // RFC 6238 appendix B (SHA-1): 94287082, 07081804, 14050471, 89005924, 69279037.
        let s = rfc_secret();
        for (time, code) in [
            (59u64, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(s.code(time / STEP_SECONDS), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_found_one_step_either_side_and_no_further() {
        let s = rfc_secret();
        let now = 1000;
        for step in [now - 1, now, now + 1] {
            assert_eq!(s.step_of(&s.code(step), now), Some(step));
        }
        assert_eq!(s.step_of(&s.code(now - 2), now), None);
        assert_eq!(s.step_of(&s.code(now + 2), now), None);
    }

    #[test]
    fn the_secret_round_trips_through_its_written_form_and_the_uri_names_netra() {
        let s = rfc_secret();
        assert_eq!(s.base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(s.grouped(), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assert_eq!(
            Secret::from_base32(&s.grouped().to_lowercase()),
            Some(s.clone())
        );
        assert_eq!(
            s.uri("pusat@bkn.go.id"),
            "otpauth://totp/Netra:pusat%40bkn.go.id?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Netra"
        );
        assert!(Secret::from_bytes(vec![0; 10]).is_none(), "too short");
        assert!(Secret::from_base32("not base32!").is_none());
    }

    #[test]
    fn the_prompt_takes_six_digits_or_a_recovery_code_and_nothing_else() {
        assert_eq!(
            Answer::parse(" 123 456 "),
            Some(Answer::Code("123456".into()))
        );
        assert_eq!(
            Answer::parse("ABCDE-FGH1K"),
            Some(Answer::Recovery("abcdefgh1k".into()))
        );
        assert_eq!(
            Answer::parse("abcde fghlk"),
            Some(Answer::Recovery("abcdefgh1k".into())),
            "l read as 1"
        );
        for bad in [
            "",
            "12345",
            "1234567",
            "12a456",
            "abcde-fghu1",
            "x".repeat(100).as_str(),
        ] {
            assert_eq!(Answer::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn recovery_codes_use_the_whole_alphabet_evenly_and_are_shown_in_two_groups() {
        let code = recovery_code(&[0, 31, 32, 63, 255, 1, 2, 3, 4, 5]);
        assert_eq!(code, "0z0zz12345");
        assert_eq!(recovery_display(&code), "0z0zz-12345");
        assert_eq!(
            normalise_recovery("0Z0ZZ12345").as_deref(),
            Some("0z0zz12345")
        );
    }

    #[test]
    fn admin_and_national_staff_always_need_the_factor_and_the_others_when_switched_on() {
        assert!(required(Role::Admin, false) && required(Role::National, false));
        assert!(!required(Role::Inspector, false) && required(Role::Inspector, true));
        assert!(!required(Role::Bkpsdm, false) && required(Role::Bkpsdm, true));
        assert!(SWITCHABLE_ROLES.iter().all(|r| !always_required(*r)));
    }
}
