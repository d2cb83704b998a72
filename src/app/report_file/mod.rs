//! Filing a report: one transaction that writes the report, the reported person (found or created
//! by NIP/NIK), the violations, the name keys the case list searches, the evidence with its
//! SHA-256, the audit row and one outbox row per staff recipient. A resubmitted form finds the
//! report it already made instead of making another. The public form runs it through the
//! group-commit writer (`db::group_commit`), which files several at once (`batch`).

pub(crate) mod batch;

use diesel::Connection as _;
use serde::{Deserialize, Serialize};

use crate::crypto::Keys;
use crate::crypto::{EMAIL_LABEL, IDENTITY_LABEL, WITNESSES_LABEL};
use crate::db::group_commit::Batched;
use crate::db::reports::{self, ReportRow};
use crate::db::{self, DbConnection, evidence};
use crate::domain::evidence::CleanFile;
use crate::domain::ids::{ReportId, UserId};
use crate::domain::intake::Letter;
use crate::domain::report::ValidReport;
use crate::error::AppError;

pub struct Filing {
    pub report: ValidReport,
    pub files: Vec<(String, CleanFile)>,
    pub submission_token: String,
    /// The `receipt_views` row the receipt page uses up when it shows this filing's receipt.
    pub receipt_nonce: String,
    pub receipt_hash: String,
    pub reporter_lang: String,
    /// Staff opened the case from a referral or finding (`app::case_open`): no reporter row, no
    /// receipt, the staff member the audit row's actor. None: the public form.
    pub opened: Option<Opened>,
}

/// Who opened a case on staff's side, and from which letter.
pub struct Opened {
    pub by: UserId,
    pub letter: Letter,
}

pub enum Saved {
    New {
        case_number: String,
        late: bool,
        /// The filing's `receipt_nonce`, written with it.
        nonce: String,
    },
    Duplicate(Box<ReportRow>),
}

#[derive(Serialize, Deserialize)]
struct Identity<'a> {
    name: &'a str,
    phone: Option<&'a str>,
    email: Option<&'a str>,
}

/// The public form's filings, for the group-commit writer (`db::group_commit`): a batch in one
/// go ([`batch::save_all`]), or one filing in its own savepoint when the batch failed.
pub struct Filer {
    pub keys: Keys,
}

impl Batched for Filer {
    type Job = Filing;
    type Out = Saved;
    type Err = AppError;

    fn all(&self, conn: &mut DbConnection, jobs: &[Filing]) -> Result<Vec<Saved>, AppError> {
        batch::save_all(conn, &self.keys, jobs)
    }

    fn one(&self, conn: &mut DbConnection, f: &Filing) -> Result<Saved, AppError> {
        let alone = conn.transaction(|c| batch::save_all(c, &self.keys, std::slice::from_ref(f)));
        match alone {
            Ok(mut saved) if saved.len() == 1 => Ok(saved.remove(0)),
            Ok(_) => Err(AppError::Unexpected(anyhow::anyhow!(
                "a filing got no answer"
            ))),
            // An identical submission (another instance, the same moment) won the race: the
            // loser answers with the winner's report.
            Err(e) if e.is_unique_violation() => {
                match reports::find_by_submission_token(conn, &f.submission_token)? {
                    Some(existing) => Ok(Saved::Duplicate(Box::new(existing))),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// Stores cleaned evidence files of a report (or of a reporter's message on it).
pub fn store_files(
    conn: &mut DbConnection,
    report_id: ReportId,
    message_id: Option<i64>,
    files: &[(String, CleanFile)],
) -> diesel::QueryResult<()> {
    let now = db::now();
    for (_, file) in files {
        // The name a phone gives a file can carry a capture time, an app or a person's name;
        // what is stored is a neutral name derived from the content.
        let name = format!(
            "bukti-{}.{}",
            file.sha256.get(..12).unwrap_or_default(),
            file.kind.extension()
        );
        let name = &name;
        evidence::insert(
            conn,
            &evidence::NewEvidenceRow {
                report_id,
                message_id,
                source: "reporter",
                filename: name,
                content_type: file.kind.mime(),
                size_bytes: i64::try_from(file.bytes.len()).unwrap_or(i64::MAX),
                sha256: &file.sha256,
                metadata_removed: file.metadata_removed,
                created_at: now,
            },
            &file.bytes,
        )?;
    }
    Ok(())
}
