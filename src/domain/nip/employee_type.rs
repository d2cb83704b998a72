//! The identity number against the employee type the reporter chose (DOMAIN §6.2): digits 13–14
//! of an 18-digit number are a month for a PNS NIP and a code of 21 or more for an NI PPPK. A
//! disagreement is a warning, never a refusal (the PPPK codes are unconfirmed, and a reporter who
//! knows the number may still pick the wrong type); staff correct the case.

use super::{AsnId, NipKind};

/// What the number says against the chosen type: the message key (its `{arg}` is digits 13–14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeMismatch {
    /// `"pppk"`: the number looks like an NI PPPK but a PNS/CPNS type was chosen; `"pns"`: the
    /// other way round.
    pub looks_like: &'static str,
    /// Digits 13–14 of the number.
    pub code: u8,
}

impl TypeMismatch {
    /// The two digits as printed in the number ("05", "24").
    pub fn digits(self) -> String {
        format!("{:02}", self.code)
    }
}

/// The disagreement between an identity number and an employee type (`PNS`, `CPNS`, `PPPK`,
/// `unknown`), if any. A NIK says nothing about the type.
pub fn mismatch(id: &AsnId, employee_type: &str) -> Option<TypeMismatch> {
    let AsnId::Nip(nip) = id else {
        return None;
    };
    let looks_like = match (nip.kind(), employee_type) {
        (NipKind::LikelyPppk, "PNS" | "CPNS") => "pppk",
        (NipKind::Pns, "PPPK") => "pns",
        _ => return None,
    };
    Some(TypeMismatch {
        looks_like,
        code: nip.appointment_code(),
    })
}

/// The same check on a stored number (`id_kind`, `id_number`), for a case already filed; `None`
/// also for a stored number that no longer parses.
pub fn stored_mismatch(
    id_kind: &str,
    id_number: &str,
    employee_type: &str,
    today: chrono::NaiveDate,
) -> Option<TypeMismatch> {
    if id_kind != "nip" {
        return None;
    }
    let id = AsnId::parse(id_number, today, |_| true).ok()?;
    mismatch(&id, employee_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> AsnId {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        AsnId::parse(s, today, |_| true).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn a_pppk_code_filed_as_pns_or_cpns_is_flagged_and_the_converse_too() {
        let pppk = id("198609262021241001");
        assert_eq!(
            mismatch(&pppk, "PNS"),
            Some(TypeMismatch {
                looks_like: "pppk",
                code: 24
            })
        );
        assert_eq!(
            mismatch(&pppk, "CPNS").map(|m| m.digits()),
            Some("24".into())
        );
        assert_eq!(mismatch(&pppk, "PPPK"), None);
        assert_eq!(mismatch(&pppk, "unknown"), None);
        let pns = id("198609262015051001");
        assert_eq!(mismatch(&pns, "PNS"), None);
        assert_eq!(mismatch(&pns, "PPPK").map(|m| m.looks_like), Some("pns"));
        assert_eq!(
            mismatch(&pns, "PPPK").map(|m| m.digits()),
            Some("05".into())
        );
    }

    #[test]
    fn a_nik_or_an_unparsable_stored_number_says_nothing() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        assert_eq!(
            stored_mismatch("nik", "6271012609860001", "PNS", today),
            None
        );
        assert_eq!(stored_mismatch("nip", "12345", "PNS", today), None);
        assert!(stored_mismatch("nip", "198609262021241001", "PNS", today).is_some());
    }
}
