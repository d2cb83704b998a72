//! The examination as it happens (issue 11; DOMAIN.md §2.1, §3.2, §3.3 PEMERIKSAAN): summons
//! letters (panggilan I and II) and the hearings of the examining team or the ethics council.
//! Pure rules; how many working days apply is data (`stage_deadlines`: `summons_notice`,
//! `summons_interval`), because DOMAIN.md has them from one ministry's rule only (⚠️).
//!
//! - The first summons goes out at least `notice` working days before the day the ASN must
//!   appear; the second only after the ASN missed the first, for a day at least `interval`
//!   working days after the first one (and also with `notice` days' warning). There is no third.
//! - Whether the ASN came is recorded once the day has come.
//! - A hearing without the ASN is held only after they missed both summonses: the examiners then
//!   decide on the evidence they have (PMK 190/2018, DOMAIN.md §2.1).

use std::collections::HashSet;

use chrono::NaiveDate;

use super::report::FieldError;
use super::working_days::add_working_days;

codes! {
    /// Who held a hearing.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum HearingBody {
        /// The examining team (Tim Pemeriksa: superior, Inspektorat, BKPSDM), for discipline.
        Team = "team",
        /// The ethics council (Majelis Kode Etik) formed by the PPK, for the code of ethics.
        Majelis = "majelis",
    }
}

codes! {
    /// Whether the summoned ASN appeared.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Attendance {
        Attended = "attended",
        Absent = "absent",
    }
}

/// A summons on record: its round, the day set, and whether the ASN came (None: not yet known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summons {
    pub round: i32,
    pub appear_on: NaiveDate,
    pub outcome: Option<Attendance>,
}

/// The working days the rules count, and the days off among them.
pub struct Rules<'a> {
    pub notice: u32,
    pub interval: u32,
    pub holidays: &'a HashSet<NaiveDate>,
    pub today: NaiveDate,
}

const FIELD: &str = "summons";

/// The round the next summons would be, or why there is none.
pub fn next_round(on_record: &[Summons]) -> Result<i32, &'static str> {
    let first = on_record.iter().find(|s| s.round == 1);
    let second = on_record.iter().any(|s| s.round == 2);
    match (first, second) {
        (None, _) => Ok(1),
        (Some(_), true) => Err("case.summons.no_third"),
        (Some(s), false) => match s.outcome {
            None => Err("case.summons.outcome_first"),
            Some(Attendance::Attended) => Err("case.summons.attended"),
            Some(Attendance::Absent) => Ok(2),
        },
    }
}

/// Every problem with a new summons' dates: the letter not in the future, the notice, and for the
/// second the interval after the first.
pub fn check_dates(
    on_record: &[Summons],
    letter_date: NaiveDate,
    appear_on: NaiveDate,
    rules: &Rules<'_>,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if letter_date > rules.today {
        out.push(FieldError::new(FIELD, "case.summons.letter_future"));
    }
    let earliest = add_working_days(letter_date, rules.notice, rules.holidays);
    if appear_on < earliest {
        out.push(FieldError::with(
            FIELD,
            "case.summons.too_soon",
            day(earliest),
        ));
    }
    if let Some(first) = on_record.iter().find(|s| s.round == 1) {
        let earliest = add_working_days(first.appear_on, rules.interval, rules.holidays);
        if appear_on < earliest {
            out.push(FieldError::with(
                FIELD,
                "case.summons.second_too_soon",
                day(earliest),
            ));
        }
    }
    out
}

/// Whether the attendance of `summons` may be recorded now.
pub fn attendance_open(summons: &Summons, today: NaiveDate) -> Result<(), &'static str> {
    if summons.outcome.is_some() {
        return Err("case.summons.outcome_recorded");
    }
    if summons.appear_on > today {
        return Err("case.summons.not_yet");
    }
    Ok(())
}

/// Whether a hearing may be held without the ASN: only after they missed both summonses.
pub fn may_hear_without(on_record: &[Summons]) -> bool {
    on_record
        .iter()
        .filter(|s| s.outcome == Some(Attendance::Absent))
        .count()
        >= 2
}

fn day(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn keys(v: Vec<FieldError>) -> Vec<&'static str> {
        v.into_iter().map(|e| e.key).collect()
    }

    #[test]
    fn the_second_summons_follows_a_missed_first_and_there_is_no_third() {
        let first = |outcome| Summons {
            round: 1,
            appear_on: d("2026-12-14"),
            outcome,
        };
        assert_eq!(next_round(&[]), Ok(1));
        assert_eq!(
            next_round(&[first(None)]),
            Err("case.summons.outcome_first")
        );
        assert_eq!(
            next_round(&[first(Some(Attendance::Attended))]),
            Err("case.summons.attended")
        );
        assert_eq!(next_round(&[first(Some(Attendance::Absent))]), Ok(2));
        let second = Summons {
            round: 2,
            appear_on: d("2026-12-28"),
            outcome: Some(Attendance::Absent),
        };
        assert_eq!(
            next_round(&[first(Some(Attendance::Absent)), second]),
            Err("case.summons.no_third")
        );
        assert!(!may_hear_without(&[first(Some(Attendance::Absent))]));
        assert!(may_hear_without(&[first(Some(Attendance::Absent)), second]));
    }

    #[test]
    fn notice_and_interval_count_working_days_across_the_new_year() {
        // 2026-12-24 Thu (letter). Cuti bersama 24-25 Dec and 1 Jan are days off here.
        let holidays: HashSet<NaiveDate> =
            ["2026-12-25", "2027-01-01"].iter().map(|s| d(s)).collect();
        let rules = Rules {
            notice: 7,
            interval: 7,
            holidays: &holidays,
            today: d("2026-12-24"),
        };
        // 7 working days after Thu 24 Dec: 28, 29, 30, 31 Dec, 4, 5, 6 Jan.
        assert_eq!(
            keys(check_dates(&[], d("2026-12-24"), d("2027-01-05"), &rules)),
            ["case.summons.too_soon"]
        );
        assert!(check_dates(&[], d("2026-12-24"), d("2027-01-06"), &rules).is_empty());
        let first = Summons {
            round: 1,
            appear_on: d("2027-01-06"),
            outcome: Some(Attendance::Absent),
        };
        // The second: 7 working days after 6 Jan is 15 Jan.
        assert_eq!(
            keys(check_dates(
                &[first],
                d("2026-12-24"),
                d("2027-01-14"),
                &rules
            )),
            ["case.summons.second_too_soon"]
        );
        assert_eq!(
            keys(check_dates(&[], d("2026-12-25"), d("2027-02-01"), &rules)),
            ["case.summons.letter_future"]
        );
    }

    #[test]
    fn attendance_is_recorded_once_and_not_before_the_day() {
        let s = Summons {
            round: 1,
            appear_on: d("2026-12-14"),
            outcome: None,
        };
        assert_eq!(
            attendance_open(&s, d("2026-12-13")),
            Err("case.summons.not_yet")
        );
        assert_eq!(attendance_open(&s, d("2026-12-14")), Ok(()));
        let done = Summons {
            outcome: Some(Attendance::Attended),
            ..s
        };
        assert_eq!(
            attendance_open(&done, d("2026-12-20")),
            Err("case.summons.outcome_recorded")
        );
    }
}
