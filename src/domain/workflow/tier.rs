//! Disciplinary tiers (PP 94/2021 Pasal 8, DOMAIN.md §2.2), a case's tier as the list shows it,
//! and the rule on a light tier for a neutrality breach.

use std::fmt;

codes! {
    /// A disciplinary tier, PP 94/2021 Pasal 8 (DOMAIN.md §2.2), stored as its `as_str` name (the
    /// same names as the `tier` column of the sanction catalogue).
    /// Ordered from light to heavy.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Tier {
        /// Light: reprimands. Not set for neutrality breaches (DOMAIN.md §1.1).
        Ringan = "ringan",
        /// Medium: performance-allowance cuts.
        Sedang = "sedang",
        /// Heavy: demotion, removal from position, dismissal.
        Berat = "berat",
    }
}

codes! {
    /// A case's tier, as the list shows and filters it: its heaviest disciplinary tier, or
    /// `Moral` when it carries a moral statement (code of ethics) only.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CaseTier {
        Ringan = "ringan",
        Sedang = "sedang",
        Berat = "berat",
        Moral = "moral",
    }
}

impl CaseTier {
    /// The disciplinary tier, unless this is a moral statement.
    pub fn discipline(self) -> Option<Tier> {
        match self {
            Self::Ringan => Some(Tier::Ringan),
            Self::Sedang => Some(Tier::Sedang),
            Self::Berat => Some(Tier::Berat),
            Self::Moral => None,
        }
    }
}

impl From<Tier> for CaseTier {
    fn from(t: Tier) -> Self {
        match t {
            Tier::Ringan => Self::Ringan,
            Tier::Sedang => Self::Sedang,
            Tier::Berat => Self::Berat,
        }
    }
}

/// Why a tier was refused for a neutrality breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierRefusal {
    /// Ringan was chosen without a written justification.
    RinganNeedsJustification,
}

impl fmt::Display for TierRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::RinganNeedsJustification => {
                "a ringan tier for a neutrality breach needs a written justification"
            }
        })
    }
}

impl std::error::Error for TierRefusal {}

/// Whether `tier` may be recommended for a neutrality breach. Sedang and berat always; ringan
/// only with a non-blank written justification, because PP 94/2021 sets no light tier for
/// neutrality (DOMAIN.md §1.1, §2.2) and departing from it must be accountable (DESIGN.md
/// principle 3). Ringan is not forbidden outright: the tier exists for other breaches, and a
/// case may combine them.
pub fn tier_allowed_for_neutrality(
    tier: Tier,
    justification: Option<&str>,
) -> Result<(), TierRefusal> {
    match tier {
        Tier::Sedang | Tier::Berat => Ok(()),
        Tier::Ringan if justification.is_some_and(|j| !j.trim().is_empty()) => Ok(()),
        Tier::Ringan => Err(TierRefusal::RinganNeedsJustification),
    }
}
