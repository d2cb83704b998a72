//! The `netra` command line: `serve` (the default), `migrate`.

use clap::{Parser, Subcommand};
use netra::config::Settings;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "netra",
    version,
    about = "Netra: ASN neutrality violation reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and seed data, then exit.
    Migrate,
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk the hash chain and report the first row that does not fit (exit status 1 if any).
    Verify,
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("NETRA_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn")),
        )
        // One line per request when its span closes: method, path, status, latency, request id.
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let settings = Settings::from_env()?;
    match Cli::parse().command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = netra::startup::Application::build(settings.clone()).await?;
            tracing::info!(
                url = %settings.base_url,
                port = app.port(),
                database = %settings.database.redacted(),
                data_dir = %settings.data_dir.display(),
                "Netra is serving"
            );
            app.run_until_stopped().await?;
            tracing::info!("stopped");
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let pool = netra::startup::prepare_database(&settings)?;
            let mut conn = pool.get()?;
            match netra::db::audit::verify(&mut conn)? {
                netra::db::audit::Verdict::Intact { rows } => {
                    println!("audit log intact: {rows} rows, every hash fits");
                }
                netra::db::audit::Verdict::Broken { seq, id, why } => {
                    println!("audit log BROKEN at seq {seq} (row id {id}): {why}");
                    std::process::exit(1);
                }
            }
        }
        Command::Migrate => {
            netra::startup::prepare_database(&settings)?;
            tracing::info!(database = %settings.database.redacted(), "database is up to date");
        }
    }
    Ok(())
}
