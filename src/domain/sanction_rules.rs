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

#[cfg(test)]
mod tests {
    use super::*;

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
