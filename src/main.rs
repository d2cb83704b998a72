//! The `netra` binary: parses the command line and runs it (see `netra::cli`).

use clap::Parser as _;
use netra::cli::{Cli, Command};
use netra::config::Settings;
use tracing_subscriber::EnvFilter;

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
    // The command line first: `--help`, `--version` and a mistyped command answer and exit
    // before the settings create the data folder and its secret key.
    let command = Cli::parse().command.unwrap_or(Command::Serve);
    let settings = Settings::from_env()?;
    match command {
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
        other => {
            let code = netra::cli::run_offline(&settings, other)?;
            std::process::exit(code);
        }
    }
    Ok(())
}
