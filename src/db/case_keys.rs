//! The keys the case list's violation filter and name search read along (table `case_keys`,
//! migration 000006): one row per (key, case) with the case's agency and filing time, so a page of
//! "cases with this violation" or "cases about someone named X" is an index range read in list
//! order at any size. Violation keys are kept by triggers from `report_violations`; name keys are
//! written here with the case (the words are split in Rust, the way the search splits them).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::case_keys;
use crate::domain::ids::{AgencyId, ReportId};

/// The key of a violation code.
pub fn violation_key(code: &str) -> String {
    format!("v:{code}")
}

/// The key of one word of a name (as [`crate::domain::area::name_words`] gives it).
pub fn name_key(word: &str) -> String {
    format!("n:{word}")
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = case_keys)]
pub struct CaseKeyRow {
    pub key: String,
    pub agency_id: AgencyId,
    pub created_at: chrono::NaiveDateTime,
    pub report_id: ReportId,
}

/// A pair of name words is keyed only when both have at least this many characters: a search
/// word this long begins few names, so the pair's keys are few to read.
pub const PAIR_MIN_CHARS: usize = 3;

/// A name with more long words than this gets the marker key [`PAIRS_MISSING`] instead of its
/// pairs (45 at most, so a filing cannot write thousands of keys).
pub const PAIR_WORDS_MAX: usize = 10;

/// The key of a case whose pairs are not kept: a pair search reads its range too and checks
/// the words per row, so no case is missed.
pub const PAIRS_MISSING: &str = "p:";

/// The key of two different name words, in byte order so either order of the search meets it.
pub fn pair_key(a: &str, b: &str) -> String {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    format!("p:{x} {y}")
}

/// Every key of a name: `n:<word>` per word, and `p:<word> <word>` per pair of its words of at
/// least [`PAIR_MIN_CHARS`] characters (a two-word search is then one key read in list order,
/// however common each word is alone), or [`PAIRS_MISSING`] when there are too many.
/// Migration 000007 spells the same pairs in SQL.
pub fn name_keys(words: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = words.iter().map(|w| name_key(w)).collect();
    let long: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().count() >= PAIR_MIN_CHARS)
        .collect();
    if long.len() > PAIR_WORDS_MAX {
        keys.push(PAIRS_MISSING.to_owned());
    } else {
        for (i, a) in long.iter().enumerate() {
            keys.extend(long[i + 1..].iter().map(|b| pair_key(a, b)));
        }
    }
    keys
}

/// The name keys of one case: a row per key of [`name_keys`].
pub fn name_rows(
    report_id: ReportId,
    agency_id: AgencyId,
    created_at: chrono::NaiveDateTime,
    words: &[String],
) -> Vec<CaseKeyRow> {
    name_keys(words)
        .into_iter()
        .map(|key| CaseKeyRow {
            key,
            agency_id,
            created_at,
            report_id,
        })
        .collect()
}

/// Writes a case's name keys (with the case, in its transaction), in one statement.
pub fn add(conn: &mut DbConnection, rows: &[CaseKeyRow]) -> QueryResult<()> {
    insert_all!(conn, case_keys::table, rows, 8000);
    Ok(())
}

/// Rebuilds the name keys of the cases migration 000009 listed (their keys were made from the
/// first name recorded for the NIP, not from the name the report gave), a batch per transaction,
/// and empties the list. Answers how many cases it rekeyed; nothing to do costs one query.
pub fn rebuild_pending(conn: &mut DbConnection) -> QueryResult<usize> {
    use super::schema::{name_key_rebuild, reports};
    let mut done = 0;
    loop {
        let batch = super::write_tx(conn, |conn| {
            let cases: Vec<(ReportId, AgencyId, chrono::NaiveDateTime, String)> =
                name_key_rebuild::table
                    .inner_join(reports::table.on(reports::id.eq(name_key_rebuild::report_id)))
                    .select((
                        reports::id,
                        reports::agency_id,
                        reports::created_at,
                        reports::reported_name,
                    ))
                    .order(name_key_rebuild::report_id.asc())
                    .limit(500)
                    .load(conn)?;
            let ids = rekey(conn, &cases)?;
            diesel::delete(
                name_key_rebuild::table.filter(name_key_rebuild::report_id.eq_any(&ids)),
            )
            .execute(conn)?;
            Ok::<_, diesel::result::Error>(ids.len())
        })?;
        if batch == 0 {
            return Ok(done);
        }
        done += batch;
    }
}

/// Replaces the name keys of these cases ((id, agency, filed at, name) each) with the keys of the
/// names given: after a rebuild, or when staff correct the reported person's name.
pub fn rekey(
    conn: &mut DbConnection,
    cases: &[(ReportId, AgencyId, chrono::NaiveDateTime, String)],
) -> QueryResult<Vec<ReportId>> {
    let ids: Vec<ReportId> = cases.iter().map(|c| c.0).collect();
    let name_or_pair = case_keys::key
        .ge("n:")
        .and(case_keys::key.lt(prefix_end("n:")))
        .or(case_keys::key
            .ge(PAIRS_MISSING)
            .and(case_keys::key.lt(prefix_end(PAIRS_MISSING))));
    diesel::delete(
        case_keys::table
            .filter(case_keys::report_id.eq_any(&ids))
            .filter(name_or_pair),
    )
    .execute(conn)?;
    let rows: Vec<CaseKeyRow> = cases
        .iter()
        .flat_map(|(id, agency, at, name)| {
            name_rows(*id, *agency, *at, &crate::domain::area::name_words(name))
        })
        .collect();
    add(conn, &rows)?;
    Ok(ids)
}

/// The first key after every key that begins with `prefix` (its last character moved up one), so
/// `prefix <= key < prefix_end(prefix)` is "begins with" as an index range.
pub fn prefix_end(prefix: &str) -> String {
    let mut s = prefix.to_owned();
    match s.pop() {
        Some(c) => match (c as u32 + 1..=char::MAX as u32).find_map(char::from_u32) {
            Some(n) => s.push(n),
            None => {
                s.push(c);
                s.push(char::MAX);
            }
        },
        None => s.push(char::MAX),
    }
    s
}

/// The distinct keys beginning with `prefix`, in order, at most `max`: one index seek each (a
/// loose index scan), however many cases carry them.
pub fn with_prefix(conn: &mut DbConnection, prefix: &str, max: usize) -> QueryResult<Vec<String>> {
    let end = prefix_end(prefix);
    let mut found: Vec<String> = Vec::new();
    while found.len() < max {
        let q = case_keys::table
            .select(case_keys::key)
            .filter(case_keys::key.lt(end.clone()))
            .order(case_keys::key.asc())
            .into_boxed();
        let q = match found.last() {
            Some(last) => q.filter(case_keys::key.gt(last.clone())),
            None => q.filter(case_keys::key.ge(prefix.to_owned())),
        };
        match q.first::<String>(conn).optional()? {
            Some(k) => found.push(k),
            None => break,
        }
    }
    Ok(found)
}

/// How many keys begin with `prefix`, counted up to `cap` (off the index, never further).
pub fn count_prefix(conn: &mut DbConnection, prefix: &str, cap: i64) -> QueryResult<i64> {
    let ids: Vec<i64> = case_keys::table
        .select(case_keys::report_id)
        .filter(case_keys::key.ge(prefix.to_owned()))
        .filter(case_keys::key.lt(prefix_end(prefix)))
        .limit(cap)
        .load(conn)?;
    Ok(ids.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_name_is_keyed_by_its_words_and_the_pairs_of_its_long_words() {
        assert_eq!(
            name_keys(&words(&["santoso", "budi", "s", "pd"])),
            ["n:santoso", "n:budi", "n:s", "n:pd", "p:budi santoso"]
        );
        assert_eq!(
            name_keys(&words(&["siti", "nur", "aminah"])),
            [
                "n:siti",
                "n:nur",
                "n:aminah",
                "p:nur siti",
                "p:aminah siti",
                "p:aminah nur"
            ]
        );
        assert_eq!(pair_key("budi", "agus"), pair_key("agus", "budi"));
        let many: Vec<String> = (0..=PAIR_WORDS_MAX).map(|i| format!("w{i:02}")).collect();
        let keys = name_keys(&many);
        assert_eq!(keys.len(), many.len() + 1);
        assert_eq!(keys.last().map(String::as_str), Some(PAIRS_MISSING));
        assert_eq!(name_keys(&many[1..]).len(), PAIR_WORDS_MAX + 45);
    }

    #[test]
    fn a_prefix_range_holds_exactly_the_keys_that_begin_with_it() {
        assert_eq!(prefix_end("n:wulan"), "n:wulao");
        assert_eq!(prefix_end("n:z"), "n:{");
        assert_eq!(prefix_end("n:\u{D7FF}"), "n:\u{E000}");
        let (p, end) = ("n:budi", prefix_end("n:budi"));
        for k in ["n:budi", "n:budiman", "n:budi\u{10FFFF}"] {
            assert!(p <= k && k < end.as_str(), "{k}");
        }
        for k in ["n:bud", "n:budj", "n:budh"] {
            assert!(!(p <= k && k < end.as_str()), "{k}");
        }
    }
}
