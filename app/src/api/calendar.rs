//! Calendar files of the office's events: a training or a group meeting
//! as an `.ics` download that any calendar opens, for the programme's
//! managers and coordinators.

use super::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, GetUrl, Streaming};

/// One event as a calendar file: `kind` is `training` or `group_meeting`,
/// `id` the event's id.
#[server(endpoint = "calendar/event", input = GetUrl, output = Streaming)]
pub async fn event_ics(kind: String, id: String) -> Result<ByteStream<AppError>, AppError> {
    use super::context::*;
    use crate::i18n::Msg;
    use crate::model::*;
    respond("calendar/event", async move {
        let (state, user) = (state()?, current_user()?);
        let lang = request_language();
        let (programme, date, schedule, title, uid) = match kind.as_str() {
            "training" => {
                let id = TrainingId::parse(&id).map_err(|_| AppError::NotFound)?;
                let Some((programme, _)) = crate::store::training::find(&state.db, id).await?
                else {
                    return Err(AppError::NotFound);
                };
                let sessions = crate::store::training::of_programme(&state.db, programme).await?;
                let Some(training) = sessions.into_iter().find(|t| t.id == id) else {
                    return Err(AppError::NotFound);
                };
                let session = training.session;
                let title = Msg::CalendarTraining.fill(lang, &[("topic", &session.topic)]);
                (
                    programme,
                    session.held_on,
                    session.schedule,
                    title,
                    format!("training-{id}"),
                )
            }
            "group_meeting" => {
                let id = GroupMeetingId::parse(&id).map_err(|_| AppError::NotFound)?;
                let Some(programme) =
                    crate::store::supervision::meeting_programme(&state.db, id).await?
                else {
                    return Err(AppError::NotFound);
                };
                let meetings = crate::store::supervision::meetings(&state.db, programme).await?;
                let Some(meeting) = meetings.into_iter().find(|m| m.id == id) else {
                    return Err(AppError::NotFound);
                };
                let title = Msg::CalendarGroupMeeting.text(lang).to_string();
                (
                    programme,
                    meeting.held_on,
                    meeting.schedule,
                    title,
                    format!("group-meeting-{id}"),
                )
            }
            _ => return Err(AppError::NotFound),
        };
        let (view, _) = programme_access(&state, &user, programme).await?;
        let event = CalendarEvent {
            uid: format!("{uid}@parent-bridge"),
            title,
            date,
            schedule,
            description: view.settings.name,
        };
        let text = ics(&[event], crate::store::now());
        set_header(http::header::CONTENT_TYPE, "text/calendar; charset=utf-8");
        set_header(
            http::header::CONTENT_DISPOSITION,
            &format!("attachment; filename=\"{kind}-{date}.ics\""),
        );
        let chunk: Result<Vec<u8>, AppError> = Ok(text.into_bytes());
        Ok(ByteStream::new(futures::stream::once(async move { chunk })))
    })
    .await
}
