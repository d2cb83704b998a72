//! What the second-factor tests share: requests answered with their status and Location, and
//! what the database holds about factors and their audit rows.

use diesel::prelude::*;
use netra::db::schema::{audit_log, staff_totp, users};

use super::{TestApp, hidden};

/// (status, Location) of a GET.
pub async fn visit(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.expect("GET");
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (res.status().as_u16(), location)
}

/// GET `page` for its CSRF token, then POST `fields` to `path`: (status, Location, body).
pub async fn form(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let html = c
        .get(app.url(page))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&html, "csrf");
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let res = c.post(app.url(path)).form(&all).send().await.expect("post");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, location, res.text().await.expect("body"))
}

pub fn factor_on(app: &TestApp, email: &str) -> bool {
    app.db(|db| {
        staff_totp::table
            .inner_join(users::table.on(users::id.eq(staff_totp::user_id)))
            .filter(users::email.eq(email))
            .count()
            .get_result::<i64>(db)
            .expect("count")
            == 1
    })
}

pub fn audited(app: &TestApp, action: &str) -> Vec<(Option<i64>, Option<String>)> {
    app.db(|db| {
        audit_log::table
            .filter(audit_log::action.eq(action))
            .order(audit_log::seq.asc())
            .select((audit_log::actor_user_id, audit_log::reason))
            .load(db)
            .expect("audit")
    })
}
