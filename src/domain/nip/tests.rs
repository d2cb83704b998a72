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

mod props;

#[test]
fn the_kind_of_a_length_is_the_kind_a_parsed_identifier_of_that_length_has() {
    for raw in ["199001012015031001", "3174011506990001"] {
        let id = parse(raw).expect("a valid identifier");
        assert_eq!(AsnId::kind_of_length(raw.len()), Some(id.kind()), "{raw}");
    }
    for len in [0, 9, 15, 17, 19] {
        assert_eq!(AsnId::kind_of_length(len), None, "{len} digits");
    }
}
