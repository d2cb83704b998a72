//! Seed data: every regional government (38 provinces, 514 regencies and cities), the central
//! agencies, the other names people type for agencies, the violation and sanction catalogues, the
//! holiday calendar and the stage deadlines.
//! The files live in `data/` and are compiled into the binary. Applying is idempotent: a row whose
//! key exists is left as it is (an admin may have edited it), only missing rows are inserted.

use std::collections::HashSet;

use anyhow::Context as _;
use diesel::Connection as _;
use serde::Deserialize;

use super::DbConnection;
use super::agencies::{self, NewAgencyRow};
use super::agency_aliases;
use super::catalogue::{self, NewHolidayRow, SanctionRow, ViolationRow};
use super::holiday_calendars::{self, CalendarRow};
use crate::domain::area::{TimeZone, regional_agency_name, search_key};
use crate::domain::workflow::CaseTier;
use crate::domain::working_days::HolidayKind;

const PROVINCES: &str = include_str!("../../data/idn-area/provinces.csv");
const REGENCIES: &str = include_str!("../../data/idn-area/regencies.csv");
const CENTRAL: &str = include_str!("../../data/central_agencies.csv");
const ALIASES: &str = include_str!("../../data/agency_aliases.csv");
const VIOLATIONS: &str = include_str!("../../data/violations.csv");
const SANCTIONS: &str = include_str!("../../data/sanctions.csv");
const HOLIDAYS: &str = include_str!("../../data/holidays.csv");
const CALENDARS: &str = include_str!("../../data/holiday_calendars.csv");
const STAGES: &str = include_str!("../../data/stage_deadlines.csv");

#[derive(Deserialize)]
struct Province {
    code: String,
    name: String,
}
#[derive(Deserialize)]
struct Regency {
    code: String,
    province_code: String,
    name: String,
}
#[derive(Deserialize)]
struct Central {
    code: String,
    name: String,
    short_name: String,
    /// Other names people type, `;`-separated.
    aliases: String,
}
#[derive(Deserialize)]
struct Alias {
    agency_code: String,
    alias: String,
}
#[derive(Deserialize)]
struct Violation {
    code: String,
    name_id: String,
    name_en: String,
    allowed_classes: String,
    default_class: String,
    default_tier: String,
    legal_basis: String,
    sort_order: i32,
    form_group: String,
    stages: String,
    elections: String,
    notes_id: String,
    notes_en: String,
}
#[derive(Deserialize)]
struct Sanction {
    code: String,
    kind: String,
    tier: String,
    employee_type: String,
    name_id: String,
    name_en: String,
    duration_months: Option<i32>,
    legal_basis: String,
    sort_order: i32,
}
#[derive(Deserialize)]
struct Holiday {
    date: chrono::NaiveDate,
    kind: String,
    name_id: String,
    name_en: String,
    isbat: bool,
}
#[derive(Deserialize)]
struct Stage {
    stage: String,
    working_days: i32,
}

/// A tier as the catalogue files spell it.
fn tier(name: &str) -> anyhow::Result<CaseTier> {
    CaseTier::parse(name).ok_or_else(|| anyhow::anyhow!("unknown tier {name:?} in the catalogue"))
}

fn rows<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> anyhow::Result<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .with_context(|| format!("reading seed file {name}"))
}

/// How many rows of each kind were inserted by this run (zero on every run after the first).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Seeded {
    pub agencies: usize,
    pub aliases: usize,
    pub areas: usize,
    pub violations: usize,
    pub sanctions: usize,
    pub holidays: usize,
    pub stages: usize,
}

impl Seeded {
    pub fn total(&self) -> usize {
        self.agencies
            + self.aliases
            + self.areas
            + self.violations
            + self.sanctions
            + self.holidays
            + self.stages
    }
}

/// Inserts whatever seed rows are missing, in one transaction.
pub fn apply(conn: &mut DbConnection) -> anyhow::Result<Seeded> {
    let provinces: Vec<Province> = rows("provinces.csv", PROVINCES)?;
    let regencies: Vec<Regency> = rows("regencies.csv", REGENCIES)?;
    let central: Vec<Central> = rows("central_agencies.csv", CENTRAL)?;
    let aliases: Vec<Alias> = rows("agency_aliases.csv", ALIASES)?;
    let violations: Vec<Violation> = rows("violations.csv", VIOLATIONS)?;
    let sanctions: Vec<Sanction> = rows("sanctions.csv", SANCTIONS)?;
    let holidays: Vec<Holiday> = rows("holidays.csv", HOLIDAYS)?;
    let calendars: Vec<CalendarRow> = rows("holiday_calendars.csv", CALENDARS)?;
    let stages: Vec<Stage> = rows("stage_deadlines.csv", STAGES)?;

    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let mut seeded = Seeded::default();
        let now = super::now();

        let have: HashSet<String> = agencies::province_codes(conn)?.into_iter().collect();
        for p in provinces.iter().filter(|p| !have.contains(&p.code)) {
            agencies::insert_province(conn, &p.code, &crate::domain::area::title_case(&p.name))?;
            seeded.areas += 1;
        }
        let have: HashSet<String> = agencies::regency_codes(conn)?.into_iter().collect();
        for r in regencies.iter().filter(|r| !have.contains(&r.code)) {
            agencies::insert_regency(
                conn,
                &r.code,
                &r.province_code,
                &crate::domain::area::title_case(&r.name),
            )?;
            seeded.areas += 1;
        }

        let have: HashSet<String> = agencies::all_codes(conn)?.into_iter().collect();
        let mut insert_agency = |conn: &mut DbConnection,
                                 code: &str,
                                 kind: &str,
                                 name: &str,
                                 province: Option<&str>,
                                 tz: TimeZone|
         -> anyhow::Result<()> {
            if have.contains(code) {
                return Ok(());
            }
            agencies::insert(
                conn,
                &NewAgencyRow {
                    code,
                    kind,
                    name,
                    search_key: &search_key(name),
                    province_code: province,
                    timezone: tz.code(),
                    active: true,
                    created_at: now,
                },
            )?;
            seeded.agencies += 1;
            Ok(())
        };
        for c in &central {
            insert_agency(conn, &c.code, "central", &c.name, None, TimeZone::Wib)?;
        }
        for p in &provinces {
            let tz = TimeZone::of_province(&p.code)
                .with_context(|| format!("no time zone for province {}", p.code))?;
            insert_agency(
                conn,
                &p.code,
                "province",
                &regional_agency_name(&p.name, true),
                Some(&p.code),
                tz,
            )?;
        }
        for r in &regencies {
            let tz = TimeZone::of_province(&r.province_code)
                .with_context(|| format!("no time zone for province {}", r.province_code))?;
            let kind = if r.name.starts_with("KOTA ") {
                "city"
            } else {
                "regency"
            };
            insert_agency(
                conn,
                &r.code,
                kind,
                &regional_agency_name(&r.name, false),
                Some(&r.province_code),
                tz,
            )?;
        }

        let mut wanted: Vec<(&str, &str)> = Vec::new();
        for c in &central {
            wanted.push((&c.code, &c.short_name));
            wanted.extend(
                c.aliases
                    .split(';')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(|a| (c.code.as_str(), a)),
            );
        }
        wanted.extend(
            aliases
                .iter()
                .map(|a| (a.agency_code.as_str(), a.alias.as_str())),
        );
        seeded.aliases += agency_aliases::insert_missing(conn, &wanted)?;

        let have: HashSet<String> = catalogue::violation_codes(conn)?.into_iter().collect();
        for v in violations.into_iter().filter(|v| !have.contains(&v.code)) {
            catalogue::insert_violation(
                conn,
                &ViolationRow {
                    code: v.code,
                    name_id: v.name_id,
                    name_en: v.name_en,
                    allowed_classes: v.allowed_classes,
                    default_class: v.default_class,
                    default_tier: v.default_tier,
                    legal_basis: v.legal_basis,
                    sort_order: v.sort_order,
                    active: true,
                    form_group: v.form_group,
                    stages: v.stages,
                    elections: v.elections,
                    notes_id: v.notes_id,
                    notes_en: v.notes_en,
                    version: 1,
                },
            )?;
            seeded.violations += 1;
        }

        let have: HashSet<String> = catalogue::sanction_codes(conn)?.into_iter().collect();
        for s in sanctions.into_iter().filter(|s| !have.contains(&s.code)) {
            catalogue::insert_sanction(
                conn,
                &SanctionRow {
                    code: s.code,
                    kind: s.kind,
                    tier: tier(&s.tier)?,
                    employee_type: s.employee_type,
                    name_id: s.name_id,
                    name_en: s.name_en,
                    duration_months: s.duration_months,
                    legal_basis: s.legal_basis,
                    sort_order: s.sort_order,
                    active: true,
                    version: 1,
                },
            )?;
            seeded.sanctions += 1;
        }

        super::catalogue_versions::snapshot_missing(conn)?;

        let have: HashSet<chrono::NaiveDate> = catalogue::holiday_days(conn)?.into_iter().collect();
        for h in holidays.into_iter().filter(|h| !have.contains(&h.date)) {
            catalogue::insert_holiday(
                conn,
                &NewHolidayRow {
                    day: h.date,
                    kind: HolidayKind::parse(&h.kind).ok_or_else(|| {
                        anyhow::anyhow!("unknown holiday kind {:?} in holidays.csv", h.kind)
                    })?,
                    name_id: h.name_id,
                    name_en: h.name_en,
                    isbat: h.isbat,
                },
            )?;
            seeded.holidays += 1;
        }
        let have: HashSet<i32> = holiday_calendars::all(conn)?
            .iter()
            .map(|c| c.year)
            .collect();
        for c in calendars.iter().filter(|c| !have.contains(&c.year)) {
            holiday_calendars::insert(conn, c)?;
        }

        let have: HashSet<String> = catalogue::stage_names(conn)?.into_iter().collect();
        for s in stages.iter().filter(|s| !have.contains(&s.stage)) {
            catalogue::insert_stage_deadline(conn, &s.stage, s.working_days)?;
            seeded.stages += 1;
        }
        Ok(seeded)
    })
}
