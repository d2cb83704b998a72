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

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Fixed "today" so the future-date rules do not drift with the clock.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).expect("2025-06-15 exists")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates exist")
    }

    /// A handful of real province codes; the real list comes from the caller.
    fn is_province(code: &str) -> bool {
        [
            "11", "12", "31", "32", "33", "34", "35", "36", "51", "52", "61", "73", "94",
        ]
        .contains(&code)
    }

    fn parse(raw: &str) -> Result<AsnId, AsnIdError> {
        AsnId::parse(raw, today(), is_province)
    }

    const NIP_ERRORS: [AsnIdError; 6] = [
        AsnIdError::NipBirthDate,
        AsnIdError::NipAppointmentMonth,
        AsnIdError::NipAppointmentFuture,
        AsnIdError::NipAppointmentBeforeAdulthood,
        AsnIdError::NipSexDigit,
        AsnIdError::NipSequence,
    ];

    #[test]
    fn accepted_nips_expose_what_their_digits_encode() {
        // (why, input, birth date, appointment year, code, kind, sex)
        let cases = [
            (
                "a PNS NIP grouped with spaces is read as born 1986-09-26, appointed May 2015, male",
                "19860926 201505 1 001",
                date(1986, 9, 26),
                2015,
                5,
                NipKind::Pns,
                Sex::Male,
            ),
            (
                "dots between the groups are separators",
                "19860926.201505.1.001",
                date(1986, 9, 26),
                2015,
                5,
                NipKind::Pns,
                Sex::Male,
            ),
            (
                "hyphens and surrounding whitespace are separators too",
                "\t 19860926-201505-1-001 \n",
                date(1986, 9, 26),
                2015,
                5,
                NipKind::Pns,
                Sex::Male,
            ),
            (
                "a non-breaking space pasted from a PDF is a separator",
                "19860926\u{a0}201505\u{a0}1\u{a0}001",
                date(1986, 9, 26),
                2015,
                5,
                NipKind::Pns,
                Sex::Male,
            ),
            (
                "digits 13-14 of 24 are the published PPPK code, accepted as likely PPPK, female",
                "19900101 2025 24 2 014",
                date(1990, 1, 1),
                2025,
                24,
                NipKind::LikelyPppk,
                Sex::Female,
            ),
            (
                "PPPK code 21 is the lowest code that is not a month",
                "19950315 2022 21 1 003",
                date(1995, 3, 15),
                2022,
                21,
                NipKind::LikelyPppk,
                Sex::Male,
            ),
            (
                "29 February of a leap year is a real birth date",
                "19880229 201012 2 001",
                date(1988, 2, 29),
                2010,
                12,
                NipKind::Pns,
                Sex::Female,
            ),
            (
                "an appointment exactly 15 years after the birth year is allowed",
                "20000101 201501 1 999",
                date(2000, 1, 1),
                2015,
                1,
                NipKind::Pns,
                Sex::Male,
            ),
            (
                "an appointment in the current year is not in the future",
                "19990615 202512 1 001",
                date(1999, 6, 15),
                2025,
                12,
                NipKind::Pns,
                Sex::Male,
            ),
        ];
        for (why, raw, born, year, code, kind, sex) in cases {
            let Ok(AsnId::Nip(nip)) = parse(raw) else {
                panic!("{why}: {raw:?} gave {:?}", parse(raw));
            };
            assert_eq!(nip.birth_date(), born, "{why}");
            assert_eq!(nip.appointment_year(), year, "{why}");
            assert_eq!(nip.appointment_code(), code, "{why}");
            assert_eq!(nip.kind(), kind, "{why}");
            assert_eq!(nip.sex(), sex, "{why}");
            let id = AsnId::Nip(nip);
            assert_eq!(id.kind(), "nip", "{why}");
            assert_eq!(id.digits().len(), 18, "{why}");
            assert!(id.digits().bytes().all(|b| b.is_ascii_digit()), "{why}");
        }
    }

    #[test]
    fn refused_inputs_name_the_first_rule_they_break() {
        use AsnIdError::*;
        let cases = [
            ("an empty field is empty", "", Empty),
            ("only whitespace is empty", "   \t ", Empty),
            ("only separators are empty", " . - . ", Empty),
            (
                "a letter O instead of a zero is refused",
                "1986O926 201505 1 001",
                BadCharacters,
            ),
            (
                "a label typed before the number is refused",
                "NIP 198609262015051001",
                BadCharacters,
            ),
            (
                "slashes are not separators",
                "19860926/201505/1/001",
                BadCharacters,
            ),
            (
                "full-width digits are refused",
                "１９８６０９２６２０１５０５１００１",
                BadCharacters,
            ),
            ("a 9-digit pre-2008 NIP is an old NIP", "130123456", OldNip),
            ("a grouped 9-digit NIP is an old NIP", "130 123 456", OldNip),
            (
                "17 digits is a wrong length",
                "19860926 201505 1 00",
                WrongLength { digits: 17 },
            ),
            (
                "19 digits is a wrong length",
                "19860926 201505 1 0011",
                WrongLength { digits: 19 },
            ),
            (
                "a single digit is a wrong length",
                "7",
                WrongLength { digits: 1 },
            ),
            (
                "month 13 is not a birth date",
                "19861331 201505 1 001",
                NipBirthDate,
            ),
            (
                "29 February 1987 did not exist",
                "19870229 201505 1 001",
                NipBirthDate,
            ),
            (
                "day 32 is not a birth date",
                "19860932 201505 1 001",
                NipBirthDate,
            ),
            (
                "day 00 is not a birth date",
                "19860900 201505 1 001",
                NipBirthDate,
            ),
            (
                "a birth date after today is impossible",
                "20250616 202501 1 001",
                NipBirthDate,
            ),
            (
                "a birth year before 1900 is impossible",
                "18990101 201505 1 001",
                NipBirthDate,
            ),
            (
                "year 0001 is not a birth year",
                "00010101 201505 1 001",
                NipBirthDate,
            ),
            (
                "appointment month 00 is neither a month nor a PPPK code",
                "19860926 201500 1 001",
                NipAppointmentMonth,
            ),
            (
                "appointment month 13 is neither a month nor a PPPK code",
                "19860926 201513 1 001",
                NipAppointmentMonth,
            ),
            (
                "code 20 is neither a month nor a PPPK code",
                "19860926 201520 1 001",
                NipAppointmentMonth,
            ),
            (
                "a PNS appointment next year is in the future",
                "19860926 202601 1 001",
                NipAppointmentFuture,
            ),
            (
                "a PPPK appointment next year is in the future",
                "19860926 2026 24 2 014",
                NipAppointmentFuture,
            ),
            (
                "an appointment at age 14 is before adulthood",
                "19860926 200001 1 001",
                NipAppointmentBeforeAdulthood,
            ),
            (
                "an appointment before birth is before adulthood",
                "19860926 198001 1 001",
                NipAppointmentBeforeAdulthood,
            ),
            (
                "sex digit 3 is neither male nor female",
                "19860926 201505 3 001",
                NipSexDigit,
            ),
            (
                "sex digit 0 is neither male nor female",
                "19860926 201505 0 001",
                NipSexDigit,
            ),
            (
                "sequence 000 does not exist",
                "19860926 201505 1 000",
                NipSequence,
            ),
            (
                "the birth date is checked before the appointment month",
                "19861331 201500 3 000",
                NipBirthDate,
            ),
            (
                "the appointment month is checked before the future year",
                "19860926 202613 3 000",
                NipAppointmentMonth,
            ),
            (
                "the future year is checked before the sex digit",
                "19860926 202601 3 000",
                NipAppointmentFuture,
            ),
            (
                "adulthood is checked before the sex digit",
                "19860926 200001 3 000",
                NipAppointmentBeforeAdulthood,
            ),
            (
                "the sex digit is checked before the sequence",
                "19860926 201505 3 000",
                NipSexDigit,
            ),
        ];
        for (why, raw, expected) in cases {
            assert_eq!(parse(raw), Err(expected), "{why}: {raw:?}");
        }
    }

    #[test]
    fn accepted_niks_expose_province_day_month_and_sex() {
        // (why, input, province, (day, month), sex)
        let cases = [
            (
                "a man born 15 September 1986 in Jakarta",
                "3174011509860001",
                "31",
                (15, 9),
                Sex::Male,
            ),
            (
                "a woman's birth day carries +40",
                "3174015509860002",
                "31",
                (15, 9),
                Sex::Female,
            ),
            (
                "day 71 is a woman born on the 31st",
                "3174017101900003",
                "31",
                (31, 1),
                Sex::Female,
            ),
            (
                "29 Feb 00 exists because 2000 was a leap year",
                "3273012902000001",
                "32",
                (29, 2),
                Sex::Male,
            ),
            (
                "29 Feb 96 for a woman (69 = 29 + 40)",
                "3578016902960001",
                "35",
                (29, 2),
                Sex::Female,
            ),
            (
                "a NIK grouped with spaces and dots",
                "31 74 01 150986.0001",
                "31",
                (15, 9),
                Sex::Male,
            ),
        ];
        for (why, raw, province, day_month, sex) in cases {
            let Ok(AsnId::Nik(nik)) = parse(raw) else {
                panic!("{why}: {raw:?} gave {:?}", parse(raw));
            };
            assert_eq!(nik.province_code(), province, "{why}");
            assert_eq!(nik.birth_date_day_month(), day_month, "{why}");
            assert_eq!(nik.sex(), sex, "{why}");
            let id = AsnId::Nik(nik);
            assert_eq!(id.kind(), "nik", "{why}");
            assert_eq!(id.digits().len(), 16, "{why}");
        }
    }

    #[test]
    fn refused_niks_name_the_first_rule_they_break() {
        use AsnIdError::*;
        let cases = [
            ("99 is not a province code", "9974011509860001", NikProvince),
            ("00 is not a province code", "0074011509860001", NikProvince),
            (
                "31 February does not exist",
                "3174013102860001",
                NikBirthDate,
            ),
            (
                "31 February does not exist for a woman either",
                "3174017102860001",
                NikBirthDate,
            ),
            (
                "29 Feb 01 exists in neither 1901 nor 2001",
                "3174012902010001",
                NikBirthDate,
            ),
            (
                "day 32 is neither a man's nor a woman's day",
                "3174013209860001",
                NikBirthDate,
            ),
            (
                "day 40 is neither a man's nor a woman's day",
                "3174014009860001",
                NikBirthDate,
            ),
            (
                "day 72 is past the woman's range",
                "3174017209860001",
                NikBirthDate,
            ),
            ("day 00 does not exist", "3174010009860001", NikBirthDate),
            ("month 13 does not exist", "3174011513860001", NikBirthDate),
            (
                "sequence 0000 does not exist",
                "3174011509860000",
                NikSequence,
            ),
            (
                "the province is checked before the birth date",
                "9974013102860000",
                NikProvince,
            ),
            (
                "the birth date is checked before the sequence",
                "3174013102860000",
                NikBirthDate,
            ),
        ];
        for (why, raw, expected) in cases {
            assert_eq!(parse(raw), Err(expected), "{why}: {raw:?}");
        }
    }

    #[test]
    fn a_nik_birth_date_in_the_future_for_both_centuries_is_refused() {
        // Only possible while today is in 1999: 15 June 99 is after 1 January 1999, and 2099 is later still.
        let new_years_day_1999 = date(1999, 1, 1);
        assert_eq!(
            AsnId::parse("3174011506990001", new_years_day_1999, is_province),
            Err(AsnIdError::NikBirthDate)
        );
        // The same NIK is fine once the date has passed.
        assert!(AsnId::parse("3174011506990001", today(), is_province).is_ok());
    }

    #[test]
    fn every_error_has_a_distinct_listed_message_key() {
        let all = [
            AsnIdError::Empty,
            AsnIdError::BadCharacters,
            AsnIdError::OldNip,
            AsnIdError::WrongLength { digits: 17 },
            AsnIdError::NipBirthDate,
            AsnIdError::NipAppointmentMonth,
            AsnIdError::NipAppointmentFuture,
            AsnIdError::NipAppointmentBeforeAdulthood,
            AsnIdError::NipSexDigit,
            AsnIdError::NipSequence,
            AsnIdError::NikProvince,
            AsnIdError::NikBirthDate,
            AsnIdError::NikSequence,
        ];
        let keys: Vec<&str> = all.iter().map(AsnIdError::message_key).collect();
        assert_eq!(keys, MESSAGE_KEYS);
        assert!(all.iter().all(|e| !e.to_string().is_empty()));
        assert!(
            AsnIdError::WrongLength { digits: 17 }
                .to_string()
                .contains("17")
        );
    }

    /// Inserts each `(position, separator)` into `digits`; positions past the end append.
    fn with_separators(digits: &str, seps: &[(usize, char)]) -> String {
        let mut chars: Vec<char> = digits.chars().collect();
        for &(at, sep) in seps {
            chars.insert(at.min(chars.len()), sep);
        }
        chars.into_iter().collect()
    }

    fn separators() -> impl Strategy<Value = Vec<(usize, char)>> {
        proptest::collection::vec(
            (0..=30usize, prop::sample::select(vec![' ', '.', '-'])),
            0..10,
        )
    }

    /// A NIP that satisfies every rule, with its parts.
    fn valid_nip() -> impl Strategy<Value = (String, NaiveDate, i32, u8, Sex)> {
        (1940..=2005i32, 1..=12u32, 1..=28u32)
            .prop_flat_map(|(y, m, d)| {
                (
                    Just(date(y, m, d)),
                    (y + 15)..=2025,
                    prop_oneof![1..=12u8, 21..=99u8],
                    prop::bool::ANY,
                    1..=999u16,
                )
            })
            .prop_map(|(born, year, code, female, seq)| {
                let sex = if female { Sex::Female } else { Sex::Male };
                let digits = format!(
                    "{}{year:04}{code:02}{}{seq:03}",
                    born.format("%Y%m%d"),
                    if female { 2 } else { 1 }
                );
                (digits, born, year, code, sex)
            })
    }

    proptest! {
        #[test]
        fn any_18_digit_string_parses_as_a_nip_or_fails_with_a_nip_error(digits in "[0-9]{18}") {
            match parse(&digits) {
                Ok(AsnId::Nip(nip)) => prop_assert_eq!(nip.digits(), digits.as_str()),
                Ok(other) => prop_assert!(false, "18 digits parsed as {:?}", other),
                Err(e) => prop_assert!(NIP_ERRORS.contains(&e), "unexpected {:?}", e),
            }
        }

        #[test]
        fn separators_never_change_the_result_of_18_digits(
            digits in "[0-9]{18}",
            seps in separators(),
        ) {
            prop_assert_eq!(parse(&with_separators(&digits, &seps)), parse(&digits));
        }

        #[test]
        fn a_valid_nip_with_separators_inserted_parses_to_the_same_parts(
            (digits, born, year, code, sex) in valid_nip(),
            seps in separators(),
        ) {
            let plain = parse(&digits);
            let Ok(AsnId::Nip(nip)) = &plain else {
                return Err(TestCaseError::fail(format!("{digits} gave {plain:?}")));
            };
            prop_assert_eq!(nip.birth_date(), born);
            prop_assert_eq!(nip.appointment_year(), year);
            prop_assert_eq!(nip.appointment_code(), code);
            prop_assert_eq!(nip.sex(), sex);
            prop_assert_eq!(nip.kind(), if code <= 12 { NipKind::Pns } else { NipKind::LikelyPppk });
            prop_assert_eq!(parse(&with_separators(&digits, &seps)), plain);
        }

        #[test]
        fn any_text_is_answered_without_panicking(raw in "\\PC{0,40}") {
            let _ = parse(&raw);
        }

        #[test]
        fn any_16_digit_string_parses_as_a_nik_or_fails_with_a_nik_error(digits in "[0-9]{16}") {
            match parse(&digits) {
                Ok(AsnId::Nik(nik)) => prop_assert_eq!(nik.digits(), digits.as_str()),
                Ok(other) => prop_assert!(false, "16 digits parsed as {:?}", other),
                Err(e) => prop_assert!(
                    [AsnIdError::NikProvince, AsnIdError::NikBirthDate, AsnIdError::NikSequence].contains(&e),
                    "unexpected {:?}", e
                ),
            }
        }
    }
}
