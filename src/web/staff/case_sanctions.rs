//! A case's sanctions as the case page words them: the catalogue entry and its tier, how long the
//! sentence runs, and once the PPK decided, the decree and the dates it runs between (TMT).

use crate::app::case_read::{CaseData, SanctionView};
use crate::i18n::Tr;

/// The case's sanctions, one line each.
pub fn lines(t: Tr, d: &CaseData) -> Vec<String> {
    d.sanctions.iter().map(|s| line(t, s)).collect()
}

fn line(t: Tr, s: &SanctionView) -> String {
    let date = |d: chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
    let mut out = if s.superseded {
        format!("{} ", t.t("case.staff.sanction_superseded"))
    } else {
        String::new()
    };
    out.push_str(&format!(
        "{} — {} ({})",
        s.code,
        s.name,
        t.label("tier", s.tier)
    ));
    if !s.legal_basis.is_empty() {
        out.push_str(&format!(" [{}]", s.legal_basis));
    }
    if let Some(m) = s.duration_months {
        out.push_str(", ");
        out.push_str(&t.f("case.staff.sanction_months", &m.to_string()));
    }
    match &s.sk_number {
        None => {
            out.push_str(" · ");
            out.push_str(t.t("case.staff.sanction_awaiting"));
        }
        Some(n) => {
            out.push_str(" · ");
            out.push_str(&t.f("case.staff.sanction_sk", n));
            if let Some(d) = s.sk_date {
                out.push(' ');
                out.push_str(&t.f("case.staff.sanction_sk_date", &date(d)));
            }
        }
    }
    if let Some(start) = s.start_date {
        out.push_str(" · ");
        out.push_str(&t.f("case.staff.sanction_tmt", &date(start)));
        if let Some(end) = s.last_day {
            out.push(' ');
            out.push_str(&t.f("case.staff.sanction_until", &date(end)));
        }
    }
    out
}
