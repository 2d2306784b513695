//! Mentor training: sessions, attendance, the self-assessment questionnaire
//! (its coordinator edits it) and each mentor's answers before and after.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A programme's training page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingData {
    pub programme: ProgrammeView,
    pub trainings: Vec<TrainingView>,
    /// The mentor candidates (not dropped out), for attendance.
    pub mentors: Vec<(CandidateId, String)>,
    pub items: Vec<SelfAssessmentItem>,
    pub self_assessments: Vec<SelfAssessmentRow>,
    pub manages: bool,
    /// The person coordinates the programme (edits the questionnaire).
    pub coordinates: bool,
}

#[server(endpoint = "training/page")]
pub async fn training_page(programme: ProgrammeId) -> Result<TrainingData, AppError> {
    use super::context::*;
    use crate::store::training;
    respond("training/page", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        let db = &state.db;
        let items = training::items(db, programme).await?;
        let self_assessments = training::self_assessments(db, programme, &items).await?;
        let mentors = self_assessments
            .iter()
            .map(|r| (r.candidate, r.name.clone()))
            .collect();
        Ok(TrainingData {
            coordinates: coordinates(&state, &user, view.organisation_id).await?,
            manages: user.manages(programme),
            programme: view,
            trainings: training::of_programme(db, programme).await?,
            mentors,
            items,
            self_assessments,
        })
    })
    .await
}

/// A manager records a training session, or corrects one (`training`
/// given: its date, format and topic; who attended stays).
#[server(endpoint = "training/save", input = Json)]
pub async fn save_training(
    programme: ProgrammeId,
    training: Option<TrainingId>,
    input: TrainingInput,
) -> Result<TrainingId, AppError> {
    use super::context::*;
    use crate::store::training as store;
    respond("training/save", async move {
        let (state, user) = (state()?, current_user()?);
        manager_of(&state, &user, programme).await?;
        let session = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        let id = match training {
            Some(training) => {
                match store::find(&state.db, training).await? {
                    Some((of, _)) if of == programme => {}
                    _ => return Err(AppError::Forbidden),
                }
                store::update(&mut tx, training, &session).await?;
                training
            }
            None => store::create(&mut tx, programme, &session, user.id()).await?,
        };
        tx.commit().await?;
        if training.is_some() {
            audit(
                &state,
                &user,
                AuditAction::ChangedRecord,
                [OfficeRecord::Training(id).audit_object()],
            )
            .await?;
        }
        Ok(id)
    })
    .await
}

/// The mentors who attended a training (held already).
#[server(endpoint = "training/attendance", input = Json)]
pub async fn set_attendance(
    training: TrainingId,
    attended: Vec<CandidateId>,
) -> Result<(), AppError> {
    use super::context::*;
    respond("training/attendance", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, held_on)) = crate::store::training::find(&state.db, training).await?
        else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        if held_on > today() {
            return Err(invalid(FieldErrors::one(Field::HeldOn, Problem::NotYet)));
        }
        let mentors = crate::store::recruitment::of_programme(&state.db, programme).await?;
        let known = |id: &CandidateId| {
            mentors
                .iter()
                .any(|c| c.id == *id && c.kind == CandidateKind::Mentor)
        };
        if !attended.iter().all(known) {
            return Err(invalid(FieldErrors::one(
                Field::Mentor,
                Problem::UnknownChoice,
            )));
        }
        let mut unique = attended;
        unique.sort();
        unique.dedup();
        let mut tx = state.db.begin().await?;
        crate::store::training::set_attendance(&mut tx, training, &unique).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// A mentor's self-assessment at one moment (before or after training).
#[server(endpoint = "training/self_assessment", input = Json)]
pub async fn save_self_assessment(
    candidate: CandidateId,
    input: SelfAssessmentInput,
) -> Result<(), AppError> {
    use super::context::*;
    respond("training/self_assessment", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((programme, c)) = crate::store::recruitment::find(&state.db, candidate).await?
        else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        if c.kind != CandidateKind::Mentor {
            return Err(AppError::Forbidden);
        }
        let items = crate::store::training::items(&state.db, programme).await?;
        let (moment, scores) = input.validate(&items).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::training::save_self_assessment(
            &mut tx,
            candidate,
            moment,
            &scores,
            user.id(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The coordinator edits the questionnaire: a new item, a reworded one
/// (`item` given), or removes one (`text` empty).
#[server(endpoint = "training/item", input = Json)]
pub async fn save_item(
    programme: ProgrammeId,
    item: Option<SelfAssessmentItemId>,
    text: String,
) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::training;
    respond("training/item", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        if !coordinates(&state, &user, view.organisation_id).await? {
            return Err(AppError::Forbidden);
        }
        if let Some(item) = item {
            if training::item_programme(&state.db, item).await? != Some(programme) {
                return Err(AppError::Forbidden);
            }
        }
        let mut errors = FieldErrors::default();
        let text = crate::model::short_text(&mut errors, Field::Item, &text, item.is_none());
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        match (item, text.is_empty()) {
            (None, _) => {
                training::add_item(&state.db, programme, &text).await?;
            }
            (Some(item), true) => training::remove_item(&state.db, item).await?,
            (Some(item), false) => training::rename_item(&state.db, item, &text).await?,
        }
        Ok(())
    })
    .await
}
