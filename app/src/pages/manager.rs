//! `/manager/logs`: every meeting log of the manager's programmes (of one
//! pair with `?pair=`), newest first, challenges marked.

use crate::api::manager::{manager_log_pairs, manager_logs};
use crate::api::mentor::log_history;
use crate::api::AppError;
use crate::components::{error_view, Loaded, Loading};
use crate::i18n::format::{format_date, format_duration, format_moment};
use crate::i18n::{field_label, meeting_form_label, problem_message, t, use_i18n, Msg};
use crate::model::{
    Field, FieldErrors, LogPage, LogQuery, MeetingForm, MeetingLogId, MeetingLogRevision,
    PairChoice, TextKey,
};
use crate::pages::LogCard;
use leptos::prelude::*;

/// The page (a lazy route: see `pages`). The search stands in the page's
/// address (a plain form sent with GET), so a search can be bookmarked,
/// shared, and made before the page's code has loaded. Its data is asked
/// for here, so the code that reads it loads with the page.
#[component]
pub fn ManagerLogsPage() -> impl IntoView {
    let params = leptos_router::hooks::use_query_map();
    let query = Memo::new(move |_| {
        params.with(|q| {
            let get = |key: &str| q.get(key).unwrap_or_default();
            LogQuery {
                pair: get("pair"),
                mentor: get("mentor"),
                mentee: get("mentee"),
                from: get("from"),
                to: get("to"),
                form: get("form"),
                challenge: get("challenge"),
                words: get("words"),
                after: String::new(),
            }
        })
    });
    // The pairs to choose from and the logs found, asked for together; a
    // search with problems names them next to its fields and reads no log.
    let found = Resource::new(
        move || query.get(),
        |query| async move {
            match query.validate() {
                Ok(_) => {
                    let (pairs, page) =
                        futures::future::join(manager_log_pairs(), manager_logs(query)).await;
                    Ok((FieldErrors::default(), pairs?, page?))
                }
                Err(errors) => manager_log_pairs().await.map(|pairs| {
                    let page = LogPage {
                        logs: Vec::new(),
                        next: None,
                    };
                    (errors, pairs, page)
                }),
            }
        },
    );
    view! {
        <section class="page wide">
            <h1>{t(Msg::ManagerLogsTitle)}</h1>
            <p class="lead">{t(Msg::ManagerIntro)}</p>
            <p><a href="/manager">{t(Msg::BackToDashboard)}</a></p>
            <Loaded resource=found let:found>
                <LogSearch query=query.get_untracked() errors=found.0 pairs=found.1/>
                <LogResults query=query.get_untracked() page=found.2/>
            </Loaded>
        </section>
    }
}

/// The search's fields, filled with the search shown.
#[component]
fn LogSearch(query: LogQuery, errors: FieldErrors, pairs: Vec<PairChoice>) -> impl IntoView {
    let i18n = use_i18n();
    let mut mentors: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (p.mentor_id.to_string(), p.mentor_name.clone()))
        .collect();
    mentors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    mentors.dedup();
    let mut mentees: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (p.mentee_id.to_string(), p.mentee_name.clone()))
        .collect();
    mentees.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    mentees.dedup();
    let pair_options: Vec<(String, String)> = pairs
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                format!("{} – {}", p.mentor_name, p.mentee_name),
            )
        })
        .collect();
    let errors = &errors;
    let problem = move |field: Field| errors.problem(field);
    // One field: its label, its problem under it, wired for screen readers.
    let field = move |id: &'static str, field: Field, label: Msg, control: AnyView| {
        let problem = problem(field);
        view! {
            <div class="field" class:has-error=problem.is_some()>
                <label for=id>{t(label)}</label>
                {control}
                <p class="field-error" id=format!("{id}-error")>
                    {problem.map(|p| t(problem_message(p)))}
                </p>
            </div>
        }
    };
    let invalid = move |f: Field| {
        if problem(f).is_some() {
            "true"
        } else {
            "false"
        }
    };
    let select = move |id: &'static str,
                       name: &'static str,
                       f: Field,
                       label: Msg,
                       any: Msg,
                       chosen: String,
                       options: Vec<(String, String)>| {
        field(
            id,
            f,
            label,
            view! {
                <select id=id name=name aria-invalid=invalid(f) aria-describedby=format!("{id}-error")>
                    <option value="">{t(any)}</option>
                    {options.into_iter().map(|(value, label)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any(),
        )
    };
    let forms: Vec<(String, String)> = MeetingForm::ALL
        .iter()
        .map(|f| {
            (
                f.key().to_string(),
                i18n.text(meeting_form_label(*f)).to_string(),
            )
        })
        .collect();
    let date = move |id: &'static str, name: &'static str, f: Field, value: String| {
        field(
            id,
            f,
            field_label(f),
            view! {
                <input id=id name=name type="date" value=value
                    aria-invalid=invalid(f) aria-describedby=format!("{id}-error")/>
            }
            .into_any(),
        )
    };
    let LogQuery {
        pair,
        mentor,
        mentee,
        from,
        to,
        form,
        challenge,
        words,
        ..
    } = query;
    let words = field(
        "log-words",
        Field::Words,
        Msg::LogWordsLabel,
        view! {
            <input id="log-words" name="words" type="search" value=words
                aria-invalid=invalid(Field::Words) aria-describedby="log-words-error log-words-hint"/>
        }
        .into_any(),
    )
    .into_any();
    let pair = select(
        "log-pair",
        "pair",
        Field::Pair,
        Msg::LogPairLabel,
        Msg::AnyPair,
        pair,
        pair_options,
    )
    .into_any();
    let mentor = select(
        "log-mentor",
        "mentor",
        Field::Mentor,
        Msg::MentorLabel,
        Msg::AnyMentor,
        mentor,
        mentors,
    )
    .into_any();
    let mentee = select(
        "log-mentee",
        "mentee",
        Field::Mentee,
        Msg::MenteeLabel,
        Msg::AnyMentee,
        mentee,
        mentees,
    )
    .into_any();
    let form = select(
        "log-form",
        "form",
        Field::Form,
        Msg::FormLabel,
        Msg::AnyForm,
        form,
        forms,
    )
    .into_any();
    let from = date("log-from", "from", Field::From, from).into_any();
    let to = date("log-to", "to", Field::To, to).into_any();
    let challenge = challenge == "yes";
    view! {
        <leptos_router::components::Form action="/manager/logs" method="get" attr:class="filters" attr:role="search" attr:data-testid="log-search">
            {words}
            {pair}
            {mentor}
            {mentee}
            {form}
            {from}
            {to}
            <div class="choice">
                <input type="checkbox" id="log-challenge" name="challenge" value="yes" checked=challenge/>
                <label for="log-challenge">{t(Msg::OnlyChallenges)}</label>
            </div>
            <button type="submit">{t(Msg::SearchButton)}</button>
            <a href="/manager/logs">{t(Msg::ClearSearch)}</a>
            <p class="hint" id="log-words-hint">{t(Msg::LogWordsHint)}</p>
        </leptos_router::components::Form>
    }
}

/// What the search found, and the older pages on request.
#[component]
fn LogResults(query: LogQuery, page: LogPage) -> impl IntoView {
    let i18n = use_i18n();
    let everything = query.is_everything();
    let logs = RwSignal::new(page.logs);
    let next = RwSignal::new(page.next);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<AppError>);
    let on_more = move |_| {
        let Some(after) = next.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let query = LogQuery {
            after,
            ..query.clone()
        };
        leptos::task::spawn_local(async move {
            match manager_logs(query).await {
                Ok(page) => {
                    logs.update(|l| l.extend(page.logs));
                    next.set(page.next);
                    failed.set(None);
                }
                Err(error) => failed.set(Some(error)),
            }
            busy.set(false);
        });
    };
    let list = move || {
        let shown = logs.with(Vec::len);
        if shown == 0 {
            let empty = if everything {
                Msg::NoProgrammeLogs
            } else {
                Msg::NoLogsFound
            };
            return view! { <p class="empty" role="status">{t(empty)}</p> }.into_any();
        }
        view! {
            <p class="muted" role="status" data-testid="logs-shown">
                {move || i18n.fill(Msg::LogsShown, &[("n", &shown.to_string())])}
            </p>
            <div class="log-list">
                {logs.get().into_iter().map(|log| {
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
        {list}
        {move || failed.get().map(error_view)}
        {move || next.get().is_some().then(|| view! {
            <p>
                <button type="button" on:click=on_more.clone() disabled=busy aria-busy=move || busy.get().to_string() data-testid="older-logs">
                    {t(Msg::OlderLogs)}
                </button>
            </p>
        })}
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
