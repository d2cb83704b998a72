#![expect(
    clippy::expect_used,
    reason = "a test fails loudly at the step that broke"
)]

//! Integration tests: the real server over HTTP, a fresh database per test (a temporary SQLite
//! file, or a uniquely named PostgreSQL database when `NETRA_TEST_DATABASE_URL` is set).

mod admin;
mod alerts;
mod browser;
mod case;
mod case_actions;
mod case_keys;
mod cli;
mod dashboard;
mod digest;
mod helpers;
mod html;
mod i18n;
mod mail;
mod mail_faults;
mod mail_tls;
mod matrix;
mod report;
mod report_rules;
mod scale;
mod security;
mod sign_in;
mod smtp_proxy;
mod smtp_sink;
mod staff;
mod status;
mod storage;
mod workflow;
