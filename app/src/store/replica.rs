//! A PostgreSQL streaming replica for the reads that can go there
//! (`PB_DATABASE_READ_URL`): the manager's home, the log lists, the
//! programme report, the comparison and the public page.
//!
//! Read-your-writes: after a person's write the server gives them the
//! primary's position in its write-ahead log (a cookie, see
//! [`WriteFloor`]); their reads go to the replica only once it has replayed
//! that far, so their next page shows what they just wrote, whichever
//! server answers it. A replica that is down or lags falls back to the
//! primary, with a warning in the log.

use super::{Db, StoreError, StoreResult};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A position in the primary's write-ahead log (`16/B374D848`), as the
/// cookie carries it: only a well-formed one is believed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteFloor(String);

impl WriteFloor {
    pub fn parse(text: &str) -> Option<WriteFloor> {
        let (high, low) = text.split_once('/')?;
        let hex = |part: &str| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit())
        };
        (hex(high) && hex(low)).then(|| WriteFloor(text.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How far the replica may be behind before reads leave it.
pub const MAX_LAG_BYTES: i64 = 16 * 1024 * 1024;

/// How often the replica's health is checked.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The replica and whether it is fit to read from.
pub struct Replica {
    db: Db,
    healthy: AtomicBool,
}

impl Replica {
    /// Connects to the replica (PostgreSQL only: SQLite has none).
    pub async fn connect(url: &str) -> StoreResult<Replica> {
        if !url.starts_with("postgres") {
            return Err(StoreError::Invalid(
                "PB_DATABASE_READ_URL must be a postgres:// address: a read replica is PostgreSQL's",
            ));
        }
        Ok(Replica {
            db: Db::connect(url).await?,
            healthy: AtomicBool::new(true),
        })
    }

    pub fn is_healthy(&self) -> bool {
        self.healthy.load(Ordering::SeqCst)
    }

    /// Where to read from for a person whose last write is at `floor`:
    /// the replica when it is healthy and has replayed that far, else the
    /// primary.
    pub async fn reads(&self, primary: &Db, floor: Option<&WriteFloor>) -> Db {
        if !self.is_healthy() {
            return primary.clone();
        }
        let Some(floor) = floor else {
            return self.db.clone();
        };
        let Db::Postgres(pool) = &self.db else {
            return primary.clone();
        };
        // NULL when it is not a replica (a primary is never behind itself).
        let caught_up: Result<bool, sqlx::Error> =
            sqlx::query_scalar("SELECT COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, true)")
                .bind(floor.as_str())
                .fetch_one(pool)
                .await;
        match caught_up {
            Ok(true) => self.db.clone(),
            Ok(false) => primary.clone(),
            Err(error) => {
                tracing::warn!(%error, "the read replica did not answer: reading from the primary");
                primary.clone()
            }
        }
    }

    /// Checks the replica against the primary: reachable and at most
    /// [`MAX_LAG_BYTES`] behind. Logs when it becomes unfit or fit again.
    pub async fn check(&self, primary: &Db) {
        let verdict = self.lag_behind(primary).await.and_then(|lag| {
            if lag > MAX_LAG_BYTES {
                Err(format!("it is {lag} bytes behind the primary"))
            } else {
                Ok(())
            }
        });
        let was = self.healthy.swap(verdict.is_ok(), Ordering::SeqCst);
        match (was, verdict) {
            (true, Err(why)) => {
                tracing::warn!(%why, "the read replica is not used: reading from the primary")
            }
            (false, Ok(())) => tracing::warn!("the read replica is used again"),
            _ => {}
        }
    }

    async fn lag_behind(&self, primary: &Db) -> Result<i64, String> {
        let position = write_position(primary)
            .await
            .map_err(|e| format!("the primary did not answer: {e}"))?
            .ok_or("the primary is not PostgreSQL")?;
        let Db::Postgres(pool) = &self.db else {
            return Err("the replica is not PostgreSQL".to_string());
        };
        sqlx::query_scalar(
            "SELECT COALESCE(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::bigint",
        )
        .bind(position.as_str())
        .fetch_one(pool)
        .await
        .map_err(|e| format!("it does not answer: {e}"))
    }

    pub async fn close(&self) {
        self.db.close().await
    }
}

/// The primary's current position in its write-ahead log (`None` on
/// SQLite, which has no replicas).
pub async fn write_position(primary: &Db) -> StoreResult<Option<WriteFloor>> {
    let Db::Postgres(pool) = primary else {
        return Ok(None);
    };
    let text: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
        .fetch_one(pool)
        .await?;
    Ok(WriteFloor::parse(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_log_position_is_believed() {
        assert_eq!(
            WriteFloor::parse("16/b374d848").map(|f| f.as_str().to_string()),
            Some("16/B374D848".to_string())
        );
        for bad in [
            "",
            "16",
            "16/",
            "/1",
            "1/2/3",
            "x/1",
            "123456789/1",
            "1/2'; --",
        ] {
            assert_eq!(WriteFloor::parse(bad), None, "{bad}");
        }
    }
}
