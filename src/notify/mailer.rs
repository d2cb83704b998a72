//! Where messages go: an SMTP server (plain, STARTTLS or implicit TLS, with or without
//! credentials, rustls), `.eml` files, one per outbox row, or (tests) a list in memory.

use std::path::PathBuf;

use anyhow::Context as _;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};

pub use crate::mailbox::Memory;

pub enum Mailer {
    Smtp(Smtp),
    Files(PathBuf),
    Memory(Memory),
}

/// lettre's connection pool spawns a tokio task when dropped, which panics outside a runtime
/// (an actix worker thread after its runtime has stopped, at shutdown). Outside a runtime the
/// pool is left to the process's end instead: its sockets close with it.
pub struct Smtp(Option<AsyncSmtpTransport<Tokio1Executor>>);

impl Drop for Smtp {
    fn drop(&mut self) {
        if tokio::runtime::Handle::try_current().is_err() {
            std::mem::forget(self.0.take());
        }
    }
}

/// Writes a mail file readable by Netra's own user only: it holds a reporter's address.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

/// Why a message did not go out.
#[derive(Debug)]
pub enum SendError {
    /// The server refused this message for good (5xx): retrying will not help.
    Permanent(String),
    /// This message hit a passing problem (4xx, a session cut short): try it again later.
    Transient(String),
    /// The server cannot be used at all (unreachable, TLS failed, credentials refused): no fault
    /// of any message. Nothing counts against the messages; the worker pauses and tries later.
    Unavailable(String),
}

/// Sorts a lettre error into the three cases above.
fn classify(e: lettre::transport::smtp::Error) -> SendError {
    // Refused credentials or a demand for encryption are the operator's to fix.
    let setup = matches!(e.status().map(u16::from), Some(530 | 534 | 535 | 538));
    // Neither a reply nor our own doing: the connection itself (refused, reset, DNS).
    let network = !(e.is_response() || e.is_client() || e.is_transient() || e.is_permanent());
    if setup || network || e.is_tls() || e.is_timeout() {
        SendError::Unavailable(e.to_string())
    } else if e.is_permanent() {
        SendError::Permanent(e.to_string())
    } else {
        SendError::Transient(e.to_string())
    }
}

impl Mailer {
    /// `smtp://user:pass@host:587?tls=starttls`, `smtps://host:465`, `smtp://host:25`; none: files.
    /// `ca_pem`: an extra trusted root (PEM) for a mail server with a private CA.
    pub fn new(
        smtp_url: Option<&str>,
        ca_pem: Option<&[u8]>,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => {
                // lettre spells STARTTLS-or-fail as tls=required.
                let url = url.replace("tls=starttls", "tls=required");
                if plaintext_credentials(&url) {
                    tracing::warn!(
                        "NETRA_SMTP_URL sends a password without required TLS: use ?tls=starttls or smtps://"
                    );
                }
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
                    .context("NETRA_SMTP_URL is not a valid SMTP URL")?
                    .timeout(Some(std::time::Duration::from_secs(20)));
                if let Some(pem) = ca_pem {
                    builder = builder.tls(tls_with_root(&url, pem)?);
                }
                Ok(Self::Smtp(Smtp(Some(builder.build()))))
            }
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                // The files hold recipients' addresses, a reporter's among them.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt as _;
                    let private = std::fs::Permissions::from_mode(0o700);
                    if let Err(e) = std::fs::set_permissions(&dir, private) {
                        tracing::warn!(dir = %dir.display(), error = %e, "could not make the mail folder private");
                    }
                }
                tracing::warn!(
                    dir = %dir.display(),
                    "NETRA_SMTP_URL is not set: emails are written here as .eml files, not sent; \
                     they hold recipients' addresses. Set NETRA_SMTP_URL in production"
                );
                Ok(Self::Files(dir))
            }
        }
    }

    /// Sends one message. `file_stem` names the `.eml` file (the outbox id: a repeat overwrites).
    pub async fn send(&self, message: Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            Self::Smtp(Smtp(None)) => {
                Err(SendError::Unavailable("the mailer was shut down".into()))
            }
            Self::Smtp(Smtp(Some(t))) => t.send(message).await.map(|_| ()).map_err(classify),
            Self::Files(dir) => {
                let path = dir.join(format!("{file_stem}.eml"));
                let bytes = message.formatted();
                actix_web::web::block(move || write_private(&path, &bytes).map(|()| path))
                    .await
                    .map_err(|e| SendError::Transient(e.to_string()))?
                    .map(|path| tracing::info!(path = %path.display(), "mail written as a file (no SMTP configured)"))
                    .map_err(|e| SendError::Transient(e.to_string()))
            }
            Self::Memory(memory) => {
                memory.push(&message);
                Ok(())
            }
        }
    }
}

impl Mailer {
    /// Deletes the `.eml` files older than `retention` (they hold recipients' addresses, a
    /// reporter's among them); answers how many. Nothing to do for SMTP or memory.
    pub fn prune_files(&self, retention: std::time::Duration) -> std::io::Result<usize> {
        let Self::Files(dir) = self else {
            return Ok(0);
        };
        let Some(cutoff) = std::time::SystemTime::now().checked_sub(retention) else {
            return Ok(0);
        };
        let mut removed = 0;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let meta = entry.metadata()?;
            if meta.is_file()
                && path.extension().is_some_and(|e| e == "eml")
                && meta.modified()? < cutoff
            {
                std::fs::remove_file(&path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// The URL's TLS mode with `pem` trusted besides the public roots.
fn tls_with_root(url: &str, pem: &[u8]) -> anyhow::Result<Tls> {
    let parsed = url::Url::parse(url).context("NETRA_SMTP_URL is not a valid URL")?;
    let host = parsed.host_str().context("NETRA_SMTP_URL names no host")?;
    let params = TlsParameters::builder(host.to_owned())
        .add_root_certificate(
            Certificate::from_pem(pem).context("NETRA_SMTP_CA_FILE holds no PEM certificate")?,
        )
        .build_rustls()
        .context("building the TLS settings for SMTP")?;
    let mode = parsed
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    match (parsed.scheme(), mode.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(params)),
        (_, Some("required")) => Ok(Tls::Required(params)),
        (_, Some("opportunistic")) => Ok(Tls::Opportunistic(params)),
        _ => anyhow::bail!(
            "NETRA_SMTP_CA_FILE is set but NETRA_SMTP_URL uses no TLS: use smtps://… or ?tls=starttls"
        ),
    }
}

/// A password in the URL on a connection that may stay unencrypted.
fn plaintext_credentials(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| {
        u.password().is_some()
            && u.scheme() == "smtp"
            && !u.query_pairs().any(|(k, v)| k == "tls" && v == "required")
    })
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::{Mailer, plaintext_credentials};

    #[test]
    fn mail_files_older_than_the_retention_are_pruned_and_nothing_else() {
        let dir = tempfile::tempdir().expect("dir");
        let mailer = Mailer::new(None, None, dir.path()).expect("file mailer");
        let mail = dir.path().join("mail");
        let write = |name: &str, age_days: u64| {
            let path = mail.join(name);
            std::fs::write(&path, b"To: someone").expect("write");
            let then =
                std::time::SystemTime::now() - std::time::Duration::from_secs(age_days * 86_400);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .expect("open")
                .set_modified(then)
                .expect("mtime");
        };
        write("1.eml", 10);
        write("2.eml", 1);
        write("notes.txt", 10);
        let week = std::time::Duration::from_secs(7 * 86_400);
        assert_eq!(mailer.prune_files(week).expect("prune"), 1);
        assert!(!mail.join("1.eml").exists());
        assert!(mail.join("2.eml").exists() && mail.join("notes.txt").exists());
        assert_eq!(mailer.prune_files(week).expect("again"), 0);
    }

    #[test]
    fn a_password_without_required_tls_is_noticed() {
        assert!(plaintext_credentials("smtp://u:p@mail.go.id:25"));
        assert!(plaintext_credentials(
            "smtp://u:p@mail.go.id:587?tls=opportunistic"
        ));
        assert!(!plaintext_credentials(
            "smtp://u:p@mail.go.id:587?tls=required"
        ));
        assert!(!plaintext_credentials("smtps://u:p@mail.go.id"));
        assert!(!plaintext_credentials("smtp://mail.go.id:25"));
    }
}
