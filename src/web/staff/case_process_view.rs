//! The case page's view of the process records (`app::case_process`): the documents list and
//! the kinds the upload form offers.

use super::case_items::Choice;
use crate::app::case_read::CaseData;
use crate::domain::document::DocumentKind;
use crate::i18n::Tr;

pub struct DocItem {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub filename: String,
    pub when: String,
    pub sha256: String,
}

pub fn documents(t: Tr, d: &CaseData) -> Vec<DocItem> {
    d.process
        .documents
        .iter()
        .map(|doc| DocItem {
            id: doc.id,
            kind: t.t(&format!("doc.{}", doc.kind)).to_owned(),
            title: doc.title.clone(),
            filename: doc.filename.clone(),
            when: d.tz.display(doc.created_at),
            sha256: doc.sha256.clone(),
        })
        .collect()
}

pub fn kinds(t: Tr) -> Vec<Choice> {
    DocumentKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().to_owned(),
            label: t.t(&format!("doc.{}", k.as_str())).to_owned(),
        })
        .collect()
}
