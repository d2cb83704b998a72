//! Which catalogue sanctions fit a case (DOMAIN.md §2): ethics → a moral sanction (PP 42/2004
//! Pasal 15); discipline → a PP 94/2021 sentence for PNS and CPNS (discipline applies to CPNS
//! mutatis mutandis) or the PPPK terms (PP 49/2018) for contract staff. When the reporter did not
//! know the employee type, every disciplinary entry is offered and the examiner chooses.

use super::workflow::Classification;

/// Whether a catalogue entry (`kind`, `employee_type` columns) fits a case of this classification
/// and employee type (`PNS`, `CPNS`, `PPPK`, `unknown`).
pub fn fits(
    kind: &str,
    entry_employee_type: &str,
    classification: Classification,
    employee_type: &str,
) -> bool {
    match classification {
        Classification::Ethics => kind == "moral",
        Classification::Discipline => {
            let disciplinary = kind == "discipline" || kind == "dismissal";
            let person = match employee_type {
                "PNS" | "CPNS" => "PNS",
                "PPPK" => "PPPK",
                _ => return disciplinary,
            };
            disciplinary && (entry_employee_type == person || entry_employee_type == "ALL")
        }
        _ => false,
    }
}

/// The last day a sentence of `months` months runs when it starts on `start` (TMT): the day
/// before the same date `months` later (TMT 1 March 2027, 12 months: to 29 February 2028).
pub fn last_day(start: chrono::NaiveDate, months: i32) -> Option<chrono::NaiveDate> {
    let months = u32::try_from(months).ok().filter(|m| *m > 0)?;
    start
        .checked_add_months(chrono::Months::new(months))?
        .pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_the_day_before_its_anniversary() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(last_day(d(2027, 3, 1), 12), Some(d(2028, 2, 29)));
        assert_eq!(last_day(d(2027, 1, 15), 6), Some(d(2027, 7, 14)));
        assert_eq!(last_day(d(2027, 1, 15), 0), None);
        assert_eq!(last_day(d(2027, 1, 15), -3), None);
    }

    #[test]
    fn ethics_cases_get_moral_sanctions_only() {
        assert!(fits("moral", "ALL", Classification::Ethics, "PNS"));
        assert!(!fits("discipline", "PNS", Classification::Ethics, "PNS"));
    }

    #[test]
    fn discipline_follows_the_employee_type() {
        assert!(fits(
            "discipline",
            "PNS",
            Classification::Discipline,
            "CPNS"
        ));
        assert!(!fits(
            "discipline",
            "PPPK",
            Classification::Discipline,
            "PNS"
        ));
        assert!(fits(
            "dismissal",
            "PPPK",
            Classification::Discipline,
            "PPPK"
        ));
        assert!(!fits(
            "discipline",
            "PNS",
            Classification::Discipline,
            "PPPK"
        ));
        assert!(fits(
            "discipline",
            "PPPK",
            Classification::Discipline,
            "unknown"
        ));
        assert!(!fits("moral", "ALL", Classification::Discipline, "PNS"));
        assert!(!fits("discipline", "PNS", Classification::Criminal, "PNS"));
    }
}
