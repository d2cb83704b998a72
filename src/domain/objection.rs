//! Upaya administratif (issue 11; DOMAIN.md §3.3; PP 79/2021): after the decree, the sanctioned
//! ASN may object. A keberatan goes to the decree official's superior against any decree but a
//! dismissal; a banding administratif goes to BPASN against a dismissal (PP 79/2021 Pasal 1
//! angka 4 and 5). Either is filed within a window counted in working days from the decree's date
//! (14 for banding, PP 79/2021 Pasal 11(3); the keberatan window is DOMAIN.md's ❓), and ends
//! upheld, changed (lighter, heavier or another sentence) or annulled.
//!
//! Pure rules; the windows are data (`stage_deadlines`: `objection_window`, and
//! `objection_decision` / `appeal_decision` for how long the deciding body takes).

use std::collections::HashSet;

use chrono::NaiveDate;

use super::working_days::add_working_days;

codes! {
    /// Which administrative remedy was filed, stored as its `as_str` name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ObjectionKind {
        /// Keberatan, to the superior of the official who decided (any decree but a dismissal).
        Keberatan = "keberatan",
        /// Banding administratif, to BPASN (a dismissal as PNS or termination as PPPK).
        Banding = "banding",
    }
}

codes! {
    /// How the objection ended (BPASN "memperkuat, memperingan, memperberat, mengubah, atau
    /// membatalkan": lighter, heavier and other sentences are all "changed").
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ObjectionOutcome {
        /// The decree stands.
        Upheld = "upheld",
        /// Another sentence replaces the decreed one.
        Changed = "changed",
        /// The decree is void; nothing is sanctioned.
        Annulled = "annulled",
    }
}

impl ObjectionKind {
    /// The stage (in `stage_deadlines`) that gives the deciding body its time.
    pub fn decision_stage(self) -> &'static str {
        match self {
            Self::Keberatan => "objection_decision",
            Self::Banding => "appeal_decision",
        }
    }
}

/// The last day an objection may be filed on: `days` working days after the decree's date.
pub fn window_end(sk_date: NaiveDate, days: u32, holidays: &HashSet<NaiveDate>) -> NaiveDate {
    add_working_days(sk_date, days, holidays)
}

/// What is wrong with the filing date, if anything (checked before anything is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingProblem {
    /// Not a date, in the future, or before the decree.
    BadDate,
    /// After the window: not admissible (PP 79/2021 Pasal 11(3) for banding), unless staff say
    /// the window ran from a later day (the decree reached the ASN late).
    Late,
}

/// Checks a filing date against the decree's date and the window's last day.
pub fn check_filing(
    filed_on: Option<NaiveDate>,
    sk_date: NaiveDate,
    last_day: NaiveDate,
    today: NaiveDate,
    late_checked: bool,
) -> Result<NaiveDate, FilingProblem> {
    let filed = filed_on
        .filter(|d| *d <= today && *d >= sk_date)
        .ok_or(FilingProblem::BadDate)?;
    if filed > last_day && !late_checked {
        return Err(FilingProblem::Late);
    }
    Ok(filed)
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid date")
    }

    #[test]
    fn the_window_skips_weekends_and_holidays_across_new_year() {
        // Decree on Wednesday 23 Dec 2026; 25 Dec and 1 Jan are holidays.
        let off: HashSet<NaiveDate> = [d(2026, 12, 25), d(2027, 1, 1)].into_iter().collect();
        // 24, 28, 29, 30, 31 Dec, 4, 5 Jan: the 7th working day is 5 January.
        assert_eq!(window_end(d(2026, 12, 23), 7, &off), d(2027, 1, 5));
    }

    #[test]
    fn filing_dates_are_checked_against_the_decree_and_the_window() {
        let (sk, last, today) = (d(2026, 11, 2), d(2026, 11, 20), d(2026, 12, 7));
        assert_eq!(
            check_filing(Some(d(2026, 11, 20)), sk, last, today, false),
            Ok(d(2026, 11, 20))
        );
        assert_eq!(
            check_filing(Some(d(2026, 11, 23)), sk, last, today, false),
            Err(FilingProblem::Late)
        );
        assert_eq!(
            check_filing(Some(d(2026, 11, 23)), sk, last, today, true),
            Ok(d(2026, 11, 23))
        );
        for bad in [None, Some(d(2026, 11, 1)), Some(d(2026, 12, 8))] {
            assert_eq!(
                check_filing(bad, sk, last, today, true),
                Err(FilingProblem::BadDate)
            );
        }
    }
}
