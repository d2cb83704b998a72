//! The reporter's answer from the status page: one transaction with the message, its evidence, the
//! audit row, the outbox rows for the handler (or the agency's inspectors) and, when staff had
//! asked for information, the case's return to verification.

use super::Outcome;
use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::messages::{self, FROM_REPORTER, NewMessageRow};
use crate::db::{self, DbConnection, outbox, reports};
use crate::domain::case_state::CaseState;
use crate::domain::event::{AuditAction, MailKind};
use crate::domain::evidence::CleanFile;
use crate::domain::ids::ReportId;
use crate::domain::workflow::Role;
use crate::error::AppError;

pub struct Reply {
    pub report_id: ReportId,
    pub body: String,
    pub files: Vec<(String, CleanFile)>,
    pub client_token: String,
}

/// Saves the reply; invalid when the case no longer takes messages (closed meanwhile).
pub fn reply(conn: &mut DbConnection, key: &ChainKey, r: &Reply) -> Result<Outcome<()>, AppError> {
    db::write_tx(conn, |conn| {
        let token = (r.client_token.len() == 32).then_some(r.client_token.as_str());
        if let Some(tok) = token
            && messages::token_used(conn, tok)?
        {
            return Ok(Outcome::Done(())); // the same form sent twice: already saved
        }
        let report = reports::find(conn, r.report_id)?.ok_or(AppError::NotFound)?;
        let state = report.state;
        if !state.accepts_reporter_messages() {
            return Ok(Outcome::Invalid("reply.closed"));
        }
        let body = if r.body.is_empty() {
            "—"
        } else {
            r.body.as_str()
        };
        let message_id = messages::insert(
            conn,
            &NewMessageRow {
                report_id: report.id,
                direction: FROM_REPORTER,
                author_user_id: None,
                body,
                client_token: token,
                created_at: db::now(),
            },
        )?;
        crate::app::report_file::store_files(conn, report.id, Some(message_id), &r.files)?;
        let action = if r.files.is_empty() {
            AuditAction::ReporterReplied
        } else {
            AuditAction::ReporterAddedEvidence
        };
        audit::append(
            conn,
            key,
            &Event {
                actor: Actor::Reporter,
                report_id: Some(report.id),
                action,
                from_state: None,
                to_state: None,
                reason: None,
                public: true,
            },
        )?;
        if state == CaseState::NeedsInfo {
            let to = CaseState::Verification;
            let agency = db::agencies::find(conn, report.agency_id)?.ok_or(AppError::NotFound)?;
            let deadline = match to.deadline_stage() {
                Some(stage) => {
                    crate::app::deadlines::stage_deadline(conn, stage, &agency.timezone)?
                }
                None => None,
            };
            let (id, version) = (report.id, report.version);
            if !reports::apply_transition(conn, id, version, state, to, deadline, None, false)? {
                return Err(AppError::Conflict);
            }
            audit::append(
                conn,
                key,
                &Event {
                    actor: Actor::Reporter,
                    report_id: Some(report.id),
                    action: AuditAction::InfoProvided,
                    from_state: Some(state),
                    to_state: Some(to),
                    reason: None,
                    public: true,
                },
            )?;
        }
        // The handler only while still an active member of the case's agency (a forwarded case
        // or a disabled handler falls back to the agency's inspectors).
        let handler = match report.assigned_user_id {
            Some(h) => db::users::find(conn, h)?
                .filter(|u| u.active && u.agency_id == Some(report.agency_id)),
            None => None,
        };
        let recipients = match handler {
            Some(u) => vec![(u.id, u.lang)],
            None => outbox::staff_recipients(conn, report.agency_id, &[Role::Inspector])?,
        };
        for (user_id, lang) in recipients {
            outbox::enqueue(
                conn,
                MailKind::ReporterReplied,
                Some(report.id),
                &outbox::Recipient::User {
                    id: user_id,
                    lang: &lang,
                },
            )?;
        }
        Ok(Outcome::Done(()))
    })
}
