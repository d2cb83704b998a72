//! Rate limits on the public forms (GCRA), each a setting (`config::LimitSettings`): per client
//! address, wide enough for a carrier-grade NAT, and per browser session, tight. On PostgreSQL
//! every instance on the database shares them (`db::rate_buckets`), so N instances behind a
//! balancer do not give an attacker N times the budget; on SQLite (one instance) they are kept in
//! memory (`governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;

use actix_session::Session;
use actix_web::HttpRequest;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::{LimitSettings, Rate};
use crate::db::rate_buckets::{self, Bucket};
use crate::error::AppError;

/// The session entry that names a browser session to the per-session limits.
const SESSION_KEY: &str = "rl";

pub struct Limits {
    status_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    status_session: Option<DefaultKeyedRateLimiter<String>>,
    submit_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    submit_session: Option<DefaultKeyedRateLimiter<String>>,
    post_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    post_session: Option<DefaultKeyedRateLimiter<String>>,
    trust_proxy: bool,
    /// The rates as set, for the shared buckets.
    rates: LimitSettings,
    /// PostgreSQL: every instance on the database shares the limits (`db::rate_buckets`); the
    /// in-memory limiters above are then unused.
    shared: Option<crate::db::Pool>,
}

/// Which form a limit is for; the shared buckets' keys begin with its name.
#[derive(Debug, Clone, Copy)]
enum Form {
    Submit,
    Status,
    Post,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Status => "status",
            Self::Post => "post",
        }
    }
}

fn quota(rate: Rate) -> Quota {
    let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
    let every = rate.period / rate.burst.max(1);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
        .allow_burst(burst)
}

fn keyed<K: std::hash::Hash + Eq + Clone>(
    rate: Option<Rate>,
) -> Option<DefaultKeyedRateLimiter<K>> {
    rate.map(|r| RateLimiter::keyed(quota(r)))
}

impl Limits {
    /// `shared`: the pool of a PostgreSQL database whose instances share the limits.
    pub fn new(
        trust_proxy: bool,
        settings: &LimitSettings,
        shared: Option<crate::db::Pool>,
    ) -> Self {
        Self {
            status_address: keyed(settings.status_address),
            status_session: keyed(settings.status_session),
            submit_address: keyed(settings.submit_address),
            submit_session: keyed(settings.submit_session),
            post_address: keyed(settings.post_address),
            post_session: keyed(settings.post_session),
            trust_proxy,
            rates: *settings,
            shared,
        }
    }

    /// The client address rate limits and sign-in throttling are keyed by.
    pub fn client(&self, req: &HttpRequest) -> IpAddr {
        let parse = |a: &str| {
            let a = a.trim();
            a.parse::<IpAddr>()
                .ok()
                .or_else(|| a.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        };
        // Behind our own proxy, the address it saw is the LAST X-Forwarded-For entry; earlier
        // entries are whatever the client chose to send.
        let forwarded = self
            .trust_proxy
            .then(|| {
                req.headers()
                    .get("x-forwarded-for")?
                    .to_str()
                    .ok()?
                    .rsplit(',')
                    .next()
                    .and_then(parse)
            })
            .flatten();
        forwarded
            .or_else(|| req.peer_addr().map(|a| a.ip()))
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    /// This browser session's name for the limits, made on first use (the session cookie is
    /// signed and encrypted, so a client cannot pick another's).
    fn session_id(session: &Session) -> Result<String, AppError> {
        if let Some(id) = session.get::<String>(SESSION_KEY)? {
            return Ok(id);
        }
        let id = crate::crypto::random_token(12);
        session.insert(SESSION_KEY, &id)?;
        Ok(id)
    }

    async fn check(
        &self,
        req: &HttpRequest,
        session: &Session,
        form: Form,
    ) -> Result<(), AppError> {
        let (address, per_session, rates) = match form {
            Form::Submit => (
                &self.submit_address,
                &self.submit_session,
                (self.rates.submit_address, self.rates.submit_session),
            ),
            Form::Status => (
                &self.status_address,
                &self.status_session,
                (self.rates.status_address, self.rates.status_session),
            ),
            Form::Post => (
                &self.post_address,
                &self.post_session,
                (self.rates.post_address, self.rates.post_session),
            ),
        };
        let Some(pool) = &self.shared else {
            if let Some(l) = per_session {
                l.check_key(&Self::session_id(session)?)
                    .map_err(|_| AppError::TooMany)?;
            }
            if let Some(l) = address {
                l.check_key(&self.client(req))
                    .map_err(|_| AppError::TooMany)?;
            }
            return Ok(());
        };
        // Shared by every instance on the database: the session's bucket first, then the
        // address's, as in memory (a refused session does not spend the address's allowance).
        let mut takes = Vec::new();
        if let Some(r) = rates.1 {
            let key = format!("{}:session:{}", form.name(), Self::session_id(session)?);
            takes.push((key, r));
        }
        if let Some(r) = rates.0 {
            takes.push((format!("{}:address:{}", form.name(), self.client(req)), r));
        }
        if takes.is_empty() {
            return Ok(());
        }
        let now = crate::db::now();
        let allowed = crate::db::run(pool, move |c| {
            for (key, r) in &takes {
                let bucket = Bucket {
                    burst: r.burst,
                    period: r.period,
                };
                if !rate_buckets::take(c, key, bucket, now)? {
                    return Ok::<_, AppError>(false);
                }
            }
            Ok(true)
        })
        .await?;
        if allowed {
            Ok(())
        } else {
            Err(AppError::TooMany)
        }
    }

    pub async fn check_status(&self, req: &HttpRequest, session: &Session) -> Result<(), AppError> {
        self.check(req, session, Form::Status).await
    }

    pub async fn check_submit(&self, req: &HttpRequest, session: &Session) -> Result<(), AppError> {
        self.check(req, session, Form::Submit).await
    }

    /// Charged for every form body before it is read (see `multipart::read_checked`).
    pub async fn check_post(&self, req: &HttpRequest, session: &Session) -> Result<(), AppError> {
        self.check(req, session, Form::Post).await
    }

    /// Drops the state of clients that are back to a full allowance (call now and then).
    pub fn tidy(&self) {
        for l in [
            &self.status_address,
            &self.submit_address,
            &self.post_address,
        ]
        .into_iter()
        .flatten()
        {
            l.retain_recent();
        }
        for l in [
            &self.status_session,
            &self.submit_session,
            &self.post_session,
        ]
        .into_iter()
        .flatten()
        {
            l.retain_recent();
        }
    }
}
