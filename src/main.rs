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
        Command::Migrate => {
            netra::startup::prepare_database(&settings)?;
            tracing::info!(database = %settings.database.redacted(), "database is up to date");
        }
    }
    Ok(())
}
