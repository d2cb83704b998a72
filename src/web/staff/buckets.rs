//! The official figures on the dashboard (issue 11): the case counts of the list's scope summed
//! into the buckets officials report, with the states each bucket holds, so staff see the
//! mapping the figures come from.

use crate::app::refcache::RefData;
use crate::domain::bucket::Bucket;
use crate::domain::case_state::CaseState;
use crate::i18n::Tr;

pub struct BucketView {
    pub label: String,
    pub n: i64,
    /// The states it holds, in words ("—" for none).
    pub states: String,
}

pub fn figures(t: Tr, refs: &RefData, counts: &[(CaseState, i64)]) -> Vec<BucketView> {
    Bucket::ALL
        .iter()
        .map(|b| {
            let held: Vec<CaseState> = CaseState::ALL
                .iter()
                .copied()
                .filter(|s| refs.buckets.get(s) == Some(b))
                .collect();
            let n = counts
                .iter()
                .filter(|(s, _)| held.contains(s))
                .map(|(_, n)| n)
                .sum();
            let names: Vec<String> = held.iter().map(|s| t.label("state", *s)).collect();
            BucketView {
                label: t.t(&format!("bucket.{}", b.as_str())).to_owned(),
                n,
                states: if names.is_empty() {
                    "—".into()
                } else {
                    names.join(", ")
                },
            }
        })
        .collect()
}
