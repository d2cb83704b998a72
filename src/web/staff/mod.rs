//! The staff side: sign-in, account, and the case list of the user's agency.

pub mod account;
pub mod auth;
mod buckets;
pub mod case;
pub mod case_actions;
pub mod case_decree;
pub mod case_documents;
pub mod case_examination;
pub mod case_file;
pub mod case_file_pdf;
pub mod case_form;
pub mod case_items;
pub mod case_message;
pub mod case_new;
mod case_objection_view;
pub mod case_page;
pub mod case_person;
mod case_person_view;
mod case_process_view;
mod case_sanctions;
pub mod code;
pub mod dashboard;
pub mod factor;
pub mod factor_kept;
mod history;
pub mod session;
