#![expect(
    clippy::expect_used,
    reason = "a test fails loudly at the step that broke"
)]

//! Integration tests: the real server over HTTP, a fresh database per test (a temporary SQLite
//! file, or a uniquely named PostgreSQL database when `NETRA_TEST_DATABASE_URL` is set).

mod admin;
mod agencies;
mod alerts;
mod audit_chain;
mod authorisation;
mod bad_input;
mod bad_multipart;
mod bkpsdm_alert;
mod browser;
mod buckets;
mod calendar;
mod case;
mod case_actions;
mod case_file;
mod case_list;
mod case_search;
mod catalogue;
mod catalogue_admin;
mod classification;
mod cli;
mod decree;
mod digest;
mod documents;
mod evidence_metadata;
mod examination;
mod filing;
mod helpers;
mod hostile_bodies;
mod i18n;
mod identity_unknown;
mod mail;
mod mail_faults;
mod mail_tls;
mod markup_seen_again;
mod message_preview;
mod needs_info_timeout;
mod objection;
mod person_correction;
mod process_walk;
mod referral;
mod report;
mod report_form;
mod report_rules;
mod second_factor;
mod second_factor_admin;
mod second_factor_setup;
mod security;
mod sign_in;
mod smtp_proxy;
mod smtp_sink;
mod staff_accounts;
mod status;
mod storage;
mod violation_groups;
mod workflow;
