//! Organisations, programmes, people and their roles; failed logins.

use super::secret::ServerSecret;
use super::{now, on_db, on_tx, StoreError, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, Utc};

/// A person with what logging in needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    /// The language they chose (a code; their emails are written in it).
    pub language: String,
    pub erased_at: Option<DateTime<Utc>>,
}

/// One role in one programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Membership {
    pub programme_id: ProgrammeId,
    pub role: Role,
}

/// Emails are compared without case and surrounding spaces.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[tracing::instrument(
    name = "store.users.create_organisation",
    skip_all,
    err(level = "warn", Display)
)]
pub async fn create_organisation(tx: &mut Tx, name: &str) -> StoreResult<OrganisationId> {
    let id = OrganisationId::new();
    on_tx!(tx, conn => sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(name.trim())
        .bind(now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::on_unique(e, "organisation"))?;
    Ok(id)
}

#[tracing::instrument(name = "store.users.find_organisation", skip_all, err(Display))]
pub async fn find_organisation(db: &super::Db, name: &str) -> StoreResult<Option<OrganisationId>> {
    let id = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(name.trim())
        .fetch_optional(pool)
        .await)?;
    Ok(id)
}

/// Whether any organisation uses this server yet (none: the first run's
/// setup in the browser is open).
#[tracing::instrument(name = "store.users.has_organisation", skip_all, err(Display))]
pub async fn has_organisation(tx: &mut Tx) -> StoreResult<bool> {
    let found: Option<(OrganisationId,)> = on_tx!(tx, conn => sqlx::query_as("SELECT id FROM organisations LIMIT 1")
        .fetch_optional(conn)
        .await)?;
    Ok(found.is_some())
}

/// Programmes by name, across organisations (names are unique within one).
#[tracing::instrument(name = "store.users.find_programmes", skip_all, err(Display))]
pub async fn find_programmes(db: &super::Db, name: &str) -> StoreResult<Vec<ProgrammeId>> {
    let ids = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM programmes WHERE name = $1 ORDER BY created_at")
        .bind(name.trim())
        .fetch_all(pool)
        .await)?;
    Ok(ids)
}

/// Creates a person. `password_hash` is `None` for someone who cannot log in.
#[tracing::instrument(
    name = "store.users.create_user",
    skip_all,
    err(level = "warn", Display)
)]
pub async fn create_user(
    tx: &mut Tx,
    email: &str,
    display_name: &str,
    password_hash: Option<&str>,
) -> StoreResult<UserId> {
    let id = UserId::new();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(normalise_email(email))
    .bind(display_name.trim())
    .bind(password_hash)
    .bind(now())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::on_unique(e, "a user with this email"))?;
    Ok(id)
}

#[tracing::instrument(name = "store.users.find_user_by_email", skip_all, err(Display))]
pub async fn find_user_by_email(db: &super::Db, email: &str) -> StoreResult<Option<UserRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, UserRow>(
        "SELECT id, email, display_name, password_hash, language, erased_at FROM users WHERE email = $1",
    )
    .bind(normalise_email(email))
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

#[tracing::instrument(name = "store.users.find_user", skip_all, err(Display))]
pub async fn find_user(db: &super::Db, id: UserId) -> StoreResult<Option<UserRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, UserRow>(
        "SELECT id, email, display_name, password_hash, language, erased_at FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// The key a person's phone wraps its data key with (see
/// `offline::vault`): made once, on first use, from `fresh`; the same key
/// after that, whoever asks first. Kept wrapped under the server's secret
/// (a key an older version kept in clear is wrapped when first read).
#[tracing::instrument(name = "store.users.storage_key", skip_all, err(Display))]
pub async fn storage_key(
    db: &super::Db,
    secret: &ServerSecret,
    id: UserId,
    fresh: &str,
) -> StoreResult<String> {
    let wrapped_fresh = secret.wrap(id, fresh).ok_or(StoreError::Invalid(
        "a storage key is 64 hexadecimal digits",
    ))?;
    on_db!(db, pool => sqlx::query("UPDATE users SET storage_key = $2 WHERE id = $1 AND storage_key IS NULL")
        .bind(id)
        .bind(&wrapped_fresh)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    let stored: Option<String> =
        on_db!(db, pool => sqlx::query_scalar("SELECT storage_key FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?
        .flatten();
    let stored = stored.ok_or(StoreError::NotFound("person"))?;
    if !ServerSecret::is_wrapped(&stored) {
        wrap_storage_key(db, secret, id, &stored).await?;
        return Ok(stored);
    }
    secret.unwrap(id, &stored).ok_or(StoreError::Invalid(
        "the storage key was wrapped under another server secret (PB_SECRET_FILE)",
    ))
}

/// Wraps a key kept in clear, if it is still the one stored.
async fn wrap_storage_key(
    db: &super::Db,
    secret: &ServerSecret,
    id: UserId,
    plain: &str,
) -> StoreResult<()> {
    let Some(wrapped) = secret.wrap(id, plain) else {
        return Err(StoreError::Invalid(
            "a storage key is 64 hexadecimal digits",
        ));
    };
    on_db!(db, pool => sqlx::query("UPDATE users SET storage_key = $3 WHERE id = $1 AND storage_key = $2")
        .bind(id)
        .bind(plain)
        .bind(wrapped)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Wraps every storage key an older version kept in clear (at start):
/// after it, neither the database nor a backup holds one in clear. How
/// many were wrapped.
#[tracing::instrument(name = "store.users.wrap_storage_keys", skip_all, err(Display))]
pub async fn wrap_storage_keys(db: &super::Db, secret: &ServerSecret) -> StoreResult<u64> {
    let plain: Vec<(UserId, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, storage_key FROM users WHERE storage_key IS NOT NULL AND storage_key NOT LIKE 'w1:%'",
    )
    .fetch_all(pool)
    .await)?;
    for (id, key) in &plain {
        wrap_storage_key(db, secret, *id, key).await?;
    }
    Ok(plain.len() as u64)
}

#[tracing::instrument(
    name = "store.users.add_membership",
    skip_all,
    err(level = "warn", Display)
)]
pub async fn add_membership(
    tx: &mut Tx,
    user: UserId,
    programme: ProgrammeId,
    role: Role,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO memberships (user_id, programme_id, role, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user)
    .bind(programme)
    .bind(role)
    .bind(now())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::on_unique(e, "this role in this programme"))?;
    Ok(())
}

/// Ends a person's role in a programme (their records stay). False if they
/// did not hold it.
#[tracing::instrument(name = "store.users.remove_membership", skip_all, err(Display))]
pub async fn remove_membership(
    db: &super::Db,
    user: UserId,
    programme: ProgrammeId,
    role: Role,
) -> StoreResult<bool> {
    let removed = on_db!(db, pool => sqlx::query(
        "DELETE FROM memberships WHERE user_id = $1 AND programme_id = $2 AND role = $3",
    )
    .bind(user)
    .bind(programme)
    .bind(role)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(removed == 1)
}

#[tracing::instrument(name = "store.users.memberships", skip_all, err(Display))]
pub async fn memberships(db: &super::Db, user: UserId) -> StoreResult<Vec<Membership>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, Membership>(
        "SELECT programme_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at",
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// The address of a login attempt, and its wider networks (see
/// `model::auth::address_tiers`).
pub struct AttemptAddress<'a> {
    pub address: &'a str,
    pub wide: &'a str,
    pub wider: &'a str,
}

/// Records a login attempt and counts what limits it (this one
/// included). Returns its id, to forget it if it is refused unchecked.
#[tracing::instrument(name = "store.users.begin_login_attempt", skip_all, err(Display))]
pub async fn begin_login_attempt(
    db: &super::Db,
    email: &str,
    from: &AttemptAddress<'_>,
    window_start: DateTime<Utc>,
) -> StoreResult<(i64, crate::model::auth::AttemptCounts)> {
    let email = normalise_email(email);
    let at = now();
    type Counted = (i64, Option<DateTime<Utc>>);
    let (
        id,
        (account_address, previous),
        (address_count, oldest),
        wide,
        wider,
        known,
        (unknown, previous_unknown),
    ) = on_db!(db, pool => {
        // Each attempt counts those made before it and itself, never later
        // ones: in a burst the first goes on to the password check and the
        // rest wait (counting the later ones too refused them all, the
        // first included, when every insert landed before any count).
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_attempts (email, address, attempted_at, net_wide, net_wider) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&email)
        .bind(from.address)
        .bind(at)
        .bind(from.wide)
        .bind(from.wider)
        .fetch_one(pool)
        .await?;
        let account_address: Counted = sqlx::query_as(
            "SELECT COUNT(*), MAX(CASE WHEN id <> $4 THEN attempted_at END) FROM login_attempts \
             WHERE email = $1 AND address = $2 AND attempted_at > $3 AND id <= $4",
        )
        .bind(&email)
        .bind(from.address)
        .bind(window_start)
        .bind(id)
        .fetch_one(pool)
        .await?;
        let address: Counted = sqlx::query_as(
            "SELECT COUNT(*), MIN(attempted_at) FROM login_attempts \
             WHERE address = $1 AND attempted_at > $2 AND id <= $3",
        )
        .bind(from.address)
        .bind(window_start)
        .bind(id)
        .fetch_one(pool)
        .await?;
        let wide: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE net_wide = $1 AND attempted_at > $2 AND id <= $3",
        )
        .bind(from.wide)
        .bind(window_start)
        .bind(id)
        .fetch_one(pool)
        .await?;
        let wider: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE net_wider = $1 AND attempted_at > $2 AND id <= $3",
        )
        .bind(from.wider)
        .bind(window_start)
        .bind(id)
        .fetch_one(pool)
        .await?;
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_known_addresses WHERE email = $1 AND address = $2",
        )
        .bind(&email)
        .bind(from.address)
        .fetch_one(pool)
        .await?;
        let unknown: Counted = sqlx::query_as(
            "SELECT COUNT(*), MAX(CASE WHEN id <> $3 THEN attempted_at END) FROM login_attempts \
             WHERE email = $1 AND attempted_at > $2 AND id <= $3 \
             AND address NOT IN (SELECT address FROM login_known_addresses WHERE email = $1)",
        )
        .bind(&email)
        .bind(window_start)
        .bind(id)
        .fetch_one(pool)
        .await?;
        Ok::<_, sqlx::Error>((id, account_address, address, wide, wider, known > 0, unknown))
    })?;
    let window = at - window_start;
    let since = |p: Option<DateTime<Utc>>| p.map(|p| (at - p).num_milliseconds().max(0));
    let counts = crate::model::auth::AttemptCounts {
        account_address,
        since_previous_ms: since(previous),
        address: address_count,
        address_frees_in_seconds: oldest
            .map(|o| (o + window - at).num_seconds().max(1))
            .unwrap_or(1),
        wide,
        wider,
        address_known: known,
        account_unknown: if known { 0 } else { unknown },
        since_previous_unknown_ms: since(previous_unknown),
    };
    Ok((id, counts))
}

/// An attempt refused before its password was checked: it does not count.
#[tracing::instrument(name = "store.users.forget_login_attempt", skip_all, err(Display))]
pub async fn forget_login_attempt(db: &super::Db, id: i64) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_attempts WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// After a successful login, the account's attempts from that address no
/// longer count.
#[tracing::instrument(name = "store.users.login_succeeded", skip_all, err(Display))]
pub async fn login_succeeded(db: &super::Db, email: &str, address: &str) -> StoreResult<()> {
    let email = normalise_email(email);
    on_db!(db, pool => {
        sqlx::query("DELETE FROM login_attempts WHERE email = $1 AND address = $2")
            .bind(&email)
            .bind(address)
            .execute(pool)
            .await?;
        sqlx::query(
            "INSERT INTO login_known_addresses (email, address, last_at) VALUES ($1, $2, $3) \
             ON CONFLICT (email, address) DO UPDATE SET last_at = $3",
        )
        .bind(&email)
        .bind(address)
        .bind(now())
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Whether someone logged into the account of `email` from `address`
/// before (its attempts are not a stranger's).
#[tracing::instrument(name = "store.users.address_known", skip_all, err(Display))]
pub async fn address_known(db: &super::Db, email: &str, address: &str) -> StoreResult<bool> {
    let email = normalise_email(email);
    let (n,): (i64,) = on_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM login_known_addresses WHERE email = $1 AND address = $2",
    )
    .bind(&email)
    .bind(address)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// Forgets attempts older than `before`; they no longer limit anyone.
#[tracing::instrument(name = "store.users.prune_login_attempts", skip_all, err(Display))]
pub async fn prune_login_attempts(db: &super::Db, before: DateTime<Utc>) -> StoreResult<u64> {
    let done = on_db!(db, pool => sqlx::query("DELETE FROM login_attempts WHERE attempted_at <= $1")
        .bind(before)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    // An address not used for a login in a year is a stranger's again.
    on_db!(db, pool => sqlx::query("DELETE FROM login_known_addresses WHERE last_at <= $1")
        .bind(before - chrono::Duration::days(365))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done)
}

/// The email of a person who has none (a mentee without a device): unique,
/// and never deliverable (`.invalid` is reserved for that, RFC 2606).
pub fn no_email(id: UserId) -> String {
    format!("{id}@no-email.invalid")
}

/// A person who has no email: the email column holds [`no_email`].
pub fn has_email(email: &str) -> bool {
    !email.ends_with("@no-email.invalid")
}

/// Creates a person who cannot log in (no email, no password), in a role.
#[tracing::instrument(name = "store.users.create_without_login", skip_all, err(Display))]
pub async fn create_without_login(
    tx: &mut Tx,
    display_name: &str,
    programme: ProgrammeId,
    role: Role,
) -> StoreResult<UserId> {
    let id = UserId::new();
    let at = now();
    on_tx!(tx, conn => {
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, NULL, $4)",
        )
        .bind(id)
        .bind(no_email(id))
        .bind(display_name.trim())
        .bind(at)
        .execute(&mut *conn)
        .await?;
        sqlx::query("INSERT INTO memberships (user_id, programme_id, role, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(programme)
            .bind(role)
            .bind(at)
            .execute(&mut *conn)
            .await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(id)
}

/// Gives a person who has no login one: email, name, password hash and
/// language. `false`, and nothing changed, when they have a login already
/// (a login is never replaced this way); a taken email is
/// [`StoreError::Duplicate`].
#[tracing::instrument(name = "store.users.set_login", skip_all, err(level = "warn", Display))]
pub async fn set_login(
    tx: &mut Tx,
    user: UserId,
    email: &str,
    display_name: &str,
    password_hash: &str,
    language: &str,
) -> StoreResult<bool> {
    let changed = on_tx!(tx, conn => sqlx::query(
        "UPDATE users SET email = $2, display_name = $3, password_hash = $4, language = $5 \
         WHERE id = $1 AND password_hash IS NULL AND erased_at IS NULL",
    )
    .bind(user)
    .bind(normalise_email(email))
    .bind(display_name.trim())
    .bind(password_hash)
    .bind(language)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::on_unique(e, "a user with this email"))?;
    Ok(changed == 1)
}

/// Replaces a person's password hash.
#[tracing::instrument(name = "store.users.set_password", skip_all, err(Display))]
pub async fn set_password(tx: &mut Tx, user: UserId, password_hash: &str) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1 AND erased_at IS NULL")
        .bind(user)
        .bind(password_hash)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A person's preferences (the defaults for an unknown person).
#[tracing::instrument(name = "store.users.preferences", skip_all, err(Display))]
pub async fn preferences(db: &super::Db, user: UserId) -> StoreResult<AccountPreferences> {
    let row: Option<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT language, email_digest FROM users WHERE id = $1",
    )
    .bind(user)
    .fetch_optional(pool)
    .await)?;
    Ok(
        row.map_or_else(AccountPreferences::default, |(language, digest)| {
            AccountPreferences {
                language: Lang::from_code(&language).unwrap_or_default(),
                digest: DigestFrequency::from_key(&digest).unwrap_or_default(),
            }
        }),
    )
}

/// Keeps a person's preferences.
#[tracing::instrument(name = "store.users.set_preferences", skip_all, err(Display))]
pub async fn set_preferences(
    tx: &mut Tx,
    user: UserId,
    preferences: &AccountPreferences,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE users SET language = $2, email_digest = $3 WHERE id = $1 AND erased_at IS NULL",
    )
    .bind(user)
    .bind(preferences.language.code())
    .bind(preferences.digest.key())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a person's email address (confirmed by a link sent to it); a
/// taken address is [`StoreError::Duplicate`].
#[tracing::instrument(name = "store.users.set_email", skip_all, err(level = "warn", Display))]
pub async fn set_email(tx: &mut Tx, user: UserId, email: &str) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE users SET email = $2 WHERE id = $1 AND erased_at IS NULL")
        .bind(user)
        .bind(normalise_email(email))
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::on_unique(e, "a user with this email"))?;
    Ok(())
}

/// Gives a person a role in a programme, if they do not hold it yet.
#[tracing::instrument(name = "store.users.ensure_membership", skip_all, err(Display))]
pub async fn ensure_membership(
    tx: &mut Tx,
    user: UserId,
    programme: ProgrammeId,
    role: Role,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO memberships (user_id, programme_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, programme_id, role) DO NOTHING",
    )
    .bind(user)
    .bind(programme)
    .bind(role)
    .bind(now())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
