//! Codes: the closed sets of values Netra stores and passes around by name (a case's state, a
//! staff role, a tier, a mail kind, an audit action). Each is an enum declared once with
//! [`codes!`], which gives it its stored names, `ALL`, `as_str` and `parse`, and implements
//! [`Code`]; `db::code` stores every `Code` through one ToSql/FromSql path for both backends, so
//! no layer above the tables compares strings.

/// A value with a stable stored name.
pub trait Code: Copy + Eq + std::fmt::Debug + 'static {
    /// Every value, in the order forms and lists show them.
    const ALL: &'static [Self];
    /// The stored name (also the catalogue key suffix where the value is shown).
    fn as_str(self) -> &'static str;
    /// The value with the stored name `s`, if any.
    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
}

/// Declares an enum whose variants are stored by the given names.
///
/// ```ignore
/// codes! {
///     /// A case's state.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
///     pub enum CaseState { Submitted = "submitted", Closed = "closed" }
/// }
/// ```
macro_rules! codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $stored:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $stored),+
                }
            }

            /// The value with the stored name `s`, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($stored => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::domain::code::Code for $name {
            const ALL: &'static [Self] = Self::ALL;
            fn as_str(self) -> &'static str {
                Self::as_str(self)
            }
            fn parse(s: &str) -> Option<Self> {
                Self::parse(s)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Code;

    codes! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Sample {
            One = "one",
            Two = "two",
        }
    }

    #[test]
    fn every_value_round_trips_through_its_name() {
        for v in <Sample as Code>::ALL {
            assert_eq!(<Sample as Code>::parse(v.as_str()), Some(*v));
        }
        assert_eq!(Sample::parse("three"), None);
    }
}
