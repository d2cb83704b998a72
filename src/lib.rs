//! Netra: violation-report tracking for the political neutrality of Indonesian civil servants.

pub mod app;
pub mod chores;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod mailbox;
pub mod notify;
pub mod startup;
pub mod web;
