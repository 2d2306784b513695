//! What the sync engine sends and fetches besides meeting logs (concerns,
//! goals and reports), in one lazily loaded part: the part every page loads asks only
//! whether there is anything ([`super::goals::has_goals`],
//! [`super::reports::has_reports`]), and one entry point serves every step
//! (each entry point costs the first load a little).

use super::goals::{self, Goals};
use super::reports::{self, Reports};
use super::storage::BrowserStore;
use crate::api::AppError;
use crate::model::UserId;
use chrono::Utc;

/// A step of a sync run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// The waiting safeguarding concerns, before anything else.
    SendConcerns,
    /// The waiting goal changes, before the meeting logs (which may name a
    /// goal made with them).
    SendGoals,
    /// After the meeting logs: the waiting reports, and the server's goals
    /// (with the progress the logs just sent give them) kept on the phone,
    /// waiting goal changes sent first.
    AfterLogs { reports: bool, goals: bool },
}

/// Runs one step for `user`; the number of items the server answered.
#[leptos::lazy]
pub async fn sync_extra(request: (UserId, Extra)) -> Result<usize, AppError> {
    let (user, step) = request;
    let Some(store) = BrowserStore::available() else {
        return Ok(0);
    };
    if step == Extra::SendConcerns {
        let concerns = super::concerns::Concerns::new(store, user);
        return super::concerns::send(&concerns, crate::api::concerns::sync_concerns).await;
    }
    let (reports, fetch_goals) = match step {
        Extra::SendConcerns | Extra::SendGoals => (false, false),
        Extra::AfterLogs { reports, goals } => (reports, goals),
    };
    let mut answered = 0;
    if step == Extra::SendGoals || fetch_goals {
        let goals = Goals::new(store, user);
        answered += goals::send(&goals, crate::api::goals::sync_goals, Utc::now).await?;
        if fetch_goals {
            let stored = crate::api::goals::my_goals().await?;
            // A full phone keeps the older copy; it is read again later.
            let _ = goals.save_cached(&stored);
        }
    }
    if reports {
        let reports = Reports::new(store, user);
        answered += reports::send(&reports, crate::api::reports::sync_reports, Utc::now).await?;
    }
    Ok(answered)
}
