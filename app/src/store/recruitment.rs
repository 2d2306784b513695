//! Candidates (the registration form and profile), their stage and every
//! move between stages.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: CandidateId,
    programme_id: ProgrammeId,
    kind: CandidateKind,
    name: String,
    stage: Stage,
    drop_reason: Option<String>,
    consent_on: Option<NaiveDate>,
    consent_how: Option<ConsentHow>,
    consent_recorded_by: Option<String>,
    gender: Option<Gender>,
    age: Option<i32>,
    role_with_child: Option<RoleWithChild>,
    child_age: Option<i32>,
    background: String,
    employment: Option<Employment>,
    languages: String,
    area: String,
    availability: String,
    school: String,
    class_name: String,
    heard_from: String,
    is_parent: bool,
    max_mentees: Option<i32>,
    phone: String,
    contact_way: Option<ContactWay>,
    user_id: Option<UserId>,
    created_at: DateTime<Utc>,
}

impl From<CandidateRow> for (ProgrammeId, Candidate) {
    fn from(r: CandidateRow) -> Self {
        let consent = r
            .consent_on
            .zip(r.consent_how)
            .map(|(given_on, how)| Consent { given_on, how });
        let candidate = Candidate {
            id: r.id,
            kind: r.kind,
            name: r.name,
            stage: r.stage,
            drop_reason: r.drop_reason,
            consent,
            consent_recorded_by: r.consent_recorded_by,
            profile: Profile {
                gender: r.gender,
                age: r.age.map(|a| a.max(0) as u32),
                role_with_child: r.role_with_child,
                child_age: r.child_age.map(|a| a.max(0) as u32),
                background: r.background,
                employment: r.employment,
                languages: split_languages(&r.languages),
                area: r.area,
                availability: r
                    .availability
                    .split(',')
                    .filter_map(|k| Slot::from_key(k.trim()))
                    .collect(),
                school: r.school,
                class_name: r.class_name,
                heard_from: r.heard_from,
                is_parent: r.is_parent,
                max_mentees: r.max_mentees.map(|n| n.max(0) as u32),
                phone: r.phone,
                contact_way: r.contact_way,
            },
            user_id: r.user_id,
            created_at: r.created_at,
        };
        (r.programme_id, candidate)
    }
}

const SELECT: &str = "SELECT c.id, c.programme_id, c.kind, c.name, c.stage, c.drop_reason, c.consent_on, \
     c.consent_how, recorder.display_name AS consent_recorded_by, c.gender, c.age, c.role_with_child, \
     c.child_age, c.background, c.employment, c.languages, c.area, c.availability, c.school, c.class_name, \
     c.heard_from, c.is_parent, c.max_mentees, c.phone, c.contact_way, c.user_id, c.created_at \
     FROM candidates c LEFT JOIN users recorder ON recorder.id = c.consent_recorded_by";

/// Every candidate of a programme, by name.
#[tracing::instrument(name = "store.recruitment.of_programme", skip_all, err(Display))]
pub async fn of_programme(db: &super::Db, programme: ProgrammeId) -> StoreResult<Vec<Candidate>> {
    let sql = format!("{SELECT} WHERE c.programme_id = $1 ORDER BY c.name, c.id");
    let rows = on_db!(db, pool => sqlx::query_as::<_, CandidateRow>(&sql)
        .bind(programme)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| <(ProgrammeId, Candidate)>::from(r).1)
        .collect())
}

/// One candidate, with their programme.
#[tracing::instrument(name = "store.recruitment.find", skip_all, err(Display))]
pub async fn find(
    db: &super::Db,
    id: CandidateId,
) -> StoreResult<Option<(ProgrammeId, Candidate)>> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    let row = on_db!(db, pool => sqlx::query_as::<_, CandidateRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(Into::into))
}

/// The candidate linked to an account in a programme, if any.
#[tracing::instrument(name = "store.recruitment.of_user", skip_all, err(Display))]
pub async fn of_user(
    db: &super::Db,
    programme: ProgrammeId,
    kind: CandidateKind,
    user: UserId,
) -> StoreResult<Option<Candidate>> {
    let sql = format!("{SELECT} WHERE c.programme_id = $1 AND c.kind = $2 AND c.user_id = $3");
    let row = on_db!(db, pool => sqlx::query_as::<_, CandidateRow>(&sql)
        .bind(programme)
        .bind(kind)
        .bind(user)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(|r| <(ProgrammeId, Candidate)>::from(r).1))
}

fn joined_slots(slots: &[Slot]) -> String {
    slots.iter().map(|s| s.key()).collect::<Vec<_>>().join(",")
}

/// Registers a candidate at `stage` (the move is recorded).
#[tracing::instrument(name = "store.recruitment.create", skip_all, err(Display))]
pub async fn create(
    tx: &mut Tx,
    programme: ProgrammeId,
    registration: &Registration,
    stage: Stage,
    user: Option<UserId>,
    by: UserId,
) -> StoreResult<CandidateId> {
    let id = CandidateId::new();
    let at = now();
    let p = &registration.profile;
    let consent = registration.consent.as_ref();
    on_tx!(tx, conn => {
        sqlx::query(
            "INSERT INTO candidates (id, programme_id, kind, name, stage, consent_on, consent_how, \
             consent_recorded_by, gender, age, role_with_child, child_age, background, employment, languages, \
             area, availability, school, class_name, heard_from, is_parent, max_mentees, user_id, created_at, \
             created_by, phone, contact_way) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
             $20, $21, $22, $23, $24, $25, $26, $27)",
        )
        .bind(id)
        .bind(programme)
        .bind(registration.kind)
        .bind(&registration.name)
        .bind(stage)
        .bind(consent.map(|c| c.given_on))
        .bind(consent.map(|c| c.how))
        .bind(consent.map(|_| by))
        .bind(p.gender)
        .bind(p.age.map(|a| a as i32))
        .bind(p.role_with_child)
        .bind(p.child_age.map(|a| a as i32))
        .bind(&p.background)
        .bind(p.employment)
        .bind(p.languages.join(", "))
        .bind(&p.area)
        .bind(joined_slots(&p.availability))
        .bind(&p.school)
        .bind(&p.class_name)
        .bind(&p.heard_from)
        .bind(p.is_parent)
        .bind(p.max_mentees.map(|n| n as i32))
        .bind(user)
        .bind(at)
        .bind(by)
        .bind(&p.phone)
        .bind(p.contact_way)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO candidate_moves (candidate_id, from_stage, to_stage, reason, moved_by, moved_at) \
             VALUES ($1, NULL, $2, NULL, $3, $4)",
        )
        .bind(id)
        .bind(stage)
        .bind(by)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok::<_, sqlx::Error>(())
    })?;
    if let Some(consent) = consent {
        super::privacy::record_consent(
            tx,
            PersonRef::Candidate(id),
            ConsentPurpose::Programme,
            true,
            Some(consent.how),
            consent.given_on,
            by,
        )
        .await?;
    }
    Ok(id)
}

/// Replaces a candidate's registration. Consent newly given is recorded as
/// given to `by`; without consent the profile is emptied.
#[tracing::instrument(name = "store.recruitment.update", skip_all, err(Display))]
pub async fn update(
    tx: &mut Tx,
    id: CandidateId,
    registration: &Registration,
    by: UserId,
) -> StoreResult<()> {
    let p = &registration.profile;
    let consent = registration.consent.as_ref();
    let before: Option<(Option<NaiveDate>, Option<ConsentHow>)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT consent_on, consent_how FROM candidates WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await)?;
    let before = before.and_then(|(on, how)| on.zip(how));
    let now_given = consent.map(|c| (c.given_on, c.how));
    // The consent records follow the registration's: a consent newly given
    // (or given anew, another day or another way), or taken back.
    match (before, now_given) {
        (old, Some((on, how))) if old != Some((on, how)) => {
            super::privacy::record_consent(
                tx,
                PersonRef::Candidate(id),
                ConsentPurpose::Programme,
                true,
                Some(how),
                on,
                by,
            )
            .await?
        }
        (Some(_), None) => {
            super::privacy::record_consent(
                tx,
                PersonRef::Candidate(id),
                ConsentPurpose::Programme,
                false,
                None,
                crate::model::dates::local_today(),
                by,
            )
            .await?
        }
        _ => {}
    }
    on_tx!(tx, conn => sqlx::query(
        "UPDATE candidates SET name = $2, consent_on = $3, consent_how = $4, \
         consent_recorded_by = CASE WHEN $3 IS NULL THEN NULL \
           WHEN consent_on IS NULL OR consent_on <> $3 OR consent_how <> $4 THEN $5 \
           ELSE consent_recorded_by END, \
         gender = $6, age = $7, role_with_child = $8, child_age = $9, background = $10, employment = $11, \
         languages = $12, area = $13, availability = $14, school = $15, class_name = $16, heard_from = $17, \
         is_parent = $18, max_mentees = $19, phone = $20, contact_way = $21 WHERE id = $1",
    )
    .bind(id)
    .bind(&registration.name)
    .bind(consent.map(|c| c.given_on))
    .bind(consent.map(|c| c.how))
    .bind(by)
    .bind(p.gender)
    .bind(p.age.map(|a| a as i32))
    .bind(p.role_with_child)
    .bind(p.child_age.map(|a| a as i32))
    .bind(&p.background)
    .bind(p.employment)
    .bind(p.languages.join(", "))
    .bind(&p.area)
    .bind(joined_slots(&p.availability))
    .bind(&p.school)
    .bind(&p.class_name)
    .bind(&p.heard_from)
    .bind(p.is_parent)
    .bind(p.max_mentees.map(|n| n as i32))
    .bind(&p.phone)
    .bind(p.contact_way)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Moves a candidate from `from` to `to`, stamped. False if the candidate
/// was no longer at `from` (someone else moved them meanwhile).
#[tracing::instrument(name = "store.recruitment.move_to", skip_all, err(Display))]
pub async fn move_to(
    tx: &mut Tx,
    id: CandidateId,
    from: Stage,
    to: Stage,
    reason: Option<&str>,
    by: UserId,
) -> StoreResult<bool> {
    let moved = on_tx!(tx, conn => {
        let moved = sqlx::query(
            "UPDATE candidates SET stage = $3, drop_reason = $4 WHERE id = $1 AND stage = $2",
        )
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(reason)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1;
        if moved {
            sqlx::query(
                "INSERT INTO candidate_moves (candidate_id, from_stage, to_stage, reason, moved_by, moved_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(from)
            .bind(to)
            .bind(reason)
            .bind(by)
            .bind(now())
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(moved)
    })?;
    Ok(moved)
}

/// Links a candidate to their account.
#[tracing::instrument(name = "store.recruitment.link_user", skip_all, err(Display))]
pub async fn link_user(tx: &mut Tx, id: CandidateId, user: UserId) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE candidates SET user_id = $2 WHERE id = $1")
        .bind(id)
        .bind(user)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MoveRow {
    from_stage: Option<Stage>,
    to_stage: Stage,
    reason: Option<String>,
    by_name: String,
    moved_at: DateTime<Utc>,
}

/// A candidate's moves, oldest first.
#[tracing::instrument(name = "store.recruitment.moves", skip_all, err(Display))]
pub async fn moves(db: &super::Db, id: CandidateId) -> StoreResult<Vec<StageMove>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, MoveRow>(
        "SELECT m.from_stage, m.to_stage, m.reason, u.display_name AS by_name, m.moved_at \
         FROM candidate_moves m JOIN users u ON u.id = m.moved_by \
         WHERE m.candidate_id = $1 ORDER BY m.moved_at, m.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| StageMove {
            from: r.from_stage,
            to: r.to_stage,
            reason: r.reason,
            by_name: r.by_name,
            at: r.moved_at,
        })
        .collect())
}
