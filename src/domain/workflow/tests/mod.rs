use super::*;
use std::collections::HashSet;

use crate::domain::objection::ObjectionOutcome as O;
use Action as A;
use CaseState as S;
use Classification as C;
use EndGround as E;
use RejectGround as G;
use Role as R;

use Refusal::{WrongRole, WrongState};

/// Random walks over the machine (proptest), against the table and paths below.
mod walks;

/// The hand-written table, diagram edges, actors and named refusals the tests check against.
mod table;
use table::*;

/// Who performs `action` on the documented paths: the reporter answers, BKPSDM records the
/// decision and closes, the inspectorate does the rest.
fn usual_actor(action: Action) -> Actor {
    match action {
        A::ReporterAnswered => REPORTER,
        A::RecordDecision | A::FileObjection | A::ResolveObjection(_) | A::Close => BKPSDM,
        A::TimeOut => SYSTEM,
        _ => INSPECTOR,
    }
}

const EXAMINE: [Action; 3] = [A::StartVerification, A::Register, A::StartExamination];

/// The end-to-end paths of issue 3 ("Tests that must exist"), from `submitted`.
#[rustfmt::skip] // one path per line
fn documented_paths() -> Vec<Vec<Action>> {
    let exam = |rest: &[Action]| [&EXAMINE[..], rest].concat();
    vec![
        exam(&[A::Classify(C::Ethics), A::Recommend, A::RecordDecision, A::Close]),
        exam(&[A::Classify(C::Discipline), A::Recommend, A::RecordDecision, A::Close]),
        exam(&[A::Classify(C::NotProven)]),
        // an objection against the decree: the sentence changed, or the decree annulled
        exam(&[A::Classify(C::Discipline), A::Recommend, A::RecordDecision, A::FileObjection,
               A::ResolveObjection(O::Changed), A::Close]),
        exam(&[A::Classify(C::Discipline), A::Recommend, A::RecordDecision, A::FileObjection,
               A::ResolveObjection(O::Annulled)]),
        // criminal: forwarded to Gakkumdu, then the administrative track continues
        exam(&[A::Classify(C::Criminal), A::ContinueAdministrative, A::Classify(C::Discipline),
               A::Recommend, A::RecordDecision, A::Close]),
        // not our authority: the receiving agency verifies it again
        exam(&[A::Classify(C::NotOurAuthority), A::StartVerification, A::Reject(G::Duplicate)]),
        // a misrouted report forwarded as soon as it is seen to be one
        vec![A::StartVerification, A::Classify(C::NotOurAuthority), A::StartVerification,
             A::Register, A::Classify(C::NotOurAuthority)],
        // needs-info answered by the reporter; needs-info never answered: staff resume, reject
        vec![A::StartVerification, A::RequestInfo, A::ReporterAnswered, A::Register],
        vec![A::StartVerification, A::RequestInfo, A::ResumeVerification, A::Reject(G::NotAsn)],
        // needs-info window passed: not registered, reopened by staff with a reason
        vec![A::StartVerification, A::RequestInfo, A::TimeOut, A::Reopen, A::Register],
        // the reported person leaves the service before any decision
        vec![A::StartVerification, A::Register, A::CloseWithoutDecision(E::Retired)],
        exam(&[A::CloseWithoutDecision(E::Resigned)]),
        exam(&[A::Classify(C::Criminal), A::CloseWithoutDecision(E::Dismissed)]),
        exam(&[A::Classify(C::Discipline), A::CloseWithoutDecision(E::Deceased)]),
        exam(&[A::Classify(C::Ethics), A::Recommend, A::CloseWithoutDecision(E::Retired)]),
    ]
}

/// Runs `steps` from `submitted`; every state visited, or the first refusal and where.
fn run(steps: impl IntoIterator<Item = Step>) -> Result<Vec<CaseState>, (usize, Refusal)> {
    let mut states = vec![S::Submitted];
    for (i, (action, actor)) in steps.into_iter().enumerate() {
        let from = states[states.len() - 1];
        states.push(next(from, &action, actor).map_err(|r| (i, r))?);
    }
    Ok(states)
}

fn documented_steps() -> HashSet<(CaseState, CaseState)> {
    documented_paths()
        .into_iter()
        .filter_map(|p| run(p.into_iter().map(|a| (a, usual_actor(a)))).ok())
        .flat_map(|states| states.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>())
        .collect()
}

#[test]
fn every_staff_move_is_allowed_or_refused_exactly_as_the_table_says() {
    for &state in S::ALL {
        for action in A::ALL {
            for &role in R::ALL {
                // the table says which roles ever perform an action, and from where
                let performs = TABLE
                    .iter()
                    .any(|(_, a, rs, _)| *a == action && rs.contains(&role));
                let row = TABLE
                    .iter()
                    .find(|(f, a, _, _)| *f == state && *a == action);
                let expected = match row {
                    _ if !performs => Err(WrongRole),
                    Some((_, _, _, to)) => Ok(*to),
                    None => Err(WrongState),
                };
                let got = next(state, &action, Actor::Staff(role));
                assert_eq!(got, expected, "{state:?} {action:?} {role:?}");
            }
        }
    }
}

#[test]
fn every_named_refusal_is_the_expected_one() {
    for &(state, action, actor, refusal) in REFUSALS {
        let got = next(state, &action, actor);
        assert_eq!(got, Err(refusal), "{state:?} {action:?} {actor:?}");
    }
}

#[test]
fn an_admin_cannot_move_a_case_from_any_state() {
    for &state in S::ALL {
        for action in A::ALL {
            assert_eq!(next(state, &action, Actor::Staff(R::Admin)), Err(WrongRole));
        }
        assert!(available(state, R::Admin).is_empty());
    }
}

#[test]
fn the_reporter_can_answer_a_needs_info_and_nothing_else() {
    for &state in S::ALL {
        for action in A::ALL {
            let expected = match (state, action) {
                (S::NeedsInfo, A::ReporterAnswered) => Ok(S::Verification),
                (_, A::ReporterAnswered) => Err(WrongState),
                _ => Err(WrongRole),
            };
            assert_eq!(
                next(state, &action, REPORTER),
                expected,
                "{state:?} {action:?}"
            );
        }
    }
}

#[test]
fn the_server_times_out_a_needs_info_case_and_does_nothing_else() {
    for &state in S::ALL {
        for action in A::ALL {
            let expected = match (state, action) {
                (S::NeedsInfo, A::TimeOut) => Ok(S::NotRegistered),
                (_, A::TimeOut) => Err(WrongState),
                _ => Err(WrongRole),
            };
            assert_eq!(
                next(state, &action, SYSTEM),
                expected,
                "{state:?} {action:?}"
            );
        }
        for &role in R::ALL {
            assert!(!available(state, role).contains(&A::TimeOut));
        }
    }
}

#[test]
fn national_staff_may_do_everything_inspectors_and_bkpsdm_may() {
    for &state in S::ALL {
        let national = available(state, R::National);
        for action in available(state, R::Inspector)
            .into_iter()
            .chain(available(state, R::Bkpsdm))
        {
            assert!(national.contains(&action), "{state:?} {action:?}");
        }
    }
}

#[test]
fn available_lists_exactly_the_table_rows_for_the_role() {
    for &state in S::ALL {
        for &role in R::ALL {
            let expected: Vec<Action> = A::ALL
                .into_iter()
                .filter(|a| {
                    TABLE
                        .iter()
                        .any(|(f, ta, roles, _)| *f == state && ta == a && roles.contains(&role))
                })
                .collect();
            assert_eq!(available(state, role), expected, "{state:?} {role:?}");
        }
    }
}

#[test]
fn an_examining_inspector_is_offered_every_classification_and_the_ends_without_decision() {
    let offered = available(S::Examination, R::Inspector);
    let mut expected: Vec<Action> = C::ALL.iter().copied().map(A::Classify).collect();
    expected.extend(E::ALL.iter().copied().map(A::CloseWithoutDecision));
    assert_eq!(offered, expected);
}

#[test]
fn a_verifying_inspector_is_offered_info_every_rejection_ground_and_registration() {
    let mut expected = vec![A::RequestInfo];
    expected.extend(G::ALL.iter().copied().map(A::Reject));
    expected.push(A::Register);
    expected.push(A::Classify(C::NotOurAuthority));
    assert_eq!(available(S::Verification, R::Inspector), expected);
}

#[test]
fn only_rejected_not_registered_not_proven_annulled_and_closed_are_closed() {
    let closed: Vec<CaseState> = S::ALL.iter().copied().filter(|s| is_closed(*s)).collect();
    assert_eq!(
        closed,
        vec![
            S::Rejected,
            S::NotRegistered,
            S::NotProven,
            S::Annulled,
            S::Closed,
            S::ClosedNoDecision
        ]
    );
    assert!(!is_closed(S::ForwardedAgency));
    assert!(!is_closed(S::ForwardedGakkumdu));
}

#[test]
fn closed_states_accept_no_move_from_anyone_but_staff_reopening_one_not_registered() {
    for state in S::ALL.iter().copied().filter(|s| is_closed(*s)) {
        for action in A::ALL {
            for actor in ACTORS {
                let reopen = (state, action) == (S::NotRegistered, A::Reopen)
                    && matches!(actor, Actor::Staff(R::Inspector | R::National));
                assert_eq!(
                    next(state, &action, actor).is_ok(),
                    reopen,
                    "{state:?} {action:?} {actor:?}"
                );
            }
        }
    }
}

#[test]
fn every_open_state_has_a_way_forward() {
    for state in S::ALL.iter().copied().filter(|s| !is_closed(*s)) {
        let movable = A::ALL
            .iter()
            .any(|a| ACTORS.iter().any(|actor| next(state, a, *actor).is_ok()));
        assert!(movable, "{state:?} is a dead end");
    }
}

#[test]
fn every_state_is_reachable_from_submitted() {
    let mut seen = HashSet::from([S::Submitted]);
    let mut frontier = vec![S::Submitted];
    while let Some(state) = frontier.pop() {
        for action in A::ALL {
            for actor in ACTORS {
                if let Ok(to) = next(state, &action, actor)
                    && seen.insert(to)
                {
                    frontier.push(to);
                }
            }
        }
    }
    assert_eq!(seen.len(), S::ALL.len());
}

#[test]
fn every_documented_path_runs_to_its_end() {
    for path in documented_paths() {
        let result = run(path.iter().map(|a| (*a, usual_actor(*a))));
        assert!(result.is_ok(), "{path:?}: {result:?}");
    }
}

#[test]
fn national_staff_alone_can_take_every_documented_path_but_the_reporter_s_and_the_server_s() {
    let national = |a: Action| match a {
        A::ReporterAnswered => REPORTER,
        A::TimeOut => SYSTEM,
        _ => NATIONAL,
    };
    for path in documented_paths() {
        let result = run(path.iter().map(|a| (*a, national(*a))));
        assert!(result.is_ok(), "{path:?}: {result:?}");
    }
}

#[test]
fn the_documented_paths_take_every_edge_of_the_diagram() {
    let taken = documented_steps();
    for edge in DIAGRAM_EDGES {
        assert!(taken.contains(edge), "{edge:?}");
    }
    assert_eq!(taken.len(), DIAGRAM_EDGES.len());
}

#[test]
fn the_table_and_the_diagram_have_the_same_edges() {
    let table: HashSet<(CaseState, CaseState)> = TABLE
        .iter()
        .map(|(f, _, _, t)| (*f, *t))
        .chain(SYSTEM_EDGES.iter().copied())
        .collect();
    let diagram: HashSet<(CaseState, CaseState)> = DIAGRAM_EDGES.iter().copied().collect();
    assert_eq!(table, diagram);
}

#[test]
fn sedang_and_berat_need_no_justification() {
    for tier in [Tier::Sedang, Tier::Berat] {
        assert_eq!(tier_allowed_for_neutrality(tier, None), Ok(()));
        assert_eq!(tier_allowed_for_neutrality(tier, Some("")), Ok(()));
    }
}

#[test]
fn ringan_without_a_written_justification_is_refused() {
    for blank in [None, Some(""), Some("   "), Some("\n\t \u{3000}")] {
        assert_eq!(
            tier_allowed_for_neutrality(Tier::Ringan, blank),
            Err(TierRefusal::RinganNeedsJustification)
        );
    }
}

#[test]
fn ringan_with_a_written_justification_is_allowed() {
    let why = Some("Terlapor PPPK; perjanjian kerja instansi mengatur sanksi ringan");
    assert_eq!(tier_allowed_for_neutrality(Tier::Ringan, why), Ok(()));
}

#[test]
fn every_name_round_trips_and_unknown_names_do_not_parse() {
    for &r in R::ALL {
        assert_eq!(R::parse(r.as_str()), Some(r));
    }
    for &c in C::ALL {
        assert_eq!(C::parse(c.as_str()), Some(c));
    }
    for &g in G::ALL {
        assert_eq!(G::parse(g.as_str()), Some(g));
    }
    for &t in Tier::ALL {
        assert_eq!(Tier::parse(t.as_str()), Some(t));
    }
    for a in A::ALL {
        assert_eq!(A::parse(a.name(), a.detail()), Some(a));
    }
    assert_eq!(R::parse("Admin"), None);
    assert_eq!(C::parse("pidana"), None);
    assert_eq!(G::parse(""), None);
    assert_eq!(Tier::parse("moral"), None);
    assert_eq!(A::parse("reject", None), None);
    assert_eq!(A::parse("register", Some("late")), None);
}

#[test]
fn action_list_has_no_duplicates() {
    let set: HashSet<Action> = A::ALL.into_iter().collect();
    assert_eq!(set.len(), A::ALL.len());
}

#[test]
fn refusals_read_as_sentences() {
    let wrong_state = "this action is not possible in the case's current state";
    assert_eq!(WrongState.to_string(), wrong_state);
    assert_eq!(
        WrongRole.to_string(),
        "this role may not perform this action"
    );
    let ringan = TierRefusal::RinganNeedsJustification.to_string();
    assert!(ringan.contains("justification"), "{ringan}");
}
