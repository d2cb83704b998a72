//! Where messages go: an SMTP server (plain, STARTTLS or implicit TLS, with or without
//! credentials, rustls) or `.eml` files, one per outbox row.

use std::path::PathBuf;

use anyhow::Context as _;
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a message did not go out.
#[derive(Debug)]
pub enum SendError {
    /// The server refused it for good (5xx): retrying will not help.
    Permanent(String),
    /// Anything else (connection refused, timeout, 4xx): try again later.
    Transient(String),
}

impl Mailer {
    /// `smtp://user:pass@host:587?tls=starttls`, `smtps://host:465`, `smtp://host:25`; none: files.
    pub fn new(smtp_url: Option<&str>, data_dir: &std::path::Path) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => {
                // lettre spells STARTTLS-or-fail as tls=required.
                let url = url.replace("tls=starttls", "tls=required");
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
                    .context("NETRA_SMTP_URL is not a valid SMTP URL")?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                Ok(Self::Files(dir))
            }
        }
    }

    /// Sends one message. `file_stem` names the `.eml` file (the outbox id: a repeat overwrites).
    pub async fn send(&self, message: Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            Self::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Self::Files(dir) => {
                let path = dir.join(format!("{file_stem}.eml"));
                let bytes = message.formatted();
                actix_web::web::block(move || std::fs::write(&path, bytes).map(|()| path))
                    .await
                    .map_err(|e| SendError::Transient(e.to_string()))?
                    .map(|path| tracing::info!(path = %path.display(), "mail written as a file (no SMTP configured)"))
                    .map_err(|e| SendError::Transient(e.to_string()))
            }
        }
    }
}
