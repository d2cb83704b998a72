//! Identifier of the reported civil servant (ASN): parsing and validation of an 18-digit NIP
//! (PNS, or a PPPK number with the same layout) or a 16-digit NIK, following DOMAIN.md §6.
//!
//! This module owns the rules that decide whether a typed identifier is plausible and what it
//! encodes (birth date, appointment year, sex). It is pure: the caller supplies today's date and
//! the list of known province codes, so the rules can be tested without a clock or a database.
//! User-facing wording lives in the translation files, keyed by [`AsnIdError::message_key`];
//! [`MESSAGE_KEYS`] lists every key so the translations can be checked for completeness.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// Nobody born before this year is still in service; without a floor, inputs such as
/// `00010101…` would pass every other rule and store a birth date in year 1.
const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// Nobody is appointed CPNS/PPPK as a child; a smaller gap means a mistyped year.
const MIN_AGE_AT_APPOINTMENT: i32 = 15;

/// Length of the current NIP (PNS) and of the NI PPPK, which share the layout (DOMAIN §6.1, §6.2).
const NIP_LEN: usize = 18;
/// Length of the NIK (DOMAIN §6.3).
const NIK_LEN: usize = 16;
/// Length of the pre-2008 NIP, which is no longer used to identify an ASN (DOMAIN §6.1).
const OLD_NIP_LEN: usize = 9;

/// Day-of-month offset that the NIK adds for women (DOMAIN §6.3).
const NIK_FEMALE_DAY_OFFSET: u8 = 40;

/// The `id_kind` of a reported person whose NIP/NIK nobody knew when the report came in (DOMAIN.md
/// §3.1 LAPOR!, §5): the person's record is the case's own, numbered with the case number, until
/// staff record the number ("identity to be established"; registration waits for it).
pub const UNKNOWN_KIND: &str = "unknown";

/// Identifier of the reported ASN, as typed in the public report form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsnId {
    /// 18-digit NIP (PNS) or NI PPPK.
    Nip(Nip),
    /// 16-digit NIK, accepted when the reporter does not know the NIP.
    Nik(Nik),
}

impl AsnId {
    /// Normalises and validates `raw`.
    ///
    /// `today` is the caller's current date; `is_province` says whether a 2-digit code is a
    /// known province code (for NIK). Spaces, dots and hyphens are accepted anywhere as
    /// separators because people copy NIPs from documents that print them grouped.
    ///
    /// # Errors
    ///
    /// Returns the first rule the input breaks, in the order documented on [`AsnIdError`].
    pub fn parse(
        raw: &str,
        today: NaiveDate,
        is_province: impl Fn(&str) -> bool,
    ) -> Result<AsnId, AsnIdError> {
        let digits = normalise(raw)?;
        match digits.len() {
            0 => Err(AsnIdError::Empty),
            OLD_NIP_LEN => Err(AsnIdError::OldNip),
            NIP_LEN => Nip::parse(digits, today).map(AsnId::Nip),
            NIK_LEN => Nik::parse(digits, today, is_province).map(AsnId::Nik),
            n => Err(AsnIdError::WrongLength { digits: n }),
        }
    }

    /// `"nip"` or `"nik"`: the stable name of the identifier type, for storage and templates.
    pub fn kind(&self) -> &'static str {
        match self {
            AsnId::Nip(_) => "nip",
            AsnId::Nik(_) => "nik",
        }
    }

    /// The kind [`kind`](Self::kind) names for an identifier of these many digits, without
    /// validating it (a staff search looks up what was stored; it does not judge it).
    pub fn kind_of_length(digits: usize) -> Option<&'static str> {
        match digits {
            NIP_LEN => Some("nip"),
            NIK_LEN => Some("nik"),
            _ => None,
        }
    }

    /// The normalised identifier: ASCII digits only, no separators.
    pub fn digits(&self) -> &str {
        match self {
            AsnId::Nip(nip) => nip.digits(),
            AsnId::Nik(nik) => nik.digits(),
        }
    }
}

/// A validated 18-digit NIP: `YYYYMMDD YYYYMM G NNN` (DOMAIN §6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip {
    digits: String,
    birth_date: NaiveDate,
    appointment_year: i32,
    appointment_code: u8,
    kind: NipKind,
    sex: Sex,
}

impl Nip {
    /// `digits` is exactly 18 ASCII digits (checked by the caller).
    fn parse(digits: String, today: NaiveDate) -> Result<Nip, AsnIdError> {
        let birth_date = NaiveDate::from_ymd_opt(
            i32::from(number(&digits[0..4])),
            u32::from(number(&digits[4..6])),
            u32::from(number(&digits[6..8])),
        )
        .filter(|born| born.year() >= EARLIEST_BIRTH_YEAR && *born <= today)
        .ok_or(AsnIdError::NipBirthDate)?;

        let appointment_year = i32::from(number(&digits[8..12]));
        let appointment_code = two_digits(&digits[12..14]);
        let kind = match appointment_code {
            1..=12 => NipKind::Pns,
            // Not a month: the NI PPPK puts a contract/intake code here (DOMAIN §6.2). Its
            // meaning is unconfirmed, so any such code is accepted.
            21.. => NipKind::LikelyPppk,
            _ => return Err(AsnIdError::NipAppointmentMonth),
        };
        // Only the year is compared: the PPPK code carries no month, and the rule is meant to
        // catch mistyped years, not to second-guess an appointment made later this year.
        if appointment_year > today.year() {
            return Err(AsnIdError::NipAppointmentFuture);
        }
        if appointment_year < birth_date.year() + MIN_AGE_AT_APPOINTMENT {
            return Err(AsnIdError::NipAppointmentBeforeAdulthood);
        }
        let sex = match digits.as_bytes()[14] {
            b'1' => Sex::Male,
            b'2' => Sex::Female,
            _ => return Err(AsnIdError::NipSexDigit),
        };
        // Numbering starts at 001 (DOMAIN §6.1).
        if &digits[15..18] == "000" {
            return Err(AsnIdError::NipSequence);
        }
        Ok(Nip {
            digits,
            birth_date,
            appointment_year,
            appointment_code,
            kind,
            sex,
        })
    }

    /// The 18 normalised digits.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// Date of birth (digits 1–8).
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// Year of first appointment as CPNS or calon PPPK (digits 9–12).
    pub fn appointment_year(&self) -> i32 {
        self.appointment_year
    }

    /// Digits 13–14: the appointment month (1–12) for a PNS, or the PPPK code (≥ 21).
    pub fn appointment_code(&self) -> u8 {
        self.appointment_code
    }

    /// Whether digits 13–14 read as a month (PNS) or as a PPPK code.
    pub fn kind(&self) -> NipKind {
        self.kind
    }

    /// Sex encoded in digit 15.
    pub fn sex(&self) -> Sex {
        self.sex
    }
}

/// What digits 13–14 of an 18-digit NIP say about the employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NipKind {
    /// Digits 13–14 are a month (01–12): a PNS NIP.
    Pns,
    /// Digits 13–14 are 21 or more, which is not a month: most likely an NI PPPK (DOMAIN §6.2).
    LikelyPppk,
}

/// Sex as encoded in a NIP (digit 15) or a NIK (day + 40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// NIP digit 15 is `1`; NIK day 01–31.
    Male,
    /// NIP digit 15 is `2`; NIK day 41–71.
    Female,
}

/// A validated 16-digit NIK: `PP KK CC DDMMYY SSSS` (DOMAIN §6.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nik {
    digits: String,
    province_code: String,
    birth_date_day_month: (u32, u32),
    sex: Sex,
}

impl Nik {
    /// `digits` is exactly 16 ASCII digits (checked by the caller).
    fn parse(
        digits: String,
        today: NaiveDate,
        is_province: impl Fn(&str) -> bool,
    ) -> Result<Nik, AsnIdError> {
        let province_code = &digits[0..2];
        if !is_province(province_code) {
            return Err(AsnIdError::NikProvince);
        }

        let encoded_day = two_digits(&digits[6..8]);
        let (day, sex) = match encoded_day {
            1..=31 => (encoded_day, Sex::Male),
            41..=71 => (encoded_day - NIK_FEMALE_DAY_OFFSET, Sex::Female),
            _ => return Err(AsnIdError::NikBirthDate),
        };
        let month = two_digits(&digits[8..10]);
        let year_in_century = i32::from(two_digits(&digits[10..12]));
        // The NIK carries a 2-digit year, so the date only has to exist, and not lie in the
        // future, in one of the two possible centuries (this is what makes 29 Feb 00 valid
        // and 29 Feb 01 invalid).
        let plausible = [1900, 2000].into_iter().any(|century| {
            NaiveDate::from_ymd_opt(century + year_in_century, u32::from(month), u32::from(day))
                .is_some_and(|born| born <= today)
        });
        if !plausible {
            return Err(AsnIdError::NikBirthDate);
        }

        // Numbering starts at 0001 (DOMAIN §6.3).
        if &digits[12..16] == "0000" {
            return Err(AsnIdError::NikSequence);
        }
        Ok(Nik {
            province_code: province_code.to_owned(),
            birth_date_day_month: (u32::from(day), u32::from(month)),
            sex,
            digits,
        })
    }

    /// The 16 normalised digits.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// Province code (digits 1–2).
    pub fn province_code(&self) -> &str {
        &self.province_code
    }

    /// `(day, month)` of birth, with the +40 for women already removed. The year is not
    /// returned because the NIK only carries its last two digits.
    pub fn birth_date_day_month(&self) -> (u32, u32) {
        self.birth_date_day_month
    }

    /// Sex encoded in the birth day.
    pub fn sex(&self) -> Sex {
        self.sex
    }
}

/// Why a typed identifier was refused.
///
/// Checks run in this order, and the first failure is reported: characters, length; for a NIP
/// birth date, appointment month, appointment in the future, appointment before adulthood, sex
/// digit, sequence; for a NIK province, birth date, sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AsnIdError {
    /// Nothing but whitespace and separators was typed.
    Empty,
    /// A character other than a digit, space, dot or hyphen.
    BadCharacters,
    /// 9 digits: a pre-2008 NIP, which no longer identifies an ASN in BKN's systems.
    OldNip,
    /// Neither 18 (NIP), 16 (NIK) nor 9 (old NIP) digits.
    WrongLength {
        /// How many digits were typed, after removing separators.
        digits: usize,
    },
    /// NIP digits 1–8 are not a real date, are in the future, or are before 1900.
    NipBirthDate,
    /// NIP digits 13–14 are 00 or 13–20: neither a month nor a PPPK code.
    NipAppointmentMonth,
    /// NIP digits 9–12 are a year after the current one.
    NipAppointmentFuture,
    /// NIP appointment year is less than 15 years after the birth year.
    NipAppointmentBeforeAdulthood,
    /// NIP digit 15 is neither 1 (male) nor 2 (female).
    NipSexDigit,
    /// NIP digits 16–18 are 000.
    NipSequence,
    /// NIK digits 1–2 are not a known province code.
    NikProvince,
    /// NIK digits 7–12 are not a real birth date (day 01–31, or 41–71 for women).
    NikBirthDate,
    /// NIK digits 13–16 are 0000.
    NikSequence,
}

impl AsnIdError {
    /// Translation key of the user-facing message; `asn_id.wrong_length` takes `{digits}`.
    pub fn message_key(&self) -> &'static str {
        match self {
            AsnIdError::Empty => "asn_id.empty",
            AsnIdError::BadCharacters => "asn_id.bad_characters",
            AsnIdError::OldNip => "asn_id.old_nip",
            AsnIdError::WrongLength { .. } => "asn_id.wrong_length",
            AsnIdError::NipBirthDate => "asn_id.nip_birth_date",
            AsnIdError::NipAppointmentMonth => "asn_id.nip_appointment_month",
            AsnIdError::NipAppointmentFuture => "asn_id.nip_appointment_future",
            AsnIdError::NipAppointmentBeforeAdulthood => "asn_id.nip_appointment_before_adulthood",
            AsnIdError::NipSexDigit => "asn_id.nip_sex_digit",
            AsnIdError::NipSequence => "asn_id.nip_sequence",
            AsnIdError::NikProvince => "asn_id.nik_province",
            AsnIdError::NikBirthDate => "asn_id.nik_birth_date",
            AsnIdError::NikSequence => "asn_id.nik_sequence",
        }
    }
}

impl fmt::Display for AsnIdError {
    /// English text for logs and tests; users see the translated message behind `message_key`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsnIdError::Empty => f.write_str("no NIP or NIK was entered"),
            AsnIdError::BadCharacters => {
                f.write_str("NIP/NIK may contain only digits, spaces, dots and hyphens")
            }
            AsnIdError::OldNip => {
                f.write_str("9-digit pre-2008 NIP; the 18-digit NIP or the NIK is needed")
            }
            AsnIdError::WrongLength { digits } => write!(
                f,
                "a NIP has 18 digits and a NIK 16, but {digits} digits were entered"
            ),
            AsnIdError::NipBirthDate => f.write_str("NIP digits 1-8 are not a possible birth date"),
            AsnIdError::NipAppointmentMonth => f.write_str(
                "NIP digits 13-14 are neither a month (01-12) nor a PPPK code (21 or more)",
            ),
            AsnIdError::NipAppointmentFuture => {
                f.write_str("NIP appointment year (digits 9-12) is in the future")
            }
            AsnIdError::NipAppointmentBeforeAdulthood => f.write_str(
                "NIP appointment year (digits 9-12) is less than 15 years after the birth year",
            ),
            AsnIdError::NipSexDigit => f.write_str("NIP digit 15 must be 1 or 2"),
            AsnIdError::NipSequence => f.write_str("NIP sequence (digits 16-18) must not be 000"),
            AsnIdError::NikProvince => f.write_str("NIK digits 1-2 are not a known province code"),
            AsnIdError::NikBirthDate => {
                f.write_str("NIK digits 7-12 are not a possible birth date")
            }
            AsnIdError::NikSequence => f.write_str("NIK sequence (digits 13-16) must not be 0000"),
        }
    }
}

impl std::error::Error for AsnIdError {}

/// Trims `raw` and drops separators; refuses any character that is neither a digit nor a
/// separator. Whitespace of any kind counts as a separator because NIPs pasted from PDFs
/// often carry tabs or non-breaking spaces.
fn normalise(raw: &str) -> Result<String, AsnIdError> {
    let trimmed = raw.trim();
    let mut digits = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !(c.is_whitespace() || c == '.' || c == '-') {
            return Err(AsnIdError::BadCharacters);
        }
    }
    Ok(digits)
}

/// Value of a run of at most 4 ASCII digits (the caller has checked they are digits).
fn number(digits: &str) -> u16 {
    digits
        .bytes()
        .fold(0, |value, b| value * 10 + u16::from(b - b'0'))
}

/// Value of exactly 2 ASCII digits (the caller has checked they are digits).
fn two_digits(digits: &str) -> u8 {
    digits.bytes().fold(0, |value, b| value * 10 + (b - b'0'))
}

/// Every key [`AsnIdError::message_key`] can return, so the translation files can be checked
/// for a missing message.
pub const MESSAGE_KEYS: [&str; 13] = [
    "asn_id.empty",
    "asn_id.bad_characters",
    "asn_id.old_nip",
    "asn_id.wrong_length",
    "asn_id.nip_birth_date",
    "asn_id.nip_appointment_month",
    "asn_id.nip_appointment_future",
    "asn_id.nip_appointment_before_adulthood",
    "asn_id.nip_sex_digit",
    "asn_id.nip_sequence",
    "asn_id.nik_province",
    "asn_id.nik_birth_date",
    "asn_id.nik_sequence",
];

pub mod employee_type;

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests;
