//! All SQL lives here (server only). One function per use case; runtime
//! checked queries with `$N` placeholders that both engines understand; a
//! transaction wherever several writes belong together.
//!
//! One binary serves both engines: [`Db`] holds either pool and [`on_db!`]
//! compiles each query body once per engine, so every query is written once.

mod sql_types;

pub mod account_links;
pub mod audit;
pub mod concerns;
pub mod dashboard;
pub mod demo;
pub mod engagement;
pub mod goals;
pub mod invitations;
pub mod journey;
pub mod matching;
pub mod meetings;
pub mod notifications;
pub mod office;
pub mod pairs;
pub mod privacy;
pub mod programme_report;
pub mod programmes;
pub mod recruitment;
pub mod replica;
pub mod reports;
pub mod screening;
pub mod secret;
pub mod sessions;
pub mod supervision;
pub mod training;
pub mod two_step;
pub mod users;

use crate::model::{PairId, UserId};
use chrono::{DateTime, SubsecRound, Utc};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// The database, whichever engine `DATABASE_URL` chose.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool of either engine.
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite($pool) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// A transaction on either engine: the writes of one use case commit
/// together or not at all.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's connection.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::store::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::store::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

impl Tx {
    #[tracing::instrument(name = "store.commit", skip_all, err(Display))]
    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("DATABASE_URL must start with sqlite: or postgres:, not {0:?}")]
    UnsupportedUrl(String),
    #[error("could not create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A value in the database that the server can not use (it says which).
    #[error("{0}")]
    Invalid(&'static str),
}

impl StoreError {
    /// Maps a unique-constraint violation to [`StoreError::Duplicate`].
    pub(crate) fn on_unique(error: sqlx::Error, what: &'static str) -> StoreError {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(what),
            _ => StoreError::Database(error),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A checked record on its way into the database, as a phone sent it
/// (its id made on the phone, its revision and content hash).
pub struct New<'a, R> {
    pub id: uuid::Uuid,
    pub revision: u32,
    pub author: UserId,
    pub record: &'a R,
    pub content_hash: &'a str,
}

/// What became of one revision sent to be stored (a goal's, a meeting
/// log's or a report's: each is changed by numbered revisions under a
/// phone-made id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored now.
    New,
    /// This revision, with this content and author, was stored before.
    Again,
    /// Another content is stored as this revision, or the id belongs to
    /// another pair's; nothing was overwritten.
    Conflict,
    /// A change whose previous revision is not stored.
    MissingRevision,
    /// A change of something withdrawn.
    Withdrawn,
    /// The pair already has this report from this side, under another id
    /// (reports only).
    Taken,
}

/// How a revision that is not stored yet goes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// Revision 1: a new row.
    Create,
    /// Revision n + 1 of a row at revision n.
    Update,
}

/// The one rule of numbered revisions, given what is stored: the revision
/// itself (its hash and author), and the row now (its pair, revision, and
/// whether it is withdrawn).
pub fn revision_rule(
    stored: Option<(&str, UserId)>,
    current: Option<(PairId, i32, bool)>,
    sent: (PairId, i32, &str, UserId),
) -> Result<Write, Inserted> {
    let (pair, revision, hash, author) = sent;
    match (stored, current) {
        (Some((stored_hash, stored_author)), _) => {
            Err(if stored_hash == hash && stored_author == author {
                Inserted::Again
            } else {
                Inserted::Conflict
            })
        }
        (None, Some((stored_pair, _, _))) if stored_pair != pair => Err(Inserted::Conflict),
        (None, Some((_, latest, _))) if latest + 1 != revision => Err(Inserted::MissingRevision),
        (None, Some((_, _, true))) => Err(Inserted::Withdrawn),
        (None, Some(_)) => Ok(Write::Update),
        (None, None) if revision != 1 => Err(Inserted::MissingRevision),
        (None, None) => Ok(Write::Create),
    }
}

/// The current time as stored: UTC, to the millisecond.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

/// Creates `folder` (and its parents) readable by its owner only (mode
/// 0700 on Unix); an existing folder is made so too (a copy of the
/// database, or of the server secret, is for the server's user only).
pub(crate) fn create_private_folder(folder: &std::path::Path) -> std::io::Result<()> {
    if folder.is_dir() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder)?.permissions().mode();
            // (A shared folder with the sticky bit, as /tmp, is not ours to
            // close.)
            if mode & 0o077 != 0 && mode & 0o1000 == 0 {
                std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
            }
        }
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

impl Db {
    /// Opens a pool for `url`: `sqlite:path/to/file.db` (created if missing,
    /// in a folder only its owner may open; WAL mode, every commit on disk
    /// before it is acknowledged) or `postgres://…`.
    pub async fn connect(url: &str) -> StoreResult<Db> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a log the server acknowledged survives a power cut;
                // the phone forgets it a week after the acknowledgement.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            if let Some(folder) = options.get_filename().parent() {
                if !folder.as_os_str().is_empty() {
                    create_private_folder(folder).map_err(|source| StoreError::Folder {
                        path: folder.display().to_string(),
                        source,
                    })?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                // An embedded database's connection does not drop: a ping
                // before every use (a round trip to its thread) only costs
                // (measured by make bench-http).
                .test_before_acquire(false)
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::UnsupportedUrl(url.chars().take(40).collect()))
        }
    }

    /// Writes a consistent copy of the whole SQLite database to `path` (a
    /// new file) while the app may be writing, and returns its size.
    /// PostgreSQL has its own tools (`pg_dump`): [`StoreError::UnsupportedUrl`].
    pub async fn backup_into(&self, path: &std::path::Path) -> StoreResult<u64> {
        let Db::Sqlite(pool) = self else {
            return Err(StoreError::UnsupportedUrl("postgres".into()));
        };
        // Made empty first, readable by its owner only: the copy holds
        // everyone's data (SQLite fills an empty file).
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(path).map_err(|source| StoreError::Folder {
            path: path.display().to_string(),
            source,
        })?;
        let target = path.to_string_lossy().replace('\'', "''");
        sqlx::query(&format!("VACUUM INTO '{target}'"))
            .execute(pool)
            .await?;
        let size =
            std::fs::metadata(path)
                .map(|m| m.len())
                .map_err(|source| StoreError::Folder {
                    path: path.display().to_string(),
                    source,
                })?;
        Ok(size)
    }

    /// Applies the migrations of this engine that are not applied yet.
    #[tracing::instrument(name = "store.migrate", skip_all, err(Display))]
    pub async fn migrate(&self) -> StoreResult<()> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// A transaction for writes. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then
    /// writes cannot wait for another writer (SQLite answers "database is
    /// locked" at once, whatever the busy timeout), while one that asks for
    /// the lock first waits its turn. 200 mentors syncing at once got 500s
    /// before (`make bench-load`).
    #[tracing::instrument(name = "store.begin", skip_all, err(Display))]
    pub async fn begin(&self) -> StoreResult<Tx> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Whether this server may take requests: the database answers and
    /// every migration this build knows of is applied (`Err` says why
    /// not). A server whose database another, newer server migrated is
    /// ready too; one that a migration is missing from is not.
    pub async fn ready(&self) -> Result<(), String> {
        let migrator = match self {
            Db::Sqlite(_) => sqlx::migrate!("./migrations/sqlite"),
            Db::Postgres(_) => sqlx::migrate!("./migrations/postgres"),
        };
        let applied: Vec<i64> = on_db!(self, pool => sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success"
        )
        .fetch_all(pool)
        .await)
        .map_err(|error| format!("the database does not answer: {error}"))?;
        let missing = migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .filter(|m| !applied.contains(&m.version))
            .count();
        if missing > 0 {
            return Err(format!("{missing} migrations are not applied"));
        }
        Ok(())
    }

    /// Connections the pool holds, and of those the idle ones.
    pub fn pool_use(&self) -> (u32, usize) {
        on_db!(self, pool => (pool.size(), pool.num_idle()))
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}
