//! Programmes: create and edit them (coordinators), see where each stands on
//! the process map, and keep the school engagement plan.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A programme in a list, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeCard {
    pub view: ProgrammeView,
    pub map: [(Step, StepState); 6],
    /// The person coordinates it (may edit it).
    pub coordinates: bool,
}

/// One programme's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePage {
    pub card: ProgrammeCard,
    pub facts: ProgrammeFacts,
    pub plan: Vec<MeasurePlan>,
    /// The person manages it (runs recruitment, training, matching).
    pub manages: bool,
}

/// The programmes the person coordinates (their organisations') or manages.
#[server(endpoint = "programmes/list")]
pub async fn programmes() -> Result<Vec<ProgrammeCard>, AppError> {
    use super::context::*;
    respond("programmes/list", async move {
        let user = current_user()?;
        let state = state()?;
        if !user.has_role(Role::Coordinator) && !user.has_role(Role::Manager) {
            return Err(AppError::Forbidden);
        }
        let db = &state.db;
        let mut views = crate::store::programmes::of_coordinator(db, user.id()).await?;
        let coordinated: Vec<ProgrammeId> = views.iter().map(|v| v.id).collect();
        for view in crate::store::programmes::of_manager(db, user.id()).await? {
            if !coordinated.contains(&view.id) {
                views.push(view);
            }
        }
        let mut cards = Vec::with_capacity(views.len());
        for view in views {
            let facts = crate::store::programmes::facts(db, view.id, today()).await?;
            cards.push(ProgrammeCard {
                coordinates: coordinated.contains(&view.id),
                map: process_map(&facts),
                view,
            });
        }
        Ok(cards)
    })
    .await
}

#[server(endpoint = "programmes/get")]
pub async fn programme(id: ProgrammeId) -> Result<ProgrammePage, AppError> {
    use super::context::*;
    respond("programmes/get", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, access) = programme_access(&state, &user, id).await?;
        let facts = crate::store::programmes::facts(&state.db, id, today()).await?;
        let plan = crate::store::engagement::plan(&state.db, id).await?;
        let is_coordinator = access == ProgrammeAccess::Coordinator
            || coordinates(&state, &user, view.organisation_id).await?;
        Ok(ProgrammePage {
            card: ProgrammeCard {
                view,
                map: process_map(&facts),
                coordinates: is_coordinator,
            },
            facts,
            plan,
            manages: user.manages(id),
        })
    })
    .await
}

/// The organisations the person may create programmes in.
#[server(endpoint = "programmes/organisations")]
pub async fn coordinated_organisations() -> Result<Vec<(OrganisationId, String)>, AppError> {
    use super::context::*;
    respond("programmes/organisations", async move {
        let (state, user) = require(Role::Coordinator)?;
        Ok(crate::store::programmes::coordinated_organisations(&state.db, user.id()).await?)
    })
    .await
}

/// Creates a programme in one of the person's organisations; they
/// coordinate it.
#[server(endpoint = "programmes/create", input = Json)]
pub async fn create_programme(
    organisation: OrganisationId,
    input: ProgrammeInput,
) -> Result<ProgrammeId, AppError> {
    use super::context::*;
    respond("programmes/create", async move {
        let (state, user) = require(Role::Coordinator)?;
        let organisations =
            crate::store::programmes::coordinated_organisations(&state.db, user.id()).await?;
        if !organisations.iter().any(|(id, _)| *id == organisation) {
            return Err(AppError::Forbidden);
        }
        let settings = input.validate().map_err(invalid)?;
        let lang = request_language();
        let mut tx = state.db.begin().await?;
        let id = match crate::store::programmes::create(
            &mut tx,
            organisation,
            &settings,
            Some(user.id()),
            lang,
        )
        .await
        {
            Err(crate::store::StoreError::Duplicate(_)) => {
                return Err(invalid(FieldErrors::one(Field::Name, Problem::AlreadyUsed)))
            }
            other => other?,
        };
        // Screening is never forgotten: a new programme starts with the
        // checks the model suggests (the coordinator can retire any).
        for input in suggested_requirements() {
            let requirement = input.validate().map_err(invalid)?;
            crate::store::screening::add_requirement(&mut tx, id, &requirement, user.id()).await?;
        }
        tx.commit().await?;
        tracing::info!(programme = %id, "programme created");
        Ok(id)
    })
    .await
}

/// Changes a programme's parameters (its coordinator).
#[server(endpoint = "programmes/update", input = Json)]
pub async fn update_programme(id: ProgrammeId, input: ProgrammeInput) -> Result<(), AppError> {
    use super::context::*;
    respond("programmes/update", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, id).await?;
        if !coordinates(&state, &user, view.organisation_id).await? {
            return Err(AppError::Forbidden);
        }
        let settings = input.validate().map_err(invalid)?;
        match crate::store::programmes::update(&state.db, id, &settings).await {
            Err(crate::store::StoreError::Duplicate(_)) => {
                Err(invalid(FieldErrors::one(Field::Name, Problem::AlreadyUsed)))
            }
            other => Ok(other?),
        }
    })
    .await
}

/// Records one line of the school engagement plan (its coordinator or a
/// manager).
#[server(endpoint = "programmes/measure", input = Json)]
pub async fn save_measure(
    programme: ProgrammeId,
    input: MeasureInput,
) -> Result<MeasurePlan, AppError> {
    use super::context::*;
    respond("programmes/measure", async move {
        let (state, user) = (state()?, current_user()?);
        programme_access(&state, &user, programme).await?;
        let plan = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::engagement::save(&mut tx, programme, &plan, user.id()).await?;
        tx.commit().await?;
        Ok(plan)
    })
    .await
}
