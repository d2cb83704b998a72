//! The catalogue is complete: both languages hold the same keys, and every key the templates and
//! the code name exists.

use std::collections::BTreeSet;

use super::*;

fn keys(text: &'static str) -> BTreeSet<&'static str> {
    parse(text).into_keys().collect()
}

#[test]
fn indonesian_and_english_hold_the_same_keys() {
    let id = keys(ID);
    let en = keys(EN);
    assert_eq!(
        id.difference(&en).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "missing in en.txt"
    );
    assert_eq!(
        en.difference(&id).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "missing in id.txt"
    );
}

/// Every quoted `"prefix.rest"` literal in the sources and templates with a catalogue prefix.
fn used_keys() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![root.join("src"), root.join("templates")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "html") {
                files.push(p);
            }
        }
    }
    let prefixes = [
        "nav.",
        "footer.",
        "home.",
        "form.",
        "identity.",
        "email.",
        "phone.",
        "agency.",
        "violations.",
        "date.",
        "known_date.",
        "regency.",
        "description.",
        "links.",
        "evidence.",
        "declaration.",
        "receipt.",
        "already.",
        "status.",
        "case.",
        "reply.",
        "error.",
        "login.",
        "password.",
        "staff.",
        "dashboard.",
        "action.",
        "classification.",
        "tier.",
        "admin.",
        "role.",
        "holiday.",
        "stage.",
        "event.",
        "state.",
        "mail.",
        "optout.",
        "account.",
        "factor.",
    ];
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for piece in text.split('"').skip(1).step_by(2) {
            let is_key = prefixes.iter().any(|p| piece.starts_with(p))
                && piece.len() > 3
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
                && !piece.ends_with('.')
                && ![".html", ".csv", ".txt", ".rs"]
                    .iter()
                    .any(|ext| piece.ends_with(ext));
            if is_key {
                out.insert(piece.to_owned());
            }
        }
    }
    out
}

#[test]
fn every_key_the_code_and_templates_use_exists() {
    let id = keys(ID);
    let missing: Vec<String> = used_keys()
        .into_iter()
        .filter(|k| !id.contains(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogue: {missing:?}"
    );
    assert!(
        used_keys().len() > 100,
        "the key scan found too few keys to be working"
    );
}

#[test]
fn every_generated_key_family_is_complete() {
    let id = keys(ID);
    let mut wanted: Vec<String> = Vec::new();
    for &s in crate::domain::case_state::CaseState::ALL {
        wanted.push(format!("state.{}", s.as_str()));
        wanted.push(format!("state.{}.body", s.as_str()));
    }
    for v in crate::domain::report::EMPLOYEE_TYPES {
        wanted.push(format!("employee_type.{v}"));
    }
    for v in crate::domain::report::ELECTION_TYPES {
        wanted.push(format!("election_type.{v}"));
    }
    for v in crate::domain::report::ELECTION_STAGES {
        wanted.push(format!("election_stage.{v}"));
    }
    for w in [
        crate::domain::password::Weakness::TooShort,
        crate::domain::password::Weakness::TooLong,
        crate::domain::password::Weakness::Guessable,
    ] {
        wanted.push(w.message_key().to_owned());
    }
    for c in crate::domain::workflow::Classification::ALL {
        wanted.push(format!("classification.{}", c.as_str()));
    }
    for &r in crate::domain::workflow::Role::ALL {
        wanted.push(format!("role.{}", r.as_str()));
    }
    for s in [
        "verification",
        "needs_info",
        "examination",
        "recommendation",
        "awaiting_ppk",
    ] {
        wanted.push(format!("stage.{s}"));
    }
    for &h in crate::domain::working_days::HolidayKind::ALL {
        wanted.push(format!("holiday.{}", h.as_str()));
    }
    for &a in crate::domain::event::AuditAction::ALL {
        wanted.push(format!("audit.{}", a.as_str()));
    }
    for &tier in crate::domain::workflow::CaseTier::ALL {
        wanted.push(format!("tier.{}", tier.as_str()));
    }
    for a in crate::domain::workflow::Action::ALL {
        if a != crate::domain::workflow::Action::ReporterAnswered {
            wanted.push(format!(
                "action.{}{}",
                a.name(),
                a.detail().map(|d| format!(".{d}")).unwrap_or_default()
            ));
        }
    }
    for &kind in crate::domain::event::MailKind::ALL {
        wanted.push(format!("mail.{}.subject", kind.as_str()));
        wanted.push(format!("mail.{}.lead", kind.as_str()));
    }
    for tier in ["ringan", "sedang", "berat", "moral"] {
        wanted.push(format!("tier.{tier}"));
    }
    for k in crate::domain::nip::MESSAGE_KEYS {
        wanted.push(k.to_owned());
    }
    for slug in [
        "not_found",
        "forbidden",
        "csrf",
        "too_large",
        "too_many",
        "bad_request",
        "conflict",
        "unavailable",
        "unexpected",
    ] {
        wanted.push(format!("error.{slug}.title"));
        wanted.push(format!("error.{slug}.body"));
    }
    for action in [
        "report_submitted",
        "reporter_replied",
        "reporter_added_evidence",
        "info_provided",
        "state_changed",
        "message_to_reporter",
    ] {
        wanted.push(format!("event.{action}"));
    }
    let missing: Vec<&String> = wanted.iter().filter(|k| !id.contains(k.as_str())).collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn a_missing_key_falls_back_to_the_key_and_args_are_filled() {
    let t = Tr::new(Lang::En);
    assert_eq!(t.t("no.such.key"), "no.such.key");
    assert_eq!(
        t.f("form.too_long", "200"),
        "Too long: at most 200 characters."
    );
    assert_eq!(Tr::new(Lang::Id).t("nav.report"), "Laporkan");
}
