//! A case's history in words (issue 12, "Readable history"): who did what, as a sentence in the
//! reader's language — "Diklasifikasikan sebagai pelanggaran disiplin — alasan: …" — never an
//! action code. A state change is named by the move that made it (found from its two states and
//! the detail its audit row carries); repeated looks at the evidence are one line with a count.

use crate::db::audit::AuditRow;
use crate::domain::event::AuditAction;
use crate::domain::workflow::{self, Action};
use crate::i18n::Tr;

pub struct TimelineEntry {
    pub when: String,
    pub who: String,
    pub what: String,
}

/// The actor in words: a staff member's name, or "Pelapor" / "Sistem".
pub fn who(t: Tr, a: &AuditRow, name: &str) -> String {
    if a.actor_user_id.is_some() {
        name.to_owned()
    } else {
        t.t(&format!("actor.{}", a.actor_kind)).to_owned()
    }
}

/// The sentence for a move.
fn moved(t: Tr, action: Action) -> String {
    let key = match action.detail() {
        Some(d) => format!("history.{}.{d}", action.name()),
        None => format!("history.{}", action.name()),
    };
    t.t(&key).to_owned()
}

/// The reason's words without the detail code a state change's row starts with ("[discipline] …").
fn split_reason(reason: Option<&str>) -> (Option<&str>, &str) {
    let r = reason.unwrap_or("").trim();
    if let Some(rest) = r.strip_prefix('[')
        && let Some((detail, words)) = rest.split_once("] ")
        && !detail.contains(' ')
    {
        return (Some(detail), words.trim());
    }
    (None, r)
}

/// What an audit entry did, in words, with its reason.
pub fn what(t: Tr, a: &AuditRow) -> String {
    let whole = a.reason.as_deref().unwrap_or("").trim();
    let (detail, words) = split_reason(a.reason.as_deref());
    // The "[…]" prefix is a move's detail only when a move with that detail fits; otherwise it
    // is staff's own words and stays.
    let (sentence, reason) = match (a.action, a.from_state, a.to_state) {
        (AuditAction::StateChanged, Some(from), Some(to)) => {
            match detail.and_then(|d| workflow::action_between(from, to, Some(d))) {
                Some(action) => (moved(t, action), words),
                None => match workflow::action_between(from, to, None) {
                    Some(action) => (moved(t, action), whole),
                    None => (t.f("history.moved", &t.label("state", to)), whole),
                },
            }
        }
        _ => (t.label("audit", a.action), whole),
    };
    if reason.is_empty() {
        sentence
    } else {
        format!("{sentence} — {}", t.f("history.reason", reason))
    }
}

/// Whether two entries in a row are one thing done again (looking at evidence or documents).
fn repeats(a: &AuditRow, b: &AuditRow) -> bool {
    matches!(
        a.action,
        AuditAction::EvidencePreviewed
            | AuditAction::EvidenceDownloaded
            | AuditAction::DocumentDownloaded
    ) && a.action == b.action
        && a.actor_user_id == b.actor_user_id
        && a.reason == b.reason
}

/// The history, oldest first; a run of the same look at the same file is one line ("3 kali"),
/// dated by its last time.
pub fn entries<'a>(
    t: Tr,
    rows: impl IntoIterator<Item = (&'a AuditRow, &'a str)>,
    when: impl Fn(&AuditRow) -> String,
) -> Vec<TimelineEntry> {
    let mut out: Vec<(TimelineEntry, &AuditRow, u32)> = Vec::new();
    for (a, name) in rows {
        if let Some((entry, last, n)) = out.last_mut()
            && repeats(last, a)
        {
            *n += 1;
            *last = a;
            entry.when = when(a);
            continue;
        }
        let entry = TimelineEntry {
            when: when(a),
            who: who(t, a, name),
            what: what(t, a),
        };
        out.push((entry, a, 1));
    }
    out.into_iter()
        .map(|(mut e, _, n)| {
            if n > 1 {
                e.what = format!("{} ({})", e.what, t.f("history.times", &n.to_string()));
            }
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_state::CaseState;

    #[test]
    fn the_detail_code_leaves_the_reason() {
        assert_eq!(
            split_reason(Some("[discipline] sesuai BAP (S3)")),
            (Some("discipline"), "sesuai BAP (S3)")
        );
        assert_eq!(
            split_reason(Some("[lihat lampiran] ok")),
            (None, "[lihat lampiran] ok")
        );
        assert_eq!(split_reason(None), (None, ""));
    }

    fn row(from: CaseState, to: CaseState, reason: &str) -> AuditRow {
        AuditRow {
            id: 1,
            seq: 1,
            at: chrono::NaiveDateTime::default(),
            actor_kind: "staff".into(),
            actor_user_id: None,
            report_id: None,
            action: AuditAction::StateChanged,
            from_state: Some(from),
            to_state: Some(to),
            reason: Some(reason.to_owned()),
            public: true,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn a_bracket_is_a_detail_only_when_the_move_has_it() {
        let t = Tr::new(crate::i18n::Lang::Id);
        let classified = what(
            t,
            &row(
                CaseState::Examination,
                CaseState::Recommendation,
                "[discipline] sesuai BAP",
            ),
        );
        assert!(classified.starts_with(t.t("history.classify.discipline")));
        assert!(!classified.contains("[discipline]") && classified.contains("sesuai BAP"));
        // Staff's own "[BAP]" on a move without a detail is theirs, and stays.
        let recommended = what(
            t,
            &row(
                CaseState::Recommendation,
                CaseState::AwaitingPpk,
                "[BAP] sudah lengkap",
            ),
        );
        assert!(recommended.starts_with(t.t("history.recommend")));
        assert!(recommended.contains("[BAP] sudah lengkap"), "{recommended}");
    }

    #[test]
    fn every_move_has_its_sentence_in_both_languages() {
        for lang in [crate::i18n::Lang::Id, crate::i18n::Lang::En] {
            let t = Tr::new(lang);
            for a in Action::ALL {
                let s = moved(t, a);
                assert!(!s.starts_with("history."), "{a:?} in {lang:?}");
            }
            for key in ["history.moved", "history.reason", "history.times"] {
                assert_ne!(t.t(key), key);
            }
            for kind in ["reporter", "system", "staff"] {
                let key = format!("actor.{kind}");
                assert_ne!(t.t(&key), key);
            }
        }
    }
}
