//! The mentor manager's view: every meeting log of their programme, newest
//! first, challenges marked.

use crate::api::manager::manager_logs;
use crate::components::{error_view, Loading};
use crate::i18n::{t, use_i18n, Msg};
use crate::pages::LogCard;
use leptos::prelude::*;

#[component]
pub fn ManagerPage() -> impl IntoView {
    let i18n = use_i18n();
    let logs = Resource::new(|| (), |_| manager_logs());
    let only_challenges = RwSignal::new(false);
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
            <Suspense fallback=|| view! { <Loading/> }>
                {move || logs.get().map(|result| match result {
                    Err(error) => error_view(error),
                    Ok(all) => {
                        let total = all.len();
                        let shown: Vec<_> = all
                            .into_iter()
                            .filter(|l| !only_challenges.get() || l.challenge.is_some())
                            .collect();
                        if total == 0 {
                            return view! { <p class="empty">{t(Msg::NoProgrammeLogs)}</p> }.into_any();
                        }
                        let count = i18n.fill(Msg::LogsShown, &[("n", &shown.len().to_string()), ("total", &total.to_string())]);
                        view! {
                            <p class="muted" role="status">{count}</p>
                            <div class="log-list">
                                {shown.into_iter().map(|log| view! { <LogCard log show_mentor=true/> }).collect_view()}
                            </div>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
