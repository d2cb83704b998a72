//! Random walks over the workflow (proptest): none leaves the diagram or the documented paths,
//! a closed case never moves, admins never move a case, the reporter only answers.

use super::*;
use proptest::prelude::*;

fn any_state() -> impl Strategy<Value = CaseState> {
    proptest::sample::select(S::ALL.to_vec())
}

fn any_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(A::ALL.to_vec())
}

fn any_actor() -> impl Strategy<Value = Actor> {
    proptest::sample::select(ACTORS.to_vec())
}

fn any_walk() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec((any_action(), any_actor()), 0..60)
}

proptest! {
    #[test]
    fn no_random_walk_from_submitted_leaves_the_diagram(walk in any_walk()) {
        let mut state = S::Submitted;
        for (action, actor) in walk {
            if let Ok(to) = next(state, &action, actor) {
                prop_assert!(DIAGRAM_EDGES.contains(&(state, to)), "{state:?} -> {to:?}");
                state = to;
            }
        }
    }

    #[test]
    fn every_state_and_step_of_a_random_walk_lies_on_a_documented_path(walk in any_walk()) {
        let documented = documented_steps();
        let on_paths: HashSet<CaseState> = documented.iter().flat_map(|(f, t)| [*f, *t]).collect();
        let mut state = S::Submitted;
        for (action, actor) in walk {
            if let Ok(to) = next(state, &action, actor) {
                prop_assert!(documented.contains(&(state, to)), "{state:?} -> {to:?}");
                prop_assert!(on_paths.contains(&to));
                state = to;
            }
        }
    }

    #[test]
    fn once_a_random_walk_is_closed_nothing_moves_it_but_reopening(walk in any_walk()) {
        let mut state = S::Submitted;
        for (action, actor) in walk {
            let result = next(state, &action, actor);
            // A case not registered for want of an answer is the one closed case staff reopen.
            if is_closed(state) && !(state == S::NotRegistered && action == A::Reopen) {
                prop_assert!(result.is_err(), "{state:?} {action:?} {actor:?}");
            }
            if let Ok(to) = result {
                state = to;
            }
        }
    }

    #[test]
    fn closed_states_accept_no_staff_action_but_reopening(
        state in any_state(),
        action in any_action(),
        role in proptest::sample::select(R::ALL.to_vec()),
    ) {
        if is_closed(state) && action != A::Reopen {
            prop_assert!(next(state, &action, Actor::Staff(role)).is_err());
        }
    }

    #[test]
    fn an_admin_never_moves_a_case(state in any_state(), action in any_action()) {
        prop_assert_eq!(next(state, &action, Actor::Staff(R::Admin)), Err(WrongRole));
    }

    #[test]
    fn the_reporter_only_ever_moves_needs_info_to_verification(
        state in any_state(),
        action in any_action(),
    ) {
        if let Ok(to) = next(state, &action, REPORTER) {
            let only = (S::NeedsInfo, A::ReporterAnswered, S::Verification);
            prop_assert_eq!((state, action, to), only);
        }
    }
}
