//! The check of the whole chain: every row in order, each hash recomputed from the row as stored.

use diesel::prelude::*;

use super::super::DbConnection;
use super::super::schema::{audit_chain, audit_log};
use super::{StoredAuditRow, row_hash};

/// Where the chain first fails to fit, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Intact {
        rows: u64,
    },
    Broken {
        seq: i64,
        id: i64,
        why: &'static str,
    },
}

/// Walks the whole chain in order, in pages, and reports the first row that does not fit.
pub fn verify(conn: &mut DbConnection) -> QueryResult<Verdict> {
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1;
    let mut rows = 0u64;
    loop {
        let page: Vec<StoredAuditRow> = audit_log::table
            .filter(audit_log::seq.ge(expected_seq))
            .order(audit_log::seq.asc())
            .limit(1000)
            .select(StoredAuditRow::as_select())
            .load(conn)?;
        if page.is_empty() {
            break;
        }
        for r in page {
            if r.seq != expected_seq {
                return Ok(Verdict::Broken {
                    seq: expected_seq,
                    id: r.id,
                    why: "a row is missing",
                });
            }
            if r.prev_hash != prev {
                return Ok(Verdict::Broken {
                    seq: r.seq,
                    id: r.id,
                    why: "previous hash does not match",
                });
            }
            let h = row_hash(
                r.seq,
                r.at,
                &r.actor_kind,
                r.actor_user_id,
                r.report_id,
                &r.action,
                (r.from_state.as_deref(), r.to_state.as_deref()),
                r.reason.as_deref(),
                r.public,
                &r.prev_hash,
            );
            if h != r.hash {
                return Ok(Verdict::Broken {
                    seq: r.seq,
                    id: r.id,
                    why: "row content does not match its hash",
                });
            }
            prev = r.hash;
            expected_seq += 1;
            rows += 1;
        }
    }
    let (head_seq, head_hash): (i64, String) = audit_chain::table
        .filter(audit_chain::id.eq(1))
        .select((audit_chain::seq, audit_chain::last_hash))
        .first(conn)?;
    if head_seq != expected_seq - 1 || head_hash != prev {
        return Ok(Verdict::Broken {
            seq: expected_seq,
            id: 0,
            why: "rows at the end of the chain are missing",
        });
    }
    Ok(Verdict::Intact { rows })
}
