//! The ids of the rows other rows point at, as types of their own, so that a report's id cannot
//! be passed where an agency's or a user's is meant. Stored as the BIGINT they wrap (`db::code`).

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl $name {
            /// The number as stored.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

ids! {
    /// A case (`reports.id`).
    ReportId,
    /// An agency (`agencies.id`).
    AgencyId,
    /// A staff account (`users.id`).
    UserId,
}
