//! How a case came in (issue 11, "Intake channel"; DOMAIN.md §3.1): the public form, or a case staff
//! open themselves from a Bawaslu referral, an SP4N-LAPOR! referral or an internal finding
//! (temuan), with the referring letter's number and date. Pure: the rules of the letter; the
//! report's own rules are `report::validate`'s, run with `FormContext::by_staff`.

use chrono::NaiveDate;

use super::report::FieldError;

codes! {
    /// A case's intake channel, stored as its `as_str` name in `reports.channel`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Channel {
        /// The public report form (`/lapor`).
        Web = "web",
        /// Forwarded by Bawaslu after its study (DOMAIN.md §3.1, 1).
        Bawaslu = "bawaslu",
        /// Forwarded by the SP4N-LAPOR! admin (DOMAIN.md §3.1, 3).
        Lapor = "lapor",
        /// Found by a superior, the Inspektorat or BKPSDM (DOMAIN.md §3.1, 4; PP 94/2021: not a
        /// complaint-only offence).
        Internal = "internal",
    }
}

impl Channel {
    /// The channels staff open a case from, in the order the form offers them.
    pub const STAFF: [Channel; 3] = [Self::Bawaslu, Self::Lapor, Self::Internal];

    /// A referral comes with a letter; a finding may be recorded without a memo.
    pub fn needs_letter(self) -> bool {
        matches!(self, Self::Bawaslu | Self::Lapor)
    }
}

/// The referring letter as typed.
#[derive(Debug, Clone, Default)]
pub struct LetterInput {
    pub channel: String,
    pub number: String,
    pub date: String,
    pub sender: String,
}

/// The letter, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub channel: Channel,
    /// Empty only for an internal finding.
    pub number: String,
    pub date: Option<NaiveDate>,
    pub sender: String,
}

impl Letter {
    /// The audit row's words: "bawaslu: 12/PM.01/XII/2026 of 2026-12-01 from Bawaslu Kota …".
    pub fn describe(&self) -> String {
        let mut out = self.channel.as_str().to_owned();
        if !self.number.is_empty() {
            out.push_str(": ");
            out.push_str(&self.number);
        }
        if let Some(d) = self.date {
            out.push_str(&format!(" of {d}"));
        }
        if !self.sender.is_empty() {
            out.push_str(" from ");
            out.push_str(&self.sender);
        }
        out
    }
}

const MAX_TEXT: usize = 200;

/// Checks the letter; every problem at once, on the fields of the staff form.
pub fn letter(input: &LetterInput, today: NaiveDate) -> Result<Letter, Vec<FieldError>> {
    let mut errors = Vec::new();
    let channel = Channel::parse(input.channel.trim()).filter(|c| Channel::STAFF.contains(c));
    if channel.is_none() {
        errors.push(FieldError::new("channel", "form.choose"));
    }
    let needs = channel.is_some_and(Channel::needs_letter);
    let number = input.number.trim().to_owned();
    if number.is_empty() && needs {
        errors.push(FieldError::new("letter_number", "intake.letter_required"));
    } else if number.chars().count() > MAX_TEXT {
        errors.push(FieldError::with(
            "letter_number",
            "form.too_long",
            MAX_TEXT.to_string(),
        ));
    }
    let sender = input.sender.trim().to_owned();
    if sender.is_empty() && needs {
        errors.push(FieldError::new("sender", "form.required"));
    } else if sender.chars().count() > MAX_TEXT {
        errors.push(FieldError::with(
            "sender",
            "form.too_long",
            MAX_TEXT.to_string(),
        ));
    }
    let date = match input.date.trim() {
        "" if needs => {
            errors.push(FieldError::new("letter_date", "intake.letter_required"));
            None
        }
        "" => None,
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) if d > today => {
                errors.push(FieldError::new("letter_date", "date.future"));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new("letter_date", "date.invalid"));
                None
            }
        },
    };
    match channel {
        Some(channel) if errors.is_empty() => Ok(Letter {
            channel,
            number,
            date,
            sender,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn input(channel: &str, number: &str, date: &str, sender: &str) -> LetterInput {
        LetterInput {
            channel: channel.into(),
            number: number.into(),
            date: date.into(),
            sender: sender.into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).expect("date")
    }

    fn fields(r: Result<Letter, Vec<FieldError>>) -> Vec<&'static str> {
        r.err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_referral_needs_its_letter_and_sender_a_finding_does_not() {
        assert_eq!(
            fields(letter(&input("bawaslu", "", "", ""), today())),
            ["letter_number", "sender", "letter_date"]
        );
        let found = letter(&input("internal", "", "", ""), today()).expect("finding");
        assert_eq!((found.channel, found.date), (Channel::Internal, None));
        let l = letter(
            &input(
                "lapor",
                " 123/LAPOR/XII/2026 ",
                "2026-12-01",
                "Admin SP4N-LAPOR!",
            ),
            today(),
        )
        .expect("referral");
        assert_eq!(l.number, "123/LAPOR/XII/2026");
        assert_eq!(l.date, NaiveDate::from_ymd_opt(2026, 12, 1));
    }

    #[test]
    fn the_public_form_is_not_a_channel_staff_choose_and_dates_are_checked() {
        assert_eq!(
            fields(letter(&input("web", "", "", ""), today())),
            ["channel"]
        );
        assert_eq!(fields(letter(&input("", "", "", ""), today())), ["channel"]);
        assert_eq!(
            fields(letter(&input("bawaslu", "1", "2026-12-08", "B"), today())),
            ["letter_date"]
        );
        assert_eq!(
            fields(letter(&input("bawaslu", "1", "1/12/2026", "B"), today())),
            ["letter_date"]
        );
    }
}
