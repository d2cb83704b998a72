//! One email from one outbox row: subject and body in the recipient's language, plain text and
//! HTML alternatives, the row's stable Message-ID, and only what may travel by email.

use askama::Template;
use lettre::Message;
use lettre::message::MultiPart;

use crate::domain::event::MailKind;
use crate::i18n::{Lang, Tr};

/// Everything a message may say. Nothing from the report's content is here on purpose.
pub struct Facts {
    pub kind: MailKind,
    pub lang: Lang,
    pub to: String,
    pub message_id: String,
    /// What the subject names: the case number, or the agency and day of a digest.
    pub subject_arg: String,
    pub case_number: Option<String>,
    pub agency: Option<String>,
    pub state: Option<String>,
    pub deadline: Option<String>,
    /// A digest's lines.
    pub counts: Vec<CountLine>,
    /// The audit checkpoint's `SEQ:HEAD`.
    pub checkpoint: Option<String>,
    /// The case page (staff) or the status page (reporter).
    pub link: String,
    /// For reporters: stop these emails without an account.
    pub opt_out: Option<String>,
    /// For staff: where to choose every alert or the digest only.
    pub prefs: Option<String>,
}

/// A line of a digest: a label in the recipient's language and a count.
pub struct CountLine {
    pub label: String,
    pub n: i64,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct Text<'a> {
    t: Tr,
    f: &'a Facts,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct Html<'a> {
    t: Tr,
    f: &'a Facts,
}

impl Facts {
    pub fn subject(&self, t: Tr) -> String {
        t.f(
            &format!("mail.{}.subject", self.kind.as_str()),
            &self.subject_arg,
        )
    }
    pub fn lead(&self, t: Tr) -> String {
        t.t(&format!("mail.{}.lead", self.kind.as_str())).to_owned()
    }
}

pub fn build(f: &Facts, from: &str) -> anyhow::Result<Message> {
    let t = Tr::new(f.lang);
    let text = Text { t, f }.render()?;
    let html = Html { t, f }.render()?;
    Ok(Message::builder()
        .from(from.parse()?)
        .to(f.to.parse()?)
        .subject(f.subject(t))
        .message_id(Some(f.message_id.clone()))
        .multipart(MultiPart::alternative_plain_html(text, html))?)
}
