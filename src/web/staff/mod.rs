//! The staff side: sign-in, account, and the case list of the user's agency.

pub mod auth;
pub mod dashboard;
pub mod session;
