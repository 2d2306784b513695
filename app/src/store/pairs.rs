//! Mentoring pairs.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

/// What the permission checks need to know about a pair.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PairAccess {
    pub id: PairId,
    pub programme_id: ProgrammeId,
    pub mentor_id: UserId,
    pub mentee_id: UserId,
    pub status: PairStatus,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// The mentor is (still) a mentor of the pair's programme.
    pub mentor_member: bool,
    /// The mentee is (still) a mentee of the pair's programme.
    pub mentee_member: bool,
}

impl PairAccess {
    /// `user` is this pair's mentor, and a mentor of its programme.
    pub fn is_mentor(&self, user: UserId) -> bool {
        self.mentor_id == user && self.mentor_member
    }

    /// `user` is this pair's mentee, and a mentee of its programme.
    pub fn is_mentee(&self, user: UserId) -> bool {
        self.mentee_id == user && self.mentee_member
    }

    pub fn dates(&self) -> PairDates {
        PairDates {
            started_on: self.started_on,
            ended_on: self.ended_on,
        }
    }
}

pub struct NewPair {
    pub programme: ProgrammeId,
    pub mentor: UserId,
    pub mentee: UserId,
    pub manager: UserId,
    pub started_on: NaiveDate,
    /// `None`: the pair starts by getting to know each other.
    pub confirmed_on: Option<NaiveDate>,
    pub planned_end_on: NaiveDate,
    /// The candidates matched, when the pair comes from recruitment.
    pub mentor_candidate: Option<CandidateId>,
    pub mentee_candidate: Option<CandidateId>,
}

/// The pair's mentor holds the mentor role in the pair's programme: a
/// mentor whose membership ended no longer reaches the pair, whatever
/// `pairs.mentor_id` still says. (`p` is the pair.)
pub(crate) const MENTOR_MEMBER: &str = "EXISTS (SELECT 1 FROM memberships mm \
     WHERE mm.user_id = p.mentor_id AND mm.programme_id = p.programme_id AND mm.role = 'mentor')";

/// The same for the pair's mentee.
pub(crate) const MENTEE_MEMBER: &str = "EXISTS (SELECT 1 FROM memberships mm \
     WHERE mm.user_id = p.mentee_id AND mm.programme_id = p.programme_id AND mm.role = 'mentee')";

/// A pair's status as the app shows it: ended, getting to know each other
/// (not yet confirmed) or active.
pub(crate) const STATUS: &str = "CASE WHEN p.status = 'ended' THEN 'ended' \
     WHEN p.confirmed_on IS NULL THEN 'getting_to_know' ELSE 'active' END";

#[tracing::instrument(name = "store.pairs.create", skip_all, err(level = "warn", Display))]
pub async fn create(tx: &mut Tx, pair: &NewPair) -> StoreResult<PairId> {
    let id = PairId::new();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO pairs (id, programme_id, mentor_id, mentee_id, manager_id, status, started_on, created_at, \
         confirmed_on, planned_end_on, mentor_candidate_id, mentee_candidate_id) \
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(pair.programme)
    .bind(pair.mentor)
    .bind(pair.mentee)
    .bind(pair.manager)
    .bind(pair.started_on)
    .bind(now())
    .bind(pair.confirmed_on)
    .bind(pair.planned_end_on)
    .bind(pair.mentor_candidate)
    .bind(pair.mentee_candidate)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(id)
}

/// A pair as its mentor sees it, with how to reach the mentee (from their
/// registration in the pair's programme; the email only when it is the way
/// they prefer, and never the stand-in of a person without one).
fn summary() -> String {
    format!(
        "SELECT p.id, pr.name AS programme_name, mentor.display_name AS mentor_name, \
         mentee.display_name AS mentee_name, p.started_on, p.ended_on, p.planned_end_on, {STATUS} AS status, \
         COALESCE(reach.phone, '') AS mentee_phone, reach.contact_way AS mentee_contact_way, \
         CASE WHEN reach.contact_way = 'email' AND mentee.email NOT LIKE '%.invalid' \
           THEN mentee.email ELSE '' END AS mentee_email \
         FROM pairs p \
         JOIN programmes pr ON pr.id = p.programme_id \
         JOIN users mentor ON mentor.id = p.mentor_id \
         JOIN users mentee ON mentee.id = p.mentee_id \
         LEFT JOIN candidates reach ON reach.user_id = p.mentee_id \
           AND reach.programme_id = p.programme_id AND reach.kind = 'mentee'"
    )
}

/// The pairs of the programmes `manager` manages, by mentor then mentee
/// (what the log search can be narrowed to).
#[tracing::instrument(name = "store.pairs.choices_of_manager", skip_all, err(Display))]
pub async fn choices_of_manager(db: &super::Db, manager: UserId) -> StoreResult<Vec<PairChoice>> {
    let sql = "SELECT p.id, p.mentor_id, mentor.display_name AS mentor_name, \
         p.mentee_id, mentee.display_name AS mentee_name \
         FROM pairs p \
         JOIN users mentor ON mentor.id = p.mentor_id \
         JOIN users mentee ON mentee.id = p.mentee_id \
         WHERE p.programme_id IN \
         (SELECT programme_id FROM memberships WHERE user_id = $1 AND role = 'manager') \
         ORDER BY mentor.display_name, mentee.display_name, p.id";
    let rows = on_db!(db, pool => sqlx::query_as::<_, PairChoice>(sql)
        .bind(manager)
        .fetch_all(pool)
        .await)?;
    Ok(rows)
}

/// The mentor's pairs, active ones first.
#[tracing::instrument(name = "store.pairs.of_mentor", skip_all, err(Display))]
pub async fn of_mentor(db: &super::Db, mentor: UserId) -> StoreResult<Vec<PairSummary>> {
    let sql = format!(
        "{} WHERE p.mentor_id = $1 AND {MENTOR_MEMBER} ORDER BY p.status, mentee.display_name, p.id",
        summary()
    );
    let mut rows = on_db!(db, pool => sqlx::query_as::<_, PairSummary>(&sql)
        .bind(mentor)
        .fetch_all(pool)
        .await)?;
    // What is due for whom, for the mentor's home.
    let answered = reports_answered(db, mentor).await?;
    let due = due_list(&rows, &answered);
    for pair in &mut rows {
        // `due_list` puts the unanswered first, earliest first.
        let next = due
            .iter()
            .find(|d| d.pair_id == pair.id && d.answered_on.is_none());
        pair.next_report = next.map(|d| d.kind);
        pair.next_report_on = next.map(|d| d.due_on);
    }
    Ok(rows)
}

/// When each report of a mentor's pairs was answered (never what).
#[tracing::instrument(name = "store.pairs.reports_answered", skip_all, err(Display))]
pub async fn reports_answered(
    db: &super::Db,
    mentor: UserId,
) -> StoreResult<Vec<(PairId, ReportKind, Respondent, NaiveDate)>> {
    let sql = format!(
        "SELECT r.pair_id, r.kind, r.respondent, r.answered_on FROM reports r \
         JOIN pairs p ON p.id = r.pair_id WHERE p.mentor_id = $1 AND {}",
        MENTOR_MEMBER
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, (PairId, ReportKind, Respondent, NaiveDate)>(
        &sql
    )
    .bind(mentor)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// Whom a mentee is mentored by.
#[tracing::instrument(name = "store.pairs.of_mentee", skip_all, err(Display))]
pub async fn of_mentee(db: &super::Db, mentee: UserId) -> StoreResult<Vec<MenteePair>> {
    let sql = format!(
        "SELECT p.id, pr.name AS programme_name, mentor.display_name AS mentor_name, p.started_on, \
         p.ended_on, p.planned_end_on, {STATUS} AS status, p.end_asked_on \
         FROM pairs p \
         JOIN programmes pr ON pr.id = p.programme_id \
         JOIN users mentor ON mentor.id = p.mentor_id \
         WHERE p.mentee_id = $1 AND {MENTEE_MEMBER} ORDER BY p.status, p.started_on DESC"
    );
    let mut rows = on_db!(db, pool => sqlx::query_as::<_, MenteePair>(&sql)
    .bind(mentee)
    .fetch_all(pool)
    .await)?;
    // Their meetings: the date, form and length of each log, nothing the
    // mentor wrote.
    let sql = format!(
        "SELECT l.pair_id, l.meeting_date AS date, l.form, l.duration_minutes \
         FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id \
         WHERE p.mentee_id = $1 AND {MENTEE_MEMBER} AND l.withdrawn_reason IS NULL \
         ORDER BY l.meeting_date DESC, l.created_at DESC, l.id DESC"
    );
    let meetings = on_db!(db, pool => sqlx::query_as::<_, MenteeMeeting>(&sql)
    .bind(mentee)
    .fetch_all(pool)
    .await)?;
    for pair in &mut rows {
        pair.meetings = meetings
            .iter()
            .filter(|m| m.pair_id == pair.id)
            .cloned()
            .collect();
    }
    Ok(rows)
}

/// The mentee asks to end the mentoring: the first day they asked stays,
/// the reason is the latest they gave.
#[tracing::instrument(name = "store.pairs.ask_to_end", skip_all, err(Display))]
pub async fn ask_to_end(tx: &mut Tx, pair: PairId, on: NaiveDate, reason: &str) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE pairs SET end_asked_on = COALESCE(end_asked_on, $2), end_asked_reason = $3 WHERE id = $1",
    )
    .bind(pair)
    .bind(on)
    .bind(reason)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[tracing::instrument(name = "store.pairs.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, id: PairId) -> StoreResult<Option<PairAccess>> {
    let sql = format!(
        "SELECT p.id, p.programme_id, p.mentor_id, p.mentee_id, {STATUS} AS status, p.started_on, p.ended_on, \
         {MENTOR_MEMBER} AS mentor_member, {MENTEE_MEMBER} AS mentee_member \
         FROM pairs p WHERE p.id = $1"
    );
    let row = on_db!(db, pool => sqlx::query_as::<_, PairAccess>(&sql)
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// The pairs named (each once), for checking a batch of records at once.
#[tracing::instrument(name = "store.pairs.find_many", skip_all, err(Display))]
pub async fn find_many(db: &super::Db, ids: &[PairId]) -> StoreResult<Vec<PairAccess>> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(format!(
            "SELECT p.id, p.programme_id, p.mentor_id, p.mentee_id, {STATUS} AS status, p.started_on, p.ended_on, \
             {MENTOR_MEMBER} AS mentor_member, {MENTEE_MEMBER} AS mentee_member \
             FROM pairs p WHERE p.id IN ("
        ));
        let mut list = query.separated(", ");
        for id in &ids {
            list.push_bind(*id);
        }
        query.push(")");
        query.build_query_as::<PairAccess>().fetch_all(pool).await
    })?;
    Ok(rows)
}
