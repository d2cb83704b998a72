//! How fast the delivery worker empties the outbox: 2,000 digests for 20 staff, delivered once
//! to a real SMTP server on 127.0.0.1 (mailin-embedded) and once as `.eml` files, on SQLite (or
//! PostgreSQL with `NETRA_BENCH_DATABASE_URL`). Prints messages per second; asserts nothing.
//!
//! `cargo bench --bench mail_delivery`; `NETRA_BENCH_SMTP_URL=smtp://…` measures another server.

#![expect(
    clippy::expect_used,
    reason = "a benchmark stops loudly at the step that broke"
)]

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mailin_embedded::{Handler, Response, Server, SslConfig, response};
use netra::config::Settings;
use netra::db::audit::Actor;
use netra::db::{DbUrl, outbox};
use netra::domain::workflow::Role;
use netra::startup::Application;

const MESSAGES: usize = 2_000;
const STAFF: usize = 20;

#[derive(Clone)]
struct Count(Arc<AtomicUsize>);

impl Handler for Count {
    fn data_end(&mut self) -> Response {
        self.0.fetch_add(1, Ordering::SeqCst);
        response::OK
    }
}

fn smtp_sink() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let count = Arc::new(AtomicUsize::new(0));
    let mut server = Server::new(Count(count.clone()));
    server
        .with_ssl(SslConfig::None)
        .expect("plain")
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, count)
}

fn settings(dir: &std::path::Path, smtp_url: Option<String>) -> Settings {
    let database = match std::env::var("NETRA_BENCH_DATABASE_URL") {
        Ok(url) if !url.is_empty() => DbUrl::parse(&url).expect("database URL"),
        _ => DbUrl::Sqlite(dir.join("bench.sqlite3").to_string_lossy().into_owned()),
    };
    Settings {
        data_dir: dir.to_path_buf(),
        database,
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        secret_key: b"bench-secret-key-that-is-long-enough-for-hkdf-0123456789".to_vec(),
        smtp_url,
        smtp_ca_file: None,
        mail_memory: None,
        mail_from: "Netra <netra@bench>".into(),
        trust_proxy: false,
        db_pool_size: 8,
        admin_email: "admin@netra.bench".into(),
        admin_password: Some("bench admin one-time password".into()),
        mail_retry_base: Duration::from_secs(30),
        mail_queue_lifetime: Duration::from_secs(5 * 86_400),
        mail_file_retention: std::time::Duration::from_secs(7 * 86_400),
        mail_worker: false,
        chores: false,
        digest_hour: None,
        limits: netra::config::LimitSettings::default(),
        password_cost: netra::domain::password::Cost::MINIMAL,
        login_delay: std::time::Duration::from_millis(1),
        sqlite_synchronous: netra::db::Synchronous::Full,
    }
}

async fn run(name: &str, smtp_url: Option<String>, delivered: impl Fn(&std::path::Path) -> usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = Application::build(settings(dir.path(), smtp_url))
        .await
        .expect("app");
    let st = app.state().clone();
    let mut conn = st.pool.get().expect("connection");
    let mut users = Vec::new();
    for i in 0..STAFF {
        let email = format!("staf{i}@palangkaraya.go.id");
        let account = netra::app::accounts::NewAccount {
            email: &email,
            name: &email,
            role: Role::Inspector,
            agency_code: Some("62.71"),
            password: Some("kopi tubruk di palangka raya"),
        };
        users.push(
            netra::app::accounts::create(
                &mut conn,
                st.keys.audit(),
                &st.passwords,
                &account,
                Actor::System,
            )
            .expect("staff")
            .0,
        );
    }
    let agency: i64 = {
        use diesel::prelude::*;
        netra::db::schema::agencies::table
            .filter(netra::db::schema::agencies::code.eq("62.71"))
            .select(netra::db::schema::agencies::id)
            .first(&mut **conn)
            .expect("agency")
    };
    let summary = netra::app::digest::Summary {
        agency_id: agency,
        day: netra::db::now().date(),
        open: vec![("verification".into(), 3), ("examination".into(), 2)],
        overdue: 1,
        filed_last_day: 2,
    };
    let payload = serde_json::to_string(&summary).expect("payload");
    for i in 0..MESSAGES {
        let to = outbox::Recipient::User {
            id: users[i % STAFF],
            lang: "id",
        };
        let kind = netra::domain::event::MailKind::Digest;
        outbox::enqueue_with(&mut conn, kind, None, &to, Some(&payload)).expect("enqueue");
    }
    drop(conn);
    let started = Instant::now();
    let mut sent = 0;
    while sent < MESSAGES {
        let round =
            netra::notify::worker::deliver_due(&st.pool, &st.mailer, &st.keys, &st.settings)
                .await
                .expect("round");
        assert!(round.sent > 0 || round.unavailable, "no progress");
        sent += round.sent;
    }
    let took = started.elapsed();
    println!(
        "{name}: {MESSAGES} messages in {:.2} s = {:.0} messages/s ({} arrived)",
        took.as_secs_f64(),
        MESSAGES as f64 / took.as_secs_f64(),
        delivered(dir.path())
    );
}

fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    actix_web::rt::System::new().block_on(async {
        if let Ok(url) = std::env::var("NETRA_BENCH_SMTP_URL") {
            run(&format!("SMTP ({url})"), Some(url.clone()), |_| 0).await;
            return;
        }
        let (port, count) = smtp_sink();
        run(
            "SMTP (127.0.0.1, plain, pooled)",
            Some(format!("smtp://127.0.0.1:{port}")),
            |_| count.load(Ordering::SeqCst),
        )
        .await;
        run(".eml files", None, |dir| {
            std::fs::read_dir(dir.join("mail"))
                .map(|d| d.count())
                .unwrap_or(0)
        })
        .await;
    });
}
