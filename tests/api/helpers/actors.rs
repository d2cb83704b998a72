//! The people a test acts as: staff members signed in (with a role, an agency, a password
//! already changed and, where the role requires one, a second factor switched on and answered),
//! and a report filed in a given agency.

use diesel::prelude::*;
use netra::app::{Outcome, StaffUser};
use netra::db::audit::Actor;
use netra::db::schema::users;
use netra::domain::totp::{self, Secret};
use netra::domain::workflow::Role;

use super::{TestApp, client, hidden};

pub const PASSWORD: &str = "kopi tubruk di palangka raya";

pub async fn login(
    app: &TestApp,
    c: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let html = c
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET /login")
        .text()
        .await
        .expect("body");
    c.post(app.url("/login"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("POST /login")
}

/// An account of `role` with its password chosen and its factor off; signed in on no client.
pub fn account(app: &TestApp, email: &str, role: Role, agency: Option<&str>) {
    let hasher = app.state.passwords.clone();
    app.db(|c| {
        let a = netra::app::accounts::NewAccount {
            email,
            name: email,
            role,
            agency_code: agency,
            password: Some(PASSWORD),
        };
        let (id, _) =
            netra::app::accounts::create(c, app.state.keys.audit(), &hasher, &a, Actor::System)
                .expect("create");
        diesel::update(users::table.find(id))
            .set(users::must_change_password.eq(false))
            .execute(c)
            .expect("update");
    });
}

/// An account that has already chosen its password, signed in on a fresh client. An admin or
/// national account gets its second factor switched on first ([`enrol_factor`]) and answers the
/// code the sign-in asks for, as a person with the app would: the requirement is never relaxed
/// for tests.
pub async fn staff(
    app: &TestApp,
    email: &str,
    role: Role,
    agency: Option<&str>,
) -> reqwest::Client {
    account(app, email, role, agency);
    if totp::always_required(role) {
        enrol_factor(app, email);
    }
    let c = client();
    let res = sign_in(app, &c, email, PASSWORD).await;
    assert_eq!(
        (
            res.status().as_u16(),
            res.headers()["location"].to_str().ok()
        ),
        (303, Some("/dashboard")),
        "{email} signs in"
    );
    c
}

/// Switches the second factor on for `email` through the app's own operation, as the set-up page
/// does, confirmed with the code of the step before this one (so the current step is still
/// free for the sign-in that follows); returns the secret, which only the test then knows.
pub fn enrol_factor(app: &TestApp, email: &str) -> Secret {
    let secret =
        Secret::from_bytes(netra::crypto::random_bytes(totp::SECRET_BYTES)).expect("secret");
    let now = netra::db::now();
    let step = totp::step_at(now.and_utc().timestamp()) - 1;
    app.db(|c| {
        let u = netra::db::users::find_by_email(c, email)
            .expect("find")
            .expect("account");
        let who = StaffUser {
            id: u.id,
            role: u.role,
            agency_id: u.agency_id,
        };
        let done = netra::app::second_factor::enrol(
            c,
            &app.state.keys,
            &who,
            &secret,
            &secret.code(step),
            now,
        )
        .expect("enrol");
        assert!(matches!(done, Outcome::Done(_)), "enrolled");
    });
    secret
}

/// The secret of `email`'s factor as stored (opened with the app's own key) and the newest step
/// a code was accepted for.
pub fn stored_factor(app: &TestApp, email: &str) -> (Secret, u64) {
    app.db(|c| {
        let u = netra::db::users::find_by_email(c, email)
            .expect("find")
            .expect("account");
        let row = netra::db::second_factor::find(c, u.id)
            .expect("find")
            .expect("a factor");
        let plain = app
            .state
            .keys
            .open(netra::crypto::TOTP_LABEL, &row.secret)
            .expect("opens");
        let last = row
            .last_step
            .and_then(|s| u64::try_from(s).ok())
            .unwrap_or(0);
        (Secret::from_bytes(plain).expect("secret"), last)
    })
}

/// A code of `email`'s factor that the server takes now: the current step's, or the next one's
/// when the current step was used already (one step of clock skew is allowed); when even that
/// one is taken it waits for the clock.
pub async fn fresh_code(app: &TestApp, email: &str) -> String {
    let (secret, last) = stored_factor(app, email);
    loop {
        let now = totp::step_at(chrono::Utc::now().timestamp());
        let step = now.max(last + 1);
        if step <= now + 1 {
            return secret.code(step);
        }
        actix_web::rt::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

/// Sets the factor up on `/akun/dua-langkah` as a person does: reads the key written out on the
/// page, types the code their app would show now. The secret and the form's answer.
pub async fn enrol_on_page(app: &TestApp, c: &reqwest::Client) -> (Secret, reqwest::Response) {
    let page = c
        .get(app.url("/akun/dua-langkah"))
        .send()
        .await
        .expect("GET /akun/dua-langkah")
        .text()
        .await
        .expect("body");
    let secret = Secret::from_base32(&super::by_id(&page, "factor-secret")).expect("the key");
    let code = secret.code(totp::step_at(chrono::Utc::now().timestamp()));
    let res = c
        .post(app.url("/akun/dua-langkah"))
        .form(&[("csrf", hidden(&page, "csrf").as_str()), ("code", &code)])
        .send()
        .await
        .expect("POST /akun/dua-langkah");
    (secret, res)
}

/// Opens the code page and sends `code`: the sign-in's second step.
pub async fn answer_code(app: &TestApp, c: &reqwest::Client, code: &str) -> reqwest::Response {
    let page = c
        .get(app.url("/login/kode"))
        .send()
        .await
        .expect("GET /login/kode")
        .text()
        .await
        .expect("body");
    c.post(app.url("/login/kode"))
        .form(&[("csrf", hidden(&page, "csrf").as_str()), ("code", code)])
        .send()
        .await
        .expect("POST /login/kode")
}

/// The whole sign-in: the password, then the code when one is asked for. The last answer.
pub async fn sign_in(
    app: &TestApp,
    c: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let res = login(app, c, email, password).await;
    if res.headers().get("location").and_then(|l| l.to_str().ok()) == Some("/login/kode") {
        let code = fresh_code(app, email).await;
        return answer_code(app, c, &code).await;
    }
    res
}

pub async fn file_in(app: &TestApp, agency: &str, province: &str, regency: &str) -> String {
    app.file_with(|form| {
        form.set("agency", Some(agency))
            .set("province", Some(province))
            .set("regency", Some(regency))
    })
    .await
    .0
}

/// The case list as `c` sees it: status and page.
pub async fn dashboard(app: &TestApp, c: &reqwest::Client, query: &str) -> (u16, String) {
    let res = c
        .get(app.url(&format!("/dashboard{query}")))
        .send()
        .await
        .expect("GET /dashboard");
    (res.status().as_u16(), res.text().await.expect("body"))
}

/// The inspector of Pemerintah Kota Palangkaraya (62.71), the agency most tests file in, signed in.
pub async fn palangkaraya_inspector(app: &TestApp) -> reqwest::Client {
    staff(
        app,
        "inspektur@palangkaraya.go.id",
        Role::Inspector,
        Some("62.71"),
    )
    .await
}
