//! The boot data of each page the server renders (`app::boot::Boot`): who
//! is logged in, a mentor's pairs and newest logs, the menu's count.

use app::api::context::{reads_after, AppState, CurrentUser};
use app::boot::{office_page, office_stylesheet, Boot, MentorSnapshot};
use app::i18n::{table_url, Lang, Part};
use app::model::limits::CACHED_LOGS;
use app::model::Role;
use app::store::dashboard::RequestFacts;
use app::store::replica::WriteFloor;
use app::store::{meetings, pairs, StoreResult};

/// How many of the newest logs a mentor page shows from the start.
fn logs_shown(path: &str) -> Option<usize> {
    match path.trim_end_matches('/') {
        "/mentor" => Some(5),
        "/mentor/logs" => Some(CACHED_LOGS),
        "/mentor/log" | "/mentor/outbox" => Some(0),
        _ => None,
    }
}

/// The boot data of a page: nothing personal in a shell; the person;
/// and on a mentor's page, the pairs and the logs it shows. With it, a
/// manager's pairs' facts if they were worked out (for the page to
/// reuse).
pub async fn load(
    state: &AppState,
    user: Option<&CurrentUser>,
    path: &str,
    shell: bool,
    floor: Option<&WriteFloor>,
) -> StoreResult<(Boot, Option<RequestFacts>)> {
    let tables = Lang::ALL
        .iter()
        .flat_map(|l| Part::ALL.map(|p| (*l, p, table_url(*l, p))))
        .collect();
    let office = office_page(path);
    let office_stylesheet = office_stylesheet::url().to_string();
    if shell {
        return Ok((
            Boot {
                shell: true,
                tables,
                office,
                office_stylesheet,
                ..Boot::default()
            },
            None,
        ));
    }
    let mentor = match (user, logs_shown(path)) {
        (Some(user), Some(limit)) if user.has_role(Role::Mentor) => {
            let db = reads_after(state, floor).await;
            let pairs = pairs::of_mentor(&db, user.id()).await?;
            let logs = if limit > 0 {
                let everything = app::model::LogFilter::default();
                let mine = meetings::LogScope::Mentor(user.id());
                meetings::search(&db, mine, &everything, limit).await?.0
            } else {
                Vec::new()
            };
            Some(MentorSnapshot { pairs, logs })
        }
        _ => None,
    };
    // The menu's count, kept a minute; a manager's needs the facts of
    // every pair, which the page then reuses (`RequestFacts`).
    let mut facts = None;
    let notices = match user {
        Some(user) if user.has_role(Role::Mentor) || user.has_role(Role::Manager) => {
            match state.notice_count(user.id()) {
                Some(count) => Some(count),
                None => {
                    if user.has_role(Role::Manager) {
                        let db = reads_after(state, floor).await;
                        let of_pairs = app::store::dashboard::of_manager(&db, user.id()).await?;
                        facts = Some(RequestFacts {
                            manager: user.id(),
                            facts: std::sync::Arc::new(of_pairs),
                        });
                    }
                    let count = app::store::notifications::count_of(
                        &state.db,
                        user.id(),
                        user.has_role(Role::Mentor),
                        facts.as_ref().map(|f| f.facts.as_slice()),
                        app::model::dates::local_today(),
                    )
                    .await?;
                    state.keep_notice_count(user.id(), count);
                    Some(count)
                }
            }
        }
        _ => None,
    };
    Ok((
        Boot {
            shell: false,
            identity: user.map(|u| u.identity.clone()),
            mentor,
            tables,
            office,
            office_stylesheet,
            notices,
        },
        facts,
    ))
}
