//! Group commit for the public submissions: one writer thread takes every filing waiting at that
//! moment (up to `MAX_BATCH`), runs each in its own savepoint inside one transaction, commits once,
//! and only then answers each of them. With `synchronous=FULL` a commit costs an fsync, so this
//! pays one fsync for a whole batch; and with one writer, SQLite writers never queue on the file
//! lock (its busy handler sleeps in steps of up to 100 ms, which is what gave 700 ms p99s).
//!
//! Nothing is answered before it is durable: a job's result is sent after the commit returned, and
//! a failed commit fails every job of the batch. A job that fails alone (its savepoint rolled back)
//! gets its own error and leaves the others in the batch untouched.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use diesel::Connection as _;

use super::{DbConnection, DbError, Pool, write_tx};

/// At most this many jobs per transaction.
pub const MAX_BATCH: usize = 64;
/// Jobs waiting beyond this are refused (`DbError::Busy`) rather than queued without bound.
const QUEUE: usize = 4096;

type Job<T, E> = Box<dyn FnOnce(&mut DbConnection) -> Result<T, E> + Send>;
type Reply<T, E> = tokio::sync::oneshot::Sender<Result<T, E>>;
/// A job and where its answer goes.
type Queued<T, E> = (Job<T, E>, Reply<T, E>);

/// The jobs answer `Result<T, E>`; `E` carries the database's own failures (`DbError`).
pub struct GroupWriter<T, E> {
    tx: SyncSender<Queued<T, E>>,
}

impl<T, E> GroupWriter<T, E>
where
    T: Send + 'static,
    E: From<DbError> + From<diesel::result::Error> + std::fmt::Display + Send + 'static,
{
    /// Starts the writer thread; it ends when the last handle is dropped.
    pub fn start(pool: Pool, name: &str) -> std::io::Result<Self> {
        let (tx, rx) = sync_channel(QUEUE);
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || writer(&pool, &rx))?;
        Ok(Self { tx })
    }

    /// Runs `job` in the next batch; answers once that batch is committed.
    pub async fn run<F>(&self, job: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        match self.tx.try_send((Box::new(job), reply)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(DbError::Busy.into()),
            Err(TrySendError::Disconnected(_)) => return Err(DbError::Canceled.into()),
        }
        answer
            .await
            .unwrap_or_else(|_| Err(DbError::Canceled.into()))
    }
}

fn writer<T, E>(pool: &Pool, rx: &Receiver<Queued<T, E>>)
where
    E: From<DbError> + From<diesel::result::Error> + std::fmt::Display,
{
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut conn = match pool.get() {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "filing writer: no database connection");
                for (_, reply) in batch {
                    let _ = reply.send(Err(DbError::Busy.into()));
                }
                continue;
            }
        };
        let (jobs, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let mut results = Vec::with_capacity(jobs.len());
        let in_memory = sub_journals_in_memory(&mut conn, true);
        let committed = write_tx(&mut conn, |c| {
            for job in jobs {
                // A savepoint per job: one refused filing rolls back alone.
                results.push(c.transaction(job));
            }
            Ok::<_, E>(())
        });
        if in_memory {
            sub_journals_in_memory(&mut conn, false);
        }
        match committed {
            Ok(()) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            Err(_) => {
                tracing::error!(
                    jobs = replies.len(),
                    "filing writer: the batch did not commit"
                );
                for reply in replies {
                    let _ = reply.send(Err(DbError::Other(anyhow::anyhow!(
                        "the batch of filings did not commit"
                    ))
                    .into()));
                }
            }
        }
    }
}

/// Keeps SQLite's savepoint journals in memory for one batch (`temp_store = MEMORY`), or back
/// to the default. A job's savepoint journals every page it is the first to change; past 64 KiB
/// SQLite spills that journal to a temporary file, and those writes were a quarter of the writer
/// thread's time (perf, issue 8). It stays per batch, not per connection: the other requests'
/// big sorts keep spilling to disk rather than growing the server's memory. Answers whether it
/// was switched (PostgreSQL has no such journal).
fn sub_journals_in_memory(conn: &mut DbConnection, on: bool) -> bool {
    use diesel::connection::SimpleConnection as _;
    let DbConnection::Sqlite(c) = conn else {
        return false;
    };
    let pragma = if on {
        "PRAGMA temp_store = MEMORY;"
    } else {
        "PRAGMA temp_store = DEFAULT;"
    };
    match c.batch_execute(pragma) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, pragma, "filing writer: could not set temp_store");
            false
        }
    }
}
