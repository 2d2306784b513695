//! The mentee's page: who mentors them, and the promise of confidentiality.

use crate::api::mentee::mentee_home;
use crate::components::{error_view, format_date, Loading};
use crate::i18n::{t, use_i18n, Msg};
use leptos::prelude::*;

#[component]
pub fn MenteePage() -> impl IntoView {
    let i18n = use_i18n();
    let pairs = Resource::new(|| (), |_| mentee_home());
    view! {
        <section class="page">
            <h1>{t(Msg::MenteeTitle)}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || pairs.get().map(|result| match result {
                    Err(error) => error_view(error),
                    Ok(pairs) if pairs.is_empty() => view! { <p class="empty">{t(Msg::NotMatchedYet)}</p> }.into_any(),
                    Ok(pairs) => pairs.into_iter().map(|pair| {
                        let started = pair.started_on;
                        view! {
                            <article class="pair-card">
                                <h2>{i18n.fill(Msg::YourMentor, &[("name", &pair.mentor_name)])}</h2>
                                <p>{i18n.fill(Msg::InProgramme, &[("name", &pair.programme_name)])}</p>
                                <p class="muted">{move || i18n.fill(Msg::MentoringSince, &[("date", &format_date(started, i18n.lang.get()))])}</p>
                            </article>
                        }
                    }).collect_view().into_any(),
                })}
            </Suspense>
            <p class="notice">{t(Msg::MenteePrivacy)}</p>
        </section>
    }
}
