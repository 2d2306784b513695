//! What the manager's home shows of every pair: one query for the pairs of
//! the person's programmes with their meetings, open challenges and open
//! concerns counted by the database, one for the reports answered.

use super::{on_db, StoreResult};
use crate::model::*;
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct FactsRow {
    id: PairId,
    programme_id: ProgrammeId,
    programme_name: String,
    mentor_id: UserId,
    mentor_name: String,
    mentee_name: String,
    status: PairStatus,
    started_on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
    planned_end_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    meetings_expected: MeetingFrequency,
    quiet_days: i32,
    meetings: i64,
    minutes: i64,
    last_meeting_on: Option<NaiveDate>,
    open_challenges: i64,
    open_concerns: i64,
    end_asked_on: Option<NaiveDate>,
}

/// The pairs of the programmes `manager` manages (of one programme if
/// given).
const MANAGED: &str =
    "SELECT programme_id FROM memberships WHERE user_id = $1 AND role = 'manager'";

fn facts_sql(pairs: &str) -> String {
    format!(
        "SELECT p.id, p.programme_id, pr.name AS programme_name, p.mentor_id, \
         mentor.display_name AS mentor_name, mentee.display_name AS mentee_name, \
         {status} AS status, p.started_on, p.confirmed_on, p.planned_end_on, p.ended_on, p.end_asked_on, \
         pr.meetings AS meetings_expected, pr.quiet_days, \
         COALESCE(l.meetings, 0) AS meetings, COALESCE(l.minutes, 0) AS minutes, l.last_meeting_on, \
         COALESCE(ch.open, 0) AS open_challenges, COALESCE(c.open, 0) AS open_concerns \
         FROM pairs p \
         JOIN programmes pr ON pr.id = p.programme_id \
         JOIN users mentor ON mentor.id = p.mentor_id \
         JOIN users mentee ON mentee.id = p.mentee_id \
         LEFT JOIN (SELECT pair_id, COUNT(*) AS meetings, SUM(duration_minutes) AS minutes, \
             MAX(meeting_date) AS last_meeting_on FROM meeting_logs \
             WHERE withdrawn_reason IS NULL AND pair_id IN ({pairs}) GROUP BY pair_id) l ON l.pair_id = p.id \
         LEFT JOIN (SELECT ml.pair_id, COUNT(*) AS open FROM meeting_logs ml \
             WHERE ml.has_challenge AND ml.withdrawn_reason IS NULL AND ml.pair_id IN ({pairs}) \
             AND NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.log_id = ml.id AND a.discussed) \
             GROUP BY ml.pair_id) ch ON ch.pair_id = p.id \
         LEFT JOIN (SELECT pair_id, COUNT(*) AS open FROM concerns \
             WHERE acknowledged_at IS NULL AND pair_id IN ({pairs}) GROUP BY pair_id) c ON c.pair_id = p.id \
         WHERE p.id IN ({pairs})",
        status = super::pairs::STATUS,
    )
}

/// Every pair of the programmes `manager` manages, with its facts.
#[tracing::instrument(name = "store.dashboard.of_manager", skip_all, err(Display))]
pub async fn of_manager(db: &super::Db, manager: UserId) -> StoreResult<Vec<PairFacts>> {
    let pairs = format!("SELECT id FROM pairs WHERE programme_id IN ({MANAGED})");
    let sql = facts_sql(&pairs);
    let rows = on_db!(db, pool => sqlx::query_as::<_, FactsRow>(&sql)
        .bind(manager)
        .fetch_all(pool)
        .await)?;
    let answered_sql =
        format!("SELECT pair_id, kind, respondent FROM reports WHERE pair_id IN ({pairs})");
    let answered: Vec<(PairId, ReportKind, Respondent)> = on_db!(db, pool => sqlx::query_as(&answered_sql)
        .bind(manager)
        .fetch_all(pool)
        .await)?;
    Ok(assemble(rows, answered))
}

/// One pair's facts (for the notifications of its mentor).
#[tracing::instrument(name = "store.dashboard.of_mentor", skip_all, err(Display))]
pub async fn of_mentor(db: &super::Db, mentor: UserId) -> StoreResult<Vec<PairFacts>> {
    let pairs = format!(
        "SELECT p.id FROM pairs p WHERE p.mentor_id = $1 AND {}",
        super::pairs::MENTOR_MEMBER
    );
    let pairs = pairs.as_str();
    let sql = facts_sql(pairs);
    let rows = on_db!(db, pool => sqlx::query_as::<_, FactsRow>(&sql)
        .bind(mentor)
        .fetch_all(pool)
        .await)?;
    let answered_sql =
        format!("SELECT pair_id, kind, respondent FROM reports WHERE pair_id IN ({pairs})");
    let answered: Vec<(PairId, ReportKind, Respondent)> = on_db!(db, pool => sqlx::query_as(&answered_sql)
        .bind(mentor)
        .fetch_all(pool)
        .await)?;
    Ok(assemble(rows, answered))
}

fn assemble(
    rows: Vec<FactsRow>,
    answered: Vec<(PairId, ReportKind, Respondent)>,
) -> Vec<PairFacts> {
    let mut by_pair: HashMap<PairId, Vec<(ReportKind, Respondent)>> = HashMap::new();
    for (pair, kind, respondent) in answered {
        by_pair.entry(pair).or_default().push((kind, respondent));
    }
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    rows.into_iter()
        .map(|r| PairFacts {
            answered: by_pair.remove(&r.id).unwrap_or_default(),
            id: r.id,
            programme_id: r.programme_id,
            programme_name: r.programme_name,
            mentor_id: r.mentor_id,
            mentor_name: r.mentor_name,
            mentee_name: r.mentee_name,
            status: r.status,
            started_on: r.started_on,
            confirmed_on: r.confirmed_on,
            planned_end_on: r.planned_end_on,
            ended_on: r.ended_on,
            meetings_expected: r.meetings_expected,
            quiet_days: count(i64::from(r.quiet_days)),
            meetings: count(r.meetings),
            minutes: count(r.minutes),
            last_meeting_on: r.last_meeting_on,
            open_challenges: count(r.open_challenges),
            open_concerns: count(r.open_concerns),
            end_asked_on: r.end_asked_on,
        })
        .collect()
}

/// The facts of a manager's pairs, worked out once per page: the page's
/// frame (the menu's count) and the dashboard share them.
#[derive(Clone, Debug)]
pub struct RequestFacts {
    pub manager: UserId,
    pub facts: std::sync::Arc<Vec<PairFacts>>,
}
