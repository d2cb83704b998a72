//! The reference lists every form and case page shows (agencies, provinces, regencies,
//! violations, sanctions), read from the database at most once a minute instead of on every
//! request: at national size they were 1,100 rows per public form and per submission. An admin's
//! change on this instance is seen at once (`forget`); another instance sees it within `TTL`.

use crate::domain::bucket::Bucket;
use crate::domain::case_state::CaseState;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::db::DbConnection;
use crate::db::agencies::{self, AgencyRow, ProvinceRow, RegencyRow};
use crate::db::catalogue::{self, ViolationRow};
use crate::db::catalogue_versions::{self, VersionRow};
use crate::db::sanctions::{self, CatalogueEntry};
use crate::domain::ids::AgencyId;

/// Numbers the loads, so what was built from one set of lists can tell it is out of date.
static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The lists, and the lookups the form's checks use, made once per load.
pub struct RefData {
    /// Which load this is (a different number: different lists, perhaps).
    pub generation: u64,
    /// Active agencies, central first, then by name (what forms offer).
    pub agencies: Vec<AgencyRow>,
    /// Every agency, active or not, by id: (name, time zone), for lists of cases.
    pub every_agency: HashMap<AgencyId, (String, String)>,
    pub provinces: Vec<ProvinceRow>,
    pub regencies: Vec<RegencyRow>,
    pub violations: Vec<ViolationRow>,
    /// The active sanction catalogue, in its order.
    pub sanctions: Vec<CatalogueEntry>,
    pub violation_codes: HashSet<String>,
    pub province_codes: HashSet<String>,
    /// Regency code to its province's code.
    pub regency_provinces: HashMap<String, String>,
    /// Every version's text of every catalogue row, by (catalogue, code, version).
    pub catalogue_texts: HashMap<(String, String, i32), VersionRow>,
    /// The current version of every catalogue row, active or not, by (catalogue, code).
    pub catalogue_current: HashMap<(String, String), i32>,
    /// The official bucket of every case state (`state_buckets`).
    pub buckets: HashMap<CaseState, Bucket>,
}

impl RefData {
    pub fn load(conn: &mut DbConnection) -> diesel::QueryResult<Self> {
        let violations = catalogue::active_violations(conn)?;
        let provinces = agencies::provinces(conn)?;
        let regencies = agencies::regencies(conn)?;
        Ok(Self {
            generation: LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            agencies: agencies::list_active(conn)?,
            every_agency: agencies::list_all(conn)?
                .into_iter()
                .map(|a| (a.id, (a.name, a.timezone)))
                .collect(),
            sanctions: sanctions::catalogue(conn)?,
            violation_codes: violations.iter().map(|v| v.code.clone()).collect(),
            province_codes: provinces.iter().map(|p| p.code.clone()).collect(),
            regency_provinces: regencies
                .iter()
                .map(|r| (r.code.clone(), r.province_code.clone()))
                .collect(),
            provinces,
            regencies,
            violations,
            catalogue_texts: catalogue_versions::all(conn)?
                .into_iter()
                .map(|(cat, v)| ((cat, v.code.clone(), v.version), v))
                .collect(),
            catalogue_current: catalogue_versions::current(conn)?
                .into_iter()
                .map(|(cat, code, v)| ((cat, code), v))
                .collect(),
            buckets: catalogue::state_buckets(conn)?
                .into_iter()
                .filter_map(|(s, b)| Some((CaseState::parse(&s)?, Bucket::parse(&b)?)))
                .collect(),
        })
    }

    /// An agency's name and time zone (any agency, active or not).
    pub fn agency(&self, id: AgencyId) -> Option<(&str, &str)> {
        self.every_agency
            .get(&id)
            .map(|(n, z)| (n.as_str(), z.as_str()))
    }

    /// An agency's name and time zone, from the lists or, for one added since they were read,
    /// from the database.
    pub fn agency_or_read(
        &self,
        conn: &mut DbConnection,
        id: AgencyId,
    ) -> diesel::QueryResult<Option<(String, String)>> {
        match self.agency(id) {
            Some((n, z)) => Ok(Some((n.to_owned(), z.to_owned()))),
            None => Ok(agencies::find(conn, id)?.map(|a| (a.name, a.timezone))),
        }
    }
}

pub const TTL: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct RefCache {
    slot: RwLock<Option<(Instant, Arc<RefData>)>>,
}

impl RefCache {
    /// The lists, from memory while they are fresh, else read again with `conn`.
    pub fn get(&self, conn: &mut DbConnection) -> diesel::QueryResult<Arc<RefData>> {
        if let Some(d) = self.fresh() {
            return Ok(d);
        }
        let data = Arc::new(RefData::load(conn)?);
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), data.clone()));
        Ok(data)
    }

    /// The lists if they are in memory and fresh (no database needed).
    pub fn fresh(&self) -> Option<Arc<RefData>> {
        match &*self.slot.read().unwrap_or_else(|e| e.into_inner()) {
            Some((at, data)) if at.elapsed() < TTL => Some(data.clone()),
            _ => None,
        }
    }

    /// The lists, from memory when fresh, else read on the pool.
    pub async fn load(
        self: &Arc<Self>,
        pool: &crate::db::Pool,
    ) -> Result<Arc<RefData>, crate::error::AppError> {
        if let Some(d) = self.fresh() {
            return Ok(d);
        }
        let me = self.clone();
        crate::db::run(pool, move |c| {
            me.get(c).map_err(crate::error::AppError::from)
        })
        .await
    }

    /// Drops the lists (after an admin changed one), so the next request reads them again.
    pub fn forget(&self) {
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}
