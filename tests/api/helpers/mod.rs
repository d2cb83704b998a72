//! `spawn_app()` and the helpers every test uses; the actors in `actors`, page reading in `html`.

pub mod actors;
pub mod factor;
pub mod html;

use diesel::Connection as _;
use diesel::connection::SimpleConnection as _;
use netra::config::Settings;
use netra::db::{self, DbUrl, Pool};
use netra::i18n::{Lang, Tr};
use netra::notify::mailer::{Mailer, Memory};
use netra::startup::Application;

use crate::helpers::html::{select_attr, select_text};
use crate::smtp_sink::Received;

/// A database for one test, removed when the test ends.
pub struct TestDb {
    pub url: DbUrl,
    admin_url: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl TestDb {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match std::env::var("NETRA_TEST_DATABASE_URL")
            .ok()
            .filter(|v| !v.is_empty())
        {
            Some(base) => {
                let name = format!("netra_test_{}", netra::crypto::random_token(8));
                let mut admin = diesel::PgConnection::establish(&base)
                    .expect("connect to NETRA_TEST_DATABASE_URL");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let (path, query) = base.split_once('?').unwrap_or((&base, ""));
                let (prefix, _) = path.rsplit_once('/').expect("database URL with a path");
                let query = if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                };
                Self {
                    url: DbUrl::Postgres(format!("{prefix}/{name}{query}")),
                    admin_url: Some((base, name)),
                    _dir: dir,
                }
            }
            None => Self {
                url: DbUrl::Sqlite(
                    dir.path()
                        .join("test.sqlite3")
                        .to_string_lossy()
                        .into_owned(),
                ),
                admin_url: None,
                _dir: dir,
            },
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = &self.admin_url
            && let Ok(mut admin) = diesel::PgConnection::establish(base)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub pool: Pool,
    pub settings: Settings,
    /// The running app's state (the mail tests drive its delivery worker by hand).
    pub state: netra::web::AppState,
    /// Kept so the database lives as long as the app (dropped after it).
    pub _db: TestDb,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting; the runtime ends with the test.
        drop(self.handle.stop(false));
    }
}

/// The first admin's one-time password in tests.
pub const ADMIN_PASSWORD: &str = "first admin one-time password";

/// A browser: its own cookies, redirects not followed.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The cookies a response sets, as a `Cookie` header: what an attacker who copied the browser's
/// cookie at that moment would send again.
pub fn cookies_set(res: &reqwest::Response) -> String {
    let set: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next())
        .collect();
    assert!(!set.is_empty(), "the response sets a cookie");
    set.join("; ")
}

/// GET `path` with exactly the cookie header `cookie` (no cookie store): a replayed cookie.
pub async fn get_with_cookie(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .expect("GET")
}

pub fn settings_for(db: &TestDb) -> Settings {
    Settings {
        data_dir: std::env::temp_dir(),
        database: db.url.clone(),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        secret_key: b"test-secret-key-that-is-long-enough-for-hkdf-0123456789".to_vec(),
        smtp_url: None,
        smtp_ca_file: None,
        // Mail stays in memory (`TestApp::sent_mail`) unless a test sets an SMTP URL, or clears
        // this to get `.eml` files.
        mail_memory: Some(Memory::default()),
        mail_from: "Netra <netra@test>".into(),
        trust_proxy: false,
        db_pool_size: 4,
        admin_email: "admin@netra.test".into(),
        admin_password: Some(ADMIN_PASSWORD.into()),
        mail_retry_base: std::time::Duration::from_millis(200),
        mail_queue_lifetime: std::time::Duration::from_secs(5 * 86_400),
        mail_file_retention: std::time::Duration::from_secs(7 * 86_400),
        mail_worker: false,
        chores: false,
        digest_hour: None,
        limits: netra::config::LimitSettings::default(),
        // argon2's smallest cost and a 1 ms pause: sign-ins are the suite's slowest step
        // otherwise. The tests of the cost and the pause themselves set production values.
        password_cost: netra::domain::password::Cost::MINIMAL,
        login_delay: std::time::Duration::from_millis(1),
        sqlite_synchronous: netra::db::Synchronous::Full,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, with settings adjusted first (an SMTP server, say).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let db = TestDb::new();
    let mut settings = settings_for(&db);
    adjust(&mut settings);
    let app = Application::build(settings.clone())
        .await
        .expect("build the app");
    let base = format!("http://127.0.0.1:{}", app.port());
    let pool = app.state().pool.clone();
    let state = app.state().clone();
    let handle = app.handle();
    actix_web::rt::spawn(app.run_until_stopped());
    let client = client();
    TestApp {
        base,
        client,
        pool,
        settings,
        _db: db,
        handle,
        state,
    }
}

impl TestApp {
    /// A new browser (its own session) that opens the form and files it: the POST's status.
    pub async fn file_as_new_browser(&self) -> u16 {
        self.file_as_new_browser_with(|f| f).await
    }

    /// [`Self::file_as_new_browser`] with the valid report as `edit` changes it.
    pub async fn file_as_new_browser_with(
        &self,
        edit: impl FnOnce(ReportForm) -> ReportForm,
    ) -> u16 {
        let browser = client();
        let html = browser
            .get(self.url("/lapor"))
            .send()
            .await
            .expect("form")
            .text()
            .await
            .expect("html");
        let (csrf, token) = (hidden(&html, "csrf"), hidden(&html, "submission_token"));
        browser
            .post(self.url("/lapor"))
            .multipart(edit(ReportForm::valid(&csrf, &token)).to_multipart())
            .send()
            .await
            .expect("filing")
            .status()
            .as_u16()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// Runs a closure on a pooled connection (assertions on what was stored).
    pub fn db<T>(&self, f: impl FnOnce(&mut db::DbConnection) -> T) -> T {
        let mut conn = self.pool.get().expect("connection");
        f(&mut conn)
    }

    /// A staff user of an agency (by agency code), returning its id.
    pub fn add_staff(&self, email: &str, role: &str, agency_code: &str) -> i64 {
        use diesel::prelude::*;
        use netra::db::schema::agencies;
        self.db(|c| {
            let agency: i64 = agencies::table
                .filter(agencies::code.eq(agency_code))
                .select(agencies::id)
                .first(c)
                .expect("agency");
            let now = db::now();
            db::users::insert(
                c,
                &db::users::NewUserRow {
                    email,
                    name: email,
                    role: netra::domain::workflow::Role::parse(role).expect("a role"),
                    agency_id: Some(netra::domain::ids::AgencyId(agency)),
                    password_hash: "!",
                    active: true,
                    must_change_password: false,
                    alert_pref: netra::domain::event::AlertPref::All,
                    lang: "id",
                    session_epoch: 0,
                    created_at: now,
                    updated_at: now,
                },
            )
            .expect("insert user")
            .get()
        })
    }

    /// Opens the report form and returns its hidden CSRF and submission tokens.
    pub async fn open_form(&self) -> (String, String) {
        let html = self.get_text("/lapor").await;
        (hidden(&html, "csrf"), hidden(&html, "submission_token"))
    }

    pub async fn post_report(&self, form: &ReportForm) -> reqwest::Response {
        self.client
            .post(self.url("/lapor"))
            .multipart(form.to_multipart())
            .send()
            .await
            .expect("POST /lapor")
    }

    /// Files a valid report and returns (case number, receipt secret) read from the receipt page.
    pub async fn file_report(&self) -> (String, String) {
        self.file_with(|form| form).await
    }

    /// Files the valid report as `edit` changes it; (case number, receipt secret) as above.
    pub async fn file_with(&self, edit: impl FnOnce(ReportForm) -> ReportForm) -> (String, String) {
        let (csrf, token) = self.open_form().await;
        let res = self
            .post_report(&edit(ReportForm::valid(&csrf, &token)))
            .await;
        assert_eq!(
            res.status(),
            303,
            "{}",
            res.text().await.unwrap_or_default()
        );
        read_receipt(&self.get_text("/lapor/tanda-terima").await)
    }

    /// What the app has sent so far, oldest first, when its mail stays in memory (no SMTP URL).
    pub fn sent_mail(&self) -> Vec<Received> {
        match &*self.state.mailer {
            Mailer::Memory(memory) => memory
                .sent()
                .into_iter()
                .map(|m| Received {
                    to: m.to,
                    data: m.data,
                })
                .collect(),
            _ => panic!("this app's mail does not stay in memory"),
        }
    }

    /// The reporter checks the case with its number and secret in this app's browser, as on
    /// `/status`: the case page they then see.
    pub async fn reporter_opens(&self, number: &str, secret: &str) -> String {
        let page = self.get_text("/status").await;
        let res = self
            .client
            .post(self.url("/status"))
            .form(&[
                ("csrf", hidden(&page, "csrf").as_str()),
                ("case_number", number),
                ("secret", secret),
            ])
            .send()
            .await
            .expect("check");
        assert_eq!(res.status(), 303, "the reporter opens the case");
        self.get_text("/status/kasus").await
    }

    pub fn report_count(&self) -> i64 {
        self.db(|c| db::reports::count(c).expect("count"))
    }
}

/// The value of the hidden input `name` (the first, when several forms carry one).
pub fn hidden(html: &str, name: &str) -> String {
    select_attr(
        html,
        &format!("input[type=hidden][name=\"{name}\"]"),
        "value",
    )
    .into_iter()
    .next()
    .unwrap_or_else(|| panic!("no hidden {name} in page"))
}

/// The text of the element with this id.
pub fn by_id(html: &str, id: &str) -> String {
    select_text(html, &format!("#{id}"))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no #{id} in page"))
}

/// (case number, receipt secret) from the receipt page.
pub fn read_receipt(html: &str) -> (String, String) {
    (by_id(html, "case-number"), by_id(html, "receipt-secret"))
}

/// Today's date where it is latest in Indonesia (WIT), as "YYYY-MM-DD": the latest date the
/// date fields accept, and never before a step taken just now anywhere in the country.
pub fn today() -> String {
    (chrono::Utc::now().naive_utc() + chrono::Duration::hours(9))
        .date()
        .format("%Y-%m-%d")
        .to_string()
}

/// The Indonesian (default) catalogue text for `key`; an unknown key fails the test rather than
/// quietly comparing against the key itself.
pub fn t(key: &'static str) -> &'static str {
    message(Lang::Id, key)
}

/// The English catalogue text for `key`.
pub fn t_en(key: &'static str) -> &'static str {
    message(Lang::En, key)
}

/// The Indonesian catalogue text for `key` with `{arg}` filled in, as `Tr::f` does.
pub fn tf(key: &'static str, arg: &str) -> String {
    t(key).replace("{arg}", arg)
}

/// The English catalogue text for `key` with `{arg}` filled in.
pub fn tf_en(key: &'static str, arg: &str) -> String {
    t_en(key).replace("{arg}", arg)
}

fn message(lang: Lang, key: &'static str) -> &'static str {
    let text = Tr::new(lang).t(key);
    assert_ne!(text, key, "no {key} in the {} catalogue", lang.code());
    text
}

pub fn today_minus(days: u64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Days::new(days))
        .format("%Y-%m-%d")
        .to_string()
}

pub const DESCRIPTION: &str = "Pada tanggal tersebut ASN ini mengunggah foto bersama bakal calon wali kota dengan simbol jari dan ajakan memilih.";

/// A report form as a browser would send it.
#[derive(Clone)]
pub struct ReportForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<(String, Vec<u8>)>,
}

impl ReportForm {
    pub fn valid(csrf: &str, token: &str) -> Self {
        let f = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        Self {
            fields: vec![
                f("csrf", csrf),
                f("submission_token", token),
                f("identity_mode", "anonymous"),
                f("asn_id", "19860926 201505 1 001"),
                f("asn_name", "Budi Santoso"),
                f("employee_type", "PNS"),
                f("agency", "Pemerintah Kota Palangkaraya"),
                f("unit", "Dinas Pendidikan"),
                f("position", "Kepala Seksi"),
                f("violations", "NET-02"),
                f("violations", "NET-05"),
                f("election_type", "pilwalkot"),
                f("election_stage", "campaign"),
                f("incident_date", &today_minus(3)),
                f("known_date", &today_minus(2)),
                f("province", "62"),
                f("regency", "62.71"),
                f("place", "Jl. Yos Sudarso, Palangka Raya"),
                f("description", DESCRIPTION),
                f("links", "https://www.instagram.com/p/xyz123/"),
                f("witnesses", ""),
                f("declaration", "yes"),
            ],
            files: vec![],
        }
    }

    /// Replaces every value of `key` with one value (or removes the field when `value` is None).
    pub fn set(mut self, key: &str, value: Option<&str>) -> Self {
        let pos = self.fields.iter().position(|(k, _)| k == key);
        self.fields.retain(|(k, _)| k != key);
        if let Some(v) = value {
            let at = pos.unwrap_or(self.fields.len());
            self.fields.insert(at, (key.to_owned(), v.to_owned()));
        }
        self
    }

    pub fn file(mut self, name: &str, bytes: Vec<u8>) -> Self {
        self.files.push((name.to_owned(), bytes));
        self
    }

    pub fn to_multipart(&self) -> reqwest::multipart::Form {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in &self.fields {
            form = form.text(k.clone(), v.clone());
        }
        for (name, bytes) in &self.files {
            let part = reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.clone());
            form = form.part("evidence", part);
        }
        form
    }
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}
