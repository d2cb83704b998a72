//! The rate limits on the public forms, each a setting with a default sized for a carrier NAT.

use anyhow::Context as _;

/// A rate: `burst` at once, refilled at `burst` per `period` (GCRA). Written `BURST/PERIOD`, for
/// instance `600/10m`; `off` turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub period: std::time::Duration,
}

impl Rate {
    pub const fn new(burst: u32, period_secs: u64) -> Self {
        Self {
            burst,
            period: std::time::Duration::from_secs(period_secs),
        }
    }

    /// `BURST/PERIOD` with PERIOD in s, m or h (`20/10m`), or `off` (None).
    pub fn parse(v: &str) -> Option<Option<Self>> {
        let v = v.trim();
        if v == "off" {
            return Some(None);
        }
        let (burst, period) = v.split_once('/')?;
        let burst: u32 = burst.trim().parse().ok().filter(|b| *b > 0)?;
        let period = period.trim();
        let unit = match period.chars().last()? {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return None,
        };
        let n: u64 = period[..period.len() - 1].parse().ok().filter(|n| *n > 0)?;
        Some(Some(Self::new(burst, n.checked_mul(unit)?)))
    }
}

/// Who may file and check how often. A public address can stand for thousands of phones (Indonesian
/// mobile carriers put them behind carrier-grade NAT; a Bawaslu office or a campus shares one
/// too), so the per-address limits are wide and the tight ones follow a browser session, which a
/// flood must then pay for with a fresh form per try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitSettings {
    /// `NETRA_LIMIT_SUBMIT_ADDRESS`: reports filed per client address.
    pub submit_address: Option<Rate>,
    /// `NETRA_LIMIT_SUBMIT_SESSION`: reports filed per browser session.
    pub submit_session: Option<Rate>,
    /// `NETRA_LIMIT_STATUS_ADDRESS`: status checks per client address.
    pub status_address: Option<Rate>,
    /// `NETRA_LIMIT_STATUS_SESSION`: status checks per browser session.
    pub status_session: Option<Rate>,
    /// `NETRA_LIMIT_POST_ADDRESS`: form bodies read per client address (reports and replies,
    /// valid or not), charged before the body is read: what a flood of bodies can cost.
    pub post_address: Option<Rate>,
    /// `NETRA_LIMIT_POST_SESSION`: form bodies read per browser session.
    pub post_session: Option<Rate>,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            // 600 at once, then one a second: a carrier NAT's worth of reporters on election night.
            submit_address: Some(Rate::new(600, 600)),
            // 5 at once, then one every 2 minutes: more than one honest person files.
            submit_session: Some(Rate::new(5, 600)),
            // 600 at once, then ten a second.
            status_address: Some(Rate::new(600, 60)),
            // 10 at once, then one every 6 s: the old per-address rule, now per browser.
            status_session: Some(Rate::new(10, 60)),
            // Five times the filings an address may make, corrections and replies included.
            post_address: Some(Rate::new(3000, 600)),
            // Sixty tries at one form in ten minutes: far more corrections than anyone makes.
            post_session: Some(Rate::new(60, 600)),
        }
    }
}

impl LimitSettings {
    pub(super) fn from_env(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let mut l = Self::default();
        for (key, slot) in [
            ("NETRA_LIMIT_SUBMIT_ADDRESS", &mut l.submit_address),
            ("NETRA_LIMIT_SUBMIT_SESSION", &mut l.submit_session),
            ("NETRA_LIMIT_STATUS_ADDRESS", &mut l.status_address),
            ("NETRA_LIMIT_STATUS_SESSION", &mut l.status_session),
            ("NETRA_LIMIT_POST_ADDRESS", &mut l.post_address),
            ("NETRA_LIMIT_POST_SESSION", &mut l.post_session),
        ] {
            if let Some(v) = var(key) {
                *slot = Rate::parse(&v).with_context(|| {
                    format!("{key} must be BURST/PERIOD (for instance 20/10m, period in s, m or h) or off, not {v:?}")
                })?;
            }
        }
        Ok(l)
    }
}
