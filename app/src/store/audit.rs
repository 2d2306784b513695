//! The audit trail: who read or did what that is confidential, when and
//! from where. Written by the server functions that do it; the app has no
//! way to change or delete a record (coordinators search it).

use super::{now, on_db, StoreResult};
use crate::model::{TextKey, UserId};

pub use crate::model::AuditAction;

/// Records that `user` (nobody, for a failed login of no known account)
/// did `action` to `object` from `ip`.
#[tracing::instrument(name = "store.audit.record", skip_all, err(Display))]
pub async fn record(
    db: &super::Db,
    user: Option<UserId>,
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

/// Records that `user` did `action` to each of `objects` (one statement
/// per hundred).
#[tracing::instrument(name = "store.audit.record_many", skip_all, err(Display))]
pub async fn record_many(
    db: &super::Db,
    user: Option<UserId>,
    action: AuditAction,
    objects: &[String],
    ip: &str,
) -> StoreResult<()> {
    let at = now();
    for chunk in objects.chunks(100) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, $2, $3, $4, $5, ${})", i + 6))
            .collect();
        let sql = format!(
            "INSERT INTO audit_events (at, user_id, action, object_kind, ip, object_id) VALUES {}",
            values.join(", ")
        );
        on_db!(db, pool => {
            let mut query = sqlx::query(&sql)
                .bind(at)
                .bind(user)
                .bind(action.key())
                .bind(action.object_kind())
                .bind(ip);
            for object in chunk {
                query = query.bind(object);
            }
            query.execute(pool).await.map(|_| ())
        })?;
    }
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

/// A value bound to the search's query.
enum Bind {
    Text(String),
    At(chrono::DateTime<chrono::Utc>),
    Int(i64),
    Programme(crate::model::ProgrammeId),
}

#[derive(sqlx::FromRow)]
struct SearchRow {
    id: i64,
    at: chrono::DateTime<chrono::Utc>,
    display_name: Option<String>,
    email: Option<String>,
    action: String,
    object_kind: String,
    object_id: String,
    ip: String,
}

/// The records `filter` finds, newest first, a page at a time: those of
/// the people of `programmes` and those of nobody (failed logins of no
/// known account).
#[tracing::instrument(name = "store.audit.search", skip_all, err(Display))]
pub async fn search(
    db: &super::Db,
    programmes: &[crate::model::ProgrammeId],
    filter: &crate::model::AuditFilter,
) -> StoreResult<crate::model::AuditPage> {
    use crate::model::{AuditPage, AuditRow, PersonRef};
    let page = crate::model::limits::AUDIT_PAGE_SIZE;
    let mut binds: Vec<Bind> = Vec::new();
    let next = |bind: Bind, binds: &mut Vec<Bind>| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    let mut conditions = Vec::new();
    let people = if programmes.is_empty() {
        "NULL".to_string()
    } else {
        programmes
            .iter()
            .map(|p| next(Bind::Programme(*p), &mut binds))
            .collect::<Vec<_>>()
            .join(", ")
    };
    conditions.push(format!(
        "(e.user_id IS NULL OR e.user_id IN (SELECT user_id FROM memberships WHERE programme_id IN ({people})))"
    ));
    if let Some(action) = filter.action {
        let p = next(Bind::Text(action.key().to_string()), &mut binds);
        conditions.push(format!("e.action = {p}"));
    }
    if let Some(email) = &filter.email {
        let p = next(Bind::Text(email.clone()), &mut binds);
        conditions.push(format!("LOWER(u.email) = {p}"));
    }
    if let Some(object) = &filter.object {
        // A person is written `user:ID` in some records and `ID` in others.
        let bare = match PersonRef::parse(object) {
            Some(PersonRef::User(id)) => id.to_string(),
            Some(PersonRef::Candidate(id)) => id.to_string(),
            None => object.clone(),
        };
        let a = next(Bind::Text(object.clone()), &mut binds);
        let b = next(Bind::Text(bare), &mut binds);
        conditions.push(format!("(e.object_id = {a} OR e.object_id = {b})"));
    }
    if let Some(from) = filter.from {
        let p = next(
            Bind::At(from.and_time(chrono::NaiveTime::MIN).and_utc()),
            &mut binds,
        );
        conditions.push(format!("e.at >= {p}"));
    }
    if let Some(to) = filter.to {
        let end = to
            .succ_opt()
            .unwrap_or(to)
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let p = next(Bind::At(end), &mut binds);
        conditions.push(format!("e.at < {p}"));
    }
    if let Some(before) = filter.before {
        let p = next(Bind::Int(before), &mut binds);
        conditions.push(format!("e.id < {p}"));
    }
    let sql = format!(
        "SELECT e.id, e.at, u.display_name, u.email, e.action, e.object_kind, e.object_id, e.ip \
         FROM audit_events e LEFT JOIN users u ON u.id = e.user_id WHERE {} ORDER BY e.id DESC LIMIT {}",
        conditions.join(" AND "),
        page + 1
    );
    let rows: Vec<SearchRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as::<_, SearchRow>(&sql);
        for bind in &binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::At(at) => query.bind(*at),
                Bind::Int(n) => query.bind(*n),
                Bind::Programme(p) => query.bind(*p),
            };
        }
        query.fetch_all(pool).await
    })?;
    let more_before = (rows.len() > page).then(|| rows[page - 1].id);
    let rows = rows
        .into_iter()
        .take(page)
        .filter_map(|r| {
            Some(AuditRow {
                id: r.id,
                at: r.at,
                who: r.display_name.zip(r.email),
                // A record of an action this version does not know is not
                // shown rather than shown wrong.
                action: <crate::model::AuditAction as TextKey>::from_key(&r.action)?,
                object_kind: r.object_kind,
                object_id: r.object_id,
                ip: r.ip,
            })
        })
        .collect();
    Ok(AuditPage { rows, more_before })
}
