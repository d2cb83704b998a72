//! Property tests: any digits are answered without panicking, separators never change a result.

use super::*;
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
