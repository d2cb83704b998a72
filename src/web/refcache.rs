//! The reference lists every form and case page shows (active agencies, provinces, regencies,
//! violations), read from the database at most once a minute instead of on every request: at
//! national size they were 1,100 rows per public form and per submission. An admin's change on this
//! instance is seen at once (`forget`); another instance sees it within `TTL`.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::db::DbConnection;
use crate::web::public::report_page::RefData;

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
