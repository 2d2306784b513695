//! Programmes: their parameters, who coordinates and manages them, and the
//! counts the process map is computed from.

use super::{now, on_db, on_tx, StoreError, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: ProgrammeId,
    organisation_id: OrganisationId,
    organisation_name: String,
    name: String,
    typology: Typology,
    format: ProgrammeFormat,
    duration_months: i32,
    meetings: MeetingFrequency,
    max_mentees: i32,
    child_age_limit: i32,
    starts_on: NaiveDate,
    country: String,
    language: String,
    quiet_days: i32,
}

impl From<ProgrammeRow> for ProgrammeView {
    fn from(r: ProgrammeRow) -> Self {
        ProgrammeView {
            id: r.id,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            settings: ProgrammeSettings {
                name: r.name,
                typology: r.typology,
                format: r.format,
                duration_months: r.duration_months.max(0) as u32,
                meetings: r.meetings,
                max_mentees: r.max_mentees.max(0) as u32,
                child_age_limit: r.child_age_limit.max(0) as u32,
                starts_on: r.starts_on,
                country: r.country,
                language: r.language,
                quiet_days: r.quiet_days.max(0) as u32,
            },
        }
    }
}

const SELECT: &str =
    "SELECT pr.id, pr.organisation_id, o.name AS organisation_name, pr.name, pr.typology, \
     pr.format, pr.duration_months, pr.meetings, pr.max_mentees, pr.child_age_limit, pr.starts_on, \
     pr.country, pr.language, pr.quiet_days \
     FROM programmes pr JOIN organisations o ON o.id = pr.organisation_id";

/// The organisations whose programmes the person coordinates.
#[tracing::instrument(
    name = "store.programmes.coordinated_organisations",
    skip_all,
    err(Display)
)]
pub async fn coordinated_organisations(
    db: &super::Db,
    user: UserId,
) -> StoreResult<Vec<(OrganisationId, String)>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, (OrganisationId, String)>(
        "SELECT DISTINCT o.id, o.name FROM memberships m \
         JOIN programmes pr ON pr.id = m.programme_id \
         JOIN organisations o ON o.id = pr.organisation_id \
         WHERE m.user_id = $1 AND m.role = 'coordinator' ORDER BY o.name",
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// Every programme of the organisations the person coordinates.
#[tracing::instrument(name = "store.programmes.of_coordinator", skip_all, err(Display))]
pub async fn of_coordinator(db: &super::Db, user: UserId) -> StoreResult<Vec<ProgrammeView>> {
    let sql = format!(
        "{SELECT} WHERE pr.organisation_id IN (SELECT p2.organisation_id FROM memberships m \
         JOIN programmes p2 ON p2.id = m.programme_id WHERE m.user_id = $1 AND m.role = 'coordinator') \
         ORDER BY o.name, pr.starts_on DESC, pr.name"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, ProgrammeRow>(&sql)
        .bind(user)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The programmes the person manages.
#[tracing::instrument(name = "store.programmes.of_manager", skip_all, err(Display))]
pub async fn of_manager(db: &super::Db, user: UserId) -> StoreResult<Vec<ProgrammeView>> {
    let sql = format!(
        "{SELECT} WHERE pr.id IN (SELECT m.programme_id FROM memberships m \
         WHERE m.user_id = $1 AND m.role = 'manager') ORDER BY pr.starts_on DESC, pr.name"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, ProgrammeRow>(&sql)
        .bind(user)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[tracing::instrument(name = "store.programmes.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, id: ProgrammeId) -> StoreResult<Option<ProgrammeView>> {
    let sql = format!("{SELECT} WHERE pr.id = $1");
    let row = on_db!(db, pool => sqlx::query_as::<_, ProgrammeRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(Into::into))
}

/// Creates a programme in an organisation; its creator (if a person, not
/// the command line) coordinates it, and its self-assessment questionnaire
/// starts from the defaults in `lang`.
#[tracing::instrument(
    name = "store.programmes.create",
    skip_all,
    err(level = "warn", Display)
)]
pub async fn create(
    tx: &mut Tx,
    organisation: OrganisationId,
    settings: &ProgrammeSettings,
    creator: Option<UserId>,
    lang: crate::i18n::Lang,
) -> StoreResult<ProgrammeId> {
    let id = ProgrammeId::new();
    let at = now();
    on_tx!(tx, conn => {
        sqlx::query(
            "INSERT INTO programmes (id, organisation_id, name, typology, created_at, format, duration_months, \
             meetings, max_mentees, child_age_limit, starts_on, country, language, quiet_days) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(id)
        .bind(organisation)
        .bind(&settings.name)
        .bind(settings.typology)
        .bind(at)
        .bind(settings.format)
        .bind(settings.duration_months as i32)
        .bind(settings.meetings)
        .bind(settings.max_mentees as i32)
        .bind(settings.child_age_limit as i32)
        .bind(settings.starts_on)
        .bind(&settings.country)
        .bind(&settings.language)
        .bind(settings.quiet_days as i32)
        .execute(&mut *conn)
        .await
        .map_err(|e| StoreError::on_unique(e, "a programme with this name"))?;
        if let Some(creator) = creator {
            sqlx::query("INSERT INTO memberships (user_id, programme_id, role, created_at) VALUES ($1, $2, 'coordinator', $3)")
                .bind(creator)
                .bind(id)
                .bind(at)
                .execute(&mut *conn)
                .await?;
        }
        for (position, (en, ro)) in DEFAULT_SELF_ASSESSMENT.iter().enumerate() {
            let text = match lang {
                crate::i18n::Lang::En => *en,
                crate::i18n::Lang::Ro => *ro,
            };
            sqlx::query("INSERT INTO self_assessment_items (id, programme_id, position, text) VALUES ($1, $2, $3, $4)")
                .bind(SelfAssessmentItemId::new())
                .bind(id)
                .bind(position as i32 + 1)
                .bind(text)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

#[tracing::instrument(
    name = "store.programmes.update",
    skip_all,
    err(level = "warn", Display)
)]
pub async fn update(
    db: &super::Db,
    id: ProgrammeId,
    settings: &ProgrammeSettings,
) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "UPDATE programmes SET name = $2, typology = $3, format = $4, duration_months = $5, meetings = $6, \
         max_mentees = $7, child_age_limit = $8, starts_on = $9, country = $10, language = $11, \
         quiet_days = $12 WHERE id = $1",
    )
    .bind(id)
    .bind(&settings.name)
    .bind(settings.typology)
    .bind(settings.format)
    .bind(settings.duration_months as i32)
    .bind(settings.meetings)
    .bind(settings.max_mentees as i32)
    .bind(settings.child_age_limit as i32)
    .bind(settings.starts_on)
    .bind(&settings.country)
    .bind(&settings.language)
    .bind(settings.quiet_days as i32)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::on_unique(e, "a programme with this name"))?;
    Ok(())
}

/// The counts the process map is computed from, on `today`.
#[tracing::instrument(name = "store.programmes.facts", skip_all, err(Display))]
pub async fn facts(
    db: &super::Db,
    id: ProgrammeId,
    today: NaiveDate,
) -> StoreResult<ProgrammeFacts> {
    let facts = on_db!(db, pool => sqlx::query_as::<_, ProgrammeFacts>(
        "SELECT \
         (SELECT COUNT(*) FROM memberships m WHERE m.programme_id = $1 AND m.role = 'manager') AS managers, \
         (SELECT COUNT(*) FROM candidates c WHERE c.programme_id = $1 AND c.kind = 'mentor' \
            AND c.consent_on IS NOT NULL) AS mentor_candidates, \
         (SELECT COUNT(*) FROM candidates c WHERE c.programme_id = $1 AND c.kind = 'mentee' \
            AND c.consent_on IS NOT NULL) AS mentee_candidates, \
         (SELECT COUNT(*) FROM candidates c WHERE c.programme_id = $1 AND c.kind = 'mentor' \
            AND c.stage = 'accepted') AS accepted_mentors, \
         (SELECT COUNT(*) FROM candidates c WHERE c.programme_id = $1 AND c.kind = 'mentee' \
            AND c.stage = 'accepted') AS accepted_mentees, \
         (SELECT COUNT(*) FROM trainings t WHERE t.programme_id = $1 AND t.held_on <= $2) AS trainings_held, \
         (SELECT COUNT(DISTINCT a.candidate_id) FROM training_attendance a \
            JOIN trainings t ON t.id = a.training_id \
            WHERE t.programme_id = $1 AND t.held_on <= $2) AS trained_mentors, \
         (SELECT COUNT(*) FROM candidates c WHERE c.programme_id = $1 AND c.kind = 'mentee' \
            AND c.stage = 'accepted' AND NOT EXISTS (SELECT 1 FROM pairs p \
              WHERE p.mentee_candidate_id = c.id AND p.status <> 'ended')) AS unmatched_mentees, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = $1 AND p.status = 'active' \
            AND p.confirmed_on IS NULL) AS pairs_getting_to_know, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = $1 AND p.status = 'active' \
            AND p.confirmed_on IS NOT NULL) AS pairs_active, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = $1 AND p.status = 'ended') AS pairs_ended",
    )
    .bind(id)
    .bind(today)
    .fetch_one(pool)
    .await)?;
    Ok(facts)
}
