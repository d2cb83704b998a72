//! The one way a [`Code`] (a case state, role, tier, mail kind, audit action …) is stored: as its
//! name in a text column, on both backends; and the one way an id type (`ReportId`, `AgencyId`,
//! `UserId`) is: as the BIGINT it wraps. A column of a code type reads back as the enum, and
//! a name that is not one of its values is a read error, never a silent default.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::expression::AsExpression;
// What `#[derive(AsExpression)]` expands to. The derive itself would have to sit on the enums,
// which would put diesel into `domain/`; this is the same expansion written once, here.
use diesel::internal::derives::as_expression::Bound;
use diesel::pg::Pg;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::Sqlite;

use super::MultiBackend;
use crate::domain::code::Code;
use crate::domain::ids::{AgencyId, ReportId, UserId};

/// Reads a stored name as `T`.
fn decode<T: Code>(name: &str) -> deserialize::Result<T> {
    T::parse(name).ok_or_else(|| {
        format!(
            "unknown {} {name:?} in the database",
            std::any::type_name::<T>()
        )
        .into()
    })
}

/// Implements the diesel traits of one column type for each listed Rust type: `$sql` is the
/// column's SQL type, `$inner` the type diesel already stores in it, `$to` how a value lends its
/// inner form (`|v| …` borrowing `v: &Self`) and `$from` how an inner value read back becomes
/// one (a `deserialize::Result`).
macro_rules! stored {
    ($sql:ty, $inner:ty, |$v:ident| $to:expr, |$raw:ident| $from:expr; $($t:ty),+ $(,)?) => {$(
        impl AsExpression<$sql> for $t {
            type Expression = Bound<$sql, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl<'a> AsExpression<$sql> for &'a $t {
            type Expression = Bound<$sql, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl AsExpression<Nullable<$sql>> for $t {
            type Expression = Bound<Nullable<$sql>, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        impl<'a> AsExpression<Nullable<$sql>> for &'a $t {
            type Expression = Bound<Nullable<$sql>, Self>;
            fn as_expression(self) -> Self::Expression {
                Bound::new(self)
            }
        }

        // The multi backend hands a bound value to the connection's own backend, so each of
        // them needs the impl too; all three write the inner value.
        impl ToSql<$sql, MultiBackend> for $t {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                let $v = self;
                <$inner as ToSql<$sql, MultiBackend>>::to_sql($to, out)
            }
        }

        impl ToSql<$sql, Sqlite> for $t {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                let $v = self;
                <$inner as ToSql<$sql, Sqlite>>::to_sql($to, out)
            }
        }

        impl ToSql<$sql, Pg> for $t {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                let $v = self;
                <$inner as ToSql<$sql, Pg>>::to_sql($to, out)
            }
        }

        impl<DB: Backend> ToSql<Nullable<$sql>, DB> for $t
        where
            $t: ToSql<$sql, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                <$t as ToSql<$sql, DB>>::to_sql(self, out)
            }
        }

        impl FromSql<$sql, MultiBackend> for $t {
            fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let $raw = <<$inner as ToOwned>::Owned as FromSql<$sql, MultiBackend>>::from_sql(bytes)?;
                $from
            }
        }

        impl Queryable<$sql, MultiBackend> for $t {
            type Row = Self;
            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }
    )+};
}

use crate::domain::case_state::CaseState;
use crate::domain::event::{AlertPref, AuditAction, DeadlineAlert, MailKind};
use crate::domain::workflow::{CaseTier, Classification, Role, Tier};
use crate::domain::working_days::HolidayKind;

// Codes by their stored name.
stored!(
    Text, str, |v| Code::as_str(*v), |name| decode(&name);
    CaseState, Role, Classification, Tier, CaseTier, AuditAction, MailKind, DeadlineAlert,
    HolidayKind, AlertPref,
);

// Ids as the number they wrap.
stored!(BigInt, i64, |v| &v.0, |n| Ok(Self(n)); ReportId, AgencyId, UserId);

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use diesel::connection::SimpleConnection as _;
    use diesel::prelude::*;

    use super::super::schema::{audit_log, users};
    use super::super::{DbConnection, DbUrl, audit, connect_and_migrate, write_tx};
    use crate::domain::event::AuditAction;
    use crate::domain::workflow::Role;

    fn conn() -> (
        tempfile::TempDir,
        diesel::r2d2::PooledConnection<super::super::Manager>,
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let url = DbUrl::Sqlite(dir.path().join("t.sqlite3").to_string_lossy().into_owned());
        let pool = connect_and_migrate(&url, 1).expect("pool");
        (dir, pool.get().expect("connection"))
    }

    fn keys() -> crate::crypto::Keys {
        crate::crypto::Keys::derive(&[7u8; 32]).expect("keys")
    }

    /// One audit row, written through the typed path.
    fn append_one(c: &mut DbConnection) {
        write_tx(c, |c| {
            audit::append(
                c,
                keys().audit(),
                &audit::Event {
                    actor: audit::Actor::System,
                    report_id: None,
                    action: AuditAction::MailRetried,
                    from_state: None,
                    to_state: None,
                    reason: None,
                    public: false,
                },
            )
        })
        .expect("append");
    }

    #[test]
    fn a_code_is_written_and_filtered_by_its_name() {
        let (_dir, mut c) = conn();
        let c: &mut DbConnection = &mut c;
        append_one(c);
        let stored: String = audit_log::table
            .select(audit_log::action)
            .first(c)
            .expect("row");
        assert_eq!(stored, "mail_retried");
        let n: i64 = audit_log::table
            .filter(audit_log::action.eq(AuditAction::MailRetried))
            .count()
            .get_result(c)
            .expect("count");
        assert_eq!(n, 1);
        let admins: i64 = users::table
            .filter(users::role.eq(Role::Admin))
            .count()
            .get_result(c)
            .expect("count");
        assert_eq!(admins, 0);
    }

    #[test]
    fn an_unknown_stored_name_is_a_read_error_yet_the_chain_check_still_reports_it() {
        let (_dir, mut c) = conn();
        let c: &mut DbConnection = &mut c;
        append_one(c);
        c.batch_execute("UPDATE audit_log SET action = 'bogus'")
            .expect("tamper");
        let read = audit_log::table
            .select(audit::AuditRow::as_select())
            .load(c);
        assert!(read.is_err(), "a typed read refuses an unknown name");
        assert!(matches!(
            audit::verify(c, keys().audit(), &[]).expect("verify reads stored text"),
            audit::Verdict::Broken { seq: 1, .. }
        ));
    }
}
