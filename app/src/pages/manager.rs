//! `/manager/logs`: every meeting log of the manager's programmes (of one
//! pair with `?pair=`), newest first, challenges marked.

use crate::api::manager::manager_logs;
use crate::api::mentor::log_history;
use crate::components::{error_view, Loaded, Loading};
use crate::i18n::format::{format_date, format_duration, format_moment};
use crate::i18n::{meeting_form_label, t, use_i18n, Msg};
use crate::model::{MeetingLogId, MeetingLogRevision, MeetingLogView};
use crate::pages::LogCard;
use leptos::prelude::*;

/// The page (a lazy route: see `pages`). Its data is asked for here, so
/// the code that reads it loads with the page.
#[component]
pub fn ManagerLogsPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let pair = Memo::new(move |_| {
        query.with(|q| {
            q.get("pair")
                .and_then(|p| crate::model::PairId::parse(&p).ok())
        })
    });
    let logs = Resource::new(move || pair.get(), manager_logs);
    view! {
        <Loaded resource=logs let:all>
            <ManagerLogs all/>
        </Loaded>
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
                {shown.into_iter().map(|log| {
                    let (id, revision) = (log.id, log.revision);
                    view! {
                        <LogCard log show_mentor=true>
                            <LogHistory id revision/>
                        </LogCard>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="page wide">
            <h1>{t(Msg::ManagerLogsTitle)}</h1>
            <p class="lead">{t(Msg::ManagerIntro)}</p>
            <p><a href="/manager">{t(Msg::BackToDashboard)}</a></p>
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

/// The earlier versions of a corrected or withdrawn log, read when the
/// manager opens them: nothing is ever changed without a trace.
#[component]
fn LogHistory(id: MeetingLogId, revision: u32) -> impl IntoView {
    let versions = RwSignal::new(None::<Result<Vec<MeetingLogRevision>, crate::api::AppError>>);
    let on_toggle = move |_| {
        if versions.with_untracked(Option::is_some) {
            return;
        }
        leptos::task::spawn_local(async move {
            versions.set(Some(log_history(id).await));
        });
    };
    let list = move || {
        versions.get().map(|result| match result {
            Err(error) => error_view(error),
            Ok(all) => {
                // The last is the log as shown above.
                let earlier = all.len().saturating_sub(1);
                view! {
                    <ol class="log-versions">
                        {all.into_iter().take(earlier).map(|version| view! { <LogVersion version/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }
        })
    };
    (revision > 1).then(|| {
        view! {
            <details class="log-history" on:toggle=on_toggle data-testid="log-history">
                <summary>{t(Msg::EarlierVersions)}</summary>
                {move || list().unwrap_or_else(|| view! { <Loading/> }.into_any())}
            </details>
        }
    })
}

/// One earlier version: who sent it and when, and what it said.
#[component]
fn LogVersion(version: MeetingLogRevision) -> impl IntoView {
    let i18n = use_i18n();
    let MeetingLogRevision {
        revision,
        author_name,
        created_at,
        log,
    } = version;
    let (date, form, minutes) = (log.date, log.form, log.duration_minutes);
    view! {
        <li class="log-version" data-testid="log-version">
            <h4>
                {move || i18n.fill(Msg::LogVersion, &[
                    ("n", &revision.to_string()),
                    ("who", &author_name),
                    ("time", &format_moment(created_at, i18n.lang.get())),
                ])}
            </h4>
            <p class="log-meta">
                {move || format_date(date, i18n.lang.get())}
                " · "
                {t(meeting_form_label(form))}
                " · "
                {move || format_duration(minutes, i18n.lang.get())}
            </p>
            <p class="log-description">{log.description}</p>
            {(!log.went_well_next_steps.is_empty()).then(|| view! {
                <p><strong>{t(Msg::NextSteps)}</strong> ": " {log.went_well_next_steps.clone()}</p>
            })}
            {log.challenge.map(|text| view! {
                <p><strong>{t(Msg::ChallengeHeading)}</strong> ": " {text}</p>
            })}
            {log.withdrawn_reason.map(|reason| view! {
                <p class="notice warning">{move || i18n.fill(Msg::WithdrawnBecause, &[("reason", &reason)])}</p>
            })}
        </li>
    }
}
