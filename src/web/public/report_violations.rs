//! The report form's violation list: the catalogue rows under plain headings, those that fit the
//! election stage and type chosen first, the rest folded away in one "other kinds" list (without
//! JavaScript the form comes back narrowed after a mistake; with it, the list narrows as the
//! reporter chooses). A ticked row is always shown.

use crate::db::catalogue::ViolationRow;
use crate::domain::report::ReportInput;
use crate::domain::violation_scope::{FORM_GROUPS, election_family, fits};
use crate::i18n::Tr;

pub struct ViolationChoice {
    pub value: String,
    pub label: String,
    pub selected: bool,
    /// The checkbox's id: the first one shown is `f-violations`, where the error summary points.
    pub id: String,
    pub stages: String,
    pub elections: String,
    /// The heading it belongs under, and its place in the catalogue's order (the script moves
    /// it back there).
    pub group: &'static str,
    pub order: usize,
}

pub struct ViolationGroup {
    pub name: &'static str,
    pub heading: String,
    pub choices: Vec<ViolationChoice>,
}

pub struct ViolationList {
    /// Every heading, an empty one hidden (the script may fill it).
    pub groups: Vec<ViolationGroup>,
    /// The rows outside the chosen stage and type, folded away.
    pub outside: Vec<ViolationChoice>,
}

pub fn list(t: Tr, rows: &[ViolationRow], input: &ReportInput) -> ViolationList {
    let mut groups: Vec<ViolationGroup> = FORM_GROUPS
        .iter()
        .map(|name| ViolationGroup {
            name,
            heading: t.t(&format!("form.vgroup.{name}")).to_owned(),
            choices: vec![],
        })
        .collect();
    let mut outside = Vec::new();
    for (order, v) in rows.iter().enumerate() {
        let selected = input.violations.contains(&v.code);
        // A row whose group is not one of the headings is listed under "other".
        let at = groups
            .iter()
            .position(|g| g.name == v.form_group)
            .unwrap_or(groups.len() - 1);
        let choice = ViolationChoice {
            group: groups.get(at).map_or("other", |g| g.name),
            order,
            value: v.code.clone(),
            label: t.pick(&v.name_id, &v.name_en).to_owned(),
            selected,
            id: format!("f-v-{}", v.code),
            stages: v.stages.clone(),
            elections: v.elections.clone(),
        };
        let fitting = fits(
            &v.stages,
            &v.elections,
            &input.election_stage,
            &input.election_type,
        );
        match groups.get_mut(at) {
            Some(g) if fitting || selected => g.choices.push(choice),
            _ => outside.push(choice),
        }
    }
    let first = groups
        .iter_mut()
        .flat_map(|g| g.choices.iter_mut())
        .chain(outside.iter_mut())
        .next();
    if let Some(c) = first {
        c.id = "f-violations".to_owned();
    }
    ViolationList { groups, outside }
}

/// The election law of each election type, for the script that narrows the list as it changes.
pub fn family(election_type: &str) -> &'static str {
    election_family(election_type).unwrap_or("")
}
