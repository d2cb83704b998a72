//! Which catalogue violations the public form offers first for the election stage and type the
//! reporter chose (issue 11, defect 8), and the plain headings it groups them under. A row that
//! does not fit is still offered, folded away: the reporter may know better than the catalogue.

/// The headings of the form's violation list, in order (`form.vgroup.<name>` in the catalogue).
pub const FORM_GROUPS: [&str; 6] = [
    "pre_candidate",
    "campaign",
    "office",
    "party",
    "campaign_team",
    "other",
];

/// The election law a type of election falls under: "pilkada" (UU 10/2016) for regional heads,
/// "pemilu" (UU 7/2017) for the rest.
pub fn election_family(election_type: &str) -> Option<&'static str> {
    match election_type {
        "pilgub" | "pilbup" | "pilwalkot" => Some("pilkada"),
        t if t.starts_with("pil") => Some("pemilu"),
        _ => None,
    }
}

/// Whether a row (its `stages` and `elections` columns: `|`-separated names or "all") fits the
/// stage and type chosen; a choice not made yet narrows nothing.
pub fn fits(stages: &str, elections: &str, stage: &str, election_type: &str) -> bool {
    let listed = |list: &str, value: &str| {
        value.is_empty() || list == "all" || list.split('|').any(|v| v == value)
    };
    listed(stages, stage) && listed(elections, election_family(election_type).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_fit_their_stages_and_election_law_and_nothing_is_narrowed_before_a_choice() {
        assert!(fits("pre_candidacy", "all", "pre_candidacy", "pilbup"));
        assert!(!fits(
            "campaign|quiet_period",
            "all",
            "pre_candidacy",
            "pilbup"
        ));
        assert!(fits(
            "campaign|quiet_period",
            "pemilu",
            "campaign",
            "pileg_dpr"
        ));
        assert!(!fits(
            "campaign|quiet_period",
            "pemilu",
            "campaign",
            "pilwalkot"
        ));
        assert!(fits("all", "pilkada", "voting", "pilgub"));
        assert!(fits("campaign", "pemilu", "", ""), "nothing chosen yet");
        assert_eq!(election_family("pilpres"), Some("pemilu"));
        assert_eq!(election_family("pilbup"), Some("pilkada"));
        assert_eq!(election_family(""), None);
    }
}
