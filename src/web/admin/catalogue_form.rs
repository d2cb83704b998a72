//! The forms of `/admin/katalog`, one per catalogue row: as the row stands, or as an admin typed a
//! failed edit; and the edit each stands for, text cleaned.

use serde::Deserialize;

use crate::app::catalogue_admin::CLASSES;
use crate::db::catalogue::{SanctionEdit, ViolationEdit};
use crate::web::forms::clean_text;

/// A violation row's form, as shown or as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ViolationForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub version: i32,
    #[serde(default)]
    pub name_id: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub legal_basis: String,
    #[serde(default)]
    pub notes_id: String,
    #[serde(default)]
    pub notes_en: String,
    #[serde(default)]
    pub class_ethics: String,
    #[serde(default)]
    pub class_discipline: String,
    #[serde(default)]
    pub class_criminal: String,
    #[serde(default)]
    pub default_class: String,
    #[serde(default)]
    pub default_tier: String,
    #[serde(default)]
    pub active: String,
    #[serde(default)]
    pub reason: String,
}

/// A sanction row's form, as shown or as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SanctionForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub version: i32,
    #[serde(default)]
    pub name_id: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub legal_basis: String,
    #[serde(default)]
    pub duration_months: String,
    #[serde(default)]
    pub active: String,
    #[serde(default)]
    pub reason: String,
}

impl ViolationForm {
    pub fn allows(&self, class: &str) -> bool {
        match class {
            "ethics" => self.class_ethics == "on",
            "discipline" => self.class_discipline == "on",
            _ => self.class_criminal == "on",
        }
    }

    pub(super) fn edit(&self) -> ViolationEdit {
        let text = |s: &str| clean_text(s.trim());
        let classes: Vec<&str> = CLASSES.into_iter().filter(|c| self.allows(c)).collect();
        ViolationEdit {
            name_id: text(&self.name_id),
            name_en: text(&self.name_en),
            legal_basis: text(&self.legal_basis),
            notes_id: text(&self.notes_id),
            notes_en: text(&self.notes_en),
            allowed_classes: classes.join("|"),
            default_class: self.default_class.trim().to_owned(),
            default_tier: self.default_tier.trim().to_owned(),
            active: self.active == "on",
        }
    }
}

impl SanctionForm {
    /// None when the duration is not a whole number (empty: no duration).
    pub(super) fn edit(&self) -> Option<SanctionEdit> {
        let text = |s: &str| clean_text(s.trim());
        let months = match self.duration_months.trim() {
            "" => None,
            m => Some(m.parse::<i32>().ok()?),
        };
        Some(SanctionEdit {
            name_id: text(&self.name_id),
            name_en: text(&self.name_en),
            legal_basis: text(&self.legal_basis),
            duration_months: months,
            active: self.active == "on",
        })
    }
}

/// A checkbox's value for a flag.
pub(super) fn on(b: bool) -> String {
    if b { "on".into() } else { String::new() }
}

crate::web::forms::with_csrf!(ViolationForm, SanctionForm);
