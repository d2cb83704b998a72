//! Working-day arithmetic: Saturdays, Sundays, national holidays and cuti bersama do not count.

use std::collections::HashSet;

use chrono::{Datelike as _, Days, NaiveDate, Weekday};

codes! {
    /// A day off that is not a weekend (neither counts as a working day).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum HolidayKind {
        /// A national public holiday.
        National = "national",
        /// A collective leave day set by joint ministerial decree.
        CutiBersama = "cuti_bersama",
    }
}

/// The holidays set on a fixed date by law (Keppres 24/1953 as amended: New Year, Labour Day,
/// Pancasila Day, Independence Day, Christmas), as (month, day).
pub const FIXED_DATE_HOLIDAYS: [(u32, u32); 5] = [(1, 1), (5, 1), (6, 1), (8, 17), (12, 25)];

/// The days off between `from` and `to` (exclusive) as the calendar has them, with the
/// fixed-date holidays counted by rule for each year of the window that has no day off in it at
/// all: a year nobody has entered yet (the decree for it not out, or not typed in) still does not
/// count 1 January or 17 August as working days.
pub fn with_fixed_dates(
    entered: impl IntoIterator<Item = NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> HashSet<NaiveDate> {
    let mut days: HashSet<NaiveDate> = entered.into_iter().collect();
    for year in from.year()..=to.year() {
        if days.iter().any(|d| d.year() == year) {
            continue;
        }
        for (m, d) in FIXED_DATE_HOLIDAYS {
            if let Some(day) = NaiveDate::from_ymd_opt(year, m, d)
                && (from..to).contains(&day)
            {
                days.insert(day);
            }
        }
    }
    days
}

pub fn is_working_day(d: NaiveDate, holidays: &HashSet<NaiveDate>) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&d)
}

/// The date `n` working days after `start` (start itself does not count; n = 0 gives `start`).
pub fn add_working_days(start: NaiveDate, n: u32, holidays: &HashSet<NaiveDate>) -> NaiveDate {
    let mut d = start;
    let mut left = n;
    while left > 0 {
        d = d.checked_add_days(Days::new(1)).unwrap_or(d);
        if is_working_day(d, holidays) {
            left -= 1;
        }
    }
    d
}

/// The deadline `n` working days after `now_utc`, counted in the agency's calendar: the end of
/// that local day (23:59:59), returned as UTC.
pub fn deadline_utc(
    now_utc: chrono::NaiveDateTime,
    n: u32,
    holidays: &HashSet<NaiveDate>,
    offset: chrono::FixedOffset,
) -> chrono::NaiveDateTime {
    let local_today = (now_utc + shift(offset)).date();
    let day = add_working_days(local_today, n, holidays);
    let end_local = day.and_hms_opt(23, 59, 59).unwrap_or_default();
    end_local - shift(offset)
}

fn shift(offset: chrono::FixedOffset) -> chrono::Duration {
    chrono::Duration::seconds(i64::from(offset.local_minus_utc()))
}

/// Whether a deadline not yet passed falls at most one working day from now in the agency's
/// calendar: it ends today, or on the next working day (a Friday's "tomorrow" is Monday, or later
/// across holidays and cuti bersama).
pub fn due_within_one_working_day(
    now_utc: chrono::NaiveDateTime,
    deadline: chrono::NaiveDateTime,
    holidays: &HashSet<NaiveDate>,
    offset: chrono::FixedOffset,
) -> bool {
    if deadline <= now_utc {
        return false;
    }
    let today = (now_utc + shift(offset)).date();
    let due_day = (deadline + shift(offset)).date();
    due_day <= add_working_days(today, 1, holidays)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_with_no_calendar_still_counts_its_fixed_date_holidays() {
        let entered = [day("2026-12-24"), day("2026-12-25")];
        let off = with_fixed_dates(entered, day("2026-12-20"), day("2028-01-05"));
        // 2027 has no rows: its five fixed dates by rule; 2028's first days too.
        for d in [
            "2027-01-01",
            "2027-05-01",
            "2027-06-01",
            "2027-08-17",
            "2027-12-25",
        ] {
            assert!(off.contains(&day(d)), "{d}");
        }
        assert!(off.contains(&day("2028-01-01")));
        assert!(
            off.contains(&day("2026-12-25")) && off.len() == 8,
            "{off:?}"
        );
        // A year with rows keeps exactly what was entered (an admin's decision stands).
        let entered = [day("2027-03-10")];
        let off = with_fixed_dates(entered, day("2027-01-01"), day("2027-12-31"));
        assert_eq!(off, [day("2027-03-10")].into());
        // Outside the window nothing is added.
        assert!(with_fixed_dates([], day("2027-01-02"), day("2027-04-30")).is_empty());
    }

    #[test]
    fn a_deadline_across_new_year_skips_the_first_of_january() {
        // Thursday 31 December 2026 + 1 working day: Friday 1 January 2027 is a holiday.
        let off = with_fixed_dates([], day("2026-12-30"), day("2027-02-01"));
        assert_eq!(
            add_working_days(day("2026-12-31"), 1, &off),
            day("2027-01-04")
        );
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_deadline_ends_at_the_end_of_the_local_day_in_utc() {
        let wita = chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!());
        // Monday 2024-03-04 20:00 UTC is already Tuesday 04:00 in WITA.
        let now = day("2024-03-04").and_hms_opt(20, 0, 0).unwrap_or_default();
        let d = deadline_utc(now, 1, &HashSet::new(), wita);
        assert_eq!(
            d,
            day("2024-03-06")
                .and_hms_opt(15, 59, 59)
                .unwrap_or_default()
        );
    }

    #[test]
    fn a_deadline_is_one_working_day_away_across_weekends_and_holidays_in_local_time() {
        let wib = chrono::FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| unreachable!());
        let at = |d: &str, h: u32| day(d).and_hms_opt(h, 0, 0).unwrap_or_default();
        // Deadline: end of Monday 2024-03-04 in WIB (16:59:59 UTC).
        let deadline = deadline_utc(at("2024-03-01", 3), 1, &HashSet::new(), wib);
        let none = HashSet::new();
        // Thursday: two working days away.
        assert!(!due_within_one_working_day(
            at("2024-02-29", 3),
            deadline,
            &none,
            wib
        ));
        // Friday: Monday is the next working day.
        assert!(due_within_one_working_day(
            at("2024-03-01", 3),
            deadline,
            &none,
            wib
        ));
        // Thursday 18:00 UTC is already Friday 01:00 in WIB.
        assert!(due_within_one_working_day(
            at("2024-02-29", 18),
            deadline,
            &none,
            wib
        ));
        // Monday itself, before the end of the day: still due.
        assert!(due_within_one_working_day(
            at("2024-03-04", 9),
            deadline,
            &none,
            wib
        ));
        // Past it: missed, not "soon".
        assert!(!due_within_one_working_day(
            at("2024-03-04", 17),
            deadline,
            &none,
            wib
        ));
        // With Friday a holiday, Thursday's next working day is Monday.
        let friday_off: HashSet<NaiveDate> = [day("2024-03-01")].into();
        assert!(due_within_one_working_day(
            at("2024-02-29", 3),
            deadline,
            &friday_off,
            wib
        ));
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_cuti_bersama() {
        let holidays: HashSet<NaiveDate> = [
            "2024-04-08",
            "2024-04-09",
            "2024-04-10",
            "2024-04-11",
            "2024-04-12",
            "2024-04-15",
        ]
        .map(day)
        .into();
        // Friday 2024-04-05 + 1 working day: weekend, then Lebaran holidays and cuti bersama → Tue 16th.
        assert_eq!(
            add_working_days(day("2024-04-05"), 1, &holidays),
            day("2024-04-16")
        );
        // Across a plain weekend.
        assert_eq!(
            add_working_days(day("2024-03-01"), 1, &HashSet::new()),
            day("2024-03-04")
        );
        assert_eq!(
            add_working_days(day("2024-03-01"), 5, &HashSet::new()),
            day("2024-03-08")
        );
        assert_eq!(
            add_working_days(day("2024-03-01"), 0, &HashSet::new()),
            day("2024-03-01")
        );
    }
}
