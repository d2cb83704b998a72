//! Typed settings, read once from `NETRA_*` environment variables in `main` and passed down.
//! Tests build `Settings` in code.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::db::DbUrl;

mod limits;
pub use limits::{LimitSettings, Rate};

#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the SQLite file, the generated secret key and (later) outgoing mail live.
    pub data_dir: PathBuf,
    pub database: DbUrl,
    /// `host:port`; port 0 picks a free port (tests).
    pub bind: String,
    /// The public address, used in links and to decide whether cookies are `Secure`.
    pub base_url: String,
    pub secret_key: Vec<u8>,
    pub smtp_url: Option<String>,
    /// An extra trusted root certificate (PEM file) for an SMTP server with a private CA.
    pub smtp_ca_file: Option<PathBuf>,
    /// Without an SMTP URL, keep outgoing mail in this list instead of writing `.eml` files.
    /// For tests, which build `Settings` in code; never read from the environment.
    pub mail_memory: Option<crate::mailbox::Memory>,
    pub mail_from: String,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy you run).
    pub trust_proxy: bool,
    pub db_pool_size: u32,
    /// The first admin's email, created on first start when there is no admin.
    pub admin_email: String,
    /// The first admin's one-time password; generated and logged once when unset.
    pub admin_password: Option<String>,
    /// The first retry of a failed delivery waits this long, doubling after each failure.
    pub mail_retry_base: std::time::Duration,
    /// How long a message the mail server keeps deferring (4xx) is retried before it is marked
    /// failed (`NETRA_MAIL_QUEUE_LIFETIME` in days, default 5, Postfix's `maximal_queue_lifetime`).
    pub mail_queue_lifetime: std::time::Duration,
    /// Without SMTP: how long the `.eml` files are kept (`NETRA_MAIL_FILE_RETENTION` in days,
    /// default 7); they hold recipients' addresses.
    pub mail_file_retention: std::time::Duration,
    /// Run the delivery worker inside the server (tests drive it by hand).
    pub mail_worker: bool,
    /// Run the minute chores (deadline flags and alerts, digests) inside the server.
    pub chores: bool,
    /// The local hour (0–23, agency's time zone) from which each day's digest goes out; None: no
    /// digests.
    pub digest_hour: Option<u32>,
    /// Rate limits on the public forms.
    pub limits: LimitSettings,
    /// What hashing a new staff password costs (`NETRA_PASSWORD_COST`, default OWASP's).
    pub password_cost: crate::domain::password::Cost,
    /// The first pause after repeated failed sign-ins, doubling up to eight times this
    /// (`NETRA_LOGIN_DELAY`, default 500 ms).
    pub login_delay: std::time::Duration,
    /// `NETRA_SQLITE_SYNCHRONOUS`: `full` (default) or `normal` (for measuring what full costs).
    pub sqlite_synchronous: crate::db::Synchronous,
}

impl Settings {
    /// Reads the environment. Creates the data directory and, when `NETRA_SECRET_KEY` is not set,
    /// generates a key file in it on first start (mode 0600) and reuses it afterwards.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let data_dir =
            PathBuf::from(var("NETRA_DATA_DIR").unwrap_or_else(|| "./netra-data".into()));
        std::fs::create_dir_all(&data_dir)
            .with_context(|| format!("creating the data directory {}", data_dir.display()))?;
        let database = match var("NETRA_DATABASE_URL") {
            Some(url) => DbUrl::parse(&url)?,
            None => DbUrl::Sqlite(
                data_dir
                    .join("netra.sqlite3")
                    .to_string_lossy()
                    .into_owned(),
            ),
        };
        let bind = var("NETRA_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let base_url = var("NETRA_BASE_URL").unwrap_or_else(|| format!("http://{bind}"));
        let secret_key = match var("NETRA_SECRET_KEY") {
            Some(k) => k.into_bytes(),
            None => load_or_create_key(&data_dir.join("secret.key"))?,
        };
        if secret_key.len() < 32 {
            anyhow::bail!("NETRA_SECRET_KEY must be at least 32 characters long");
        }
        let trust_proxy = matches!(
            var("NETRA_TRUST_PROXY").as_deref(),
            Some("1" | "true" | "yes")
        );
        let db_pool_size = match var("NETRA_DB_POOL_SIZE") {
            Some(v) => v.parse().context("NETRA_DB_POOL_SIZE must be a number")?,
            None => 8,
        };
        Ok(Self {
            data_dir,
            database,
            bind,
            base_url: base_url.trim_end_matches('/').to_owned(),
            secret_key,
            smtp_url: var("NETRA_SMTP_URL"),
            smtp_ca_file: var("NETRA_SMTP_CA_FILE").map(PathBuf::from),
            mail_memory: None,
            mail_from: var("NETRA_MAIL_FROM").unwrap_or_else(|| "Netra <netra@localhost>".into()),
            trust_proxy,
            db_pool_size,
            admin_email: var("NETRA_ADMIN_EMAIL")
                .unwrap_or_else(|| "admin@netra.local".into())
                .trim()
                .to_lowercase(),
            admin_password: var("NETRA_ADMIN_PASSWORD"),
            mail_retry_base: std::time::Duration::from_secs(30),
            mail_queue_lifetime: match var("NETRA_MAIL_QUEUE_LIFETIME") {
                Some(v) => days(&v).with_context(|| {
                    format!("NETRA_MAIL_QUEUE_LIFETIME must be days from 1 to 60 (for instance 5d), not {v:?}")
                })?,
                None => std::time::Duration::from_secs(5 * 86_400),
            },
            mail_file_retention: match var("NETRA_MAIL_FILE_RETENTION") {
                Some(v) => days(&v).with_context(|| {
                    format!("NETRA_MAIL_FILE_RETENTION must be days from 1 to 60 (for instance 7d), not {v:?}")
                })?,
                None => std::time::Duration::from_secs(7 * 86_400),
            },
            mail_worker: true,
            chores: true,
            digest_hour: digest_hour(var("NETRA_DIGEST_HOUR").as_deref())?,
            limits: LimitSettings::from_env(var)?,
            password_cost: match var("NETRA_PASSWORD_COST") {
                Some(v) => crate::domain::password::Cost::parse(&v).with_context(|| {
                    format!("NETRA_PASSWORD_COST must be MEMORY_KIB/PASSES (for instance 19456/2), not {v:?}")
                })?,
                None => crate::domain::password::Cost::OWASP,
            },
            login_delay: match var("NETRA_LOGIN_DELAY") {
                Some(v) => millis(&v).with_context(|| {
                    format!("NETRA_LOGIN_DELAY must be milliseconds (for instance 500ms), not {v:?}")
                })?,
                None => std::time::Duration::from_millis(500),
            },
            sqlite_synchronous: match var("NETRA_SQLITE_SYNCHRONOUS").as_deref().map(str::trim) {
                None | Some("full" | "FULL") => crate::db::Synchronous::Full,
                Some("normal" | "NORMAL") => crate::db::Synchronous::Normal,
                Some(v) => anyhow::bail!("NETRA_SQLITE_SYNCHRONOUS must be full or normal, not {v:?}"),
            },
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// `500ms` or `500`: a duration in milliseconds, at most a minute.
fn millis(v: &str) -> Option<std::time::Duration> {
    let v = v.trim();
    let n: u64 = v.strip_suffix("ms").unwrap_or(v).trim().parse().ok()?;
    (n <= 60_000).then(|| std::time::Duration::from_millis(n))
}

/// `5d` or `5`: whole days, 1 to 60.
fn days(v: &str) -> Option<std::time::Duration> {
    let v = v.trim();
    let n: u64 = v.strip_suffix('d').unwrap_or(v).trim().parse().ok()?;
    (1..=60)
        .contains(&n)
        .then(|| std::time::Duration::from_secs(n * 86_400))
}

/// `NETRA_DIGEST_HOUR`: unset means 7 (07:00 local), `off` means no digests.
fn digest_hour(v: Option<&str>) -> anyhow::Result<Option<u32>> {
    match v.map(str::trim) {
        None => Ok(Some(7)),
        Some("off" | "none") => Ok(None),
        Some(h) => match h.parse::<u32>() {
            Ok(h) if h < 24 => Ok(Some(h)),
            _ => anyhow::bail!("NETRA_DIGEST_HOUR must be an hour from 0 to 23, or off"),
        },
    }
}

fn load_or_create_key(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.exists() {
        let k =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(k.trim().as_bytes().to_vec());
    }
    let key = crate::crypto::random_token(48);
    write_private(path, key.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    tracing::warn!(path = %path.display(), "generated a new secret key; back it up with the database: without it reporter identities cannot be read");
    Ok(key.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::{Rate, digest_hour, millis};

    #[test]
    fn the_login_delay_is_milliseconds_up_to_a_minute() {
        let ms = std::time::Duration::from_millis;
        assert_eq!(millis("500ms"), Some(ms(500)));
        assert_eq!(millis(" 0 "), Some(ms(0)));
        assert_eq!(millis("60000"), Some(ms(60_000)));
        for bad in ["", "ms", "1s", "-5", "60001", "0.5"] {
            assert_eq!(millis(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_rate_is_a_burst_over_a_period_or_off() {
        assert_eq!(Rate::parse("20/10m"), Some(Some(Rate::new(20, 600))));
        assert_eq!(Rate::parse(" 600 / 1s "), Some(Some(Rate::new(600, 1))));
        assert_eq!(Rate::parse("3/2h"), Some(Some(Rate::new(3, 7200))));
        assert_eq!(Rate::parse("off"), Some(None));
        for bad in [
            "", "20", "0/1m", "20/0m", "20/10", "20/10d", "-1/1m", "x/1m", "20/m",
        ] {
            assert_eq!(Rate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_digest_hour_is_seven_by_default_an_hour_of_the_day_or_off() {
        assert_eq!(digest_hour(None).ok(), Some(Some(7)));
        assert_eq!(digest_hour(Some("0")).ok(), Some(Some(0)));
        assert_eq!(digest_hour(Some(" 23 ")).ok(), Some(Some(23)));
        assert_eq!(digest_hour(Some("off")).ok(), Some(None));
        for bad in ["24", "-1", "7.5", "OFF", "pagi"] {
            assert!(digest_hour(Some(bad)).is_err(), "{bad}");
        }
    }
}
