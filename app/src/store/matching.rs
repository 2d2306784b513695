//! Who can be matched (accepted mentors with free places, accepted mentees
//! without a mentor), the speed-meeting's choices, and a programme's pairs.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: CandidateId,
    name: String,
    languages: String,
    area: String,
    availability: String,
    is_parent: bool,
    own_max: Option<i32>,
    programme_max: i32,
    taken: i64,
    user_id: Option<UserId>,
}

/// An accepted candidate ready to be matched, with their account.
#[derive(Clone, Debug)]
pub struct Matchable {
    pub profile: MatchProfile,
    pub user: Option<UserId>,
}

impl From<ProfileRow> for Matchable {
    fn from(r: ProfileRow) -> Self {
        let capacity = r
            .own_max
            .unwrap_or(r.programme_max)
            .min(r.programme_max)
            .max(0) as i64;
        Matchable {
            profile: MatchProfile {
                id: r.id,
                name: r.name,
                languages: split_languages(&r.languages),
                area: r.area,
                availability: r
                    .availability
                    .split(',')
                    .filter_map(|k| Slot::from_key(k.trim()))
                    .collect(),
                is_parent: r.is_parent,
                free_places: (capacity - r.taken).max(0) as u32,
            },
            user: r.user_id,
        }
    }
}

/// The accepted mentors (with their free places) and the accepted mentees
/// who have no pair that is not ended, and did not end one for good (a
/// mentee goes on after a pair that ended with `continues`).
#[tracing::instrument(name = "store.matching.matchable", skip_all, err(Display))]
pub async fn matchable(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<(Vec<Matchable>, Vec<Matchable>)> {
    let (mentors, mentees) = on_db!(db, pool => {
        let mentors = sqlx::query_as::<_, ProfileRow>(
            "SELECT c.id, c.name, c.languages, c.area, c.availability, c.is_parent, c.max_mentees AS own_max, \
             pr.max_mentees AS programme_max, \
             (SELECT COUNT(*) FROM pairs p WHERE p.mentor_candidate_id = c.id AND p.status <> 'ended') AS taken, \
             c.user_id \
             FROM candidates c JOIN programmes pr ON pr.id = c.programme_id \
             WHERE c.programme_id = $1 AND c.kind = 'mentor' AND c.stage = 'accepted' ORDER BY c.name, c.id",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        let mentees = sqlx::query_as::<_, ProfileRow>(
            "SELECT c.id, c.name, c.languages, c.area, c.availability, c.is_parent, c.max_mentees AS own_max, \
             pr.max_mentees AS programme_max, CAST(0 AS BIGINT) AS taken, c.user_id \
             FROM candidates c JOIN programmes pr ON pr.id = c.programme_id \
             WHERE c.programme_id = $1 AND c.kind = 'mentee' AND c.stage = 'accepted' \
             AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.mentee_candidate_id = c.id \
             AND (p.status <> 'ended' OR p.continues = FALSE)) \
             ORDER BY c.name, c.id",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>((mentors, mentees))
    })?;
    Ok((
        mentors.into_iter().map(Into::into).collect(),
        mentees.into_iter().map(Into::into).collect(),
    ))
}

/// The speed-meeting's choices recorded for a programme.
#[tracing::instrument(name = "store.matching.preferences", skip_all, err(Display))]
pub async fn preferences(db: &super::Db, programme: ProgrammeId) -> StoreResult<Preferences> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, (CandidateId, CandidateKind, CandidateId)>(
        "SELECT mp.chooser_id, c.kind, mp.chosen_id FROM match_preferences mp \
         JOIN candidates c ON c.id = mp.chooser_id \
         WHERE c.programme_id = $1 ORDER BY mp.chooser_id, mp.rank",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    let mut preferences = Preferences::default();
    for (chooser, kind, chosen) in rows {
        let list = match kind {
            CandidateKind::Mentee => &mut preferences.mentees,
            CandidateKind::Mentor => &mut preferences.mentors,
        };
        match list.iter_mut().find(|(id, _)| *id == chooser) {
            Some((_, ranked)) => ranked.push(chosen),
            None => list.push((chooser, vec![chosen])),
        }
    }
    Ok(preferences)
}

/// Replaces a person's ranking of the other side (best first).
#[tracing::instrument(name = "store.matching.save_preferences", skip_all, err(Display))]
pub async fn save_preferences(
    tx: &mut Tx,
    chooser: CandidateId,
    ranked: &[CandidateId],
    by: UserId,
) -> StoreResult<()> {
    let at = now();
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM match_preferences WHERE chooser_id = $1")
            .bind(chooser)
            .execute(&mut *conn)
            .await?;
        for (rank, chosen) in ranked.iter().enumerate() {
            sqlx::query(
                "INSERT INTO match_preferences (chooser_id, chosen_id, rank, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(chooser)
            .bind(*chosen)
            .bind(rank as i32 + 1)
            .bind(by)
            .bind(at)
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Ends a pair still getting to know each other (the mentee can then be
/// matched again). False if it was not getting to know each other.
#[tracing::instrument(name = "store.matching.end_getting_to_know", skip_all, err(Display))]
pub async fn end_getting_to_know(
    db: &super::Db,
    pair: PairId,
    reason: &str,
    on: NaiveDate,
) -> StoreResult<bool> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE pairs SET status = 'ended', ended_on = $2, end_reason = $3, end_kind = 'not_confirmed', \
         continues = TRUE \
         WHERE id = $1 AND status = 'active' AND confirmed_on IS NULL AND started_on <= $2",
    )
    .bind(pair)
    .bind(on)
    .bind(reason)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
