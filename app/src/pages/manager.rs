//! The mentor manager's view: every meeting log of their programme, newest
//! first, challenges marked. Loaded only when a manager opens it.

use crate::api::manager::manager_logs;
use crate::components::{error_view, Loading};
use crate::i18n::{t, use_i18n, Msg};
use crate::model::MeetingLogView;
use crate::pages::LogCard;
use leptos::prelude::*;

/// The page (a lazy route: see `pages`). Its data is asked for here, so
/// the code that reads it loads with the page.
#[component]
pub fn ManagerPage() -> impl IntoView {
    let logs = Resource::new(|| (), |_| manager_logs());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || logs.get().map(|result| match result {
                // A person who may not see it sees only that.
                Err(error) => error_view(error),
                Ok(all) => view! { <ManagerLogs all/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ManagerLogs(all: Vec<MeetingLogView>) -> impl IntoView {
    let i18n = use_i18n();
    let only_challenges = RwSignal::new(false);
    let total = all.len();
    let list = move || {
        if total == 0 {
            return view! { <p class="empty">{t(Msg::NoProgrammeLogs)}</p> }.into_any();
        }
        let shown: Vec<MeetingLogView> = all
            .iter()
            .filter(|l| !only_challenges.get() || l.challenge.is_some())
            .cloned()
            .collect();
        let count = i18n.fill(
            Msg::LogsShown,
            &[
                ("n", &shown.len().to_string()),
                ("total", &total.to_string()),
            ],
        );
        view! {
            <p class="muted" role="status">{count}</p>
            <div class="log-list">
                {shown.into_iter().map(|log| view! { <LogCard log show_mentor=true/> }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="page wide">
            <h1>{t(Msg::ManagerTitle)}</h1>
            <p class="lead">{t(Msg::ManagerIntro)}</p>
            <div class="choice">
                <input
                    type="checkbox"
                    id="only-challenges"
                    prop:checked=only_challenges
                    on:change:target=move |ev| only_challenges.set(ev.target().checked())
                />
                <label for="only-challenges">{t(Msg::OnlyChallenges)}</label>
            </div>
            {list}
        </section>
    }
}
