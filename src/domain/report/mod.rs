//! The public report form's rules (DOMAIN.md §5): raw input in, a `ValidReport` or one message per
//! broken rule out. Pure: the caller looks up what needs the database (the agency, the catalogue)
//! and passes it in `FormContext`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

mod checks;

use checks::{chars, date, looks_like_phone, text};
pub use checks::{is_late, is_web_link, looks_like_email};

use super::ids::AgencyId;
use super::nip::AsnId;

/// What the reporter typed, as typed.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    pub identity_mode: String,
    pub reporter_name: String,
    pub reporter_email: String,
    pub reporter_phone: String,
    pub asn_id: String,
    /// "I do not know the NIP/NIK": the report is kept, the identity established by staff.
    pub asn_id_unknown: bool,
    pub asn_name: String,
    pub employee_type: String,
    pub agency: String,
    pub unit: String,
    pub position: String,
    pub violations: Vec<String>,
    pub election_type: String,
    pub election_stage: String,
    pub incident_date: String,
    pub known_date: String,
    pub province: String,
    pub regency: String,
    pub place: String,
    pub description: String,
    pub links: String,
    pub witnesses: String,
    pub declaration: bool,
}

/// What validation needs from outside the form.
pub struct FormContext<'a> {
    pub today: NaiveDate,
    pub violation_codes: &'a HashSet<String>,
    /// regency code → province code
    pub regencies: &'a HashMap<String, String>,
    pub province_codes: &'a HashSet<String>,
    /// The agency the typed name resolved to, if any.
    pub agency_id: Option<AgencyId>,
    /// Evidence files that passed their own checks.
    pub file_count: usize,
    /// Staff opening a case from a referral or finding: no reporter, no declaration, and the
    /// referring letter stands as the evidence (`domain::intake`).
    pub by_staff: bool,
}

/// One broken rule: the field it belongs to and the catalogue key of its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
    /// Fills `{arg}` in the message (a file name, a count).
    pub arg: Option<String>,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            key,
            arg: None,
        }
    }
    pub fn with(field: &'static str, key: &'static str, arg: impl Into<String>) -> Self {
        Self {
            field,
            key,
            arg: Some(arg.into()),
        }
    }
}

pub const EMPLOYEE_TYPES: [&str; 4] = ["PNS", "CPNS", "PPPK", "unknown"];
pub const ELECTION_TYPES: [&str; 8] = [
    "pilpres",
    "pileg_dpr",
    "pileg_dpd",
    "pileg_dprd_prov",
    "pileg_dprd_kabkota",
    "pilgub",
    "pilbup",
    "pilwalkot",
];
pub const ELECTION_STAGES: [&str; 5] = [
    "pre_candidacy",
    "campaign",
    "quiet_period",
    "voting",
    "post_voting",
];
pub const MAX_LINKS: usize = 10;
pub const DESCRIPTION_MIN: usize = 50;
pub const DESCRIPTION_MAX: usize = 10_000;
/// Days after which the Bawaslu route is closed (UU 7/2017 Pasal 454(6)); the case still proceeds.
pub const BAWASLU_DAYS: u64 = 7;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedReporter {
    pub name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ValidReport {
    /// None when the reporter chose to stay anonymous.
    pub named: Option<NamedReporter>,
    /// Where updates go, if the reporter wants them (anonymous reporters may leave one too).
    pub email: Option<String>,
    /// None: the reporter did not know it; staff establish it before registration.
    pub asn_id: Option<AsnId>,
    pub asn_name: String,
    pub employee_type: String,
    pub agency_id: AgencyId,
    pub unit: String,
    pub position: String,
    pub violations: Vec<String>,
    pub election_type: String,
    pub election_stage: String,
    pub incident_date: NaiveDate,
    pub known_date: NaiveDate,
    pub late_for_bawaslu: bool,
    pub province: String,
    pub regency: Option<String>,
    pub place: String,
    pub description: String,
    pub links: Vec<String>,
    pub witnesses: String,
}

/// Checks every rule and reports every failure at once.
pub fn validate(
    input: &ReportInput,
    ctx: &FormContext<'_>,
) -> Result<ValidReport, Vec<FieldError>> {
    let mut errors = Vec::new();

    let named = match input.identity_mode.as_str() {
        "anonymous" => false,
        "named" => true,
        _ => {
            errors.push(FieldError::new("identity_mode", "identity.choose"));
            false
        }
    };
    let reporter_name = text(
        &mut errors,
        "reporter_name",
        &input.reporter_name,
        named,
        200,
    );
    // Without JavaScript the name field shows while "anonymous" is chosen: a typed name is a sign
    // the reporter meant to be named, so ask instead of silently dropping it.
    if !named && input.identity_mode == "anonymous" && !reporter_name.is_empty() {
        errors.push(FieldError::new("reporter_name", "identity.name_anonymous"));
    }
    let email = input.reporter_email.trim().to_owned();
    if !email.is_empty() && !looks_like_email(&email) {
        errors.push(FieldError::new("reporter_email", "email.invalid"));
    }
    let phone = input.reporter_phone.trim().to_owned();
    if !phone.is_empty() && !named {
        errors.push(FieldError::new("reporter_phone", "phone.anonymous"));
    } else if !phone.is_empty() && !looks_like_phone(&phone) {
        errors.push(FieldError::new("reporter_phone", "phone.invalid"));
    }

    let is_province = |code: &str| ctx.province_codes.contains(code);
    // Some(None): nobody knows the number; None: what was typed breaks a rule.
    let asn_id = if input.asn_id.trim().is_empty() {
        if input.asn_id_unknown {
            Some(None)
        } else {
            errors.push(FieldError::new("asn_id", "asn_id.required_or_unknown"));
            None
        }
    } else {
        // A number typed wins over the box ticked: it is checked like any other.
        match AsnId::parse(&input.asn_id, ctx.today, is_province) {
            Ok(id) => Some(Some(id)),
            Err(e) => {
                let digits = input.asn_id.chars().filter(char::is_ascii_digit).count();
                errors.push(FieldError::with(
                    "asn_id",
                    e.message_key(),
                    digits.to_string(),
                ));
                None
            }
        }
    };
    // Without the number, the work unit and position are what lets staff find the person.
    let identify = matches!(asn_id, Some(None));
    let asn_name = text(&mut errors, "asn_name", &input.asn_name, true, 200);
    if !EMPLOYEE_TYPES.contains(&input.employee_type.as_str()) {
        errors.push(FieldError::new("employee_type", "form.choose"));
    }
    if input.agency.trim().is_empty() {
        errors.push(FieldError::new("agency", "form.required"));
    } else if ctx.agency_id.is_none() {
        errors.push(FieldError::new("agency", "agency.unknown"));
    }
    let unit = text(&mut errors, "unit", &input.unit, identify, 200);
    let position = text(&mut errors, "position", &input.position, identify, 200);

    let mut violations: Vec<String> = Vec::new();
    for v in &input.violations {
        if !ctx.violation_codes.contains(v) {
            errors.push(FieldError::new("violations", "violations.unknown"));
            break;
        }
        if !violations.contains(v) {
            violations.push(v.clone());
        }
    }
    if input.violations.is_empty() {
        errors.push(FieldError::new("violations", "violations.required"));
    }
    if !ELECTION_TYPES.contains(&input.election_type.as_str()) {
        errors.push(FieldError::new("election_type", "form.choose"));
    }
    if !ELECTION_STAGES.contains(&input.election_stage.as_str()) {
        errors.push(FieldError::new("election_stage", "form.choose"));
    }
    let incident = date(
        &mut errors,
        "incident_date",
        &input.incident_date,
        ctx.today,
    );
    let known = date(&mut errors, "known_date", &input.known_date, ctx.today);
    if let (Some(i), Some(k)) = (incident, known)
        && k < i
    {
        errors.push(FieldError::new("known_date", "known_date.before_incident"));
    }

    if !ctx.province_codes.contains(input.province.as_str()) {
        errors.push(FieldError::new("province", "form.choose"));
    }
    let regency = match input.regency.trim() {
        "" => None,
        code => match ctx.regencies.get(code) {
            Some(p) if *p == input.province => Some(code.to_owned()),
            Some(_) => {
                errors.push(FieldError::new("regency", "regency.other_province"));
                None
            }
            None => {
                errors.push(FieldError::new("regency", "form.choose"));
                None
            }
        },
    };
    let place = text(&mut errors, "place", &input.place, true, 300);

    let description = input.description.trim().to_owned();
    let n = chars(&description);
    if n == 0 {
        errors.push(FieldError::new("description", "form.required"));
    } else if n < DESCRIPTION_MIN {
        errors.push(FieldError::with(
            "description",
            "description.too_short",
            n.to_string(),
        ));
    } else if n > DESCRIPTION_MAX {
        errors.push(FieldError::with(
            "description",
            "form.too_long",
            DESCRIPTION_MAX.to_string(),
        ));
    }

    let links: Vec<String> = input
        .links
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if links.len() > MAX_LINKS {
        errors.push(FieldError::with(
            "links",
            "links.too_many",
            MAX_LINKS.to_string(),
        ));
    } else if let Some(bad) = links.iter().find(|l| !is_web_link(l)) {
        errors.push(FieldError::with(
            "links",
            "links.invalid",
            bad.chars().take(80).collect::<String>(),
        ));
    }
    if links.is_empty() && ctx.file_count == 0 && !ctx.by_staff {
        errors.push(FieldError::new("evidence", "evidence.required"));
    }
    let witnesses = text(&mut errors, "witnesses", &input.witnesses, false, 2000);
    if !input.declaration && !ctx.by_staff {
        errors.push(FieldError::new("declaration", "declaration.required"));
    }

    match (asn_id, ctx.agency_id, incident, known) {
        (Some(asn_id), Some(agency_id), Some(incident_date), Some(known_date))
            if errors.is_empty() =>
        {
            Ok(ValidReport {
                named: named.then(|| NamedReporter {
                    name: reporter_name,
                    phone: Some(phone).filter(|p| !p.is_empty()),
                }),
                email: Some(email).filter(|e| !e.is_empty()),
                asn_id,
                asn_name,
                employee_type: input.employee_type.clone(),
                agency_id,
                unit,
                position,
                violations,
                election_type: input.election_type.clone(),
                election_stage: input.election_stage.clone(),
                incident_date,
                known_date,
                late_for_bawaslu: is_late(known_date, ctx.today),
                province: input.province.clone(),
                regency,
                place,
                description,
                links,
                witnesses,
            })
        }
        _ => Err(errors),
    }
}
