//! Mentor screening: each programme's required checks and every record of
//! each mentor candidate's checks. Nothing is changed in place: a retired
//! requirement keeps its records, and each record of a check is a new row
//! (the latest counts).

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;

const REQUIREMENT: &str = "SELECT id, kind, label, validity_months FROM screening_requirements";

/// A programme's required checks now, in the order they were added.
#[tracing::instrument(name = "store.screening.requirements", skip_all, err(Display))]
pub async fn requirements(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<RequirementView>> {
    let sql = format!(
        "{REQUIREMENT} WHERE programme_id = $1 AND retired_at IS NULL ORDER BY created_at, id"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, RequirementView>(&sql)
        .bind(programme)
        .fetch_all(pool)
        .await)?;
    Ok(rows)
}

/// The programme a requirement belongs to, if it exists and is not retired.
#[tracing::instrument(name = "store.screening.requirement_programme", skip_all, err(Display))]
pub async fn requirement_programme(
    db: &super::Db,
    id: ScreeningRequirementId,
) -> StoreResult<Option<ProgrammeId>> {
    let row = on_db!(db, pool => sqlx::query_scalar::<_, ProgrammeId>(
        "SELECT programme_id FROM screening_requirements WHERE id = $1 AND retired_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

#[tracing::instrument(name = "store.screening.add_requirement", skip_all, err(Display))]
pub async fn add_requirement(
    tx: &mut Tx,
    programme: ProgrammeId,
    requirement: &Requirement,
    by: UserId,
) -> StoreResult<ScreeningRequirementId> {
    let id = ScreeningRequirementId::new();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO screening_requirements (id, programme_id, kind, label, validity_months, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(programme)
    .bind(requirement.kind)
    .bind(&requirement.label)
    .bind(requirement.validity_months.unwrap_or(0) as i32)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Stops requiring a check (its records stay).
#[tracing::instrument(name = "store.screening.retire_requirement", skip_all, err(Display))]
pub async fn retire_requirement(tx: &mut Tx, id: ScreeningRequirementId) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE screening_requirements SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL",
    )
    .bind(id)
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

const CHECK: &str = "SELECT c.candidate_id, c.requirement_id, c.state, c.checked_on, c.note, \
     c.reference_number, c.waived_reason, u.display_name AS recorded_by, c.recorded_at \
     FROM screening_checks c JOIN users u ON u.id = c.recorded_by";

#[derive(sqlx::FromRow)]
struct CheckRow {
    candidate_id: CandidateId,
    #[sqlx(flatten)]
    check: CheckView,
}

/// Every record of every check of a programme's candidates.
#[tracing::instrument(name = "store.screening.checks_of_programme", skip_all, err(Display))]
pub async fn checks_of_programme(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<(CandidateId, CheckView)>> {
    let sql = format!(
        "{CHECK} WHERE c.candidate_id IN (SELECT id FROM candidates WHERE programme_id = $1) \
         ORDER BY c.recorded_at"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, CheckRow>(&sql)
        .bind(programme)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.candidate_id, r.check))
        .collect())
}

/// Every record of one candidate's checks, oldest first.
#[tracing::instrument(name = "store.screening.checks_of", skip_all, err(Display))]
pub async fn checks_of(db: &super::Db, candidate: CandidateId) -> StoreResult<Vec<CheckView>> {
    let sql = format!("{CHECK} WHERE c.candidate_id = $1 ORDER BY c.recorded_at");
    let rows = on_db!(db, pool => sqlx::query_as::<_, CheckRow>(&sql)
        .bind(candidate)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(|r| r.check).collect())
}

#[tracing::instrument(name = "store.screening.record", skip_all, err(Display))]
pub async fn record(
    tx: &mut Tx,
    candidate: CandidateId,
    requirement: ScreeningRequirementId,
    check: &Check,
    by: UserId,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO screening_checks (id, candidate_id, requirement_id, state, checked_on, note, \
         reference_number, waived_reason, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(candidate)
    .bind(requirement)
    .bind(check.state)
    .bind(check.date)
    .bind(&check.note)
    .bind(&check.reference_number)
    .bind(check.waived_reason.as_deref())
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

const REFEREE: &str = "SELECT r.id, r.name, r.contact, r.asked_on, r.answer, \
     u.display_name AS recorded_by, r.recorded_at \
     FROM referees r JOIN users u ON u.id = r.recorded_by";

/// A mentor candidate's references, in the order they were added.
#[tracing::instrument(name = "store.screening.referees_of", skip_all, err(Display))]
pub async fn referees_of(db: &super::Db, candidate: CandidateId) -> StoreResult<Vec<RefereeView>> {
    let sql = format!("{REFEREE} WHERE r.candidate_id = $1 ORDER BY r.created_at, r.id");
    let rows = on_db!(db, pool => sqlx::query_as::<_, RefereeView>(&sql)
        .bind(candidate)
        .fetch_all(pool)
        .await)?;
    Ok(rows)
}

/// Adds a reference (`id` None) or changes one of this candidate's; `None`
/// when `id` is not one of theirs.
#[tracing::instrument(name = "store.screening.save_referee", skip_all, err(Display))]
pub async fn save_referee(
    tx: &mut Tx,
    candidate: CandidateId,
    id: Option<RefereeId>,
    referee: &Referee,
    by: UserId,
) -> StoreResult<Option<RefereeId>> {
    let at = now();
    let saved = match id {
        None => {
            let id = RefereeId::new();
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO referees (id, candidate_id, name, contact, asked_on, answer, \
                 recorded_by, recorded_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(id)
            .bind(candidate)
            .bind(&referee.name)
            .bind(&referee.contact)
            .bind(referee.asked_on)
            .bind(&referee.answer)
            .bind(by)
            .bind(at)
            .execute(&mut *conn)
            .await
            .map(|_| ()))?;
            Some(id)
        }
        Some(id) => {
            let changed = on_tx!(tx, conn => sqlx::query(
                "UPDATE referees SET name = $1, contact = $2, asked_on = $3, answer = $4, \
                 recorded_by = $5, recorded_at = $6 WHERE id = $7 AND candidate_id = $8",
            )
            .bind(&referee.name)
            .bind(&referee.contact)
            .bind(referee.asked_on)
            .bind(&referee.answer)
            .bind(by)
            .bind(at)
            .bind(id)
            .bind(candidate)
            .execute(&mut *conn)
            .await
            .map(|done| done.rows_affected()))?;
            (changed == 1).then_some(id)
        }
    };
    Ok(saved)
}

/// The accepted mentors' checks of `programmes` that expire within 30 days
/// or have expired on `today`, expired first (the manager's home and their
/// notifications).
pub async fn alerts_of(
    db: &super::Db,
    programmes: &[ProgrammeId],
    today: chrono::NaiveDate,
) -> StoreResult<Vec<ScreeningAlert>> {
    let mut alerts = Vec::new();
    for programme in programmes.iter().copied() {
        let requirements = requirements(db, programme).await?;
        if requirements.is_empty() {
            continue;
        }
        let checks = checks_of_programme(db, programme).await?;
        let (mentors, _) = super::matching::matchable(db, programme).await?;
        for mentor in mentors {
            let own: Vec<CheckView> = checks
                .iter()
                .filter(|(c, _)| *c == mentor.profile.id)
                .map(|(_, check)| check.clone())
                .collect();
            for item in screening_items(&requirements, &own, today) {
                if matches!(
                    item.status,
                    CheckStatus::Expiring { .. } | CheckStatus::Expired { .. }
                ) {
                    alerts.push(ScreeningAlert {
                        programme,
                        candidate: mentor.profile.id,
                        mentor_name: mentor.profile.name.clone(),
                        item,
                    });
                }
            }
        }
    }
    alerts.sort_by_key(|a| !matches!(a.item.status, CheckStatus::Expired { .. }));
    Ok(alerts)
}
