//! Matching: suggestions for each mentee (administrative matching), the
//! speed-meeting's choices and the proposed assignment (preference
//! matching), confirming pairs, and ending a pair still getting to know
//! each other. Managers of the programme act; its coordinator reads.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A programme's matching page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchingData {
    pub programme: ProgrammeView,
    pub mentors: Vec<MatchProfile>,
    /// Each mentee waiting for a mentor, with every mentor ranked for them.
    pub mentees: Vec<(MatchProfile, Vec<Suggestion>)>,
    pub preferences: Preferences,
    pub pairs: Vec<PairRow>,
    pub manages: bool,
    /// The accepted mentors who can not be matched yet, with the required
    /// screening checks that keep them (missing, failed or expired).
    #[serde(default)]
    pub not_ready: Vec<(CandidateId, Vec<RequirementView>)>,
    /// The programme's managers, for a pair's change of manager.
    pub managers: Vec<(UserId, String)>,
}

#[server(endpoint = "matching/page")]
pub async fn matching_page(programme: ProgrammeId) -> Result<MatchingData, AppError> {
    use super::context::*;
    respond("matching/page", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        let db = &state.db;
        let (mentors, mentees) = crate::store::matching::matchable(db, programme).await?;
        let mentors: Vec<MatchProfile> = mentors.into_iter().map(|m| m.profile).collect();
        let typology = view.settings.typology;
        let mentees = mentees
            .into_iter()
            .map(|m| {
                let ranked = rank_mentors(&m.profile, &mentors, typology);
                (m.profile, ranked)
            })
            .collect();
        let pairs = crate::store::journey::of_programme(db, programme).await?;
        let ids: Vec<CandidateId> = mentors.iter().map(|m| m.id).collect();
        let not_ready = super::screening::blocking_of_programme(db, programme, &ids)
            .await?
            .into_iter()
            .filter(|(_, blocking)| !blocking.is_empty())
            .collect();
        Ok(MatchingData {
            not_ready,
            managers: crate::store::office::managers(db, programme).await?,
            manages: user.manages(programme),
            preferences: crate::store::matching::preferences(db, programme).await?,
            programme: view,
            mentors,
            mentees,
            pairs,
        })
    })
    .await
}

/// Records one person's ranking of the other side at the speed-meeting.
#[server(endpoint = "matching/preferences", input = Json)]
pub async fn save_preferences(
    programme: ProgrammeId,
    chooser: CandidateId,
    ranked: Vec<CandidateId>,
) -> Result<(), AppError> {
    use super::context::*;
    respond("matching/preferences", async move {
        let (state, user) = (state()?, current_user()?);
        manager_of(&state, &user, programme).await?;
        let candidates = crate::store::recruitment::of_programme(&state.db, programme).await?;
        let accepted = |id: CandidateId| {
            candidates
                .iter()
                .find(|c| c.id == id && c.stage == Stage::Accepted)
                .map(|c| c.kind)
        };
        let Some(kind) = accepted(chooser) else {
            return Err(invalid(FieldErrors::one(
                Field::Rank,
                Problem::NotAcceptedCandidate,
            )));
        };
        let mut errors = FieldErrors::default();
        if ranked
            .iter()
            .any(|r| accepted(*r).is_none_or(|k| k == kind))
        {
            errors.push(Field::Rank, Problem::NotAcceptedCandidate);
        }
        let mut unique = ranked.clone();
        unique.sort();
        unique.dedup();
        if unique.len() != ranked.len() {
            errors.push(Field::Rank, Problem::DuplicateRank);
        }
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        let mut tx = state.db.begin().await?;
        crate::store::matching::save_preferences(&mut tx, chooser, &ranked, user.id()).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The assignment that best satisfies both sides' recorded choices.
#[server(endpoint = "matching/propose")]
pub async fn propose_matching(programme: ProgrammeId) -> Result<Vec<ProposedPair>, AppError> {
    use super::context::*;
    respond("matching/propose", async move {
        let (state, user) = (state()?, current_user()?);
        manager_of(&state, &user, programme).await?;
        let (mentors, mentees) = crate::store::matching::matchable(&state.db, programme).await?;
        let preferences = crate::store::matching::preferences(&state.db, programme).await?;
        let mentee_ids: Vec<CandidateId> = mentees.iter().map(|m| m.profile.id).collect();
        let places: Vec<(CandidateId, u32)> = mentors
            .iter()
            .map(|m| (m.profile.id, m.profile.free_places))
            .collect();
        Ok(propose(&mentee_ids, &places, &preferences))
    })
    .await
}

/// Confirms matches `(mentee, mentor)`: each becomes a pair getting to know
/// each other, from today, with its planned end. All or none.
#[server(endpoint = "matching/confirm", input = Json)]
pub async fn confirm_matches(
    programme: ProgrammeId,
    matches: Vec<(CandidateId, CandidateId)>,
) -> Result<Vec<PairId>, AppError> {
    use super::context::*;
    respond("matching/confirm", async move {
        let (state, user) = (state()?, current_user()?);
        let view = manager_of(&state, &user, programme).await?;
        let (mentors, mentees) = crate::store::matching::matchable(&state.db, programme).await?;
        let mut places: Vec<(CandidateId, u32)> = mentors
            .iter()
            .map(|m| (m.profile.id, m.profile.free_places))
            .collect();
        // A mentor meets families only once their checks are done.
        let ids: Vec<CandidateId> = mentors.iter().map(|m| m.profile.id).collect();
        let screening = super::screening::blocking_of_programme(&state.db, programme, &ids).await?;
        let mut errors = FieldErrors::default();
        let mut seen = Vec::new();
        let mut new_pairs = Vec::new();
        for (mentee, mentor) in &matches {
            let Some(mentee_row) = mentees.iter().find(|m| m.profile.id == *mentee) else {
                errors.push(Field::Mentee, Problem::AlreadyMatched);
                continue;
            };
            if seen.contains(mentee) {
                errors.push(Field::Mentee, Problem::AlreadyMatched);
                continue;
            }
            seen.push(*mentee);
            let Some(mentor_row) = mentors.iter().find(|m| m.profile.id == *mentor) else {
                errors.push(Field::Mentor, Problem::NotAcceptedCandidate);
                continue;
            };
            let unscreened = screening
                .iter()
                .any(|(id, blocking)| id == mentor && !blocking.is_empty());
            if unscreened {
                errors.push(Field::Mentor, Problem::ScreeningIncomplete);
                continue;
            }
            match places.iter_mut().find(|(id, _)| id == mentor) {
                Some((_, free)) if *free > 0 => *free -= 1,
                _ => {
                    errors.push(Field::Mentor, Problem::MentorFull);
                    continue;
                }
            }
            match (mentor_row.user, mentee_row.user) {
                (Some(mentor_user), Some(mentee_user)) => {
                    new_pairs.push((*mentor, mentor_user, *mentee, mentee_user))
                }
                _ => errors.push(Field::Mentee, Problem::NotAcceptedCandidate),
            }
        }
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        let started_on = today();
        let planned_end_on = started_on + chrono::Months::new(view.settings.duration_months);
        let mut tx = state.db.begin().await?;
        let mut ids = Vec::new();
        for (mentor, mentor_user, mentee, mentee_user) in new_pairs {
            // A mentee who goes on after an earlier pair: the new pair is
            // linked to it, so the history reads as one journey.
            let previous = crate::store::journey::continued_pair(&mut tx, mentee).await?;
            let id = crate::store::pairs::create(
                &mut tx,
                &crate::store::pairs::NewPair {
                    programme,
                    mentor: mentor_user,
                    mentee: mentee_user,
                    manager: user.id(),
                    started_on,
                    confirmed_on: None,
                    planned_end_on,
                    mentor_candidate: Some(mentor),
                    mentee_candidate: Some(mentee),
                },
            )
            .await?;
            if let Some(previous) = previous {
                crate::store::journey::link_previous(&mut tx, id, previous).await?;
            }
            ids.push(id);
        }
        tx.commit().await?;
        tracing::info!(pairs = ids.len(), "pairs matched");
        Ok(ids)
    })
    .await
}

/// Ends a pair still getting to know each other, with the reason; the
/// mentee can be matched again.
#[server(endpoint = "matching/end", input = Json)]
pub async fn end_getting_to_know(pair: PairId, reason: String) -> Result<(), AppError> {
    use super::context::*;
    respond("matching/end", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, access.programme_id).await?;
        let mut errors = FieldErrors::default();
        let reason = crate::model::text_field(&mut errors, Field::Reason, &reason, true);
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        if !crate::store::matching::end_getting_to_know(&state.db, pair, &reason, today()).await? {
            return Err(invalid(FieldErrors::one(Field::Pair, Problem::PairEnded)));
        }
        Ok(())
    })
    .await
}
