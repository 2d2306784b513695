//! The coordinator's overview: counts per programme, never log content.

use crate::api::coordinator::coordinator_overview;
use crate::components::{error_view, Loading};
use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let stats = Resource::new(|| (), |_| coordinator_overview());
    view! {
        <section class="page wide">
            <h1>{t(Msg::OverviewTitle)}</h1>
            <p class="lead">{t(Msg::OverviewIntro)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || stats.get().map(|result| match result {
                    Err(error) => error_view(error),
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{t(Msg::NoProgrammes)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <div class="table-wrap">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColProgramme)}</th>
                                        <th scope="col">{t(Msg::ColActivePairs)}</th>
                                        <th scope="col">{t(Msg::ColEndedPairs)}</th>
                                        <th scope="col">{t(Msg::ColMentors)}</th>
                                        <th scope="col">{t(Msg::ColMentees)}</th>
                                        <th scope="col">{t(Msg::ColMeetings)}</th>
                                        <th scope="col">{t(Msg::ColHours)}</th>
                                        <th scope="col">{t(Msg::ColChallenges)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.into_iter().map(|row| view! {
                                        <tr>
                                            <th scope="row">{row.programme_name} <span class="muted">" · " {row.organisation_name}</span></th>
                                            <td>{row.active_pairs}</td>
                                            <td>{row.ended_pairs}</td>
                                            <td>{row.mentors}</td>
                                            <td>{row.mentees}</td>
                                            <td>{row.meetings}</td>
                                            <td>{format!("{:.1}", row.meeting_minutes as f64 / 60.0)}</td>
                                            <td>{row.meetings_with_challenge}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                })}
            </Suspense>
        </section>
    }
}
