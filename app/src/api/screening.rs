//! Mentor screening: a programme's required checks (chosen by its
//! coordinator), each mentor candidate's checks (recorded by its managers),
//! and what a mentor sees of their own. Screening data is for the
//! programme's managers and coordinator only (and the mentor, of their own
//! checks); matching refuses a mentor whose required checks are not all
//! passed (or waived) and valid.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A mentor candidate's screening, as their programme's managers read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningOfCandidate {
    pub candidate: CandidateId,
    pub name: String,
    pub items: Vec<ScreeningItem>,
    /// The people giving references, with their answers.
    pub referees: Vec<RefereeView>,
    /// The person may record checks (a manager of the programme).
    pub manages: bool,
}

/// A programme's required checks, for its managers and coordinator.
#[server(endpoint = "screening/requirements", input = Json)]
pub async fn requirements(programme: ProgrammeId) -> Result<Vec<RequirementView>, AppError> {
    use super::context::*;
    respond("screening/requirements", async move {
        let (state, user) = (state()?, current_user()?);
        programme_access(&state, &user, programme).await?;
        Ok(crate::store::screening::requirements(&state.db, programme).await?)
    })
    .await
}

/// Adds a required check (the programme's coordinator).
#[server(endpoint = "screening/add_requirement", input = Json)]
pub async fn add_requirement(
    programme: ProgrammeId,
    input: RequirementInput,
) -> Result<ScreeningRequirementId, AppError> {
    use super::context::*;
    respond("screening/add_requirement", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        if !coordinates(&state, &user, view.organisation_id).await? {
            return Err(AppError::Forbidden);
        }
        let requirement = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        let id =
            crate::store::screening::add_requirement(&mut tx, programme, &requirement, user.id())
                .await?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}

/// Stops requiring a check (the programme's coordinator); its records stay.
#[server(endpoint = "screening/retire_requirement", input = Json)]
pub async fn retire_requirement(id: ScreeningRequirementId) -> Result<(), AppError> {
    use super::context::*;
    respond("screening/retire_requirement", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(programme) = crate::store::screening::requirement_programme(&state.db, id).await?
        else {
            return Err(AppError::Forbidden);
        };
        let (view, _) = programme_access(&state, &user, programme).await?;
        if !coordinates(&state, &user, view.organisation_id).await? {
            return Err(AppError::Forbidden);
        }
        let mut tx = state.db.begin().await?;
        crate::store::screening::retire_requirement(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// One mentor candidate's checks, for the programme's managers and
/// coordinator.
#[server(endpoint = "screening/of_candidate", input = Json)]
pub async fn candidate_screening(candidate: CandidateId) -> Result<ScreeningOfCandidate, AppError> {
    use super::context::*;
    respond("screening/of_candidate", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, found)) =
            crate::store::recruitment::find(&state.db, candidate).await?
        else {
            return Err(AppError::Forbidden);
        };
        programme_access(&state, &user, programme).await?;
        if found.kind != CandidateKind::Mentor {
            return Err(AppError::NotFound);
        }
        crate::store::audit::record(
            &state.db,
            Some(user.id()),
            crate::store::audit::AuditAction::ReadScreening,
            &candidate.to_string(),
            &client_ip(),
        )
        .await?;
        let requirements = crate::store::screening::requirements(&state.db, programme).await?;
        let checks = crate::store::screening::checks_of(&state.db, candidate).await?;
        let referees = crate::store::screening::referees_of(&state.db, candidate).await?;
        Ok(ScreeningOfCandidate {
            candidate,
            name: found.name,
            items: screening_items(&requirements, &checks, today()),
            referees,
            manages: user.manages(programme),
        })
    })
    .await
}

/// Records where one check of a mentor candidate stands (a manager of the
/// programme). A new record each time: the latest counts, every one stays.
#[server(endpoint = "screening/record", input = Json)]
pub async fn record_check(
    candidate: CandidateId,
    requirement: ScreeningRequirementId,
    input: CheckInput,
) -> Result<(), AppError> {
    use super::context::*;
    respond("screening/record", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, found)) =
            crate::store::recruitment::find(&state.db, candidate).await?
        else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        let of_programme =
            crate::store::screening::requirement_programme(&state.db, requirement).await?;
        if found.kind != CandidateKind::Mentor || of_programme != Some(programme) {
            return Err(AppError::NotFound);
        }
        let check = input.validate(today()).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::screening::record(&mut tx, candidate, requirement, &check, user.id()).await?;
        tx.commit().await?;
        tracing::info!(%candidate, state = %check.state, "screening check recorded");
        Ok(())
    })
    .await
}

/// Adds a reference for a mentor candidate, or changes one (a manager of
/// the programme).
#[server(endpoint = "screening/save_referee", input = Json)]
pub async fn save_referee(
    candidate: CandidateId,
    id: Option<RefereeId>,
    input: RefereeInput,
) -> Result<RefereeId, AppError> {
    use super::context::*;
    respond("screening/save_referee", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, found)) =
            crate::store::recruitment::find(&state.db, candidate).await?
        else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        if found.kind != CandidateKind::Mentor {
            return Err(AppError::NotFound);
        }
        let referee = input.validate(today()).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        let saved =
            crate::store::screening::save_referee(&mut tx, candidate, id, &referee, user.id())
                .await?;
        let Some(saved) = saved else {
            return Err(AppError::NotFound);
        };
        tx.commit().await?;
        tracing::info!(%candidate, "reference saved");
        Ok(saved)
    })
    .await
}

/// A mentor's own checks, per programme they are a mentor candidate of.
/// Without the managers' notes: a note may hold what a referee said.
#[server(endpoint = "screening/mine")]
pub async fn my_screening() -> Result<Vec<(String, Vec<ScreeningItem>)>, AppError> {
    use super::context::*;
    respond("screening/mine", async move {
        let (state, user) = require(Role::Mentor)?;
        let mut mine = Vec::new();
        for membership in user.memberships.iter().filter(|m| m.role == Role::Mentor) {
            let programme = membership.programme_id;
            let Some(candidate) = crate::store::recruitment::of_user(
                &state.db,
                programme,
                CandidateKind::Mentor,
                user.id(),
            )
            .await?
            else {
                continue;
            };
            let requirements = crate::store::screening::requirements(&state.db, programme).await?;
            if requirements.is_empty() {
                continue;
            }
            let checks = crate::store::screening::checks_of(&state.db, candidate.id).await?;
            let name = crate::store::programmes::find(&state.db, programme)
                .await?
                .map(|p| p.settings.name)
                .unwrap_or_default();
            let mut items = screening_items(&requirements, &checks, today());
            for check in items.iter_mut().filter_map(|i| i.check.as_mut()) {
                check.note.clear();
            }
            mine.push((name, items));
        }
        Ok(mine)
    })
    .await
}

/// The screening of every accepted mentor of a programme: what keeps each
/// from being matched (nothing: ready). For matching.
#[cfg(feature = "ssr")]
pub async fn blocking_of_programme(
    db: &crate::store::Db,
    programme: ProgrammeId,
    mentors: &[CandidateId],
) -> Result<Vec<(CandidateId, Vec<RequirementView>)>, AppError> {
    let requirements = crate::store::screening::requirements(db, programme).await?;
    let checks = crate::store::screening::checks_of_programme(db, programme).await?;
    let today = super::context::today();
    Ok(mentors
        .iter()
        .map(|mentor| {
            let own: Vec<CheckView> = checks
                .iter()
                .filter(|(c, _)| c == mentor)
                .map(|(_, check)| check.clone())
                .collect();
            let items = screening_items(&requirements, &own, today);
            (*mentor, blocking(&items).into_iter().cloned().collect())
        })
        .collect())
}
