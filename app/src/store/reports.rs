//! Mid-term and final reports (Tools 3 and 4).

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A checked report on its way into the database.
pub struct NewReport<'a> {
    pub id: ReportId,
    pub author: UserId,
    pub report: &'a Report,
    pub content_hash: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored now.
    New,
    /// The same report (same id, author and content) was stored before.
    Again,
    /// Another report is stored under this id; it was left as it was.
    Conflict,
    /// The pair already has this report from this side, under another id.
    Taken,
}

/// Stores reports by their phone-made ids: a replay stores nothing new, a
/// different report under a known id is reported and never overwrites, and a
/// pair has one report of each kind from each side.
#[tracing::instrument(name = "store.reports.insert", skip_all, err(Display))]
pub async fn insert(tx: &mut Tx, items: &[NewReport<'_>]) -> StoreResult<Vec<Inserted>> {
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let report = item.report;
        let answers =
            serde_json::to_string(report.answers()).expect("checked answers always serialise");
        let stored = on_tx!(tx, conn => {
            let inserted = sqlx::query(
                "INSERT INTO reports (id, pair_id, kind, respondent, author_id, answered_on, months, weeks, \
                 answers, content_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
            )
            .bind(item.id)
            .bind(report.pair_id())
            .bind(report.kind())
            .bind(report.respondent())
            .bind(item.author)
            .bind(report.date())
            .bind(report.months() as i32)
            .bind(report.weeks() as i32)
            .bind(&answers)
            .bind(item.content_hash)
            .bind(now())
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if inserted == 1 {
                Inserted::New
            } else {
                let existing: Option<(String, UserId)> =
                    sqlx::query_as("SELECT content_hash, author_id FROM reports WHERE id = $1")
                        .bind(item.id)
                        .fetch_optional(&mut *conn)
                        .await?;
                match existing {
                    Some((hash, author)) if hash == item.content_hash && author == item.author => Inserted::Again,
                    Some(_) => Inserted::Conflict,
                    None => Inserted::Taken,
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
        })
    }
}

/// Every report of one pair, mid-term first, the mentor's before the
/// mentee's. Who may read which is decided by the caller.
#[tracing::instrument(name = "store.reports.of_pair", skip_all, err(Display))]
pub async fn of_pair(db: &super::Db, pair: PairId) -> StoreResult<Vec<ReportView>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, ReportRow>(
        "SELECT id, pair_id, kind, respondent, answered_on, months, weeks, answers FROM reports \
         WHERE pair_id = $1 ORDER BY CASE kind WHEN 'midterm' THEN 0 ELSE 1 END, respondent",
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
    let rows = on_db!(db, pool => sqlx::query_as::<_, ReportRow>(
        "SELECT r.id, r.pair_id, r.kind, r.respondent, r.answered_on, r.months, r.weeks, r.answers \
         FROM reports r JOIN pairs p ON p.id = r.pair_id \
         WHERE (r.respondent = 'mentor' AND p.mentor_id = $1) OR (r.respondent = 'mentee' AND p.mentee_id = $1) \
         ORDER BY r.answered_on DESC, r.id",
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    rows.into_iter().map(ReportRow::view).collect()
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

/// When each report of a mentor's pairs was answered (never what).
#[tracing::instrument(name = "store.reports.answered_of_mentor", skip_all, err(Display))]
pub async fn answered_of_mentor(
    db: &super::Db,
    mentor: UserId,
) -> StoreResult<Vec<(PairId, ReportKind, Respondent, NaiveDate)>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, (PairId, ReportKind, Respondent, NaiveDate)>(
        "SELECT r.pair_id, r.kind, r.respondent, r.answered_on FROM reports r \
         JOIN pairs p ON p.id = r.pair_id WHERE p.mentor_id = $1",
    )
    .bind(mentor)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

#[tracing::instrument(name = "store.reports.count", skip_all, err(Display))]
pub async fn count(db: &super::Db) -> StoreResult<i64> {
    let n = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM reports").fetch_one(pool).await)?;
    Ok(n)
}
