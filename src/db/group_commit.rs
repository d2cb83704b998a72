//! Group commit for the public submissions: one writer thread takes every filing waiting at that
//! moment (up to `MAX_BATCH`), writes them together in one transaction (one statement per table
//! for the whole batch: `Batched::all`), commits once, and only then answers each of them. With
//! `synchronous=FULL` a commit costs an fsync, so this pays one fsync for a whole batch; and with one writer, SQLite writers never queue on the file
//! lock (its busy handler sleeps in steps of up to 100 ms, which is what gave 700 ms p99s).
//!
//! Nothing is answered before it is durable: a job's result is sent after the commit returned, and
//! a failed commit fails every job of the batch. When the batch fails before its commit, each job
//! runs again alone in its own savepoint: one that fails alone gets its own error and leaves the
//! others in the batch untouched.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use super::{DbConnection, DbError, Pool, write_tx};

/// At most this many jobs per transaction.
pub const MAX_BATCH: usize = 64;
/// Jobs waiting beyond this are refused (`DbError::Busy`) rather than queued without bound.
const QUEUE: usize = 4096;

/// What the writer does with the jobs it takes together.
pub trait Batched: Send + 'static {
    type Job: Send + 'static;
    type Out: Send + 'static;
    /// Carries the database's own failures (`DbError`) too.
    type Err: From<DbError> + From<diesel::result::Error> + std::fmt::Display + Send + 'static;

    /// Every job of a batch at once, inside the batch's write transaction, one answer each in
    /// order. Any error rolls the whole batch back; each job is then run alone by [`Self::one`].
    fn all(&self, conn: &mut DbConnection, jobs: &[Self::Job])
    -> Result<Vec<Self::Out>, Self::Err>;

    /// One job, inside a write transaction shared with the others of its batch: it must leave
    /// nothing behind when it fails (its own savepoint), so a job that fails alone fails alone.
    fn one(&self, conn: &mut DbConnection, job: &Self::Job) -> Result<Self::Out, Self::Err>;
}

type Reply<B> = tokio::sync::oneshot::Sender<Result<<B as Batched>::Out, <B as Batched>::Err>>;

/// A queue of jobs for one writer thread.
pub struct GroupWriter<B: Batched> {
    tx: SyncSender<(B::Job, Reply<B>)>,
}

impl<B: Batched> GroupWriter<B> {
    /// Starts the writer thread; it ends when the last handle is dropped.
    pub fn start(pool: Pool, name: &str, batched: B) -> std::io::Result<Self> {
        let (tx, rx) = sync_channel(QUEUE);
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || writer(&pool, &rx, &batched))?;
        Ok(Self { tx })
    }

    /// Runs `job` in the next batch; answers once that batch is committed.
    pub async fn run(&self, job: B::Job) -> Result<B::Out, B::Err> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        match self.tx.try_send((job, reply)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(DbError::Busy.into()),
            Err(TrySendError::Disconnected(_)) => return Err(DbError::Canceled.into()),
        }
        answer
            .await
            .unwrap_or_else(|_| Err(DbError::Canceled.into()))
    }
}

fn writer<B: Batched>(pool: &Pool, rx: &Receiver<(B::Job, Reply<B>)>, batched: &B) {
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
        let in_memory = sub_journals_in_memory(&mut conn, true);
        let results = run_batch(&mut conn, batched, &jobs);
        if in_memory {
            sub_journals_in_memory(&mut conn, false);
        }
        for (reply, result) in replies.into_iter().zip(results) {
            let _ = reply.send(result);
        }
    }
}

/// The batch's answers, each only once committed: all jobs in one go, or, when that fails, each
/// in its own savepoint of one transaction. A failed commit fails every job of the batch.
fn run_batch<B: Batched>(
    conn: &mut DbConnection,
    batched: &B,
    jobs: &[B::Job],
) -> Vec<Result<B::Out, B::Err>> {
    match write_tx(conn, |c| batched.all(c, jobs)) {
        Ok(outs) if outs.len() == jobs.len() => return outs.into_iter().map(Ok).collect(),
        Ok(_) => tracing::error!("filing writer: a batch answered the wrong number of jobs"),
        // Something one job could fail on alone; expected now and then (a form sent twice).
        Err(e) => tracing::info!(error = %e, jobs = jobs.len(), "filing writer: filing one by one"),
    }
    let mut results = Vec::with_capacity(jobs.len());
    let committed = write_tx(conn, |c| {
        for job in jobs {
            results.push(batched.one(c, job));
        }
        Ok::<_, B::Err>(())
    });
    match committed {
        Ok(()) => results,
        Err(_) => {
            tracing::error!(jobs = jobs.len(), "filing writer: the batch did not commit");
            jobs.iter()
                .map(|_| {
                    Err(
                        DbError::Other(anyhow::anyhow!("the batch of filings did not commit"))
                            .into(),
                    )
                })
                .collect()
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
