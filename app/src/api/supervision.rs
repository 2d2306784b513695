//! Supervision of a programme's mentors by its managers: check-ins and
//! group meetings (their agenda from the logs' challenges). The managers of
//! the programme do it; its coordinators may read it. A mentor reads the
//! outcomes of the challenges they raised.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A programme's supervision page.
#[server(endpoint = "supervision/get", input = Json)]
pub async fn supervision_page(programme: ProgrammeId) -> Result<Supervision, AppError> {
    use super::context::*;
    use crate::store::supervision as store;
    respond("supervision/get", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        let mut meetings = store::meetings(&state.db, programme).await?;
        let mut proposed = store::proposed(&state.db, programme).await?;
        if user.manages(programme) {
            audit(
                &state,
                &user,
                AuditAction::ReadSupervision,
                [programme.to_string()],
            )
            .await?;
        } else {
            // The coordinator reads what the group meetings did, not the
            // words of the mentors' challenges (their logs' words).
            for item in meetings.iter_mut().flat_map(|m| m.agenda.iter_mut()) {
                if item.raised_by.is_some() {
                    item.topic.clear();
                }
            }
            proposed.clear();
        }
        Ok(Supervision {
            programme_id: programme,
            programme_name: view.settings.name,
            today: today(),
            mentors: store::mentors(&state.db, programme).await?,
            check_ins: store::check_ins(&state.db, programme).await?,
            meetings,
            proposed,
        })
    })
    .await
}

/// The programme's mentors, for choosing in a form: refuses anyone else.
#[cfg(feature = "ssr")]
async fn mentors_of(
    state: &super::context::AppState,
    programme: ProgrammeId,
    mentors: &[UserId],
) -> Result<(), AppError> {
    let known: Vec<UserId> = crate::store::supervision::mentors(&state.db, programme)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if mentors.iter().all(|m| known.contains(m)) {
        Ok(())
    } else {
        Err(super::context::invalid(FieldErrors::one(
            Field::Mentor,
            Problem::UnknownChoice,
        )))
    }
}

/// A manager of the programme logs a check-in call with one of its mentors,
/// or corrects one (`check_in` given).
#[server(endpoint = "supervision/check-in", input = Json)]
pub async fn save_check_in(
    programme: ProgrammeId,
    check_in: Option<CheckInId>,
    input: CheckInInput,
) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::supervision as store;
    respond("supervision/check-in", async move {
        let (state, user) = (state()?, current_user()?);
        manager_of(&state, &user, programme).await?;
        let valid = input.validate(today()).map_err(invalid)?;
        mentors_of(&state, programme, &[valid.mentor]).await?;
        if let Some(id) = check_in {
            let record = OfficeRecord::CheckIn(id);
            if crate::store::office::programme_of(&state.db, record).await? != Some(programme) {
                return Err(AppError::Forbidden);
            }
        }
        let mut tx = state.db.begin().await?;
        match check_in {
            Some(id) => store::update_check_in(&mut tx, id, &valid).await?,
            None => {
                store::add_check_in(&mut tx, programme, &valid, user.id()).await?;
            }
        }
        tx.commit().await?;
        if let Some(id) = check_in {
            let object = OfficeRecord::CheckIn(id).audit_object();
            audit(&state, &user, AuditAction::ChangedRecord, [object]).await?;
        }
        Ok(())
    })
    .await
}

/// A manager plans a group meeting (or changes one: `meeting` given).
#[server(endpoint = "supervision/meeting", input = Json)]
pub async fn save_group_meeting(
    programme: ProgrammeId,
    meeting: Option<GroupMeetingId>,
    input: GroupMeetingInput,
) -> Result<GroupMeetingId, AppError> {
    use super::context::*;
    use crate::store::supervision as store;
    respond("supervision/meeting", async move {
        let (state, user) = (state()?, current_user()?);
        manager_of(&state, &user, programme).await?;
        let plan = input.validate().map_err(invalid)?;
        mentors_of(&state, programme, &plan.attendees)
            .await
            .map_err(|_| invalid(FieldErrors::one(Field::Attendees, Problem::UnknownChoice)))?;
        let mut tx = state.db.begin().await?;
        let id = match meeting {
            Some(meeting) => {
                if store::meeting_programme(&state.db, meeting).await? != Some(programme) {
                    return Err(AppError::Forbidden);
                }
                store::update_meeting(&mut tx, meeting, &plan).await?;
                meeting
            }
            None => store::create_meeting(&mut tx, programme, &plan, user.id()).await?,
        };
        tx.commit().await?;
        if meeting.is_some() {
            let object = OfficeRecord::GroupMeeting(id).audit_object();
            audit(&state, &user, AuditAction::ChangedRecord, [object]).await?;
        }
        Ok(id)
    })
    .await
}

/// A manager puts challenges from the logs, and a topic of their own, on a
/// group meeting's agenda.
#[server(endpoint = "supervision/agenda", input = Json)]
pub async fn add_to_agenda(meeting: GroupMeetingId, input: AgendaInput) -> Result<usize, AppError> {
    use super::context::*;
    use crate::store::supervision as store;
    respond("supervision/agenda", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(programme) = store::meeting_programme(&state.db, meeting).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        let (logs, topic) = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        let added =
            store::add_to_agenda(&mut tx, meeting, programme, &logs, topic.as_deref()).await?;
        if added.is_empty() {
            // Every challenge named was taken meanwhile or is not the programme's.
            return Err(invalid(FieldErrors::one(
                Field::Challenge,
                Problem::AlreadyUsed,
            )));
        }
        tx.commit().await?;
        Ok(added.len())
    })
    .await
}

/// A manager marks an agenda item discussed, with its outcome: the mentor
/// who raised it is told.
#[server(endpoint = "supervision/discussed", input = Json)]
pub async fn mark_discussed(item: AgendaItemId, input: OutcomeInput) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::{notifications, supervision as store};
    respond("supervision/discussed", async move {
        let (state, user) = (state()?, current_user()?);
        let Some((_, programme, raised_by)) = store::item_meeting(&state.db, item).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, programme).await?;
        let outcome = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        store::mark_discussed(&mut tx, item, &outcome, user.id()).await?;
        if let Some(mentor) = raised_by {
            notifications::add_event(
                &mut tx,
                mentor,
                EventKind::ChallengeDiscussed,
                item.as_uuid(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The challenges a mentor raised that were discussed, with what came of
/// them.
#[server(endpoint = "supervision/mine")]
pub async fn my_discussed_challenges() -> Result<Vec<DiscussedChallenge>, AppError> {
    use super::context::*;
    respond("supervision/mine", async move {
        let (state, user) = require(Role::Mentor)?;
        Ok(crate::store::supervision::discussed_of_mentor(&state.db, user.id()).await?)
    })
    .await
}
