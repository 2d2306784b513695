//! Meeting logs (Tool 2) and the aggregates built from them.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;

const VIEW: &str = "SELECT l.id, l.pair_id, mentor.display_name AS mentor_name, \
     mentee.display_name AS mentee_name, l.meeting_date AS date, l.form, l.duration_minutes, \
     l.description, l.went_well_next_steps, l.challenge_text AS challenge, l.created_at, \
     l.revision, l.withdrawn_reason \
     FROM meeting_logs l \
     JOIN pairs p ON p.id = l.pair_id \
     JOIN users mentor ON mentor.id = p.mentor_id \
     JOIN users mentee ON mentee.id = p.mentee_id";

const NEWEST_FIRST: &str = "ORDER BY l.meeting_date DESC, l.created_at DESC, l.id DESC";

/// Whose logs a search looks through.
#[derive(Clone, Copy, Debug)]
pub enum LogScope {
    /// The pairs of the programmes this person manages.
    Manager(UserId),
    /// This mentor's pairs, while they mentor in the pair's programme.
    Mentor(UserId),
}

/// A value bound to the log search's query.
enum Bind {
    User(UserId),
    Pair(PairId),
    Log(MeetingLogId),
    Date(chrono::NaiveDate),
    At(chrono::DateTime<chrono::Utc>),
    Text(String),
}

/// The logs of `scope` that `filter` finds, newest first, `page` at a
/// time: the page, and the cursor of the next one if there is more.
#[tracing::instrument(name = "store.meetings.search", skip_all, err(Display))]
pub async fn search(
    db: &super::Db,
    scope: LogScope,
    filter: &LogFilter,
    page: usize,
) -> StoreResult<(Vec<MeetingLogView>, Option<LogCursor>)> {
    let mut binds: Vec<Bind> = Vec::new();
    let mut next = |bind: Bind| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    let mut conditions = vec![match scope {
        LogScope::Manager(manager) => format!(
            "p.programme_id IN (SELECT programme_id FROM memberships WHERE user_id = {} AND role = 'manager')",
            next(Bind::User(manager))
        ),
        LogScope::Mentor(mentor) => format!(
            "p.mentor_id = {} AND {}",
            next(Bind::User(mentor)),
            super::pairs::MENTOR_MEMBER
        ),
    }];
    if let Some(pair) = filter.pair {
        conditions.push(format!("l.pair_id = {}", next(Bind::Pair(pair))));
    }
    if let Some(mentor) = filter.mentor {
        conditions.push(format!("p.mentor_id = {}", next(Bind::User(mentor))));
    }
    if let Some(mentee) = filter.mentee {
        conditions.push(format!("p.mentee_id = {}", next(Bind::User(mentee))));
    }
    if let Some(from) = filter.from {
        conditions.push(format!("l.meeting_date >= {}", next(Bind::Date(from))));
    }
    if let Some(to) = filter.to {
        conditions.push(format!("l.meeting_date <= {}", next(Bind::Date(to))));
    }
    if let Some(form) = filter.form {
        conditions.push(format!(
            "l.form = {}",
            next(Bind::Text(form.key().to_string()))
        ));
    }
    if filter.challenge {
        conditions.push("l.has_challenge".to_string());
    }
    if !filter.words.is_empty() {
        // Each word found at the start of a word, every word in the log.
        // The words are letters and digits only (`search_words`): nothing
        // in them is the search syntax of either engine.
        conditions.push(match db {
            super::Db::Sqlite(_) => {
                let text = filter
                    .words
                    .iter()
                    .map(|w| format!("\"{w}\"*"))
                    .collect::<Vec<_>>()
                    .join(" ");
                format!(
                    "l.id IN (SELECT w.log_id FROM meeting_logs_fts f \
                     JOIN meeting_log_words w ON w.n = f.rowid WHERE meeting_logs_fts MATCH {})",
                    next(Bind::Text(text))
                )
            }
            super::Db::Postgres(_) => {
                let text = filter
                    .words
                    .iter()
                    .map(|w| format!("{w}:*"))
                    .collect::<Vec<_>>()
                    .join(" & ");
                format!(
                    "l.words @@ to_tsquery('pb_words', {})",
                    next(Bind::Text(text))
                )
            }
        });
    }
    if let Some(after) = filter.after {
        let (date, at, id) = (
            next(Bind::Date(after.date)),
            next(Bind::At(after.created_at)),
            next(Bind::Log(after.id)),
        );
        conditions.push(format!(
            "(l.meeting_date, l.created_at, l.id) < ({date}, {at}, {id})"
        ));
    }
    let sql = if filter.words.is_empty() {
        // Newest first along the index, stopping at the page's end.
        format!(
            "{VIEW} WHERE {} {NEWEST_FIRST} LIMIT {}",
            conditions.join(" AND "),
            page + 1
        )
    } else {
        // Words first: every log of the search that has them (through the
        // words' index, or the pairs' logs when they are fewer), then the
        // newest of those. Walking the newest-first index instead reads
        // every log of the network before finding a rare word
        // (bench-scale: 2.3 s at a million logs).
        format!(
            "WITH found AS MATERIALIZED (SELECT l.id, l.meeting_date, l.created_at \
             FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id WHERE {}) \
             {VIEW} JOIN (SELECT id FROM found \
             ORDER BY meeting_date DESC, created_at DESC, id DESC LIMIT {}) f ON f.id = l.id \
             {NEWEST_FIRST}",
            conditions.join(" AND "),
            page + 1
        )
    };
    let mut rows = on_db!(db, pool => {
        let mut query = sqlx::query_as::<_, MeetingLogView>(&sql);
        for bind in &binds {
            query = match bind {
                Bind::User(id) => query.bind(*id),
                Bind::Pair(id) => query.bind(*id),
                Bind::Log(id) => query.bind(*id),
                Bind::Date(date) => query.bind(*date),
                Bind::At(at) => query.bind(*at),
                Bind::Text(text) => query.bind(text.clone()),
            };
        }
        query.fetch_all(pool).await
    })?;
    let more = rows.len() > page;
    rows.truncate(page);
    let next = if more {
        rows.last().map(LogCursor::of)
    } else {
        None
    };
    with_goals(db, &mut rows).await?;
    Ok((rows, next))
}

pub use super::Inserted;
use super::{revision_rule, New, Write};

/// Stores log revisions by their client-made ids: revision 1 makes the log,
/// revision n + 1 corrects (or withdraws) a log at revision n; a replay
/// stores nothing new, and a different log under a known id and revision is
/// reported and never overwrites. Every revision is kept for the history.
#[tracing::instrument(name = "store.meetings.insert", skip_all, err(Display))]
pub async fn insert(tx: &mut Tx, items: &[New<'_, MeetingLog>]) -> StoreResult<Vec<Inserted>> {
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let id = MeetingLogId::from_uuid(item.id);
        let at = now();
        let log = item.record;
        let revision = item.revision as i32;
        let challenge = log.challenge();
        let goals = serde_json::to_string(&MeetingLogInput::from(log).goals)
            .expect("goals always serialise");
        let outcome = on_tx!(tx, conn => {
            let stored: Option<(String, UserId)> = sqlx::query_as(
                "SELECT content_hash, author_id FROM meeting_log_revisions WHERE log_id = $1 AND revision = $2",
            )
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut *conn)
            .await?;
            let current: Option<(PairId, i32, Option<String>)> = sqlx::query_as(
                "SELECT pair_id, revision, withdrawn_reason FROM meeting_logs WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let rule = revision_rule(
                stored.as_ref().map(|(hash, author)| (hash.as_str(), *author)),
                current.as_ref().map(|(pair, latest, withdrawn)| (*pair, *latest, withdrawn.is_some())),
                (log.pair_id(), revision, item.content_hash, item.author),
            );
            match rule {
                Err(outcome) => outcome,
                Ok(write) => {
                    let changed = if write == Write::Create {
                        sqlx::query(
                            "INSERT INTO meeting_logs (id, pair_id, author_id, meeting_date, form, duration_minutes, \
                             description, went_well_next_steps, has_challenge, challenge_text, content_hash, \
                             revision, withdrawn_reason, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
                             ON CONFLICT (id) DO NOTHING",
                        )
                        .bind(id)
                        .bind(log.pair_id())
                        .bind(item.author)
                        .bind(log.date())
                        .bind(log.form())
                        .bind(log.duration_minutes() as i32)
                        .bind(log.description())
                        .bind(log.went_well_next_steps())
                        .bind(challenge.is_some())
                        .bind(challenge)
                        .bind(item.content_hash)
                        .bind(revision)
                        .bind(log.withdrawn_reason())
                        .bind(at)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected()
                    } else {
                        // Only from the revision read above: a change made
                        // meanwhile by another request wins, this one conflicts.
                        sqlx::query(
                            "UPDATE meeting_logs SET meeting_date = $3, form = $4, duration_minutes = $5, \
                             description = $6, went_well_next_steps = $7, has_challenge = $8, challenge_text = $9, \
                             content_hash = $10, revision = $2, withdrawn_reason = $11, updated_at = $12 \
                             WHERE id = $1 AND revision = $2 - 1",
                        )
                        .bind(id)
                        .bind(revision)
                        .bind(log.date())
                        .bind(log.form())
                        .bind(log.duration_minutes() as i32)
                        .bind(log.description())
                        .bind(log.went_well_next_steps())
                        .bind(challenge.is_some())
                        .bind(challenge)
                        .bind(item.content_hash)
                        .bind(log.withdrawn_reason())
                        .bind(at)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected()
                    };
                    if changed == 1 {
                        sqlx::query(
                            "INSERT INTO meeting_log_revisions (log_id, revision, author_id, meeting_date, form, \
                             duration_minutes, description, went_well_next_steps, challenge_text, goals, \
                             withdrawn_reason, content_hash, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                        )
                        .bind(id)
                        .bind(revision)
                        .bind(item.author)
                        .bind(log.date())
                        .bind(log.form())
                        .bind(log.duration_minutes() as i32)
                        .bind(log.description())
                        .bind(log.went_well_next_steps())
                        .bind(challenge)
                        .bind(&goals)
                        .bind(log.withdrawn_reason())
                        .bind(item.content_hash)
                        .bind(at)
                        .execute(&mut *conn)
                        .await?;
                        if write == Write::Update {
                            // The goals worked on are the current revision's.
                            sqlx::query("DELETE FROM meeting_log_goals WHERE log_id = $1")
                                .bind(id)
                                .execute(&mut *conn)
                                .await?;
                        }
                        Inserted::New
                    } else {
                        Inserted::Conflict
                    }
                }
            }
        });
        if outcome == Inserted::New {
            super::goals::record_work(tx, id, log.goals()).await?;
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Every revision of a log, oldest first, with who sent each: the history
/// its manager reads.
#[tracing::instrument(name = "store.meetings.revisions", skip_all, err(Display))]
pub async fn revisions(db: &super::Db, log: MeetingLogId) -> StoreResult<Vec<MeetingLogRevision>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        revision: i32,
        author_name: String,
        created_at: chrono::DateTime<chrono::Utc>,
        date: chrono::NaiveDate,
        form: MeetingForm,
        duration_minutes: i32,
        description: String,
        went_well_next_steps: String,
        challenge: Option<String>,
        goals: Option<String>,
        withdrawn_reason: Option<String>,
    }
    let Some(current) = find(db, log).await? else {
        return Ok(Vec::new());
    };
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT r.revision, a.display_name AS author_name, r.created_at, r.meeting_date AS date, r.form, \
         r.duration_minutes, r.description, r.went_well_next_steps, r.challenge_text AS challenge, r.goals, \
         r.withdrawn_reason \
         FROM meeting_log_revisions r JOIN users a ON a.id = r.author_id \
         WHERE r.log_id = $1 ORDER BY r.revision",
    )
    .bind(log)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|row| MeetingLogRevision {
            revision: row.revision as u32,
            author_name: row.author_name,
            created_at: row.created_at,
            log: MeetingLogView {
                date: row.date,
                form: row.form,
                duration_minutes: row.duration_minutes as u32,
                description: row.description,
                went_well_next_steps: row.went_well_next_steps,
                challenge: row.challenge,
                created_at: row.created_at,
                revision: row.revision as u32,
                withdrawn_reason: row.withdrawn_reason,
                // Not kept for the logs stored before corrections existed.
                goals: row
                    .goals
                    .and_then(|json| serde_json::from_str(&json).ok())
                    .unwrap_or_default(),
                ..current.clone()
            },
        })
        .collect())
}

/// One log as stored now, with its goals.
#[tracing::instrument(name = "store.meetings.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, log: MeetingLogId) -> StoreResult<Option<MeetingLogView>> {
    let sql = format!("{VIEW} WHERE l.id = $1");
    let row = on_db!(db, pool => sqlx::query_as::<_, MeetingLogView>(&sql)
        .bind(log)
        .fetch_optional(pool)
        .await)?;
    let mut rows: Vec<MeetingLogView> = row.into_iter().collect();
    with_goals(db, &mut rows).await?;
    Ok(rows.pop())
}

/// Reads the goals each log worked on into it.
async fn with_goals(db: &super::Db, logs: &mut [MeetingLogView]) -> StoreResult<()> {
    if logs.is_empty() {
        return Ok(());
    }
    // Only the logs that name goals have rows; one query for the list.
    let rows: Vec<(MeetingLogId, GoalId, GoalProgress)> = on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT log_id, goal_id, progress FROM meeting_log_goals WHERE log_id IN (",
        );
        let mut list = query.separated(", ");
        for log in logs.iter() {
            list.push_bind(log.id);
        }
        query.push(") ORDER BY goal_id");
        query.build_query_as().fetch_all(pool).await
    })?;
    for (log, goal, progress) in rows {
        if let Some(view) = logs.iter_mut().find(|l| l.id == log) {
            view.goals.push(GoalWorkInput {
                goal_id: goal.to_string(),
                progress: progress.key().to_string(),
            });
        }
    }
    Ok(())
}

#[tracing::instrument(name = "store.meetings.count", skip_all, err(Display))]
pub async fn count(db: &super::Db) -> StoreResult<i64> {
    let n = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM meeting_logs").fetch_one(pool).await)?;
    Ok(n)
}

/// Aggregates of the programmes the person coordinates: counts, never content.
#[tracing::instrument(name = "store.meetings.stats_for_coordinator", skip_all, err(Display))]
pub async fn stats_for_coordinator(
    db: &super::Db,
    coordinator: UserId,
) -> StoreResult<Vec<ProgrammeStats>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, ProgrammeStats>(
        "SELECT pr.id AS programme_id, pr.name AS programme_name, o.name AS organisation_name, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = pr.id AND p.status = 'active' \
            AND p.confirmed_on IS NOT NULL) AS active_pairs, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = pr.id AND p.status = 'ended') AS ended_pairs, \
         (SELECT COUNT(DISTINCT p.mentor_id) FROM pairs p WHERE p.programme_id = pr.id) AS mentors, \
         (SELECT COUNT(DISTINCT p.mentee_id) FROM pairs p WHERE p.programme_id = pr.id) AS mentees, \
         (SELECT COUNT(*) FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id WHERE p.programme_id = pr.id \
            AND l.withdrawn_reason IS NULL) AS meetings, \
         (SELECT COALESCE(SUM(l.duration_minutes), 0) FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id \
            WHERE p.programme_id = pr.id AND l.withdrawn_reason IS NULL) AS meeting_minutes, \
         (SELECT COUNT(*) FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id \
            WHERE p.programme_id = pr.id AND l.has_challenge AND l.withdrawn_reason IS NULL) AS meetings_with_challenge \
         FROM programmes pr JOIN organisations o ON o.id = pr.organisation_id \
         WHERE pr.id IN (SELECT programme_id FROM memberships WHERE user_id = $1 AND role = 'coordinator') \
         ORDER BY o.name, pr.name",
    )
    .bind(coordinator)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}
