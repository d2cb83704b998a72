//! The people a test acts as: staff members signed in (with a role, an agency, a password
//! already changed), and a report filed in a given agency.

use diesel::prelude::*;
use netra::db::audit::Actor;
use netra::db::schema::users;
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

/// An account that has already chosen its password, signed in on a fresh client.
pub async fn staff(
    app: &TestApp,
    email: &str,
    role: Role,
    agency: Option<&str>,
) -> reqwest::Client {
    let hasher = app.state.passwords.clone();
    app.db(|c| {
        let account = netra::app::accounts::NewAccount {
            email,
            name: email,
            role,
            agency_code: agency,
            password: Some(PASSWORD),
        };
        let (id, _) = netra::app::accounts::create(
            c,
            app.state.keys.audit(),
            &hasher,
            &account,
            Actor::System,
        )
        .expect("create account");
        diesel::update(users::table.find(id))
            .set(users::must_change_password.eq(false))
            .execute(c)
            .expect("update");
    });
    let c = client();
    assert_eq!(login(app, &c, email, PASSWORD).await.status(), 303);
    c
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
