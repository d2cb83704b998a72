//! A newest-first page with a name or a violation to match, read along `case_keys` in list order
//! (migrations 000006 and 000007), so it costs the same at any size however common the words:
//!
//! - two search words of at least three letters are read along the keys of their pairs
//!   (`p:budi santoso`), one key per pair of names they begin;
//! - otherwise the rarest word drives (its name keys, merged) and the other words are checked
//!   on the driving key's row;
//! - a violation alone is read along its key.

use diesel::prelude::*;

use super::{CaseFilter, CaseListRow, OPEN_WITH_DEADLINE, Page, Sort, WORDS_PER_SEARCH};
use super::{checked_ranges, keys2};
use crate::db::DbConnection;
use crate::db::case_keys::{self as keys_db, PAIR_MIN_CHARS, PAIRS_MISSING, name_key, pair_key};
use crate::db::schema::{case_keys, reports};

/// How many pair keys one search reads at most (the names the two words begin, multiplied);
/// beyond that the rarest word drives instead.
const PAIR_KEYS_PER_SEARCH: usize = 16;

/// How far the cases of each search word are counted to pick the rarest one to read along.
const WORD_COUNT_CAP: i64 = 2000;

/// The page when it is read along keys; `None` when the `reports` indexes serve it.
pub(super) fn page(
    conn: &mut DbConnection,
    f: &CaseFilter,
    limit: i64,
) -> QueryResult<Option<Page>> {
    if f.sort != Sort::Newest {
        return Ok(None);
    }
    if f.name_words.is_empty() {
        let Some(v) = &f.violation else {
            return Ok(None);
        };
        let key = keys_db::violation_key(v);
        let rows = page_by_key(conn, f, &key, std::slice::from_ref(&key), limit)?;
        return Ok(Some(Page {
            rows,
            narrowed: false,
        }));
    }
    // The names each word begins, one index seek each.
    let mut names: Vec<Vec<String>> = Vec::new();
    for w in &f.name_words {
        names.push(keys_db::with_prefix(
            conn,
            &name_key(w),
            WORDS_PER_SEARCH + 1,
        )?);
    }
    if let Some((i, j)) = best_pair(f, &names) {
        let driving = [name_key(&f.name_words[i]), name_key(&f.name_words[j])];
        let mut rows = Vec::new();
        for a in &names[i] {
            for b in &names[j] {
                rows.extend(page_by_key(
                    conn,
                    f,
                    &pair_key(&a[2..], &b[2..]),
                    &driving,
                    limit,
                )?);
            }
        }
        // The few cases whose names have too many words for pairs: every word checked.
        rows.extend(page_by_key(conn, f, PAIRS_MISSING, &[], limit)?);
        return Ok(Some(merged(rows, limit, false)));
    }
    let i = rarest_word(conn, f)?;
    let prefix = name_key(&f.name_words[i]);
    let keys = &names[i];
    let narrowed = keys.len() > WORDS_PER_SEARCH;
    let mut rows = Vec::new();
    for key in keys.iter().take(WORDS_PER_SEARCH) {
        rows.extend(page_by_key(
            conn,
            f,
            key,
            std::slice::from_ref(&prefix),
            limit,
        )?);
    }
    Ok(Some(merged(rows, limit, narrowed)))
}

/// Newest first across the keys read; a case found along two of them comes once.
fn merged(mut rows: Vec<CaseListRow>, limit: i64, narrowed: bool) -> Page {
    rows.sort_by_key(|r| std::cmp::Reverse((r.created_at, r.id)));
    rows.dedup_by_key(|r| r.id);
    rows.truncate(limit as usize);
    Page { rows, narrowed }
}

/// The two search words whose pair keys are fewest to read, when that is few: both long enough
/// to be paired, each beginning at most [`WORDS_PER_SEARCH`] names, and no name begun by both
/// (a one-word name "Budiman" matches "budi budiman" but has no pair).
fn best_pair(f: &CaseFilter, names: &[Vec<String>]) -> Option<(usize, usize)> {
    let ok = |i: usize| {
        f.name_words[i].chars().count() >= PAIR_MIN_CHARS && names[i].len() <= WORDS_PER_SEARCH
    };
    let mut best: Option<(usize, usize, usize)> = None;
    for i in (0..names.len()).filter(|&i| ok(i)) {
        for j in (i + 1..names.len()).filter(|&j| ok(j)) {
            let n = names[i].len() * names[j].len();
            let apart = !names[i].iter().any(|k| names[j].contains(k));
            if apart && n <= PAIR_KEYS_PER_SEARCH && best.is_none_or(|b| n < b.0) {
                best = Some((n, i, j));
            }
        }
    }
    best.map(|(_, i, j)| (i, j))
}

/// The search word with the fewest cases (counted up to `WORD_COUNT_CAP` off the index; the
/// longer word when they tie): reading along it, the other words are checked on the fewest rows.
fn rarest_word(conn: &mut DbConnection, f: &CaseFilter) -> QueryResult<usize> {
    if f.name_words.len() < 2 {
        return Ok(0);
    }
    let mut best: Option<(i64, std::cmp::Reverse<usize>, usize)> = None;
    for (i, w) in f.name_words.iter().enumerate() {
        let n = keys_db::count_prefix(conn, &name_key(w), WORD_COUNT_CAP)?;
        let rank = (n, std::cmp::Reverse(w.chars().count()), i);
        if best.is_none_or(|b| (rank.0, rank.1) < (b.0, b.1)) {
            best = Some(rank);
        }
    }
    Ok(best.map_or(0, |b| b.2))
}

/// A newest-first page read along one key (index `case_keys_agency` when scoped to an agency,
/// `case_keys_national` otherwise); `driving`: the filter keys (or word prefixes) it stands for.
fn page_by_key(
    conn: &mut DbConnection,
    f: &CaseFilter,
    key: &str,
    driving: &[String],
    limit: i64,
) -> QueryResult<Vec<CaseListRow>> {
    let mut q = case_keys::table
        .inner_join(reports::table)
        .filter(case_keys::key.eq(key.to_owned()))
        .select(CaseListRow::as_select())
        .order((case_keys::created_at.desc(), case_keys::report_id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(a) = f.agency_id {
        q = q.filter(case_keys::agency_id.eq(a));
    }
    if let Some(from) = f.from {
        q = q.filter(case_keys::created_at.ge(from));
    }
    if let Some(until) = f.until {
        q = q.filter(case_keys::created_at.lt(until));
    }
    if let Some((at, id)) = f.after {
        q = q
            .filter(case_keys::created_at.le(at))
            .filter(case_keys::created_at.lt(at).or(case_keys::report_id.lt(id)));
    }
    // The other keys are checked against the driving key's row, before the case is read.
    case_filters!(q, f, driving, case_keys::report_id);
    q.load(conn)
}
