//! The coordinator's overview: counts per programme, never log content. A
//! table on a desktop, a list of cards on a phone. Loaded only when opened.

use crate::api::coordinator::coordinator_overview;
use crate::components::Loaded;
use crate::i18n::format::format_total_duration;
use crate::i18n::{t, use_i18n, Msg};
use crate::model::ProgrammeStats;
use leptos::prelude::*;

/// The page (a lazy route: see `pages`). Its data is asked for here, so
/// the code that reads it loads with the page.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let stats = Resource::new(|| (), |_| coordinator_overview());
    view! {
        <Loaded resource=stats let:rows>
            <Overview rows/>
        </Loaded>
    }
}

#[component]
fn Overview(rows: Vec<ProgrammeStats>) -> impl IntoView {
    let i18n = use_i18n();
    let columns = [
        Msg::ColActivePairs,
        Msg::ColEndedPairs,
        Msg::ColMentors,
        Msg::ColMentees,
        Msg::ColMeetings,
        Msg::ColHours,
        Msg::ColChallenges,
    ];
    let body = if rows.is_empty() {
        view! { <p class="empty">{t(Msg::NoProgrammes)}</p> }.into_any()
    } else {
        view! {
            // On a phone each row is a card: every figure with its label.
            <table class="responsive">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::ColProgramme)}</th>
                        {columns.iter().map(|c| view! { <th scope="col">{t(*c)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let minutes = row.meeting_minutes;
                        let figures = [
                            row.active_pairs,
                            row.ended_pairs,
                            row.mentors,
                            row.mentees,
                            row.meetings,
                        ];
                        view! {
                            <tr>
                                <th scope="row">{row.programme_name} <span class="muted">" · " {row.organisation_name}</span></th>
                                {figures.into_iter().zip(columns).map(|(n, c)| view! {
                                    <td data-label=t(c)>{n}</td>
                                }).collect_view()}
                                <td data-label=t(Msg::ColHours)>{move || format_total_duration(minutes, i18n.lang.get())}</td>
                                <td data-label=t(Msg::ColChallenges)>{row.meetings_with_challenge}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="page wide">
            <h1>{t(Msg::OverviewTitle)}</h1>
            <p class="lead">{t(Msg::OverviewIntro)}</p>
            {body}
        </section>
    }
}
