//! Every central agency a reported ASN can belong to, found by the names people type (issue 11,
//! defect 4): every short name and alias in the data files finds its agency, a regional
//! government is found however its kind is written, and a name two agencies share finds neither.

use diesel::prelude::*;
use netra::db::agency_aliases::{find_by_name, search};
use netra::db::schema::{agencies, reports};

use crate::helpers::{ReportForm, TestApp, spawn_app, t};

#[derive(serde::Deserialize)]
struct Central {
    code: String,
    short_name: String,
    aliases: String,
}

#[derive(serde::Deserialize)]
struct Alias {
    agency_code: String,
    alias: String,
}

fn code_of(app: &TestApp, typed: &str) -> Option<String> {
    let typed = typed.to_owned();
    app.db(move |c| find_by_name(c, &typed).expect("find").map(|a| a.code))
}

#[actix_web::test]
async fn every_short_name_and_alias_in_the_data_files_finds_its_agency() {
    let app = spawn_app().await;
    let central: Vec<Central> =
        csv::Reader::from_reader(include_str!("../../data/central_agencies.csv").as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("central_agencies.csv");
    assert!(central.len() >= 100, "ministries, LPNK and secretariats");
    let mut checked = 0;
    for c in &central {
        let names = std::iter::once(c.short_name.as_str())
            .chain(c.aliases.split(';').map(str::trim))
            .filter(|a| !a.is_empty());
        for name in names {
            assert_eq!(
                code_of(&app, name).as_deref(),
                Some(c.code.as_str()),
                "{name}"
            );
            checked += 1;
        }
    }
    let aliases: Vec<Alias> =
        csv::Reader::from_reader(include_str!("../../data/agency_aliases.csv").as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("agency_aliases.csv");
    for a in &aliases {
        assert_eq!(
            code_of(&app, &a.alias).as_deref(),
            Some(a.agency_code.as_str()),
            "{}",
            a.alias
        );
        checked += 1;
    }
    assert!(checked > 200, "{checked}");
}

#[actix_web::test]
async fn regional_governments_are_found_however_their_kind_is_written() {
    let app = spawn_app().await;
    for (typed, code) in [
        ("Pemkot Palangka Raya", Some("62.71")),
        ("Kota Palangkaraya", Some("62.71")),
        ("pemerintah kota palangka-raya", Some("62.71")),
        ("Palangkaraya", Some("62.71")),
        ("Pemkab Banjar", Some("63.03")),
        ("Kab. Banjar", Some("63.03")),
        ("Kota Banjar", Some("32.79")),
        // A regency and a city share the name: neither is guessed.
        ("Banjar", None),
        ("Pemprov Kalteng", Some("62")),
        ("Kalteng", Some("62")),
        ("Provinsi Kalimantan Tengah", Some("62")),
        ("Kemenkeu", Some("KEMENKEU")),
        ("BKN", Some("BKN")),
        ("Kementerian Keuangan", Some("KEMENKEU")),
        ("", None),
        ("Kementerian Keajaiban", None),
    ] {
        assert_eq!(code_of(&app, typed).as_deref(), code, "{typed:?}");
    }
    let found: Vec<String> = app.db(|c| {
        search(c, "Pemkot Palangka", 8)
            .expect("search")
            .into_iter()
            .map(|a| a.code)
            .collect()
    });
    assert_eq!(found, vec!["62.71".to_owned()]);
    let found: Vec<String> = app.db(|c| {
        search(c, "kemenkeu", 8)
            .expect("search")
            .into_iter()
            .map(|a| a.code)
            .collect()
    });
    assert_eq!(found, vec!["KEMENKEU".to_owned()], "by alias");
}

#[actix_web::test]
async fn the_report_form_takes_an_alias_and_offers_both_agencies_of_a_shared_name() {
    let app = spawn_app().await;
    let (number, _) = app.file_with(|f| f.set("agency", Some("Kemenkeu"))).await;
    let agency: String = app.db(move |c| {
        reports::table
            .inner_join(agencies::table)
            .filter(reports::case_number.eq(&number))
            .select(agencies::code)
            .first(c)
            .expect("case")
    });
    assert_eq!(agency, "KEMENKEU");
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token).set("agency", Some("Banjar"));
    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains(t("form.agency_suggestions")));
    assert!(
        html.contains("Pemerintah Kabupaten Banjar") && html.contains("Pemerintah Kota Banjar")
    );
}
