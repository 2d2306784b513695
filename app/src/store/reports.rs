//! Mid-term and final reports (Tools 3 and 4).

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub use super::Inserted;
use super::{revision_rule, New, Write};

/// Stores report revisions by their phone-made ids: a replay stores nothing
/// new, a different report under a known id and revision is reported and
/// never overwrites, a pair has one report of each kind from each side, and
/// revision n + 1 corrects the report at revision n (every revision kept).
#[tracing::instrument(name = "store.reports.insert", skip_all, err(Display))]
pub async fn insert(tx: &mut Tx, items: &[New<'_, Report>]) -> StoreResult<Vec<Inserted>> {
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let id = ReportId::from_uuid(item.id);
        let report = item.record;
        let revision = item.revision as i32;
        let at = now();
        let answers =
            serde_json::to_string(report.answers()).expect("checked answers always serialise");
        let stored = on_tx!(tx, conn => {
            let stored: Option<(String, UserId)> = sqlx::query_as(
                "SELECT content_hash, author_id FROM report_revisions WHERE report_id = $1 AND revision = $2",
            )
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut *conn)
            .await?;
            let current: Option<(PairId, ReportKind, Respondent, i32)> = sqlx::query_as(
                "SELECT pair_id, kind, respondent, revision FROM reports WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            // A correction is of the same report: same pair, kind and side.
            let same_report = current.is_none_or(|(_, kind, respondent, _)| {
                kind == report.kind() && respondent == report.respondent()
            });
            let rule = revision_rule(
                stored.as_ref().map(|(hash, author)| (hash.as_str(), *author)),
                current.map(|(pair, _, _, latest)| (pair, latest, false)),
                (report.pair_id(), revision, item.content_hash, item.author),
            );
            match rule {
                Err(outcome) => outcome,
                Ok(_) if !same_report => Inserted::Conflict,
                Ok(write) => {
                    let changed = if write == Write::Create {
                        sqlx::query(
                            "INSERT INTO reports (id, pair_id, kind, respondent, author_id, answered_on, months, weeks, \
                             answers, content_hash, revision, created_at, on_paper) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING",
                        )
                        .bind(id)
                        .bind(report.pair_id())
                        .bind(report.kind())
                        .bind(report.respondent())
                        .bind(item.author)
                        .bind(report.date())
                        .bind(report.months() as i32)
                        .bind(report.weeks() as i32)
                        .bind(&answers)
                        .bind(item.content_hash)
                        .bind(revision)
                        .bind(at)
                        .bind(report.on_paper())
                        .execute(&mut *conn)
                        .await?
                        .rows_affected()
                    } else {
                        // Only from the revision read above: a correction
                        // made meanwhile by another request wins.
                        sqlx::query(
                            "UPDATE reports SET answered_on = $3, months = $4, weeks = $5, answers = $6, \
                             content_hash = $7, revision = $2 WHERE id = $1 AND revision = $2 - 1",
                        )
                        .bind(id)
                        .bind(revision)
                        .bind(report.date())
                        .bind(report.months() as i32)
                        .bind(report.weeks() as i32)
                        .bind(&answers)
                        .bind(item.content_hash)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected()
                    };
                    match (changed, write) {
                        (1, _) => {
                            sqlx::query(
                                "INSERT INTO report_revisions (report_id, revision, author_id, answered_on, months, \
                                 weeks, answers, content_hash, created_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                            )
                            .bind(id)
                            .bind(revision)
                            .bind(item.author)
                            .bind(report.date())
                            .bind(report.months() as i32)
                            .bind(report.weeks() as i32)
                            .bind(&answers)
                            .bind(item.content_hash)
                            .bind(at)
                            .execute(&mut *conn)
                            .await?;
                            Inserted::New
                        }
                        // The id is new, so the pair's report of this kind
                        // and side exists under another id.
                        (_, Write::Create) => Inserted::Taken,
                        (_, Write::Update) => Inserted::Conflict,
                    }
                }
            }
        });
        outcomes.push(stored);
    }
    Ok(outcomes)
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: ReportId,
    pair_id: PairId,
    kind: ReportKind,
    respondent: Respondent,
    answered_on: NaiveDate,
    months: i32,
    weeks: i32,
    answers: String,
    revision: i32,
    /// The manager who typed in a paper answer.
    on_paper_by: Option<String>,
}

impl ReportRow {
    fn view(self) -> StoreResult<ReportView> {
        let answers: BTreeMap<Question, Answer> = serde_json::from_str(&self.answers)
            .map_err(|e| super::StoreError::Database(sqlx::Error::Decode(Box::new(e))))?;
        Ok(ReportView {
            id: self.id,
            pair_id: self.pair_id,
            kind: self.kind,
            respondent: self.respondent,
            date: self.answered_on,
            months: self.months.max(0) as u32,
            weeks: self.weeks.max(0) as u32,
            answers,
            revision: self.revision.max(1) as u32,
            on_paper_by: self.on_paper_by,
        })
    }
}

/// Every report of one pair, mid-term first, the mentor's before the
/// mentee's. Who may read which is decided by the caller.
#[tracing::instrument(name = "store.reports.of_pair", skip_all, err(Display))]
pub async fn of_pair(db: &super::Db, pair: PairId) -> StoreResult<Vec<ReportView>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, ReportRow>(
        "SELECT r.id, r.pair_id, r.kind, r.respondent, r.answered_on, r.months, r.weeks, r.answers, r.revision, \
         CASE WHEN r.on_paper THEN u.display_name END AS on_paper_by \
         FROM reports r JOIN users u ON u.id = r.author_id \
         WHERE r.pair_id = $1 ORDER BY CASE r.kind WHEN 'midterm' THEN 0 ELSE 1 END, r.respondent",
    )
    .bind(pair)
    .fetch_all(pool)
    .await)?;
    rows.into_iter().map(ReportRow::view).collect()
}

/// The person's own answers, whoever sent them: as a mentor of the pair for
/// the mentor's reports, as its mentee for the mentee's.
#[tracing::instrument(name = "store.reports.own", skip_all, err(Display))]
pub async fn own(db: &super::Db, user: UserId) -> StoreResult<Vec<ReportView>> {
    let sql = format!(
        "SELECT r.id, r.pair_id, r.kind, r.respondent, r.answered_on, r.months, r.weeks, r.answers, r.revision, \
         CASE WHEN r.on_paper THEN u.display_name END AS on_paper_by \
         FROM reports r JOIN pairs p ON p.id = r.pair_id JOIN users u ON u.id = r.author_id \
         WHERE (r.respondent = 'mentor' AND p.mentor_id = $1 AND {MENTOR_MEMBER}) \
         OR (r.respondent = 'mentee' AND p.mentee_id = $1 AND {MENTEE_MEMBER}) \
         ORDER BY r.answered_on DESC, r.id",
        MENTOR_MEMBER = super::pairs::MENTOR_MEMBER,
        MENTEE_MEMBER = super::pairs::MENTEE_MEMBER,
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, ReportRow>(
        &sql
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    rows.into_iter().map(ReportRow::view).collect()
}

/// The earlier versions of a pair's corrected reports, oldest first, with
/// who sent each. Who may read them is decided by the caller.
#[tracing::instrument(name = "store.reports.earlier_of_pair", skip_all, err(Display))]
pub async fn earlier_of_pair(db: &super::Db, pair: PairId) -> StoreResult<Vec<ReportRevisionView>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        report: ReportRow,
        author_name: String,
        created_at: chrono::DateTime<chrono::Utc>,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT r.id, r.pair_id, r.kind, r.respondent, v.answered_on, v.months, v.weeks, v.answers, v.revision, \
         a.display_name AS author_name, v.created_at, \
         CASE WHEN r.on_paper AND v.revision = 1 THEN a.display_name END AS on_paper_by \
         FROM report_revisions v JOIN reports r ON r.id = v.report_id JOIN users a ON a.id = v.author_id \
         WHERE r.pair_id = $1 AND v.revision < r.revision ORDER BY v.created_at, v.revision",
    )
    .bind(pair)
    .fetch_all(pool)
    .await)?;
    rows.into_iter()
        .map(|row| {
            Ok(ReportRevisionView {
                author_name: row.author_name,
                created_at: row.created_at,
                report: row.report.view()?,
            })
        })
        .collect()
}

/// The names of a pair's mentor and mentee.
#[tracing::instrument(name = "store.reports.names", skip_all, err(Display))]
pub async fn names(db: &super::Db, pair: PairId) -> StoreResult<Option<(String, String)>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, (String, String)>(
        "SELECT mentor.display_name, mentee.display_name FROM pairs p \
         JOIN users mentor ON mentor.id = p.mentor_id JOIN users mentee ON mentee.id = p.mentee_id \
         WHERE p.id = $1",
    )
    .bind(pair)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

#[tracing::instrument(name = "store.reports.count", skip_all, err(Display))]
pub async fn count(db: &super::Db) -> StoreResult<i64> {
    let n = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM reports").fetch_one(pool).await)?;
    Ok(n)
}
