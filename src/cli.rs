//! The `netra` command line: `serve` (the default), `migrate`, `audit verify`, `user …`.

use clap::{Parser, Subcommand};

use crate::app::Outcome;
use crate::app::accounts::{self, NewAccount};
use crate::app::second_factor_admin;
use crate::config::Settings;
use crate::db::audit::{self, Actor, Verdict};
use crate::db::{agencies, users};
use crate::domain::workflow::Role;
use crate::error::AppError;

#[derive(Parser)]
#[command(
    name = "netra",
    version,
    about = "Netra: ASN neutrality violation reports"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and seed data, then exit.
    Migrate,
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Outgoing mail.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Write a realistic demo / benchmark data set of N cases into the configured database
    /// (deterministic for a seed), with staff accounts to sign in as.
    SeedDemo {
        #[arg(long)]
        cases: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Add demo cases even though the database already holds cases.
        #[arg(long)]
        force: bool,
    },
    /// Staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the chain and report the first row that does not fit its key (exit status 1 if any).
    Verify {
        /// `SEQ:HEAD` as the digest or the admin's audit page gave it: also fail when a row up to
        /// SEQ was changed or removed since (repeatable).
        #[arg(long = "checkpoint", value_name = "SEQ:HEAD", value_parser = parse_checkpoint)]
        checkpoints: Vec<audit::Checkpoint>,
    },
    /// Once, after upgrading from a version whose chain was not keyed: check the old chain whole
    /// and seal it under the key (exit status 1, changing nothing, if it does not hold).
    Rekey,
}

fn parse_checkpoint(s: &str) -> Result<audit::Checkpoint, String> {
    audit::Checkpoint::parse(s).ok_or_else(|| {
        format!("{s:?} is not a checkpoint: SEQ:HEAD, a number, a colon and 64 hex digits")
    })
}

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Messages per status, and the ones not sent with their attempts and last error.
    Status,
    /// Queue a failed message again (by its id, from `status`).
    Retry {
        #[arg(long)]
        id: i64,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; prints its one-time password (to be changed at first sign-in).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, national, inspector or bkpsdm
        #[arg(long)]
        role: String,
        /// Agency code for inspector and bkpsdm accounts, e.g. 62.71 (Kota Palangkaraya) or BKN
        #[arg(long)]
        agency: Option<String>,
    },
    /// List accounts.
    List,
    /// Disable an account; its sessions end at their next request.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Give an account a new one-time password and end its sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Remove an account's second sign-in factor (a lost phone) and end its sessions; where its
    /// role requires one it sets a new one up at its next sign-in.
    ResetTotp {
        #[arg(long)]
        email: String,
    },
}

/// Runs a command that is not `serve`. Returns the process exit status.
pub fn run_offline(settings: &Settings, command: Command) -> anyhow::Result<i32> {
    let hasher = crate::domain::password::Hasher::new(settings.password_cost)?;
    let pool = crate::startup::prepare_database(settings, &hasher)?;
    let mut conn = pool.get()?;
    let c = &mut conn;
    let keys = crate::crypto::Keys::derive(&settings.secret_key)?;
    let key = keys.audit();
    match command {
        Command::Serve => anyhow::bail!("serve is not an offline command"),
        Command::Migrate => println!("database is up to date ({})", settings.database.redacted()),
        Command::Audit {
            command: AuditCommand::Verify { checkpoints },
        } => match audit::verify(c, key, &checkpoints)? {
            Verdict::Intact { rows } => {
                let n = checkpoints.len();
                println!("audit log intact: {rows} rows, every hash fits, {n} checkpoint(s) met");
            }
            Verdict::Broken { seq, id, why } => {
                println!("audit log BROKEN at seq {seq} (row id {id}): {why}");
                return Ok(1);
            }
        },
        Command::Audit {
            command: AuditCommand::Rekey,
        } => match audit::rekey(c, key)? {
            Ok(rows) => {
                crate::db::write_tx(c, |c| {
                    let why = format!("{rows} rows sealed");
                    let ev = audit::Event::outside_cases(
                        Actor::System,
                        crate::domain::event::AuditAction::ChainRekeyed,
                        Some(&why),
                    );
                    audit::append(c, key, &ev)
                })?;
                println!("audit chain sealed under the key: {rows} rows re-hashed");
            }
            Err(Verdict::Broken { seq, id, why }) => {
                println!("audit log BROKEN at seq {seq} (row id {id}): {why}; nothing changed");
                return Ok(1);
            }
            Err(Verdict::Intact { .. }) => {}
        },
        Command::Outbox {
            command: OutboxCommand::Status,
        } => {
            for (status, n) in crate::db::outbox::counts(c)? {
                println!("{status:<10} {n}");
            }
            for r in crate::db::outbox::unsent(c, 200)? {
                println!(
                    "#{:<6} {:<20} {:<8} attempts {:<2} next {} {}",
                    r.id,
                    r.kind.as_str(),
                    r.status,
                    r.attempts,
                    r.next_attempt_at.format("%Y-%m-%d %H:%M UTC"),
                    r.last_error.unwrap_or_default()
                );
            }
        }
        Command::Outbox {
            command: OutboxCommand::Retry { id },
        } => {
            if crate::db::outbox::retry(c, id, crate::db::now())? {
                println!("message #{id} queued again");
            } else {
                println!("message #{id} is not a failed message");
                return Ok(1);
            }
        }
        Command::SeedDemo { cases, seed, force } => {
            let done = crate::demo::seed(
                c,
                keys.clone(),
                &hasher,
                cases,
                seed,
                force,
                &settings.data_dir,
            )?;
            println!(
                "demo accounts: national@demo.netra.local, inspector@demo.netra.local, bkpsdm@demo.netra.local (password {})",
                crate::demo::DEMO_PASSWORD
            );
            println!(
                "national@demo.netra.local has its second factor on: its TOTP key is in {} (for instance oathtool --totp -b KEY)",
                settings.data_dir.join("demo-totp.txt").display()
            );
            println!(
                "sample case numbers and receipts: {}",
                settings.data_dir.join("demo-*.txt").display()
            );
            println!(
                "seeded {} cases in {:.1} s; largest agency {}",
                done.cases, done.seconds, done.largest_agency
            );
        }
        Command::User { command } => match command {
            UserCommand::Add {
                email,
                name,
                role,
                agency,
            } => {
                let role = Role::parse(&role).ok_or_else(|| {
                    anyhow::anyhow!(
                        "unknown role {role:?}: use admin, national, inspector or bkpsdm"
                    )
                })?;
                let account = NewAccount {
                    email: &email,
                    name: &name,
                    role,
                    agency_code: agency.as_deref(),
                    password: None,
                };
                let (_, one_time) = accounts::create(c, key, &hasher, &account, Actor::System)?;
                println!(
                    "created {email} ({})\none-time password: {one_time}\nit must be changed at first sign-in",
                    role.as_str()
                );
            }
            UserCommand::List => {
                let names: std::collections::HashMap<_, String> = agencies::list_active(c)?
                    .into_iter()
                    .map(|a| (a.id, a.code))
                    .collect();
                let factors = crate::db::second_factor::enabled(c)?;
                println!(
                    "{:<36} {:<10} {:<10} {:<8} {:<12} totp",
                    "email", "role", "agency", "active", "must-change"
                );
                for u in users::list(c)? {
                    let agency = u
                        .agency_id
                        .and_then(|a| names.get(&a).cloned())
                        .unwrap_or_else(|| "-".into());
                    println!(
                        "{:<36} {:<10} {:<10} {:<8} {:<12} {}",
                        u.email,
                        u.role.as_str(),
                        agency,
                        u.active,
                        u.must_change_password,
                        if factors.contains(&u.id) { "on" } else { "off" }
                    );
                }
            }
            UserCommand::Disable { email } => {
                accounts::disable(c, key, &email, Actor::System)?;
                println!("disabled {email}; its sessions end at their next request");
            }
            UserCommand::ResetPassword { email } => {
                let one_time = accounts::reset_password(c, key, &hasher, &email, Actor::System)?;
                println!(
                    "new one-time password for {email}: {one_time}\nits sessions have ended; it must be changed at first sign-in"
                );
            }
            UserCommand::ResetTotp { email } => {
                match second_factor_admin::reset(c, &keys, Actor::System, &email) {
                    Ok(Outcome::Done(())) => println!(
                        "second factor of {email} removed; its sessions have ended and its owner is told by email"
                    ),
                    Ok(_) => {
                        println!("{email} has no second factor switched on; nothing changed");
                        return Ok(1);
                    }
                    Err(AppError::NotFound) => anyhow::bail!("no account with email {email}"),
                    Err(e) => return Err(e.into()),
                }
            }
        },
    }
    Ok(0)
}
