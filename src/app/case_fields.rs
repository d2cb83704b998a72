//! The extra fields of the transitions that carry data: the recommendation (sanctions from the
//! catalogue, the tier rule), the PPK decree (SK number, dates) and forwarding to another agency.
//! Checked before the transaction; each failure is a catalogue key shown on the case page (422).

use chrono::NaiveDate;

use crate::db::reports::ReportRow;
use crate::db::sanctions::{CatalogueEntry, SanctionRow};
use crate::db::{DbConnection, agency_aliases, reported_persons, sanctions};
use crate::domain::area::TimeZone;
use crate::domain::ids::AgencyId;
use crate::domain::nip::employee_type::{TypeMismatch, stored_mismatch};
use crate::domain::sanction_rules::fits;
use crate::domain::workflow::{self, CaseTier, Classification};
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
    /// The form says a decree dated before the recommendation is dated right.
    pub sk_date_checked: bool,
    /// The decree's scan, uploaded with it (kept as the case's SK document).
    pub sk_file: Option<crate::domain::evidence::CleanFile>,
    pub target_agency: String,
    /// The objection filed (`ObjectionKind`), the day it was filed, and whether staff accept it
    /// after the window. Its decision reuses the decree's fields: number, date, TMT, scan, and
    /// the sanctions when it changed them.
    pub objection_kind: String,
    pub filed_on: String,
    pub late_checked: bool,
}

/// Sanctions to recommend: (code, tier, duration).
pub type Chosen = Vec<ChosenSanction>;

/// One sanction to recommend, as the catalogue has it.
#[derive(Debug, Clone)]
pub struct ChosenSanction {
    pub code: String,
    pub tier: CaseTier,
    pub duration_months: Option<i32>,
}

/// The catalogue entries that fit this case, as (code, label with tier and legal basis);
/// `employee_type` as [`sanction_type`] gives it.
pub fn options(
    entries: &[CatalogueEntry],
    r: &ReportRow,
    employee_type: &str,
    english: bool,
) -> Vec<(String, String)> {
    let Some(class) = r.classification else {
        return vec![];
    };
    entries
        .iter()
        .filter(|e| allowed(e, class, employee_type))
        .map(|e| {
            let name = if english { &e.name_en } else { &e.name_id };
            let tier = e.tier.as_str();
            let label = format!("{} — {name} ({tier}) · {}", e.code, e.legal_basis);
            (e.code.clone(), label)
        })
        .collect()
}

/// A catalogue entry fits the case, or is a moral statement beside a disciplinary sentence
/// (PP 42/2004 Pasal 16: both may stand together).
fn allowed(e: &CatalogueEntry, class: Classification, employee_type: &str) -> bool {
    fits(&e.kind, &e.employee_type, class, employee_type)
        || (class == Classification::Discipline && e.kind == "moral")
}

/// The employee type the sanctions are chosen for: the recorded one, or "unknown" (every
/// disciplinary entry, PNS and PPPK) while the identity number disagrees with it, until staff
/// correct the case.
pub fn sanction_type(r: &ReportRow, mismatch: Option<TypeMismatch>) -> &str {
    if mismatch.is_some() {
        "unknown"
    } else {
        &r.employee_type
    }
}

/// Whether the case's identity number disagrees with its employee type.
pub fn type_mismatch(
    conn: &mut DbConnection,
    r: &ReportRow,
    today: NaiveDate,
) -> Result<Option<TypeMismatch>, AppError> {
    Ok(reported_persons::find(conn, r.reported_person_id)?
        .and_then(|p| stored_mismatch(&p.id_kind, &p.id_number, &r.employee_type, today)))
}

pub fn recommendation(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
    today: NaiveDate,
) -> Result<Result<Chosen, &'static str>, AppError> {
    let entries = sanctions::catalogue(conn)?;
    let mismatch = type_mismatch(conn, r, today)?;
    let employee_type = sanction_type(r, mismatch);
    let Some(class) = r.classification else {
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
            .find(|e| e.code == code && allowed(e, class, employee_type))
        else {
            return Ok(Err("case.staff.sanction_unknown"));
        };
        if let Some(tier) = e.tier.discipline()
            && workflow::tier_allowed_for_neutrality(tier, Some(f.justification.as_str())).is_err()
        {
            return Ok(Err("case.staff.ringan_needs_justification"));
        }
        if !chosen.iter().any(|c: &ChosenSanction| c.code == code) {
            chosen.push(ChosenSanction {
                code: e.code.clone(),
                tier: e.tier,
                duration_months: e.duration_months,
            });
        }
    }
    // One disciplinary sentence at most (and one for a discipline case), one moral statement at most.
    let moral = chosen.iter().filter(|c| c.tier == CaseTier::Moral).count();
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

/// A form's date field (`YYYY-MM-DD`), if it holds one.
pub fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The decree's fields, every problem at once (in the form's order). A decree dated before the
/// recommendation is refused until the form says the date was checked: a PPK may sign first and
/// the file reach the system later, but more often the date is mistyped.
pub fn decree(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
    today: NaiveDate,
    tz: TimeZone,
) -> Result<Result<Decree, Vec<&'static str>>, AppError> {
    let mut problems = Vec::new();
    let sk_number = f.sk_number.clone();
    if sk_number.is_empty() || sk_number.chars().count() > 100 {
        problems.push("case.staff.sk_required");
    }
    let sk_date = date(&f.sk_date).filter(|d| *d <= today);
    if sk_date.is_none() {
        problems.push("case.staff.sk_date_invalid");
    }
    let recommended = sanctions::for_report(conn, r.id)?;
    if let (Some(sk), Some(on)) = (sk_date, recommended_on(&recommended, tz))
        && sk < on
        && !f.sk_date_checked
    {
        problems.push("case.staff.sk_before_recommendation");
    }
    let start_date = date(&f.start_date);
    problems.extend(start_problems(
        recommended.iter().map(|s| s.tier),
        start_date,
        sk_date,
    ));
    match sk_date {
        Some(sk_date) if problems.is_empty() => Ok(Ok(Decree {
            sk_number,
            sk_date,
            start_date,
        })),
        _ => Ok(Err(problems)),
    }
}

/// What is wrong with a decision's start date (TMT): sedang and berat sentences run from one
/// (moral statements and ringan do not), and it is not before the decision's own date.
pub fn start_problems(
    tiers: impl IntoIterator<Item = CaseTier>,
    start: Option<NaiveDate>,
    decided: Option<NaiveDate>,
) -> Vec<&'static str> {
    let mut problems = Vec::new();
    let needs_start = tiers
        .into_iter()
        .any(|t| matches!(t, CaseTier::Sedang | CaseTier::Berat));
    if needs_start && start.is_none() {
        problems.push("case.staff.start_required");
    }
    if let (Some(start), Some(decided)) = (start, decided)
        && start < decided
    {
        problems.push("case.staff.start_before_sk");
    }
    problems
}

/// The local date the case's sanctions were recommended on (the latest, if several).
pub fn recommended_on(rows: &[SanctionRow], tz: TimeZone) -> Option<NaiveDate> {
    rows.iter().map(|s| tz.local(s.created_at).date()).max()
}

/// The agency a case is forwarded to: an active agency other than the case's own.
pub fn target_agency(
    conn: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
) -> Result<Result<AgencyId, &'static str>, AppError> {
    match agency_aliases::find_by_name(conn, &f.target_agency)? {
        None => Ok(Err("case.staff.agency_unknown")),
        Some(a) if a.id == r.agency_id => Ok(Err("case.staff.agency_same")),
        Some(a) => Ok(Ok(a.id)),
    }
}
