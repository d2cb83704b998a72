//! The use cases: one module per operation a person (or, next, another system) performs on
//! Netra — write to the reporter, assign, move a case through the workflow, open the reporter's
//! identity, take out a piece of evidence.
//!
//! A layer of its own, between the pages and the tables, because the HTML pages, the CLI and the
//! coming inter-agency API must run exactly the same operations with exactly the same rules:
//! each is a plain synchronous function over a connection and a typed command, answers a typed
//! [`Outcome`] (or an [`AppError`] for what no form can mend: not found, forbidden), and owns its
//! one transaction with its audit row and its outbox rows. Nothing here knows about HTTP; the
//! handlers in `web/` extract, call one operation inside `db::run`, and render or redirect.

pub mod accounts;
pub mod audit_checkpoint;
pub mod audit_log;
pub mod bkpsdm_alert;
pub mod case_access;
pub mod case_assign;
pub mod case_catalogue;
pub mod case_documents;
pub mod case_examination;
pub mod case_fields;
pub mod case_file_export;
pub mod case_list;
pub mod case_message;
pub mod case_objection;
pub mod case_open;
pub mod case_person;
pub mod case_process;
pub mod case_read;
pub mod case_transition;
pub mod catalogue_admin;
pub mod deadlines;
pub mod digest;
pub mod email_prefs;
pub mod evidence;
pub mod identity;
pub mod needs_info_timeout;
pub mod own_password;
pub mod receipt_check;
pub mod refcache;
pub mod reference;
pub mod report_file;
pub mod second_factor;
pub mod second_factor_admin;
pub mod sign_in;
pub mod sign_in_code;
pub mod status_reply;

use crate::db::audit::{Actor, AuditRow, Event};
use crate::db::{DbConnection, outbox, reports};
use crate::domain::area::TimeZone;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::ids::{AgencyId, ReportId, UserId};
use crate::domain::workflow::Role;
use crate::error::AppError;

/// What an operation came to, short of an error. `P` is what the caller must mend: one catalogue
/// key, or every problem of a form with several fields at once (`Vec`, in the form's order).
#[derive(Debug)]
pub enum Outcome<T, P = &'static str> {
    Done(T),
    /// Nothing was written: the catalogue key of what to mend.
    Invalid(P),
    /// Nothing was written: the case changed since the form was shown (or is no longer where the
    /// action applies); what happened since.
    Conflict(Changes),
}

impl<T, P> Outcome<T, P> {
    /// The same outcome with what was done mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U, P> {
        match self {
            Self::Done(x) => Outcome::Done(f(x)),
            Self::Invalid(p) => Outcome::Invalid(p),
            Self::Conflict(c) => Outcome::Conflict(c),
        }
    }
}

impl<T> Outcome<T> {
    /// The same outcome with its one problem as a list, for a page that shows several.
    pub fn as_list(self) -> Outcome<T, Vec<&'static str>> {
        match self {
            Self::Done(x) => Outcome::Done(x),
            Self::Invalid(key) => Outcome::Invalid(vec![key]),
            Self::Conflict(c) => Outcome::Conflict(c),
        }
    }
}

/// What is wrong with a form that has several fields, as (field, catalogue key) pairs; empty
/// when nothing is.
pub type Problems = Vec<(&'static str, &'static str)>;

/// The timeline entries a stale form did not see, with who made each.
#[derive(Debug)]
pub struct Changes {
    pub tz: TimeZone,
    pub entries: Vec<(AuditRow, String)>,
}

/// The staff member an operation acts for, as the session established it.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: UserId,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
}

impl StaffUser {
    pub fn sees_all_agencies(&self) -> bool {
        self.role.sees_all_agencies()
    }

    /// An audit entry by this staff member on a case.
    fn event<'a>(
        &self,
        report_id: ReportId,
        action: AuditAction,
        reason: Option<&'a str>,
        public: bool,
    ) -> Event<'a> {
        Event {
            actor: Actor::Staff(self.id),
            report_id: Some(report_id),
            action,
            from_state: None,
            to_state: None,
            reason,
            public,
        }
    }
}

/// Queues a content-free notice to the reporter, if they left an address and did not opt out.
fn notify_reporter(
    c: &mut DbConnection,
    report_id: ReportId,
    kind: MailKind,
) -> Result<(), AppError> {
    if let Some(rep) = reports::reporter(c, report_id)?
        && let Some(email) = rep.email.as_deref()
        && !rep.opt_out
    {
        outbox::enqueue(
            c,
            kind,
            Some(report_id),
            &outbox::Recipient::Reporter {
                email_sealed: email,
                lang: &rep.lang,
            },
        )?;
    }
    Ok(())
}
