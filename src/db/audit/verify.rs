//! The check of the whole chain: every row in order, each MAC recomputed from the row as stored
//! under the chain key, and each checkpoint given met by the row at its sequence number.

use diesel::prelude::*;

use super::super::DbConnection;
use super::super::schema::{audit_chain, audit_log};
use super::{Fields, StoredAuditRow};
use crate::crypto::ChainKey;

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

/// The chain's head at one moment, `SEQ:HEAD`: kept outside the database (the national staff's
/// digest, the admin's audit page, an operator's notes), it proves later that the rows up to
/// `SEQ` are still the ones that were there, none changed and none removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub head: String,
}

impl Checkpoint {
    /// `SEQ:HEAD` as printed (the head as 64 hex digits).
    pub fn parse(s: &str) -> Option<Self> {
        let (seq, head) = s.trim().split_once(':')?;
        let seq: i64 = seq.trim().parse().ok().filter(|n| *n > 0)?;
        let head = head.trim().to_ascii_lowercase();
        (head.len() == 64 && head.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(Self { seq, head })
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.head)
    }
}

/// The checkpoint of the chain as it stands (none while it is empty).
pub fn checkpoint(conn: &mut DbConnection) -> QueryResult<Option<Checkpoint>> {
    let (seq, head): (i64, String) = audit_chain::table
        .filter(audit_chain::id.eq(1))
        .select((audit_chain::seq, audit_chain::last_hash))
        .first(conn)?;
    Ok((seq > 0).then_some(Checkpoint { seq, head }))
}

/// Every row in order, a page at a time.
fn each_row(
    conn: &mut DbConnection,
    mut visit: impl FnMut(&StoredAuditRow) -> Option<(i64, &'static str)>,
) -> QueryResult<Option<(i64, i64, &'static str)>> {
    let mut next = i64::MIN;
    loop {
        let page: Vec<StoredAuditRow> = audit_log::table
            .filter(audit_log::seq.ge(next))
            .order(audit_log::seq.asc())
            .limit(1000)
            .select(StoredAuditRow::as_select())
            .load(conn)?;
        let Some(last) = page.last() else {
            return Ok(None);
        };
        next = last.seq.saturating_add(1);
        for r in &page {
            if let Some((seq, why)) = visit(r) {
                return Ok(Some((seq, r.id, why)));
            }
        }
    }
}

/// Walks the whole chain in order and reports the first row that does not fit, or the first
/// checkpoint the chain no longer reaches or meets.
pub fn verify(
    conn: &mut DbConnection,
    key: &ChainKey,
    checkpoints: &[Checkpoint],
) -> QueryResult<Verdict> {
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1;
    let mut rows = 0u64;
    let broken = each_row(conn, |r| {
        if r.seq != expected_seq {
            return Some((expected_seq, "a row is missing"));
        }
        if r.prev_hash != prev {
            return Some((r.seq, "previous hash does not match"));
        }
        if r.fields().hash(key) != r.hash {
            return Some((r.seq, "row content does not match its hash"));
        }
        if checkpoints
            .iter()
            .any(|c| c.seq == r.seq && c.head != r.hash)
        {
            return Some((r.seq, "the row differs from the checkpoint's"));
        }
        prev.clone_from(&r.hash);
        expected_seq += 1;
        rows += 1;
        None
    })?;
    if let Some((seq, id, why)) = broken {
        return Ok(Verdict::Broken { seq, id, why });
    }
    let last = expected_seq - 1;
    if let Some(c) = checkpoints.iter().find(|c| c.seq > last) {
        return Ok(Verdict::Broken {
            seq: c.seq,
            id: 0,
            why: "rows up to the checkpoint are missing",
        });
    }
    let head = checkpoint(conn)?;
    let fits = match &head {
        Some(h) => h.seq == last && h.head == prev,
        None => last == 0,
    };
    if !fits {
        return Ok(Verdict::Broken {
            seq: expected_seq,
            id: 0,
            why: "rows at the end of the chain are missing",
        });
    }
    Ok(Verdict::Intact { rows })
}

/// Whether the chain's last row fits the key (true for an empty chain): the server's check at
/// start, one row, not the whole walk.
pub fn last_row_fits(conn: &mut DbConnection, key: &ChainKey) -> QueryResult<bool> {
    let last: Option<StoredAuditRow> = audit_log::table
        .order(audit_log::seq.desc())
        .select(StoredAuditRow::as_select())
        .first(conn)
        .optional()?;
    Ok(last.is_none_or(|r| r.fields().hash(key) == r.hash))
}

/// Re-hashes a chain written before the chain was keyed (plain SHA-256) under the chain key, in
/// one transaction, after checking it whole as it was written: an operator runs it once, by hand
/// (`netra audit rekey`), never the server on its own, since a database writer could otherwise
/// rewrite the chain unkeyed and have it blessed. Rows already keyed are kept as they are. `Err`
/// with the verdict when the old chain does not hold.
pub fn rekey(conn: &mut DbConnection, key: &ChainKey) -> QueryResult<Result<u64, Verdict>> {
    super::super::write_tx(conn, |conn| {
        let (mut old_prev, mut new_prev) = ("0".repeat(64), "0".repeat(64));
        let mut expected_seq = 1;
        let mut changes: Vec<(i64, String, String)> = Vec::new();
        let broken = each_row(conn, |r| {
            if r.seq != expected_seq {
                return Some((expected_seq, "a row is missing"));
            }
            if r.prev_hash != old_prev {
                return Some((r.seq, "previous hash does not match"));
            }
            let f = r.fields();
            if f.legacy_hash() != r.hash && f.hash(key) != r.hash {
                return Some((r.seq, "row content does not match its hash"));
            }
            let rehashed = Fields {
                prev_hash: &new_prev,
                ..f
            }
            .hash(key);
            if rehashed != r.hash || new_prev != r.prev_hash {
                changes.push((r.id, new_prev.clone(), rehashed.clone()));
            }
            old_prev.clone_from(&r.hash);
            new_prev = rehashed;
            expected_seq += 1;
            None
        })?;
        if let Some((seq, id, why)) = broken {
            return Ok(Err(Verdict::Broken { seq, id, why }));
        }
        let rewritten = changes.len() as u64;
        for (id, prev, hash) in changes {
            diesel::update(audit_log::table.find(id))
                .set((audit_log::prev_hash.eq(prev), audit_log::hash.eq(hash)))
                .execute(conn)?;
        }
        diesel::update(audit_chain::table.filter(audit_chain::id.eq(1)))
            .set(audit_chain::last_hash.eq(&new_prev))
            .execute(conn)?;
        Ok(Ok(rewritten))
    })
}
