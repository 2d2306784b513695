//! The audit trail: who read or did what that is confidential, when and
//! from where. Written by the server functions that do it; never changed
//! from the app.

use super::{now, on_db, StoreResult};
use crate::model::UserId;

/// What was done, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    /// A manager or coordinator read a safeguarding concern.
    ReadConcern,
    /// A manager or coordinator read a mentor candidate's screening.
    ReadScreening,
}

impl AuditAction {
    pub fn key(self) -> &'static str {
        match self {
            AuditAction::ReadConcern => "read_concern",
            AuditAction::ReadScreening => "read_screening",
        }
    }

    fn object_kind(self) -> &'static str {
        match self {
            AuditAction::ReadConcern => "concern",
            AuditAction::ReadScreening => "candidate",
        }
    }
}

/// Records that `user` did `action` to `object` from `ip`.
#[tracing::instrument(name = "store.audit.record", skip_all, err(Display))]
pub async fn record(
    db: &super::Db,
    user: UserId,
    action: AuditAction,
    object: &str,
    ip: &str,
) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO audit_events (at, user_id, action, object_kind, object_id, ip) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now())
    .bind(user)
    .bind(action.key())
    .bind(action.object_kind())
    .bind(object)
    .bind(ip)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// One record of the trail.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user_id: Option<UserId>,
    pub action: String,
    pub object_id: String,
}

/// The records about one object, oldest first.
#[tracing::instrument(name = "store.audit.of_object", skip_all, err(Display))]
pub async fn of_object(db: &super::Db, kind: &str, object: &str) -> StoreResult<Vec<AuditEvent>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, AuditEvent>(
        "SELECT at, user_id, action, object_id FROM audit_events WHERE object_kind = $1 AND object_id = $2 \
         ORDER BY at, id",
    )
    .bind(kind)
    .bind(object)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}
