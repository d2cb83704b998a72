//! Pure types and rules: no actix, no diesel. Types that can only hold valid values, the case
//! states, working-day arithmetic, the report form's rules, evidence recognition.

// first, so that `codes!` is in scope in the modules below
#[macro_use]
pub mod code;
pub mod document;

pub mod area;
pub mod bucket;
pub mod case_state;
pub mod event;
pub mod evidence;
pub mod examination;
pub mod ids;
pub mod intake;
pub mod login_policy;
pub mod nip;
pub mod objection;
pub mod password;
pub mod receipt;
pub mod report;
pub mod sanction_rules;
pub mod totp;
pub mod violation_scope;
pub mod workflow;
pub mod working_days;
