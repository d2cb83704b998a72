//! The small checks the report form's rules are made of: text lengths, dates, contact details,
//! links, and the Bawaslu window.

use chrono::{Days, NaiveDate};

use super::{BAWASLU_DAYS, FieldError};

pub(super) fn chars(s: &str) -> usize {
    s.chars().count()
}

pub(super) fn text(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, "form.required"));
    } else if chars(v) > max {
        errors.push(FieldError::with(field, "form.too_long", max.to_string()));
    }
    v.to_owned()
}

pub(super) fn date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    raw: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, "form.required"));
        return None;
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Err(_) => {
            errors.push(FieldError::new(field, "date.invalid"));
            None
        }
        Ok(d) if d > today => {
            errors.push(FieldError::new(field, "date.future"));
            None
        }
        Ok(d) if d < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(d) => {
            errors.push(FieldError::new(field, "date.too_old"));
            None
        }
        Ok(d) => Some(d),
    }
}

/// A deliberately plain check: one `@`, something before it, a dotted domain, no spaces. The
/// address is only ever used to send a content-free notice, so a typo costs the reporter updates,
/// not safety; we still catch the common slips.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && s.len() <= 254
}

pub(super) fn looks_like_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    s.chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && (8..=15).contains(&digits)
}

/// Whether the incident date is old enough that the Bawaslu route is closed.
pub fn is_late(known: NaiveDate, today: NaiveDate) -> bool {
    known
        .checked_add_days(Days::new(BAWASLU_DAYS))
        .is_some_and(|limit| today > limit)
}

/// An absolute http(s) URL with a host and no spaces: the post the reporter points at.
pub fn is_web_link(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !s.chars().any(char::is_whitespace) && s.len() <= 2000
    })
}
