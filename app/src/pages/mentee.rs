//! The mentee's page: who mentors them, and the promise of confidentiality.
//! Loaded only when opened.

use crate::api::mentee::mentee_home;
use crate::components::{error_view, format_date, Loading};
use crate::i18n::{t, use_i18n, Msg};
use crate::model::MenteePair;
use leptos::prelude::*;

/// The page (a lazy route: see `pages`). Its data is asked for here, so
/// the code that reads it loads with the page.
#[component]
pub fn MenteePage() -> impl IntoView {
    let pairs = Resource::new(|| (), |_| mentee_home());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || pairs.get().map(|result| match result {
                Err(error) => error_view(error),
                Ok(pairs) => view! { <MyMentoring pairs/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MyMentoring(pairs: Vec<MenteePair>) -> impl IntoView {
    let i18n = use_i18n();
    let list = if pairs.is_empty() {
        view! { <p class="empty">{t(Msg::NotMatchedYet)}</p> }.into_any()
    } else {
        pairs
            .into_iter()
            .map(|pair| {
                let started = pair.started_on;
                let getting_to_know = pair.status == crate::model::PairStatus::GettingToKnow;
                view! {
                    <article class="pair-card">
                        <h2>{i18n.fill(Msg::YourMentor, &[("name", &pair.mentor_name)])}</h2>
                        <p>{i18n.fill(Msg::InProgramme, &[("name", &pair.programme_name)])}</p>
                        <p class="muted">
                            {move || i18n.fill(Msg::MentoringSince, &[("date", &format_date(started, i18n.lang.get()))])}
                            {getting_to_know.then(|| view! { " " <a class="badge" href="/pairs/go-on">{t(Msg::GettingToKnowBadge)}</a> })}
                        </p>
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="page">
            <h1>{t(Msg::MenteeTitle)}</h1>
            {list}
            <p class="notice">{t(Msg::MenteePrivacy)}</p>
        </section>
    }
}
