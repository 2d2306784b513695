//! Correcting the office's records: removing a training, a check-in, a
//! group meeting or a line of the school plan, and changing a pair's
//! manager or planned end. The programme's managers do it (a line of the
//! plan, its coordinator too); every change goes into the audit trail.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Removes a record of the office, with what hangs on it (a training's
/// attendance; a group meeting's attendees and agenda, whose challenges go
/// back to the proposed list).
#[server(endpoint = "office/remove", input = Json)]
pub async fn remove_record(record: OfficeRecord) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::office;
    respond("office/remove", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(programme) = office::programme_of(&state.db, record).await? else {
            return Err(AppError::Forbidden);
        };
        match record {
            // The school plan is the coordinator's and the managers' (as
            // when a line is recorded).
            OfficeRecord::Measure(_, measure) => {
                programme_access(&state, &user, programme).await?;
                if !(1..=MEASURES).contains(&measure) {
                    return Err(invalid(FieldErrors::one(
                        Field::MeasureState,
                        Problem::UnknownChoice,
                    )));
                }
            }
            _ => {
                manager_of(&state, &user, programme).await?;
            }
        }
        if let OfficeRecord::GroupMeeting(meeting) = record {
            if office::has_discussed(&state.db, meeting).await? {
                return Err(invalid(FieldErrors::one(
                    Field::Challenge,
                    Problem::HasDiscussedItems,
                )));
            }
        }
        let mut tx = state.db.begin().await?;
        if !office::remove(&mut tx, record).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::RemovedRecord,
            [record.audit_object()],
        )
        .await?;
        Ok(())
    })
    .await
}

/// Changes an active pair's manager (to another manager of the programme)
/// or moves its planned end, with the reason: the pair's history keeps
/// what it was.
#[server(endpoint = "office/pair", input = Json)]
pub async fn change_pair(pair: PairId, input: PairChangeInput) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::office;
    respond("office/pair", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, access.programme_id).await?;
        let Some(now) = office::pair_now(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        let change = input.validate(access.started_on, now).map_err(invalid)?;
        if access.status == PairStatus::Ended {
            return Err(invalid(FieldErrors::one(Field::Pair, Problem::PairEnded)));
        }
        let managers = office::managers(&state.db, access.programme_id).await?;
        if !managers.iter().any(|(id, _)| *id == change.manager) {
            return Err(invalid(FieldErrors::one(
                Field::Manager,
                Problem::UnknownChoice,
            )));
        }
        let mut tx = state.db.begin().await?;
        office::change_pair(&mut tx, pair, &change, user.id()).await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::ChangedRecord,
            [pair_audit_object(pair)],
        )
        .await?;
        Ok(())
    })
    .await
}
