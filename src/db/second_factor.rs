//! The staff's second sign-in factor (migration 000013): each account's sealed TOTP secret and the
//! newest step a code was accepted for, its recovery codes (HMACs), and the roles an admin has
//! required the factor of. The rules are in `domain::totp` and `app::second_factor`.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{second_factor_roles, staff_recovery_codes, staff_totp};
use crate::domain::ids::UserId;
use crate::domain::workflow::Role;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_totp)]
pub struct FactorRow {
    pub user_id: UserId,
    /// Sealed with `crypto::TOTP_LABEL`.
    pub secret: Vec<u8>,
    pub last_step: Option<i64>,
    pub codes_view: Option<String>,
    pub enabled_at: chrono::NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, user: UserId) -> QueryResult<Option<FactorRow>> {
    staff_totp::table
        .find(user)
        .select(FactorRow::as_select())
        .first(conn)
        .optional()
}

/// The accounts that have the factor on (the admin's list of accounts).
pub fn enabled(conn: &mut DbConnection) -> QueryResult<Vec<UserId>> {
    staff_totp::table.select(staff_totp::user_id).load(conn)
}

/// Switches the factor on with `sealed`; `step` is the step of the code that confirmed it (used
/// up), `codes_view` the nonce of the recovery codes' one showing.
pub fn insert(
    conn: &mut DbConnection,
    user: UserId,
    sealed: &[u8],
    step: i64,
    codes_view: &str,
) -> QueryResult<()> {
    diesel::insert_into(staff_totp::table)
        .values((
            staff_totp::user_id.eq(user),
            staff_totp::secret.eq(sealed),
            staff_totp::last_step.eq(Some(step)),
            staff_totp::codes_view.eq(Some(codes_view)),
            staff_totp::enabled_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Removes the factor and its recovery codes; false when there was none.
pub fn delete(conn: &mut DbConnection, user: UserId) -> QueryResult<bool> {
    diesel::delete(staff_recovery_codes::table.filter(staff_recovery_codes::user_id.eq(user)))
        .execute(conn)?;
    diesel::delete(staff_totp::table.find(user))
        .execute(conn)
        .map(|n| n == 1)
}

/// Uses up `step`: true only if no code of this step or a later one was accepted before. One
/// conditional UPDATE, so two requests racing with the same code cannot both win.
pub fn take_step(conn: &mut DbConnection, user: UserId, step: i64) -> QueryResult<bool> {
    diesel::update(
        staff_totp::table.find(user).filter(
            staff_totp::last_step
                .is_null()
                .or(staff_totp::last_step.lt(step)),
        ),
    )
    .set(staff_totp::last_step.eq(Some(step)))
    .execute(conn)
    .map(|n| n == 1)
}

/// Marks a new set of recovery codes as waiting for its one showing.
pub fn set_codes_view(conn: &mut DbConnection, user: UserId, nonce: &str) -> QueryResult<()> {
    diesel::update(staff_totp::table.find(user))
        .set(staff_totp::codes_view.eq(Some(nonce)))
        .execute(conn)
        .map(|_| ())
}

/// Uses up the showing: true once for the nonce of the newest set, false for a replay.
pub fn take_codes_view(conn: &mut DbConnection, user: UserId, nonce: &str) -> QueryResult<bool> {
    diesel::update(
        staff_totp::table
            .find(user)
            .filter(staff_totp::codes_view.eq(nonce)),
    )
    .set(staff_totp::codes_view.eq(None::<String>))
    .execute(conn)
    .map(|n| n == 1)
}

/// Replaces the account's recovery codes with `hashes` (one insert each: no batch insert
/// through the multi backend).
pub fn replace_codes(conn: &mut DbConnection, user: UserId, hashes: &[String]) -> QueryResult<()> {
    diesel::delete(staff_recovery_codes::table.filter(staff_recovery_codes::user_id.eq(user)))
        .execute(conn)?;
    let now = super::now();
    for h in hashes {
        diesel::insert_into(staff_recovery_codes::table)
            .values((
                staff_recovery_codes::user_id.eq(user),
                staff_recovery_codes::code_hash.eq(h),
                staff_recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Spends the unused code with this hash: true once, false when it is unknown or spent already.
pub fn spend_code(conn: &mut DbConnection, user: UserId, hash: &str) -> QueryResult<bool> {
    diesel::update(
        staff_recovery_codes::table
            .filter(staff_recovery_codes::user_id.eq(user))
            .filter(staff_recovery_codes::code_hash.eq(hash))
            .filter(staff_recovery_codes::used_at.is_null()),
    )
    .set(staff_recovery_codes::used_at.eq(Some(super::now())))
    .execute(conn)
    .map(|n| n == 1)
}

/// How many of the account's recovery codes are still unused.
pub fn codes_left(conn: &mut DbConnection, user: UserId) -> QueryResult<i64> {
    staff_recovery_codes::table
        .filter(staff_recovery_codes::user_id.eq(user))
        .filter(staff_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// The roles an admin has required the factor of (admin and national staff need it anyway).
pub fn required_roles(conn: &mut DbConnection) -> QueryResult<Vec<Role>> {
    second_factor_roles::table
        .select(second_factor_roles::role)
        .load(conn)
}

/// Requires the factor of `role` or stops requiring it; true when that changed anything (no
/// upsert through the multi backend: a delete, or an insert after a look).
pub fn set_role_required(conn: &mut DbConnection, role: Role, on: bool) -> QueryResult<bool> {
    let there = second_factor_roles::table
        .find(role)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    match (on, there) {
        (true, false) => diesel::insert_into(second_factor_roles::table)
            .values((
                second_factor_roles::role.eq(role),
                second_factor_roles::changed_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| true),
        (false, true) => diesel::delete(second_factor_roles::table.find(role))
            .execute(conn)
            .map(|_| true),
        _ => Ok(false),
    }
}
