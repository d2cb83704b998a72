//! Outgoing mail: the outbox rows written with each event are delivered by a worker inside the
//! server, over SMTP (`NETRA_SMTP_URL`) or, when none is configured, as `.eml` files under the
//! data directory's `mail/` folder. Messages are content-free by design (DESIGN.md, Principles
//! 1–2): the case number, the agency, the state in words, the deadline, a link; never the
//! description, names, NIP or evidence.

pub mod mailer;
pub mod message;
pub mod plan;
pub mod worker;
