//! Storage: one diesel code path over SQLite (the default) and PostgreSQL, chosen by the URL scheme.
//!
//! Owns the connection type, the r2d2 pool, the embedded migrations of both trees and the two helpers
//! every handler uses: [`run`] (a blocking closure on the pool, off the async threads) and
//! [`write_tx`] (a transaction that first takes the audit-chain lock, so writers queue instead of
//! failing with "database is locked" and the hash chain never forks). One module of queries per table.

/// Multi-row INSERTs of `rows`, `per` rows a statement (kept under both backends' bind limits:
/// 32,766 variables in SQLite, 65,535 in PostgreSQL). Batch inserts do not compile through the
/// multi backend, so each backend's own connection does it.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $per:expr) => {{
        for chunk in $rows.chunks($per) {
            match $conn {
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConnection::Pg(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
    }};
}

pub mod agencies;
pub mod agency_aliases;
pub mod audit;
pub mod audit_checkpoints;
pub mod case_documents;
pub mod case_keys;
pub mod case_list;
pub mod catalogue;
pub mod catalogue_versions;
pub mod code;
pub mod deadline_alerts;
pub mod demo;
pub mod digests;
pub mod evidence;
pub mod examination;
pub mod group_commit;
pub mod holiday_calendars;
pub mod identity_grants;
pub mod messages;
pub mod objections;
pub mod outbox;
pub mod person_history;
pub mod rate_buckets;
pub mod receipt_views;
pub mod referrals;
pub mod reported_persons;
pub mod reports;
pub mod sanctions;
pub mod schema;
pub mod second_factor;
pub mod seed;
pub mod sign_in_challenges;
pub mod status_signouts;
pub mod throttle;
pub mod users;

use anyhow::Context as _;
use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness as _, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to either backend. All queries in `db/` are written once against this type.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

/// Which backend a URL names. Chosen here from the scheme, never by diesel's trial-and-error
/// `establish`, which hides the real error (a wrong password reads "invalid connection url").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Sqlite(String),
    Postgres(String),
}

impl DbUrl {
    pub fn parse(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(path.to_owned()))
        } else if url.contains("://") {
            anyhow::bail!(
                "unsupported database URL scheme in {url:?}: use postgres:// or sqlite://"
            )
        } else {
            Ok(Self::Sqlite(url.to_owned()))
        }
    }

    fn connect(&self) -> ConnectionResult<DbConnection> {
        self.connect_with(Synchronous::Full)
    }

    fn connect_with(&self, sync: Synchronous) -> ConnectionResult<DbConnection> {
        match self {
            Self::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(path)?;
                // busy_timeout first: the others may have to wait for a writer. synchronous=FULL:
                // a commit is on disk when it returns (WAL fsync per commit; filings share one,
                // see group_commit).
                let synchronous = match sync {
                    Synchronous::Full => "FULL",
                    Synchronous::Normal => "NORMAL",
                };
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = {synchronous};"
                ))
                    .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
            Self::Postgres(url) => {
                let mut conn = diesel::PgConnection::establish(url)?;
                // Every query Netra sends is a cached prepared statement shaped for one index
                // (keyset pages, lookups by key): planning it anew for each execution (custom
                // plans) cost a case page or a search more than running it did (0.22 ms of
                // planning against 0.20 ms of execution at 1M cases, 19 indexes on `reports` to
                // weigh each time). A generic plan is made once per connection. Without parallel
                // workers: a generic plan does not know the LIMIT and, guessing a tenth of the
                // table, sent a 51-row page through Gather Merge (7.7 ms instead of 0.2 ms);
                // a web request gains nothing from fanning out on a busy server anyway.
                // Measured at 1M (bench/run): search 1,578 -> 2,754 req/s, case page 1,464 ->
                // 2,083.
                conn.batch_execute(
                    "SET plan_cache_mode = force_generic_plan; SET max_parallel_workers_per_gather = 0;",
                )
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Pg(conn))
            }
        }
    }
}

/// How SQLite makes a commit durable (`NETRA_SQLITE_SYNCHRONOUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// A commit is on disk when it returns, power loss included (the default).
    #[default]
    Full,
    /// Commits survive a crash of the server but not a power loss: the last acknowledged reports
    /// can be lost. For measuring what `Full` costs, not for production.
    Normal,
}

/// r2d2 manager that connects by [`DbUrl`] and sets the per-connection SQLite pragmas.
#[derive(Debug, Clone)]
pub struct Manager(DbUrl, Synchronous);

/// How long a connection that answered a ping is handed out again without another. Pinging at
/// every checkout was a round trip per request on PostgreSQL (two for a staff page: 9 % of the
/// national list's rate); a connection lost meanwhile (the server restarted) fails the requests
/// of at most this long before the next ping finds it broken and the pool replaces it. The same
/// trade HikariCP makes (its `aliveBypassWindowMs`, 500 ms).
const PING_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// A pooled connection and when it last answered a ping; used as the [`DbConnection`] it holds.
pub struct Pooled {
    conn: DbConnection,
    pinged: std::time::Instant,
}

impl std::ops::Deref for Pooled {
    type Target = DbConnection;
    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Pooled, r2d2::Error> {
        let conn = self
            .0
            .connect_with(self.1)
            .map_err(r2d2::Error::ConnectionError)?;
        Ok(Pooled {
            conn,
            pinged: std::time::Instant::now(),
        })
    }

    fn is_valid(&self, conn: &mut Pooled) -> Result<(), r2d2::Error> {
        if conn.pinged.elapsed() < PING_EVERY {
            return Ok(());
        }
        conn.conn
            .batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)?;
        conn.pinged = std::time::Instant::now();
        Ok(())
    }

    /// A connection left inside a transaction (a panic mid-transaction, a failed rollback) is
    /// thrown away rather than handed to the next request with someone else's half-done work.
    fn has_broken(&self, conn: &mut Pooled) -> bool {
        use diesel::r2d2::R2D2Connection as _;
        std::thread::panicking()
            || match &mut conn.conn {
                DbConnection::Sqlite(c) => c.is_broken(),
                DbConnection::Pg(c) => c.is_broken(),
            }
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Connects once (so a bad URL fails with its real error), sets WAL on SQLite, applies the pending
/// migrations of the right tree, then builds the pool.
pub fn connect_and_migrate(url: &DbUrl, max_size: u32) -> anyhow::Result<Pool> {
    connect_and_migrate_with(url, max_size, Synchronous::Full)
}

/// [`connect_and_migrate`] with the pool's SQLite commits as durable as `sync` says.
pub fn connect_and_migrate_with(
    url: &DbUrl,
    max_size: u32,
    sync: Synchronous,
) -> anyhow::Result<Pool> {
    let mut conn = url
        .connect()
        .with_context(|| format!("connecting to the database ({})", url.redacted()))?;
    if let DbConnection::Sqlite(c) = &mut conn {
        // WAL is a property of the file: set it once here, not on every pooled connection at once
        // (that races and fails with "database is locked").
        c.batch_execute("PRAGMA journal_mode = WAL;")
            .context("enabling SQLite WAL")?;
    }
    migrate(&mut conn)?;
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(std::time::Duration::from_secs(10))
        .build(Manager(url.clone(), sync))
        .context("building the connection pool")
}

/// Applies the pending migrations of the tree that matches the backend.
pub fn migrate(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Pg(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    }
    .map_err(|e| anyhow::anyhow!("applying migrations: {e}"))?;
    Ok(applied)
}

/// Takes the newest applied migration back (its `down.sql`): for the tests that check a
/// migration's backfill against what the application writes.
pub fn revert_last_migration(conn: &mut DbConnection) -> anyhow::Result<()> {
    match conn {
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE_MIGRATIONS).map(drop),
        DbConnection::Pg(c) => c.revert_last_migration(POSTGRES_MIGRATIONS).map(drop),
    }
    .map_err(|e| anyhow::anyhow!("reverting a migration: {e}"))
}

impl DbUrl {
    /// The URL without a password, for logs.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite {path}"),
            Self::Postgres(raw) => match url::Url::parse(raw) {
                // A password can sit in the user part or, for libpq, in the query string.
                Ok(mut u) => {
                    if u.password().is_some() {
                        let _ = u.set_password(Some("***"));
                    }
                    let pairs: Vec<(String, String)> = u
                        .query_pairs()
                        .map(|(k, v)| {
                            let v = if k == "password" {
                                "***".into()
                            } else {
                                v.into_owned()
                            };
                            (k.into_owned(), v)
                        })
                        .collect();
                    if !pairs.is_empty() {
                        u.query_pairs_mut().clear().extend_pairs(pairs);
                    }
                    u.to_string()
                }
                Err(_) => "postgres (an unreadable URL)".into(),
            },
        }
    }
}

/// Why a unit of database work did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no database connection available")]
    Pool(#[from] r2d2::PoolError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    #[error("the blocking task was cancelled")]
    Canceled,
    /// The database takes no more writes just now (the filing writer's queue is full, or it has
    /// no connection); the cause is logged where it happened.
    #[error("the database is busy")]
    Busy,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Runs `f` with a pooled connection on actix's blocking thread pool.
pub async fn run<T, E, F>(pool: &Pool, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(DbError::from)?;
        f(&mut conn)
    })
    .await
    .map_err(|_| E::from(DbError::Canceled))?
}

/// A write transaction. Its first statement takes the audit-chain row lock: on PostgreSQL that
/// serialises appends to the hash chain; on SQLite the first statement being a write makes the
/// transaction a writer from the start, so `busy_timeout` queues it instead of the snapshot-upgrade
/// failure a read-then-write transaction gets under WAL.
pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.transaction(|conn| {
        audit::lock_chain(conn)?;
        f(conn)
    })
}

/// The current time as stored: UTC, truncated to microseconds so both backends keep the same value.
pub fn now() -> chrono::NaiveDateTime {
    use chrono::SubsecRound as _;
    chrono::Utc::now().naive_utc().trunc_subsecs(6)
}

/// True when a diesel error is a unique-constraint violation (a racing duplicate insert).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use diesel::connection::{AnsiTransactionManager, TransactionManager as _};

    use super::*;

    #[test]
    fn a_connection_left_inside_a_transaction_is_broken_and_a_clean_one_is_not() {
        let manager = Manager(DbUrl::Sqlite(":memory:".into()), Synchronous::Full);
        let mut conn = manager.connect().expect("connect");
        assert!(!manager.has_broken(&mut conn));
        let DbConnection::Sqlite(c) = &mut *conn else {
            panic!("sqlite");
        };
        AnsiTransactionManager::begin_transaction(c).expect("begin");
        assert!(manager.has_broken(&mut conn), "an open transaction");
    }

    #[test]
    fn a_connection_is_pinged_at_checkout_only_when_its_last_ping_is_older_than_the_window() {
        let manager = Manager(DbUrl::Sqlite(":memory:".into()), Synchronous::Full);
        let mut conn = manager.connect().expect("connect");
        let fresh = conn.pinged;
        manager.is_valid(&mut conn).expect("valid");
        assert_eq!(conn.pinged, fresh, "pinged again within the window");
        let old = std::time::Instant::now() - PING_EVERY - std::time::Duration::from_millis(1);
        conn.pinged = old;
        manager.is_valid(&mut conn).expect("valid");
        assert!(conn.pinged > old, "not pinged after the window");
    }

    #[test]
    fn a_database_url_is_logged_without_its_password() {
        let pg = |u: &str| DbUrl::Postgres(u.into()).redacted();
        assert_eq!(
            pg("postgres://netra:s3cr%40t@db.local:5432/netra"),
            "postgres://netra:***@db.local:5432/netra"
        );
        assert_eq!(
            pg("postgres://db.local/netra?sslmode=require&password=s3cret"),
            "postgres://db.local/netra?sslmode=require&password=***"
        );
        assert_eq!(
            pg("postgres://netra@db.local/netra"),
            "postgres://netra@db.local/netra"
        );
        assert_eq!(pg("postgres://[bad"), "postgres (an unreadable URL)");
        assert_eq!(DbUrl::Sqlite("a.db".into()).redacted(), "sqlite a.db");
    }
}
