//! Staff accounts as a unit of work: creating, disabling and resetting, each in one transaction
//! with its audit row. Used by the command line and the first start; the admin pages will too.

use crate::crypto::ChainKey;
use crate::db::audit::{self, Actor, Event};
use crate::db::{self, DbConnection, agencies, users};
use crate::domain::event::{AlertPref, AuditAction};
use crate::domain::ids::UserId;
use crate::domain::password::{self, Hasher};
use crate::domain::report::looks_like_email;
use crate::domain::workflow::Role;
use anyhow::Context as _;

/// The longest name an account may have (the form's field takes as many).
pub const NAME_MAX: usize = 200;

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    /// An agency code (`62.71`, `BKN`); required for inspector and bkpsdm, refused for the others.
    pub agency_code: Option<&'a str>,
    /// None: a one-time password is generated.
    pub password: Option<&'a str>,
}

/// Why an account was not created: a rule of the account itself, safe to show to whoever asked
/// (the CLI prints it in English; the admin page shows its catalogue message at its field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{0:?} is not an email address")]
    NotAnEmail(String),
    #[error("the name is empty")]
    NoName,
    #[error("the name is longer than {NAME_MAX} characters")]
    NameTooLong,
    #[error("no agency with code {0:?} (e.g. 62.71, 63.03, BKN)")]
    UnknownAgency(String),
    #[error("a {} account needs an agency (--agency CODE)", .0.as_str())]
    AgencyRequired(Role),
    #[error("a {} account belongs to no agency", .0.as_str())]
    NoAgencyForRole(Role),
    #[error("an account with email {0} exists already")]
    EmailTaken(String),
}

impl Refusal {
    /// The form field the refusal is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::NotAnEmail(_) | Self::EmailTaken(_) => "email",
            Self::NoName | Self::NameTooLong => "name",
            Self::UnknownAgency(_) | Self::AgencyRequired(_) | Self::NoAgencyForRole(_) => "agency",
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            Self::NotAnEmail(_) => "admin.users.email_invalid",
            Self::NoName => "admin.users.name_required",
            Self::NameTooLong => "admin.users.name_too_long",
            Self::UnknownAgency(_) => "admin.users.agency_unknown",
            Self::AgencyRequired(_) => "admin.users.agency_required",
            Self::NoAgencyForRole(_) => "admin.users.agency_not_allowed",
            Self::EmailTaken(_) => "admin.users.email_taken",
        }
    }
}

/// Creates the account; returns its id and the one-time password to hand over. The password must
/// be changed at first sign-in. A broken rule is a [`Refusal`] inside the error.
pub fn create(
    conn: &mut DbConnection,
    key: &ChainKey,
    hasher: &Hasher,
    a: &NewAccount<'_>,
    by: Actor,
) -> anyhow::Result<(UserId, String)> {
    let email = a.email.trim().to_lowercase();
    if !looks_like_email(&email) {
        return Err(Refusal::NotAnEmail(email).into());
    }
    if a.name.trim().is_empty() {
        return Err(Refusal::NoName.into());
    }
    if a.name.trim().chars().count() > NAME_MAX {
        return Err(Refusal::NameTooLong.into());
    }
    let needs_agency = matches!(a.role, Role::Inspector | Role::Bkpsdm);
    let agency_id = match (a.agency_code, needs_agency) {
        (Some(code), true) => Some(
            agencies::id_by_code(conn, code)?
                .ok_or_else(|| Refusal::UnknownAgency(code.to_owned()))?,
        ),
        (None, true) => return Err(Refusal::AgencyRequired(a.role).into()),
        (Some(_), false) => return Err(Refusal::NoAgencyForRole(a.role).into()),
        (None, false) => None,
    };
    let one_time = a
        .password
        .map(str::to_owned)
        .unwrap_or_else(password::one_time);
    let hash = hasher.hash(&one_time)?;
    let id = db::write_tx(conn, |c| {
        if users::find_by_email(c, &email)?.is_some() {
            return Err(anyhow::Error::from(Refusal::EmailTaken(email.clone())));
        }
        let now = db::now();
        let id = users::insert(
            c,
            &users::NewUserRow {
                email: &email,
                name: a.name.trim(),
                role: a.role,
                agency_id,
                password_hash: &hash,
                active: true,
                must_change_password: true,
                alert_pref: AlertPref::All,
                lang: "id",
                session_epoch: 0,
                created_at: now,
                updated_at: now,
            },
        )?;
        audit::append(
            c,
            key,
            &event(
                by,
                AuditAction::UserCreated,
                &format!("{email} ({})", a.role.as_str()),
            ),
        )?;
        Ok(id)
    })?;
    Ok((id, one_time))
}

fn event<'a>(by: Actor, action: AuditAction, reason: &'a str) -> Event<'a> {
    Event::outside_cases(by, action, Some(reason))
}

pub fn disable(
    conn: &mut DbConnection,
    key: &ChainKey,
    email: &str,
    by: Actor,
) -> anyhow::Result<()> {
    let email = email.trim().to_lowercase();
    db::write_tx(conn, |c| {
        let user = users::find_by_email(c, &email)?
            .with_context(|| format!("no account with email {email}"))?;
        users::disable(c, user.id)?;
        audit::append(c, key, &event(by, AuditAction::UserDisabled, &email))?;
        Ok(())
    })
}

/// Sets a new one-time password (returned) and ends the account's sessions.
pub fn reset_password(
    conn: &mut DbConnection,
    key: &ChainKey,
    hasher: &Hasher,
    email: &str,
    by: Actor,
) -> anyhow::Result<String> {
    let email = email.trim().to_lowercase();
    let one_time = password::one_time();
    let hash = hasher.hash(&one_time)?;
    db::write_tx(conn, |c| {
        let user = users::find_by_email(c, &email)?
            .with_context(|| format!("no account with email {email}"))?;
        users::set_password(c, user.id, &hash, true)?;
        audit::append(c, key, &event(by, AuditAction::PasswordReset, &email))?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(one_time)
}

/// On a database with no active admin, creates one (from settings, or with a generated password
/// that is logged once). Returns the generated password when one was made.
pub fn ensure_admin(
    conn: &mut DbConnection,
    key: &ChainKey,
    hasher: &Hasher,
    email: &str,
    password: Option<&str>,
) -> anyhow::Result<Option<String>> {
    if users::any_active_admin(conn)? || users::find_by_email(conn, email)?.is_some() {
        return Ok(None);
    }
    let account = NewAccount {
        email,
        name: "Administrator",
        role: Role::Admin,
        agency_code: None,
        password,
    };
    let (_, one_time) = create(conn, key, hasher, &account, Actor::System)?;
    Ok(password.is_none().then_some(one_time))
}
