//! The extra fields of the transitions that carry data: the recommendation (sanctions from the
//! catalogue, the tier rule), the PPK decree (SK number, dates) and forwarding to another agency.
//! Checked before the transaction; each failure is a catalogue key shown on the case page (422).

use chrono::NaiveDate;

use crate::db::reports::ReportRow;
use crate::db::sanctions::CatalogueEntry;
use crate::db::{DbConnection, agencies, sanctions};
use crate::domain::area::search_key;
use crate::domain::sanction_rules::fits;
use crate::domain::workflow::{self, Classification, Tier};
use crate::error::AppError;

/// What the forms of some transitions add (cleaned, trimmed); each action reads its own.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub question: String,
    pub reference: String,
    pub sanctions: Vec<String>,
    pub justification: String,
    pub sk_number: String,
    pub sk_date: String,
    pub start_date: String,
    pub target_agency: String,
}

/// Sanctions to recommend: (code, tier, duration).
pub type Chosen = Vec<(String, String, Option<i32>)>;

/// The catalogue entries that fit this case, as (code, label with tier and legal basis).
pub fn options(entries: &[CatalogueEntry], r: &ReportRow, english: bool) -> Vec<(String, String)> {
    let Some(class) = r.classification.as_deref().and_then(Classification::parse) else {
        return vec![];
    };
    entries
        .iter()
        .filter(|e| allowed(e, class, &r.employee_type))
        .map(|e| {
            let name = if english { &e.5 } else { &e.4 };
            (e.0.clone(), format!("{} — {name} ({}) · {}", e.0, e.2, e.7))
        })
        .collect()
}

/// A catalogue entry fits the case, or is a moral statement beside a disciplinary sentence
/// (PP 42/2004 Pasal 16: both may stand together).
fn allowed(e: &CatalogueEntry, class: Classification, employee_type: &str) -> bool {
    fits(&e.1, &e.3, class, employee_type)
        || (class == Classification::Discipline && e.1 == "moral")
}

pub fn recommendation(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
) -> Result<Result<Chosen, &'static str>, AppError> {
    let entries = sanctions::catalogue(conn)?;
    let Some(class) = r.classification.as_deref().and_then(Classification::parse) else {
        return Ok(Err("case.staff.sanction_required"));
    };
    let mut chosen = Vec::new();
    for code in f
        .sanctions
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        let Some(e) = entries
            .iter()
            .find(|e| e.0 == code && allowed(e, class, &r.employee_type))
        else {
            return Ok(Err("case.staff.sanction_unknown"));
        };
        if let Some(tier) = Tier::parse(&e.2)
            && workflow::tier_allowed_for_neutrality(tier, Some(f.justification.as_str())).is_err()
        {
            return Ok(Err("case.staff.ringan_needs_justification"));
        }
        if !chosen
            .iter()
            .any(|(c, _, _): &(String, String, Option<i32>)| c == code)
        {
            chosen.push((e.0.clone(), e.2.clone(), e.6));
        }
    }
    // One disciplinary sentence at most (and one for a discipline case), one moral statement at most.
    let moral = chosen.iter().filter(|(_, tier, _)| tier == "moral").count();
    let disciplinary = chosen.len() - moral;
    if chosen.is_empty() || (class == Classification::Discipline && disciplinary == 0) {
        return Ok(Err("case.staff.sanction_required"));
    }
    if moral > 1 || disciplinary > 1 {
        return Ok(Err("case.staff.sanction_one_each"));
    }
    Ok(Ok(chosen))
}

pub struct Decree {
    pub sk_number: String,
    pub sk_date: NaiveDate,
    pub start_date: Option<NaiveDate>,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub fn decree(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
    today: NaiveDate,
) -> Result<Result<Decree, &'static str>, AppError> {
    let sk_number = f.sk_number.clone();
    if sk_number.is_empty() || sk_number.chars().count() > 100 {
        return Ok(Err("case.staff.sk_required"));
    }
    let Some(sk_date) = date(&f.sk_date).filter(|d| *d <= today) else {
        return Ok(Err("case.staff.sk_date_invalid"));
    };
    // Sedang and berat sentences run from a start date (TMT); moral statements and ringan do not.
    let needs_start = sanctions::for_report(conn, r.id)?
        .iter()
        .any(|s| s.tier == "sedang" || s.tier == "berat");
    let start_date = date(&f.start_date);
    if start_date.is_some_and(|d| d < sk_date) {
        return Ok(Err("case.staff.start_before_sk"));
    }
    if needs_start && start_date.is_none() {
        return Ok(Err("case.staff.start_required"));
    }
    Ok(Ok(Decree {
        sk_number,
        sk_date,
        start_date,
    }))
}

/// The agency a case is forwarded to: an active agency other than the case's own.
pub fn target_agency(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
) -> Result<Result<i64, &'static str>, AppError> {
    let key = search_key(&f.target_agency);
    match agencies::find_by_search_key(conn, &key)? {
        None => Ok(Err("case.staff.agency_unknown")),
        Some(a) if a.id == r.agency_id => Ok(Err("case.staff.agency_same")),
        Some(a) => Ok(Ok(a.id)),
    }
}
