//! `netra seed-demo`: a realistic, deterministic demo and benchmark data set written straight into
//! the configured database. Every agency gets cases (one holds 17 %, the rest a Zipf tail); every
//! state appears with a consistent timeline in the hash-chained audit log; reported persons have
//! valid NIPs and repeat (one person of the largest agency has ~7 % of all cases, the worst case
//! for the case page's history); sanctions carry decrees; some cases have evidence. Staff accounts
//! to sign in as are created, and sample case numbers and receipts are written for the benchmark.
//! The national account has its second factor on (national staff must): its key is written to
//! `demo-totp.txt` for whoever signs in as it (`bench/run` computes the code with `oathtool`).

mod case;

use std::collections::{HashMap, HashSet};
use std::io::Write as _;

use anyhow::Context as _;
use chrono::{Duration, NaiveDateTime};
use rand::SeedableRng as _;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;

use crate::app::{Outcome, StaffUser};
use crate::crypto::{ChainKey, Keys, random_bytes};
use crate::db::audit::Actor;
use crate::db::{self, DbConnection, agencies, catalogue, demo, reports, users};
use crate::domain::ids::UserId;
use crate::domain::password::Hasher;
use crate::domain::totp::{self, Secret};
use crate::domain::workflow::Role;

/// The password of every demo account (no change required at sign-in).
pub const DEMO_PASSWORD: &str = "Demo-Netra-2026!";
/// Cases generated and written per transaction.
const BATCH: u64 = 20_000;
/// Batches written per transaction (see [`demo::write_some`]).
const PER_COMMIT: usize = 5;
/// How many sample case numbers and receipts are written for the benchmark.
const SAMPLES: u64 = 1000;

#[derive(Debug, Clone)]
pub(crate) struct Agency {
    id: i64,
    province: String,
}

pub(crate) struct Staff {
    national: i64,
    inspector: i64,
    bkpsdm: i64,
}

/// What every case is drawn from, and what must stay unique across cases.
pub(crate) struct Context {
    keys: Keys,
    now: NaiveDateTime,
    /// By size: index 0 is the largest agency.
    agencies: Vec<Agency>,
    people: Vec<Vec<(i64, String)>>,
    nips: HashSet<String>,
    numbers: HashSet<String>,
    hot_person: Option<(i64, String)>,
    /// Per cent of the largest agency's cases that are about its repeat offender.
    hot_share: u32,
    violations: Vec<String>,
    /// (code, kind, tier, duration in months)
    sanctions: Vec<(String, String, String, Option<i32>)>,
    stage_days: HashMap<String, i32>,
    regencies: HashMap<String, Vec<String>>,
    staff: Staff,
}

/// Where the generator stands: its random stream, the next id of each table, the chain head.
pub(crate) struct Cursor {
    rng: StdRng,
    ids: [i64; 6],
    seq: i64,
    last_hash: String,
}

impl Cursor {
    /// The next id of table `k` (the order of [`demo::next_ids`]).
    fn next(&mut self, k: usize) -> i64 {
        let id = self.ids[k];
        self.ids[k] += 1;
        id
    }
}

/// How many cases to generate, over which time, into which agencies.
struct Plan {
    cases: u64,
    now: NaiveDateTime,
    /// Cumulative share of the cases per agency, in `Context::agencies` order.
    cumulative: Vec<f64>,
}

/// Sample case numbers (national, of the largest agency) and "number secret" receipts.
type Samples = (Vec<String>, Vec<String>, Vec<String>);

/// Generates every case, oldest first so ids grow with filing time, over the last ~three years,
/// and hands them over a batch at a time; stops early when the writer hangs up.
fn generate(
    ctx: &mut Context,
    cur: &mut Cursor,
    plan: &Plan,
    tx: &std::sync::mpsc::SyncSender<demo::Batch>,
) -> Samples {
    let cases = plan.cases;
    let start = plan.now - Duration::days(1000);
    let span = (plan.now - Duration::hours(1) - start).num_seconds() as f64;
    let mut samples: Samples = (Vec::new(), Vec::new(), Vec::new());
    let every = (cases / SAMPLES).max(1);
    let every_own = ((cases as f64 * 0.17) as u64 / SAMPLES).max(1);
    let mut own = 0u64;
    let mut i = 0u64;
    while i < cases {
        let mut b = demo::Batch::default();
        let end = (i + BATCH).min(cases);
        while i < end {
            let u: f64 = rand::RngExt::random(&mut cur.rng);
            let at = start + Duration::seconds((span * (i as f64 + u) / cases as f64) as i64);
            let pick: f64 = rand::RngExt::random(&mut cur.rng);
            let agency = plan
                .cumulative
                .partition_point(|w| *w < pick)
                .min(ctx.agencies.len() - 1);
            let (number, secret) = case::generate(ctx, cur, &mut b, agency, at);
            if i.is_multiple_of(every) {
                samples.0.push(number.clone());
                samples.2.push(format!("{number} {secret}"));
            }
            if agency == 0 {
                if own.is_multiple_of(every_own) && samples.1.len() < SAMPLES as usize {
                    samples.1.push(number);
                }
                own += 1;
            }
            i += 1;
        }
        if tx.send(b).is_err() {
            break;
        }
    }
    samples
}

/// What seed-demo did.
pub struct Seeded {
    pub cases: u64,
    pub largest_agency: String,
    pub seconds: f64,
}

fn account(
    c: &mut DbConnection,
    key: &ChainKey,
    hasher: &Hasher,
    email: &str,
    name: &str,
    role: Role,
    agency: Option<&str>,
) -> anyhow::Result<i64> {
    let id = match users::find_by_email(c, email)? {
        Some(u) => u.id.get(),
        None => {
            let new = crate::app::accounts::NewAccount {
                email,
                name,
                role,
                agency_code: agency,
                password: Some(DEMO_PASSWORD),
            };
            crate::app::accounts::create(c, key, hasher, &new, Actor::System)?
                .0
                .get()
        }
    };
    let hash = hasher.hash(DEMO_PASSWORD)?;
    users::set_password(c, UserId(id), &hash, false)?;
    Ok(id)
}

/// Switches the second factor of the demo account `id` on with a fresh key, replacing one an
/// earlier seed left, through the same operation as the set-up page; returns the key.
fn demo_factor(c: &mut DbConnection, keys: &Keys, id: i64, role: Role) -> anyhow::Result<Secret> {
    let user = UserId(id);
    crate::db::second_factor::delete(c, user)?;
    let secret =
        Secret::from_bytes(random_bytes(totp::SECRET_BYTES)).context("making a TOTP secret")?;
    let now = db::now();
    // Confirmed with the code of the step before this one, so the current step is still free for
    // a sign-in that follows at once.
    let step = totp::step_at(now.and_utc().timestamp()).saturating_sub(1);
    let who = StaffUser {
        id: user,
        role,
        agency_id: None,
    };
    match crate::app::second_factor::enrol(c, keys, &who, &secret, &secret.code(step), now)? {
        Outcome::Done(_) => Ok(secret),
        _ => anyhow::bail!("the demo account's second factor could not be switched on"),
    }
}

/// Writes `cases` demo cases (deterministic for `seed`); refuses a database that holds cases
/// unless `force`. Sample case numbers and receipts go to `out_dir`.
pub fn seed(
    c: &mut DbConnection,
    keys: Keys,
    hasher: &Hasher,
    cases: u64,
    seed: u64,
    force: bool,
    out_dir: &std::path::Path,
) -> anyhow::Result<Seeded> {
    let started = std::time::Instant::now();
    let existing = reports::count(c)?;
    anyhow::ensure!(
        existing == 0 || force,
        "the database holds {existing} cases already; seed-demo writes only into a database without cases (--force to add demo cases anyway)"
    );
    let mut rng = StdRng::seed_from_u64(seed);
    let mut all = agencies::list_active(c)?;
    anyhow::ensure!(
        !all.is_empty(),
        "no active agencies: run `netra migrate` first"
    );
    all.sort_by_key(|a| a.id);
    all.shuffle(&mut rng);
    let largest = all[0].code.clone();
    let staff = Staff {
        national: account(
            c,
            keys.audit(),
            hasher,
            "national@demo.netra.local",
            "Demo BKN",
            Role::National,
            None,
        )?,
        inspector: account(
            c,
            keys.audit(),
            hasher,
            "inspector@demo.netra.local",
            "Demo Inspektorat",
            Role::Inspector,
            Some(&largest),
        )?,
        bkpsdm: account(
            c,
            keys.audit(),
            hasher,
            "bkpsdm@demo.netra.local",
            "Demo BKPSDM",
            Role::Bkpsdm,
            Some(&largest),
        )?,
    };
    let national = demo_factor(c, &keys, staff.national, Role::National)?;
    write_private(
        &out_dir.join("demo-totp.txt"),
        &format!("national@demo.netra.local {}\n", national.base32()),
    )?;
    // 17 % for the largest, the rest a Zipf tail (exponent 0.8) in the shuffled order.
    let tail: Vec<f64> = (1..all.len()).map(|r| (r as f64).powf(-0.8)).collect();
    let tail_sum: f64 = tail.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let mut cumulative = vec![0.17];
    for w in tail {
        let prev = cumulative.last().copied().unwrap_or(0.0);
        cumulative.push(prev + 0.83 * w / tail_sum);
    }
    let mut regencies: HashMap<String, Vec<String>> = HashMap::new();
    for r in agencies::regencies(c)? {
        regencies.entry(r.province_code).or_default().push(r.code);
    }
    let now = db::now();
    let mut ctx = Context {
        keys,
        now,
        people: vec![vec![]; all.len()],
        agencies: all
            .iter()
            .map(|a| Agency {
                id: a.id.get(),
                province: a.province_code.clone().unwrap_or_else(|| "31".to_owned()),
            })
            .collect(),
        nips: HashSet::new(),
        numbers: HashSet::new(),
        hot_person: None,
        hot_share: 40,
        violations: catalogue::violation_codes(c)?,
        sanctions: crate::db::sanctions::catalogue(c)?
            .into_iter()
            .filter(|s| s.employee_type == "PNS" || s.employee_type == "ALL")
            .map(|s| {
                (
                    s.code,
                    s.kind,
                    s.tier.as_str().to_owned(),
                    s.duration_months,
                )
            })
            .collect(),
        stage_days: catalogue::stage_deadlines(c)?.into_iter().collect(),
        regencies,
        staff,
    };
    anyhow::ensure!(
        !ctx.violations.is_empty(),
        "the violation catalogue is empty"
    );
    let (seq, last_hash) = demo::chain_head(c)?;
    let mut cur = Cursor {
        rng,
        ids: demo::next_ids(c)?,
        seq,
        last_hash,
    };
    let bulk = demo::bulk_start(c, existing == 0)?;
    // The cases are generated on a second thread while the batches before them are written (at
    // most two batches wait); writing is the slower side by far (profiled at 300k cases: the
    // writer thread 79 % of the samples, a fifth of it in pwrite; the generator 11 %).
    let (tx, rx) = std::sync::mpsc::sync_channel::<demo::Batch>(2);
    let plan = Plan {
        cases,
        now,
        cumulative,
    };
    let (written, samples) = std::thread::scope(|s| {
        let (ctx, cur, plan) = (&mut ctx, &mut cur, &plan);
        // The sender moves in, so the batches end when the generator does.
        let generator = s.spawn(move || generate(ctx, cur, plan, &tx));
        let mut written = Ok(());
        let mut done = 0;
        // Time spent in the writing transactions (waiting for the generator included): the
        // writer bounds the bulk phase (1M cases: 86 s of 86 s; the generator is busy 1/7 of it).
        let mut writing = std::time::Duration::ZERO;
        let mut batches = rx.iter();
        loop {
            let w = std::time::Instant::now();
            let n = demo::write_some(c, &mut batches, PER_COMMIT, |b| {
                done += b.reports.len();
            });
            writing += w.elapsed();
            match n {
                Err(e) => {
                    written = Err(e);
                    break;
                }
                Ok(0) => break,
                Ok(n) => {
                    eprintln!(
                        "seed-demo: {done} of {cases} cases ({:.0} s, {:.0} s of it writing)",
                        started.elapsed().as_secs_f64(),
                        writing.as_secs_f64()
                    );
                    if n < PER_COMMIT {
                        break;
                    }
                }
            }
        }
        // A failed write hangs up, and the generator stops at its next batch.
        drop(rx);
        (written, generator.join())
    });
    let samples = samples.map_err(|_| anyhow::anyhow!("the demo generator panicked"))?;
    if let Err(e) = written {
        // The indexes and triggers go back even when a batch failed.
        demo::bulk_end(c, bulk).context("rebuilding the indexes of reports")?;
        return Err(anyhow::Error::new(e).context("writing demo cases"));
    }
    let phase = std::time::Instant::now();
    demo::bulk_end(c, bulk).context("rebuilding the indexes of reports")?;
    eprintln!(
        "seed-demo: keys, indexes and counters rebuilt ({:.0} s)",
        phase.elapsed().as_secs_f64()
    );
    let phase = std::time::Instant::now();
    demo::finish(c)?;
    eprintln!(
        "seed-demo: planner statistics ({:.0} s)",
        phase.elapsed().as_secs_f64()
    );
    for (name, lines) in [
        ("demo-cases.txt", &samples.0),
        ("demo-cases-agency.txt", &samples.1),
        ("demo-receipts.txt", &samples.2),
    ] {
        let path = out_dir.join(name);
        let mut f =
            std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
        for l in lines {
            writeln!(f, "{l}")?;
        }
    }
    Ok(Seeded {
        cases,
        largest_agency: largest,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Writes a file only its owner can read (it holds a TOTP key): created 0600, never widened.
fn write_private(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    let context = || format!("writing {}", path.display());
    if path.exists() {
        std::fs::remove_file(path).with_context(context)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .with_context(context)
}
