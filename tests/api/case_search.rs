//! Searching and filtering the case list, and the keys the violation filter and name search read
//! along: they follow
//! the cases through the demo seed, filing and forwarding, and the search finds a name by the
//! start of its words, every word of the query counting, in every order of the list.

use diesel::prelude::*;
use netra::db::case_keys::name_keys;
use netra::db::schema::{case_keys, report_violations, reported_persons, reports, users};
use netra::domain::area::name_words;

use crate::cli::seed_demo;
use crate::helpers::actors::{dashboard, file_in, palangkaraya_inspector, staff};
use crate::helpers::html::{has, select_text};
use crate::helpers::*;
use netra::domain::workflow::Role;

pub type Keys = Vec<(String, i64, chrono::NaiveDateTime, i64)>;

/// The keys as kept, and as they should be from the cases, violations and persons.
/// Reverts the newest migrations down to and including `version` (its folder's date and
/// number); answers how many were reverted.
pub fn revert_through(c: &mut netra::db::DbConnection, version: &str) -> usize {
    diesel::table! {
        __diesel_schema_migrations (version) {
            version -> Text,
        }
    }
    let target: String = version.chars().filter(char::is_ascii_digit).collect();
    let mut n = 0;
    loop {
        let newest: String = __diesel_schema_migrations::table
            .select(diesel::dsl::max(__diesel_schema_migrations::version))
            .first::<Option<String>>(c)
            .expect("versions")
            .expect("a migration");
        assert!(newest >= target, "{version} is not applied");
        netra::db::revert_last_migration(c).expect("down");
        n += 1;
        if newest == target {
            return n;
        }
    }
}

pub fn kept_and_truth(app: &TestApp) -> (Keys, Keys) {
    app.db(kept_and_truth_in)
}

fn kept_and_truth_in(c: &mut netra::db::DbConnection) -> (Keys, Keys) {
    {
        let mut kept: Keys = case_keys::table
            .select((
                case_keys::key,
                case_keys::agency_id,
                case_keys::created_at,
                case_keys::report_id,
            ))
            .load(c)
            .expect("keys");
        kept.sort();
        let cases: Vec<(i64, i64, chrono::NaiveDateTime, String)> = reports::table
            .inner_join(reported_persons::table)
            .select((
                reports::id,
                reports::agency_id,
                reports::created_at,
                reports::reported_name,
            ))
            .load(c)
            .expect("cases");
        let violations: Vec<(i64, String)> = report_violations::table
            .select((report_violations::report_id, report_violations::code))
            .load(c)
            .expect("violations");
        let mut truth: Keys = Vec::new();
        for (id, agency, at, name) in cases {
            for key in name_keys(&name_words(&name)) {
                truth.push((key, agency, at, id));
            }
            for (_, code) in violations.iter().filter(|v| v.0 == id) {
                truth.push((format!("v:{code}"), agency, at, id));
            }
        }
        truth.sort();
        (kept, truth)
    }
}

#[actix_web::test]
async fn the_keys_follow_the_cases_through_seeding_filing_and_forwarding() {
    let app = spawn_app().await;
    seed_demo(&app, 200, 5);
    let (kept, truth) = kept_and_truth(&app);
    assert!(kept.len() > 400, "{} keys for 200 cases", kept.len());
    assert_eq!(kept, truth, "after the seed");

    app.file_report().await;
    app.db(|c| {
        let id: i64 = reports::table
            .select(reports::id)
            .order(reports::id.desc())
            .first(c)
            .expect("filed");
        diesel::update(reports::table.find(id))
            .set(reports::agency_id.eq(2))
            .execute(c)
            .expect("forward");
    });
    let (kept, truth) = kept_and_truth(&app);
    assert_eq!(kept, truth, "after a filing and a forwarding");

    // Migration 000007 spells the name pairs in SQL as name_keys does in Rust: taken back and
    // applied again over these cases (one of them with too many words for pairs), the same keys.
    file_named(&app, "19920303 201701 1 003", LONG_NAME, "NET-02").await;
    app.db(|c| {
        // Every migration after 000007 (the pairs), then 000007 itself.
        let reverted = revert_through(c, "2026-12-03-000007");
        let pairs: i64 = case_keys::table
            .filter(case_keys::key.ge("p:"))
            .filter(case_keys::key.lt("p;"))
            .count()
            .get_result(c)
            .expect("count");
        assert_eq!(pairs, 0, "000007 down takes the pairs away");
        assert_eq!(netra::db::migrate(c).expect("up"), reverted);
    });
    let (kept, truth) = kept_and_truth(&app);
    assert!(kept.iter().any(|k| k.0 == "p:"), "the marker key");
    assert_eq!(kept, truth, "after migration 000007's backfill");
}

/// One person (one NIP) reported to two agencies under two spellings: each agency finds its own
/// case by the name its reporter gave, and cannot find it, or confirm the other agency's text,
/// by the other spelling (issue 10, item 5; the keys used to come from the first name recorded).
#[actix_web::test]
async fn the_search_reads_the_name_each_report_gave_within_the_searchers_agency() {
    let app = spawn_app().await;
    let nip = "19900101 201501 2 001";
    let file = |agency: &'static str, province: &'static str, regency: &'static str, name| {
        app.file_with(move |form| {
            form.set("agency", Some(agency))
                .set("province", Some(province))
                .set("regency", Some(regency))
                .set("asn_id", Some(nip))
                .set("asn_name", Some(name))
        })
    };
    let first = file(
        "Pemerintah Kota Palangkaraya",
        "62",
        "62.71",
        "Rina Wulandari",
    )
    .await
    .0;
    let second = file("Pemerintah Kabupaten Banjar", "63", "63.03", "Rina Kartika")
        .await
        .0;
    let palangkaraya = palangkaraya_inspector(&app).await;
    let banjar = staff(
        &app,
        "inspektur@banjar.go.id",
        Role::Inspector,
        Some("63.03"),
    )
    .await;
    let national = staff(&app, "pusat@bkn.go.id", Role::National, None).await;
    let finds = |c: &reqwest::Client, q: &'static str, n: &String| {
        let (c, n) = (c.clone(), n.clone());
        let url = app.url(&format!("/dashboard?q={q}"));
        async move {
            let page = c
                .get(url)
                .send()
                .await
                .expect("list")
                .text()
                .await
                .expect("body");
            page.contains(&n)
        }
    };
    assert!(finds(&banjar, "kartika", &second).await, "its own spelling");
    assert!(
        finds(&banjar, "rina+kartika", &second).await,
        "its own full name"
    );
    assert!(
        !finds(&banjar, "wulandari", &second).await,
        "the other agency's spelling"
    );
    assert!(
        !finds(&banjar, "rina+wulandari", &second).await,
        "nor as a pair"
    );
    assert!(
        !finds(&banjar, "wulandari", &first).await,
        "nor the other agency's case"
    );
    assert!(finds(&palangkaraya, "wulandari", &first).await);
    assert!(!finds(&palangkaraya, "kartika", &first).await);
    assert!(
        !finds(&palangkaraya, "kartika", &second).await,
        "another agency's case"
    );
    assert!(
        finds(&national, "kartika", &second).await && !finds(&national, "kartika", &first).await
    );
    let (kept, truth) = kept_and_truth(&app);
    assert_eq!(kept, truth, "every case keyed by its own name");
}

/// Keys made before migration 000009 from the person's first recorded name are rebuilt at start
/// from each report's own name; the list of cases to rebuild is left empty.
#[actix_web::test]
async fn keys_made_from_the_persons_first_name_are_rebuilt_from_the_reports_own() {
    let app = spawn_app().await;
    let nip = "19900101 201501 2 001";
    file_named(&app, nip, "Rina Wulandari", "NET-08").await;
    file_named(&app, nip, "Rina Kartika", "NET-02").await;
    app.db(|c| {
        // As the keys were before: both cases keyed by the person's first name.
        let (second, agency, at): (i64, i64, chrono::NaiveDateTime) = reports::table
            .filter(reports::reported_name.eq("Rina Kartika"))
            .select((reports::id, reports::agency_id, reports::created_at))
            .first(c)
            .expect("case");
        diesel::delete(
            case_keys::table
                .filter(case_keys::report_id.eq(second))
                .filter(case_keys::key.not_like("v:%")),
        )
        .execute(c)
        .expect("delete");
        let old = netra::db::case_keys::name_rows(
            netra::domain::ids::ReportId(second),
            netra::domain::ids::AgencyId(agency),
            at,
            &name_words("Rina Wulandari"),
        );
        netra::db::case_keys::add(c, &old).expect("old keys");
        let reverted = revert_through(c, "2026-12-04-000009");
        assert_eq!(netra::db::migrate(c).expect("up"), reverted);
        assert_ne!(
            kept_and_truth_in(c).0,
            kept_and_truth_in(c).1,
            "listed, not yet rebuilt"
        );
        assert_eq!(
            netra::db::case_keys::rebuild_pending(c).expect("rebuild"),
            1
        );
        assert_eq!(netra::db::case_keys::rebuild_pending(c).expect("again"), 0);
    });
    let (kept, truth) = kept_and_truth(&app);
    assert_eq!(kept, truth);
}

/// Eleven words of three letters: too many for pairs, the marker key instead.
const LONG_NAME: &str = "Aaa Bbb Ccc Ddd Eee Fff Ggg Hhh Iii Jjj Kkk";

async fn file_named(app: &TestApp, nip: &str, name: &str, violation: &str) -> String {
    app.file_with(|form| {
        form.set("asn_id", Some(nip))
            .set("asn_name", Some(name))
            .set("violations", Some(violation))
    })
    .await
    .0
}

#[actix_web::test]
async fn the_search_finds_names_by_the_start_of_every_word_in_any_order() {
    let app = spawn_app().await;
    let rina = file_named(&app, "19900101 201501 2 001", "Rina Wulandari", "NET-08").await;
    let wulan = file_named(&app, "19910202 201601 2 002", "Wulan Sari, S.Pd", "NET-02").await;
    let many = file_named(&app, "19920303 201701 1 003", LONG_NAME, "NET-02").await;
    let budiman = file_named(&app, "19930404 201801 1 004", "Budiman Santoso", "NET-02").await;
    let c = palangkaraya_inspector(&app).await;
    let list = |query: String| {
        let c = c.clone();
        let url = app.url(&format!("/dashboard?{query}"));
        async move {
            let res = c.get(url).send().await.expect("list");
            assert_eq!(res.status(), 200, "{query}");
            res.text().await.expect("body")
        }
    };
    let both = [&rina, &wulan];
    let all = [&rina, &wulan, &many, &budiman];
    let cases: Vec<(&str, Vec<&String>)> = vec![
        ("q=wulan", both.to_vec()),
        ("q=WULANDARI", vec![&rina]),
        ("q=wul+rina", vec![&rina]),
        ("q=sari", vec![&wulan]),
        ("q=s.pd", vec![&wulan]),
        ("q=ari", vec![]),
        ("q=rina+sari", vec![]),
        ("q=wulan&violation=NET-02", vec![&wulan]),
        ("q=wulan&violation=NET-05", vec![]),
        ("violation=NET-08", vec![&rina]),
        ("q=wulan&sort=deadline", both.to_vec()),
        ("q=wulandari&sort=deadline", vec![&rina]),
        ("q=wula&state=submitted", both.to_vec()),
        ("q=wula&state=closed", vec![]),
        // Two words read along their pairs, in either order, with a third word checked.
        ("q=wulandari+rina", vec![&rina]),
        ("q=sari+wulan", vec![&wulan]),
        ("q=wulan+sari+pd", vec![&wulan]),
        ("q=wulan+sari+rina", vec![]),
        ("q=sari+wulan&violation=NET-08", vec![]),
        ("q=sari+wul&agency=62.71", vec![&wulan]),
        // A name with too many words for pairs is still found.
        ("q=aaa+kkk", vec![&many]),
        ("q=kkk+bbb+ddd", vec![&many]),
        ("q=aaa+wulan", vec![]),
        // "budi" and "budiman" both begin "Budiman": no pair holds it, the words are checked.
        ("q=budi+budiman", vec![&budiman]),
        ("q=santoso+budi", vec![&budiman]),
    ];
    for (query, expected) in cases {
        let page = list(query.to_owned()).await;
        for n in all {
            assert_eq!(
                page.contains(n.as_str()),
                expected.contains(&n),
                "{query}: {n}"
            );
        }
        assert!(!has(&page, "[role=status]"), "{query}: narrowed");
    }

    // A word that begins more names than one search reads: the page says so.
    app.db(|conn| {
        let (id, agency, at): (i64, i64, chrono::NaiveDateTime) = reports::table
            .filter(reports::case_number.eq(&rina))
            .select((reports::id, reports::agency_id, reports::created_at))
            .first(conn)
            .expect("case");
        for i in 0..=netra::db::case_list::WORDS_PER_SEARCH {
            diesel::insert_into(case_keys::table)
                .values((
                    case_keys::key.eq(format!("n:zz{i:02}")),
                    case_keys::agency_id.eq(agency),
                    case_keys::created_at.eq(at),
                    case_keys::report_id.eq(id),
                ))
                .execute(conn)
                .expect("key");
        }
    });
    let page = list("q=zz".into()).await;
    assert!(
        page.contains(&rina)
            && select_text(&page, "[role=status]") == [t("dashboard.search_narrowed")],
        "{page}"
    );
    assert!(!has(&list("q=zz00".into()).await, "[role=status]"));
}

#[actix_web::test]
async fn the_case_list_searches_and_filters() {
    let app = spawn_app().await;
    let first = file_in(&app, "Pemerintah Kota Palangkaraya", "62", "62.71").await;
    let second = app
        .file_with(|form| {
            form.set("asn_id", Some("19900101 201501 2 001"))
                .set("asn_name", Some("Rina Wulandari"))
                .set("violations", Some("NET-08"))
                .set("election_type", Some("pilgub"))
        })
        .await
        .0;
    let c = palangkaraya_inspector(&app).await;
    let me: i64 = app.db(|conn| {
        users::table
            .filter(users::email.eq("inspektur@palangkaraya.go.id"))
            .select(users::id)
            .first(conn)
            .expect("me")
    });
    app.db(|conn| {
        use netra::db::schema::reports;
        diesel::update(reports::table.filter(reports::case_number.eq(&first)))
            .set(reports::deadline_at.eq(Some(netra::db::now() - chrono::Duration::hours(1))))
            .execute(conn)
            .expect("overdue");
        diesel::update(reports::table.filter(reports::case_number.eq(&second)))
            .set(reports::assigned_user_id.eq(Some(me)))
            .execute(conn)
            .expect("assign");
    });
    let only = |page: &str, yes: &str, no: &str| page.contains(yes) && !page.contains(no);
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let checks: Vec<(String, &str, &str)> = vec![
        (format!("?q={}", first.to_lowercase()), &first, &second),
        ("?q=19900101+201501+2+001".into(), &second, &first),
        ("?q=wulan".into(), &second, &first),
        ("?violation=NET-08".into(), &second, &first),
        ("?election=pilgub".into(), &second, &first),
        ("?overdue=1".into(), &first, &second),
        ("?mine=1".into(), &second, &first),
    ];
    for (query, yes, no) in &checks {
        let (status, page) = dashboard(&app, &c, query).await;
        assert_eq!(status, 200, "{query}");
        assert!(only(&page, yes, no), "{query}: expected {yes} and not {no}");
    }
    // A NIP nobody was reported under lists nothing (the person is looked up first).
    let (status, page) = dashboard(&app, &c, "?q=19900101+201501+2+009").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains(&first) && !page.contains(&second),
        "unknown NIP"
    );
    let (_, page) = dashboard(&app, &c, &format!("?from={tomorrow}")).await;
    assert!(
        !page.contains(&first) && !page.contains(&second),
        "date range"
    );
    let (_, page) = dashboard(&app, &c, "?sort=deadline").await;
    let listed = select_text(&page, "tbody tr td:first-child");
    let (a, b) = (
        listed
            .iter()
            .position(|n| *n == first)
            .expect("first listed"),
        listed
            .iter()
            .position(|n| *n == second)
            .expect("second listed"),
    );
    assert!(a < b, "the overdue case has the nearest deadline");
}
