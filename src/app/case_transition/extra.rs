//! The data a transition writes besides the state: the recommendation's sanctions, the PPK's
//! decree, the objection and its decision, the agency a case is forwarded to.

use super::super::StaffUser;
use super::super::case_fields::{Chosen, Decree, Fields};
use super::super::case_objection::{Decision, Filing};
use crate::db::reports::ReportRow;
use crate::db::{DbConnection, objections, outbox, reports, sanctions};
use crate::domain::event::MailKind;
use crate::domain::ids::AgencyId;
use crate::domain::objection::ObjectionOutcome;
use crate::domain::workflow::{CaseTier, Role};
use crate::error::AppError;

pub(super) enum Extra {
    None,
    Sanctions(Chosen),
    Decree(Decree),
    Forward(AgencyId),
    Objection(Filing),
    ObjectionDecision(Decision),
}

impl Extra {
    /// Writes the transition's data; returns what the audit reason adds about it.
    pub(super) fn write(
        &self,
        c: &mut DbConnection,
        who: &StaffUser,
        r: &ReportRow,
        f: &Fields,
    ) -> Result<String, AppError> {
        match self {
            Self::Sanctions(chosen) => recommend(c, r, f, chosen),
            Self::Decree(d) => {
                sanctions::record_decision(c, r.id, &d.sk_number, d.sk_date, d.start_date)?;
                // The decree is what BKN waits for: the data block is lifted.
                reports::set_data_blocked(c, r.id, false)?;
                let checked = if f.sk_date_checked {
                    "; dated before the recommendation, checked"
                } else {
                    ""
                };
                Ok(format!(" (SK {} {}{checked})", d.sk_number, d.sk_date))
            }
            Self::Forward(target) => {
                reports::move_to_agency(c, r.id, *target)?;
                for (user_id, lang) in
                    outbox::staff_recipients(c, *target, &[Role::Inspector, Role::Bkpsdm])?
                {
                    let to = outbox::Recipient::User {
                        id: user_id,
                        lang: &lang,
                    };
                    outbox::enqueue(c, MailKind::NewCase, Some(r.id), &to)?;
                }
                Ok(String::new())
            }
            Self::Objection(o) => {
                objections::insert(
                    c,
                    &objections::Filing {
                        report_id: r.id,
                        kind: o.kind.as_str(),
                        filed_on: o.filed_on,
                        window_end: o.window_end,
                        late: o.late,
                        filed_by: who.id,
                    },
                )?;
                let late = if o.late {
                    format!("; after the window ending {}, accepted", o.window_end)
                } else {
                    String::new()
                };
                Ok(format!(" ({} filed {}{late})", o.kind.as_str(), o.filed_on))
            }
            Self::ObjectionDecision(d) => {
                if !objections::decide(c, r.id, d.outcome.as_str(), &d.number, d.date, who.id)? {
                    return Err(AppError::Conflict);
                }
                let mut said = format!(" (decision {} {})", d.number, d.date);
                match (&d.sentence, d.outcome) {
                    (Some((chosen, start)), _) => {
                        sanctions::supersede(c, r.id)?;
                        said.push_str(&recommend(c, r, f, chosen)?);
                        sanctions::decide_pending(c, r.id, &d.number, d.date, *start)?;
                    }
                    // An annulled decree sanctions nobody: its sentences stop counting (the
                    // case keeps its tier, as the decree had it, for the record).
                    (None, ObjectionOutcome::Annulled) => {
                        sanctions::supersede(c, r.id)?;
                    }
                    (None, _) => {}
                }
                Ok(said)
            }
            Self::None => Ok(String::new()),
        }
    }
}

/// Writes the sentences chosen (standing, not yet decreed) and the case's tier: its heaviest
/// sentence, "moral" for a moral statement alone. Returns the codes for the audit reason.
fn recommend(
    c: &mut DbConnection,
    r: &ReportRow,
    f: &Fields,
    chosen: &Chosen,
) -> Result<String, AppError> {
    let justification = Some(f.justification.as_str()).filter(|j| !j.is_empty());
    for s in chosen {
        sanctions::recommend(c, r.id, &s.code, s.tier, justification, s.duration_months)?;
    }
    let tier = chosen
        .iter()
        .filter_map(|s| s.tier.discipline())
        .max()
        .map_or(CaseTier::Moral, CaseTier::from);
    reports::set_tier(c, r.id, tier)?;
    let codes: Vec<&str> = chosen.iter().map(|s| s.code.as_str()).collect();
    Ok(format!(" ({})", codes.join(", ")))
}
