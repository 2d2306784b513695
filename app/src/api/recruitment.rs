//! Recruitment: candidates registered with the registration form (Tool 1),
//! moved through the stages, each move stamped. Managers of the programme
//! act; the coordinator of its organisation reads.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A programme's recruitment board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecruitmentData {
    pub programme: ProgrammeView,
    pub candidates: Vec<Candidate>,
    pub manages: bool,
}

/// One candidate with their history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateData {
    pub programme: ProgrammeView,
    pub candidate: Candidate,
    pub moves: Vec<StageMove>,
    pub manages: bool,
}

#[server(endpoint = "recruitment/board")]
pub async fn recruitment_board(programme: ProgrammeId) -> Result<RecruitmentData, AppError> {
    use super::context::*;
    respond("recruitment/board", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        let mut candidates = crate::store::recruitment::of_programme(&state.db, programme).await?;
        let manages = user.manages(programme);
        if !manages {
            // How to reach a person is for the programme's managers.
            candidates = candidates
                .into_iter()
                .map(Candidate::without_contact)
                .collect();
        }
        Ok(RecruitmentData {
            programme: view,
            candidates,
            manages,
        })
    })
    .await
}

#[server(endpoint = "recruitment/candidate")]
pub async fn candidate_page(id: CandidateId) -> Result<CandidateData, AppError> {
    use super::context::*;
    respond("recruitment/candidate", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, candidate)) = crate::store::recruitment::find(&state.db, id).await?
        else {
            return Err(AppError::Forbidden);
        };
        let (view, _) = programme_access(&state, &user, programme).await?;
        audit(
            &state,
            &user,
            crate::model::AuditAction::ReadRegistration,
            [id.to_string()],
        )
        .await?;
        let moves = crate::store::recruitment::moves(&state.db, id).await?;
        let manages = user.manages(programme);
        Ok(CandidateData {
            programme: view,
            // How to reach a person is for the programme's managers.
            candidate: if manages {
                candidate
            } else {
                candidate.without_contact()
            },
            moves,
            manages,
        })
    })
    .await
}

/// Registers a candidate (`id` empty) or corrects one's registration.
#[server(endpoint = "recruitment/save", input = Json)]
pub async fn save_candidate(
    programme: ProgrammeId,
    id: Option<CandidateId>,
    input: RegistrationInput,
) -> Result<CandidateId, AppError> {
    use super::context::*;
    respond("recruitment/save", async move {
        let (state, user) = (state()?, current_user()?);
        let view = manager_of(&state, &user, programme).await?;
        let ctx = RegistrationContext {
            today: today(),
            max_mentees: view.settings.max_mentees,
        };
        let registration = input.validate(&ctx).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        let id = match id {
            None => {
                crate::store::recruitment::create(
                    &mut tx,
                    programme,
                    &registration,
                    Stage::Disclosure,
                    None,
                    user.id(),
                )
                .await?
            }
            Some(id) => {
                match crate::store::recruitment::find(&state.db, id).await? {
                    Some((p, c)) if p == programme && c.kind == registration.kind => {}
                    _ => return Err(AppError::Forbidden),
                }
                crate::store::recruitment::update(&mut tx, id, &registration, user.id()).await?;
                id
            }
        };
        tx.commit().await?;
        Ok(id)
    })
    .await
}

/// Moves a candidate to another stage. An accepted candidate gets an
/// account (without a login until they accept an invitation), so they can
/// be matched.
#[server(endpoint = "recruitment/move", input = Json)]
pub async fn move_candidate(id: CandidateId, input: MoveInput) -> Result<Stage, AppError> {
    use super::context::*;
    respond("recruitment/move", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, candidate)) = crate::store::recruitment::find(&state.db, id).await?
        else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        let (to, reason) = input.validate(candidate.stage).map_err(invalid)?;
        if to == Stage::Accepted && candidate.consent.is_none() {
            return Err(invalid(FieldErrors::one(Field::Consent, Problem::Required)));
        }
        let mut tx = state.db.begin().await?;
        let moved = crate::store::recruitment::move_to(
            &mut tx,
            id,
            candidate.stage,
            to,
            reason.as_deref(),
            user.id(),
        )
        .await?;
        if !moved {
            // Moved by someone else meanwhile: the page shows where it is now.
            return Err(invalid(FieldErrors::one(
                Field::Stage,
                Problem::StageNotAllowed,
            )));
        }
        if to == Stage::Accepted {
            let role = match candidate.kind {
                CandidateKind::Mentor => Role::Mentor,
                CandidateKind::Mentee => Role::Mentee,
            };
            match candidate.user_id {
                // Someone with an account already (a mentee who completed
                // and now mentors) takes on the new role.
                Some(account) => {
                    crate::store::users::ensure_membership(&mut tx, account, programme, role)
                        .await?
                }
                None => {
                    let account = crate::store::users::create_without_login(
                        &mut tx,
                        &candidate.name,
                        programme,
                        role,
                    )
                    .await?;
                    crate::store::recruitment::link_user(&mut tx, id, account).await?;
                }
            }
        }
        tx.commit().await?;
        Ok(to)
    })
    .await
}
