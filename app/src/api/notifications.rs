//! Notifications: a person's list of what to act on (a mentor's reports due
//! and quiet pairs, the outcomes of their challenges and the
//! acknowledgement of their concerns; a manager's alerts). The list is made
//! in `store::notifications`, the emails that tell of it in `render::mail`.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;

/// The person's notifications, most urgent first; their events are marked
/// read by reading them.
#[server(endpoint = "notifications/mine")]
pub async fn my_notifications() -> Result<Vec<Notification>, AppError> {
    use super::context::*;
    respond("notifications/mine", async move {
        let (state, user) = (state()?, current_user()?);
        if !user.has_role(Role::Mentor) && !user.has_role(Role::Manager) {
            return Err(AppError::Forbidden);
        }
        let facts = if user.has_role(Role::Manager) {
            Some(manager_facts(&state.db, user.id()).await?)
        } else {
            None
        };
        let list = crate::store::notifications::notifications_of(
            &state.db,
            user.id(),
            user.has_role(Role::Mentor),
            facts.as_deref().map(Vec::as_slice),
            today(),
        )
        .await?;
        crate::store::notifications::mark_read(&state.db, user.id()).await?;
        state.forget_notice_count(user.id());
        Ok(list)
    })
    .await
}
