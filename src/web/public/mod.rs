//! The public side: what Netra is, the report form, the receipt and the status page. No account,
//! phone-first, works without JavaScript.

pub mod home;
pub mod optout;
pub mod receipt;
pub mod report;
pub mod report_input;
pub mod report_page;
pub mod report_violations;
pub mod status;
pub mod status_page;
