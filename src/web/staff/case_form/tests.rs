#![expect(clippy::expect_used, reason = "tests fail loudly")]
use super::*;
use crate::domain::workflow::{Action, Classification};

fn parse(body: &str) -> Result<StepForm, serde_urlencoded::de::Error> {
    serde_urlencoded::from_str(body)
}

#[test]
fn each_step_reads_its_own_fields_and_the_common_ones() {
    let f = parse("csrf=x&version=3&seen=9&action=classify&detail=criminal&reference=GAK%2F1&reason=r&sanction=B1")
        .expect("a classify form");
    assert_eq!((f.version, f.seen, f.reason.as_str()), (3, 9, "r"));
    assert_eq!(
        f.step.as_ref().and_then(Step::action),
        Some(Action::Classify(Classification::Criminal))
    );
    assert_eq!(f.reference(), "GAK/1");
    assert_eq!(f.sanction(), "", "another step's field is not read");
    assert!(f.is("classify", "criminal"));
    assert!(!f.is("classify", "ethics"));
    let t = f.transition().expect("a transition");
    assert_eq!(t.fields.reference, "GAK/1");
    assert!(t.fields.sanctions.is_empty());
}

#[test]
fn a_step_without_fields_ignores_what_else_is_sent() {
    let f = parse("csrf=x&version=1&seen=0&action=register&detail=&reason=ok").expect("register");
    assert_eq!(
        f.step.as_ref().and_then(Step::action),
        Some(Action::Register)
    );
    assert!(f.is("register", ""));
}

#[test]
fn an_unknown_step_or_detail_is_refused() {
    let step = |body: &str| parse(body).expect("the common fields parse").step;
    assert!(step("csrf=x&action=destroy").is_none());
    assert!(step("csrf=x&version=1").is_none(), "no action at all");
    let f = parse("csrf=x&action=reject&detail=bogus").expect("parses");
    assert!(f.transition().is_none(), "no such ground");
}
