//! Outgoing mail kept in memory instead of sent: the mail backend of tests that only need to see
//! what went out. Its own module, below both the settings (which can carry one) and the mailer
//! (which fills it), so neither has to import the other.

use std::sync::{Arc, Mutex, PoisonError};

/// Messages kept in a list instead of sent, for tests that only need to see what went out. Only
/// settings built in code choose it (`Settings::mail_memory`); the environment cannot.
#[derive(Debug, Clone, Default)]
pub struct Memory(Arc<Mutex<Vec<Sent>>>);

/// One message as it would have travelled: the envelope's recipients and the formatted message.
#[derive(Debug, Clone)]
pub struct Sent {
    pub to: Vec<String>,
    pub data: String,
}

impl Memory {
    /// Everything sent so far, oldest first.
    pub fn sent(&self) -> Vec<Sent> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn push(&self, message: &lettre::Message) {
        let sent = Sent {
            to: message
                .envelope()
                .to()
                .iter()
                .map(ToString::to_string)
                .collect(),
            data: String::from_utf8_lossy(&message.formatted()).into_owned(),
        };
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sent);
    }
}
