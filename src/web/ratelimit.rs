//! Per-client rate limits (GCRA, in memory): the status check (against guessing receipts) and
//! report submission (against flooding). Per instance: several instances behind a balancer each
//! keep their own count, which still bounds guessing to a useless rate given a 125-bit secret.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use actix_web::HttpRequest;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

pub struct Limits {
    status: DefaultKeyedRateLimiter<IpAddr>,
    submit: DefaultKeyedRateLimiter<IpAddr>,
    trust_proxy: bool,
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl Limits {
    pub fn new(trust_proxy: bool) -> Self {
        Self {
            // 10 tries at once, then one more every 6 s.
            status: RateLimiter::keyed(quota(10, Duration::from_secs(6))),
            // Generous: many reporters share one address behind carrier-grade NAT.
            submit: RateLimiter::keyed(quota(20, Duration::from_secs(30))),
            trust_proxy,
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

    pub fn check_status(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.status
            .check_key(&self.client(req))
            .map_err(|_| AppError::TooMany)
    }

    pub fn check_submit(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.submit
            .check_key(&self.client(req))
            .map_err(|_| AppError::TooMany)
    }

    /// Drops the state of clients that are back to a full allowance (call now and then).
    pub fn tidy(&self) {
        self.status.retain_recent();
        self.submit.retain_recent();
    }
}
