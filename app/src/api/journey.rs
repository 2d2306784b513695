//! The pair's journey: after getting to know each other, the mentor and the
//! mentee each say whether they want to go on (a manager may record a
//! mentee's answer for them); the manager confirms the pair once both said
//! yes; the manager closes an active pair (completed or dropped out) and
//! may propose a mentee who completed as a mentor.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The pairs the person is getting to know (as mentor or as mentee), with
/// their own answer so far.
#[server(endpoint = "journey/waiting")]
pub async fn my_getting_to_know() -> Result<Vec<GettingToKnow>, AppError> {
    use super::context::*;
    respond("journey/waiting", async move {
        let (state, user) = (state()?, current_user()?);
        Ok(crate::store::journey::getting_to_know_of(&state.db, user.id()).await?)
    })
    .await
}

/// One side's answer: the mentor for themselves, the mentee for
/// themselves, or a manager of the programme on behalf of either (a mentee
/// without a device tells the manager).
#[server(endpoint = "journey/answer", input = Json)]
pub async fn answer_getting_to_know(
    pair: PairId,
    side: Side,
    input: ConfirmationInput,
) -> Result<(), AppError> {
    use super::context::*;
    respond("journey/answer", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        let own = match side {
            Side::Mentor => access.is_mentor(user.id()),
            Side::Mentee => access.is_mentee(user.id()),
        };
        if !own {
            manager_of(&state, &user, access.programme_id).await?;
        }
        let answer = input.validate().map_err(invalid)?;
        if access.status != PairStatus::GettingToKnow
            || !crate::store::journey::answer(&state.db, pair, side, &answer, user.id(), today())
                .await?
        {
            return Err(invalid(FieldErrors::one(
                Field::Pair,
                Problem::NotGettingToKnow,
            )));
        }
        tracing::info!(
            side = side.key(),
            go_on = answer.go_on,
            "getting to know answered"
        );
        Ok(())
    })
    .await
}

/// The manager confirms a pair whose two sides said yes: it becomes active.
#[server(endpoint = "journey/confirm", input = Json)]
pub async fn confirm_pair(pair: PairId) -> Result<(), AppError> {
    use super::context::*;
    respond("journey/confirm", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, access.programme_id).await?;
        if access.status != PairStatus::GettingToKnow {
            return Err(invalid(FieldErrors::one(
                Field::Pair,
                Problem::NotGettingToKnow,
            )));
        }
        if !crate::store::journey::confirm(&state.db, pair, today()).await? {
            return Err(invalid(FieldErrors::one(Field::Pair, Problem::NotBothYes)));
        }
        Ok(())
    })
    .await
}

/// The manager closes an active pair: completed or dropped out, on a date,
/// and whether the mentee goes on with a new mentor.
#[server(endpoint = "journey/close", input = Json)]
pub async fn close_pair(pair: PairId, input: ClosureInput) -> Result<(), AppError> {
    use super::context::*;
    respond("journey/close", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, access.programme_id).await?;
        let closure = input
            .validate(access.started_on, today())
            .map_err(invalid)?;
        let problem = match access.status {
            PairStatus::Active => None,
            PairStatus::GettingToKnow => Some(Problem::NotYet),
            PairStatus::Ended => Some(Problem::PairEnded),
        };
        if let Some(problem) = problem {
            return Err(invalid(FieldErrors::one(Field::Pair, problem)));
        }
        if !crate::store::journey::close(&state.db, pair, &closure).await? {
            return Err(invalid(FieldErrors::one(Field::Pair, Problem::PairEnded)));
        }
        tracing::info!(outcome = closure.outcome.key(), "pair closed");
        Ok(())
    })
    .await
}

/// A mentee who completed becomes a mentor candidate of the programme (at
/// "expression of interest"), with their profile and consent: the Parent
/// Lead path.
#[server(endpoint = "journey/propose-mentor", input = Json)]
pub async fn propose_as_mentor(pair: PairId) -> Result<CandidateId, AppError> {
    use super::context::*;
    respond("journey/propose-mentor", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(facts) = crate::store::journey::facts(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, facts.programme_id).await?;
        if facts.end_kind != Some(EndKind::Completed) {
            return Err(invalid(FieldErrors::one(Field::Pair, Problem::NotYet)));
        }
        let mentee = match facts.mentee_candidate_id {
            Some(id) => crate::store::recruitment::find(&state.db, id).await?,
            None => None,
        };
        let Some((programme, mentee)) = mentee else {
            return Err(invalid(FieldErrors::one(
                Field::Mentee,
                Problem::NotAcceptedCandidate,
            )));
        };
        // Once only: the person is a mentor candidate of the programme
        // already (proposed before, or registered as a mentor).
        if let Some(account) = mentee.user_id {
            let existing = crate::store::recruitment::of_user(
                &state.db,
                programme,
                CandidateKind::Mentor,
                account,
            )
            .await?;
            if existing.is_some() {
                return Err(invalid(FieldErrors::one(Field::Pair, Problem::AlreadyUsed)));
            }
        }
        let registration = Registration {
            kind: CandidateKind::Mentor,
            name: mentee.name.clone(),
            consent: mentee.consent.clone(),
            profile: Profile {
                // A parent who was mentored: a peer mentor.
                is_parent: true,
                max_mentees: None,
                ..mentee.profile.clone()
            },
        };
        let mut tx = state.db.begin().await?;
        let id = crate::store::recruitment::create(
            &mut tx,
            programme,
            &registration,
            Stage::Interest,
            mentee.user_id,
            user.id(),
        )
        .await?;
        crate::store::journey::mark_from_pair(&mut tx, id, pair).await?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}
