//! Builds the application: database (connect, migrate, seed), keys, the actix `App` with its
//! middleware, and the background chores. `Application::build` binds first, so tests can ask for
//! port 0 and read the port they got.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_session::SessionMiddleware;
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context as _;
use tracing_actix_web::TracingLogger;

use crate::config::Settings;
use crate::crypto::Keys;
use crate::db;
use crate::domain::password::Hasher;
use crate::web::{AppState, errors, headers, lang, ratelimit, request_log};

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

/// Connects, migrates and seeds; returns the pool. Also what `netra migrate` runs.
pub fn prepare_database(settings: &Settings, hasher: &Hasher) -> anyhow::Result<db::Pool> {
    let pool = db::connect_and_migrate_with(
        &settings.database,
        settings.db_pool_size,
        settings.sqlite_synchronous,
    )?;
    let mut conn = pool.get().context("taking a connection to seed")?;
    let seeded = db::seed::apply(&mut conn)?;
    if seeded.total() > 0 {
        tracing::info!(?seeded, "seed data inserted");
    }
    let rekeyed = db::case_keys::rebuild_pending(&mut conn)?;
    if rekeyed > 0 {
        tracing::info!(
            cases = rekeyed,
            "name search keys rebuilt from each report's own name"
        );
    }
    let keys = Keys::derive(&settings.secret_key).context("deriving keys from the secret key")?;
    if !db::audit::last_row_fits(&mut conn, keys.audit())? {
        tracing::error!(
            "the audit chain's last row does not fit the secret key: run `netra audit verify`; a chain written before the chain was keyed needs `netra audit rekey`, once"
        );
    }
    if let Some(one_time) = crate::app::accounts::ensure_admin(
        &mut conn,
        keys.audit(),
        hasher,
        &settings.admin_email,
        settings.admin_password.as_deref(),
    )? {
        tracing::warn!(
            email = %settings.admin_email,
            password = %one_time,
            "created the first admin account with this one-time password (shown only now); sign in at /login and change it"
        );
    }
    Ok(pool)
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        // lettre's TLS needs a process-wide rustls provider; install ring's once (a second
        // install in the same process is refused harmlessly).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let keys =
            Keys::derive(&settings.secret_key).context("deriving keys from the secret key")?;
        let ca_pem = match &settings.smtp_ca_file {
            Some(path) => Some(
                std::fs::read(path)
                    .with_context(|| format!("reading NETRA_SMTP_CA_FILE {}", path.display()))?,
            ),
            None => None,
        };
        let mailer = match (&settings.smtp_url, &settings.mail_memory) {
            (None, Some(memory)) => crate::notify::mailer::Mailer::Memory(memory.clone()),
            _ => crate::notify::mailer::Mailer::new(
                settings.smtp_url.as_deref(),
                ca_pem.as_deref(),
                &settings.data_dir,
            )?,
        };
        let for_db = settings.clone();
        let (pool, passwords) = web::block(move || {
            let hasher = Hasher::new(for_db.password_cost)?;
            prepare_database(&for_db, &hasher).map(|pool| (pool, hasher))
        })
        .await
        .context("the database set-up task was cancelled")??;
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("binding {}", settings.bind))?;
        let port = listener
            .local_addr()
            .context("reading the bound address")?
            .port();
        let filer = crate::app::report_file::Filer { keys: keys.clone() };
        let filings =
            crate::db::group_commit::GroupWriter::start(pool.clone(), "netra-filings", filer)
                .context("starting the filing writer")?;
        // Instances on one PostgreSQL database share the public forms' limits.
        let shared_limits =
            matches!(settings.database, db::DbUrl::Postgres(_)).then(|| pool.clone());
        let state = AppState {
            filings: Arc::new(filings),
            passwords: Arc::new(passwords),
            pool,
            keys,
            limits: Arc::new(ratelimit::Limits::new(
                settings.trust_proxy,
                &settings.limits,
                shared_limits,
            )),
            mailer: Arc::new(mailer),
            settings: Arc::new(settings),
            refs: Arc::default(),
            forms: Arc::default(),
        };
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            let st = &app_state;
            let session = SessionMiddleware::builder(
                CookieSessionStore::default(),
                Key::from(st.keys.session_key()),
            )
            .cookie_name("netra_session".into())
            .cookie_secure(st.settings.secure_cookies())
            .cookie_same_site(SameSite::Lax)
            .cookie_http_only(true)
            .build();
            App::new()
                .app_data(web::Data::new(st.clone()))
                // Url-encoded forms are read as bytes by `web::forms::Checked`: refused past
                // this size while arriving, not after.
                .app_data(web::PayloadConfig::new(crate::web::forms::FORM_LIMIT))
                .configure(crate::web::routes)
                .default_service(web::to(errors::not_found))
                .wrap(from_fn(errors::localise))
                .wrap(session)
                .wrap(from_fn(lang::remember))
                .wrap(headers::secure(st.settings.secure_cookies()))
                .wrap(Compress::default())
                .wrap(TracingLogger::<request_log::PrivateRootSpan>::new())
        })
        .listen(listener)
        .context("starting the HTTP server")?
        // SIGTERM / Ctrl-C: stop accepting, let in-flight requests finish (up to 30 s).
        .shutdown_timeout(30)
        .run();
        Ok(Self {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM/Ctrl-C (or `handle().stop()`), with the background chores alongside.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let limits = self.state.limits.clone();
        let pool = self.state.pool.clone();
        let chain_key = self.state.keys.audit().clone();
        let (mailer, retention) = (
            self.state.mailer.clone(),
            self.state.settings.mail_file_retention,
        );
        let (run_chores, digest_hour) =
            (self.state.settings.chores, self.state.settings.digest_hour);
        let chores = actix_web::rt::spawn(async move {
            if !run_chores {
                return;
            }
            // The first tick is immediate: a restarted server catches up at once.
            let mut tick = actix_web::rt::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limits.tidy();
                let (pool, key, mailer) = (pool.clone(), chain_key.clone(), mailer.clone());
                if let Err(e) = web::block(move || {
                    crate::chores::run_round(&pool, &key, digest_hour);
                    match mailer.prune_files(retention) {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(files = n, "old mail files deleted"),
                        Err(e) => tracing::warn!(error = %e, "pruning mail files failed"),
                    }
                })
                .await
                {
                    tracing::error!(error = %e, "the chores were cancelled");
                }
            }
        });
        let st = self.state.clone();
        let mail = actix_web::rt::spawn(async move {
            if !st.settings.mail_worker {
                return;
            }
            loop {
                let pause = match crate::notify::worker::deliver_due(
                    &st.pool,
                    &st.mailer,
                    &st.keys,
                    &st.settings,
                )
                .await
                {
                    // The server is unusable: try again after the retry base, not every 2 s.
                    Ok(round) if round.unavailable => st.settings.mail_retry_base,
                    Ok(round) if round.full => Duration::ZERO,
                    Ok(_) => Duration::from_secs(2),
                    Err(e) => {
                        tracing::error!(error = ?e, "mail delivery round failed");
                        Duration::from_secs(2)
                    }
                };
                actix_web::rt::time::sleep(pause).await;
            }
        });
        let result = self.server.await;
        chores.abort();
        mail.abort();
        result
    }
}
