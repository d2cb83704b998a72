//! Case numbers and receipt secrets: what the reporter keeps to come back to their case.
//!
//! Both use Crockford's base32 alphabet (no I, L, O, U), so a person can read them aloud and copy
//! them by hand; when parsing, the look-alikes are mapped back (O→0, I/L→1).

use rand::RngExt as _;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn normalise_char(c: char) -> Option<char> {
    match c.to_ascii_uppercase() {
        'O' => Some('0'),
        'I' | 'L' => Some('1'),
        'U' => None,
        c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => Some(c),
        _ => None,
    }
}

/// A public case number, `NTR-2026-7K3Q9M`: the year and 30 random bits, so numbers cannot be
/// enumerated in bulk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNumber(String);

impl CaseNumber {
    pub fn generate(year: i32) -> Self {
        let mut rng = rand::rng();
        let tail: String = (0..6)
            .map(|_| ALPHABET[rng.random_range(0..32)] as char)
            .collect();
        Self(format!("NTR-{year}-{tail}"))
    }

    /// Accepts what a person may type: any case, spaces, missing dashes, O for 0.
    pub fn parse(raw: &str) -> Option<Self> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let upper = compact.to_ascii_uppercase();
        let rest = upper.strip_prefix("NTR")?;
        if rest.len() != 10 || !rest.is_ascii() {
            return None;
        }
        let (year, tail) = rest.split_at(4);
        if !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let tail: Option<String> = tail.chars().map(normalise_char).collect();
        Some(Self(format!("NTR-{year}-{}", tail?)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A receipt secret: 125 bits shown as 25 characters in five groups of five.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptSecret(String);

impl std::fmt::Debug for ReceiptSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptSecret(..)")
    }
}

impl ReceiptSecret {
    pub const CHARS: usize = 25;

    /// Encodes 125 of the 128 bits given.
    pub fn from_entropy(bytes: [u8; 16]) -> Self {
        let n = u128::from_be_bytes(bytes);
        let s = (0..Self::CHARS)
            .map(|i| ALPHABET[((n >> (i * 5)) & 31) as usize] as char)
            .collect();
        Self(s)
    }

    /// Accepts the secret with or without group separators, any case, O/I/L look-alikes.
    pub fn parse(raw: &str) -> Option<Self> {
        let s: Option<String> = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(normalise_char)
            .collect();
        let s = s?;
        (s.len() == Self::CHARS).then_some(Self(s))
    }

    /// The canonical form that is hashed and stored.
    pub fn normalised(&self) -> &str {
        &self.0
    }

    /// `ABCDE-FGHJK-…` for display.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(5)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_numbers_parse_as_people_type_them() {
        let n = CaseNumber::generate(2026);
        assert_eq!(
            CaseNumber::parse(&n.as_str().to_lowercase()),
            Some(n.clone())
        );
        assert_eq!(
            CaseNumber::parse("ntr 2026 7k3q9m")
                .map(|c| c.as_str().to_owned())
                .as_deref(),
            Some("NTR-2026-7K3Q9M")
        );
        assert_eq!(
            CaseNumber::parse("NTR-2026-OOOOOO")
                .map(|c| c.as_str().to_owned())
                .as_deref(),
            Some("NTR-2026-000000")
        );
        assert_eq!(CaseNumber::parse("NTR-2026-7K3Q9"), None);
        assert_eq!(CaseNumber::parse("ABC-2026-7K3Q9M"), None);
    }

    #[test]
    fn a_receipt_secret_has_at_least_100_bits_and_is_grouped_in_fives() {
        let s = ReceiptSecret::from_entropy([0xA5; 16]);
        const { assert!(ReceiptSecret::CHARS * 5 >= 100) };
        let g = s.grouped();
        assert_eq!(g.len(), 29);
        assert_eq!(g.split('-').count(), 5);
        assert_eq!(ReceiptSecret::parse(&g.to_lowercase()), Some(s));
    }

    proptest! {
        #[test]
        fn every_receipt_secret_round_trips(bytes in any::<[u8; 16]>()) {
            let s = ReceiptSecret::from_entropy(bytes);
            prop_assert_eq!(ReceiptSecret::parse(&s.grouped()), Some(s.clone()));
            prop_assert_eq!(ReceiptSecret::parse(s.normalised()), Some(s));
        }
    }
}
