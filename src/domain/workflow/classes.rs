//! Which classifications a case may take (issue 11, defect 2): the catalogue row of each
//! violation names the tracks it may lead to (`allowed_classes`, DOMAIN.md §1.2), so a case offers
//! the union over its violations, plus "not proven" (any examination may end there) and "not our
//! authority" (a misrouted report is forwarded, from verification on).

use super::{Action, Classification, Role, available};
use crate::domain::case_state::CaseState;

/// The classifications a case with violations whose catalogue rows allow `allowed` (each a
/// `|`-separated list such as `ethics|discipline`) may take. A case with no catalogued violation,
/// or a row that names none, allows every track: the catalogue narrows, it never blocks a case.
pub fn allowed_classifications<'a>(
    allowed: impl IntoIterator<Item = &'a str>,
) -> Vec<Classification> {
    let mut named: Vec<Classification> = Vec::new();
    let mut open = false;
    let mut any = false;
    for row in allowed {
        any = true;
        let classes: Vec<Classification> = row
            .split('|')
            .filter_map(|c| Classification::parse(c.trim()))
            .collect();
        open |= classes.is_empty();
        named.extend(classes);
    }
    [
        Classification::Ethics,
        Classification::Discipline,
        Classification::Criminal,
        Classification::NotProven,
        Classification::NotOurAuthority,
    ]
    .into_iter()
    .filter(|c| {
        !any || open || named.contains(c) || {
            matches!(
                c,
                Classification::NotProven | Classification::NotOurAuthority
            )
        }
    })
    .collect()
}

/// [`available`], with the classifications narrowed to `allowed`.
pub fn available_for(state: CaseState, role: Role, allowed: &[Classification]) -> Vec<Action> {
    available(state, role)
        .into_iter()
        .filter(|a| match a {
            Action::Classify(c) => allowed.contains(c),
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Classification as C;

    #[test]
    fn a_case_offers_the_union_of_its_violations_tracks_plus_not_proven_and_forwarding() {
        assert_eq!(
            allowed_classifications(["ethics"]),
            vec![C::Ethics, C::NotProven, C::NotOurAuthority]
        );
        assert_eq!(
            allowed_classifications(["ethics|discipline", "discipline|criminal"]),
            vec![
                C::Ethics,
                C::Discipline,
                C::Criminal,
                C::NotProven,
                C::NotOurAuthority
            ]
        );
        // Nothing catalogued, or a row that names nothing: every track stays open.
        assert_eq!(allowed_classifications([]).len(), 5);
        assert_eq!(allowed_classifications(["discipline", ""]).len(), 5);
    }

    #[test]
    fn examination_of_an_ethics_only_case_never_offers_criminal() {
        let allowed = allowed_classifications(["ethics"]);
        let offered = available_for(CaseState::Examination, Role::Inspector, &allowed);
        assert!(offered.contains(&Action::Classify(C::Ethics)));
        assert!(!offered.contains(&Action::Classify(C::Criminal)));
        assert!(!offered.contains(&Action::Classify(C::Discipline)));
        assert!(offered.contains(&Action::Classify(C::NotProven)));
        assert!(offered.contains(&Action::Classify(C::NotOurAuthority)));
    }

    #[test]
    fn a_misrouted_report_can_be_forwarded_from_verification_on() {
        let all = allowed_classifications([]);
        for state in [
            CaseState::Verification,
            CaseState::Registered,
            CaseState::Examination,
        ] {
            assert!(
                available_for(state, Role::Inspector, &all)
                    .contains(&Action::Classify(C::NotOurAuthority)),
                "{state:?}"
            );
        }
        // Only forwarding: the other classifications wait for the examination.
        let at_verification = available_for(CaseState::Verification, Role::Inspector, &all);
        assert!(!at_verification.contains(&Action::Classify(C::Ethics)));
        assert!(
            !available_for(CaseState::Submitted, Role::Inspector, &all)
                .contains(&Action::Classify(C::NotOurAuthority))
        );
    }
}
