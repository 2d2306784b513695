//! The mentor's home (their mentees) and their meeting logs. Both are
//! rendered on the server with the mentor's data when online, and from the
//! phone's own data offline.

use crate::components::item_state_label;
use crate::components::MentorFrame;
use crate::i18n::format::{format_date, format_duration};
use crate::i18n::labels::contact_way;
use crate::i18n::{meeting_form_label, t, use_i18n, Msg};
use crate::model::{
    Kind, MeetingLogId, MeetingLogView, PairId, PairStatus, PairSummary, ReportKind,
};
use crate::offline::local::log_view;
use crate::offline::{use_offline, ItemState, Offline, SyncStatus};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// One log in the mentor's list: what to show, its outbox state if it went
/// through this phone's outbox recently, and whether it can be corrected.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    log: MeetingLogView,
    state: Option<ItemState>,
    correctable: bool,
}

/// The mentor's logs: those the server does not have yet (or not in this
/// version: a correction on its way) first, with their state, then those it
/// has, newest first; a log sent from this phone recently shows its outbox
/// state ("Synced").
fn entries(offline: Offline, pair: Option<PairId>) -> Vec<Entry> {
    let pairs = offline.pairs.get();
    let server = offline.logs.get();
    // The outbox's logs, the latest revision of each.
    let mut outbox: Vec<crate::offline::Entry> = offline.outbox.with(|entries| {
        entries
            .iter()
            .filter(|e| e.kind == Kind::MeetingLog)
            .cloned()
            .collect()
    });
    outbox.sort_by_key(|e| (e.id, std::cmp::Reverse(e.revision)));
    outbox.dedup_by_key(|e| e.id);
    outbox.sort_by_key(|e| e.saved_at);
    // A few hundred entries at most: plain searches are enough.
    let on_server = |id: MeetingLogId| server.iter().find(|l| l.id == id);
    let newer = |entry: &&crate::offline::Entry| {
        on_server(MeetingLogId::from_uuid(entry.id)).is_none_or(|l| entry.revision > l.revision)
    };
    let state_of = |id: MeetingLogId| {
        outbox
            .iter()
            .find(|e| e.id == id.as_uuid())
            .map(|e| e.state.clone())
    };
    let mut local: Vec<Entry> = outbox
        .iter()
        .filter(newer)
        .filter_map(|entry| {
            log_view(entry, &pairs).map(|log| Entry {
                // The server acknowledged it: it can be corrected before
                // the list is fetched again.
                correctable: entry.state.is_synced(),
                log,
                state: Some(entry.state.clone()),
            })
        })
        .collect();
    local.reverse();
    let shown_local: Vec<MeetingLogId> = local.iter().map(|e| e.log.id).collect();
    let stored = server
        .iter()
        .filter(|l| !shown_local.contains(&l.id))
        .map(|l| {
            let state = state_of(l.id);
            Entry {
                correctable: l.withdrawn_reason.is_none()
                    && state
                        .as_ref()
                        .is_none_or(|s| matches!(s, ItemState::Synced { .. })),
                log: l.clone(),
                state,
            }
        });
    local
        .into_iter()
        .chain(stored)
        .filter(|e| pair.is_none_or(|p| e.log.pair_id == p))
        .collect()
}

/// One meeting log to read.
#[component]
pub fn LogCard(
    log: MeetingLogView,
    #[prop(default = None)] state: Option<ItemState>,
    #[prop(optional)] show_mentor: bool,
    /// Offers the mentor to correct or withdraw it.
    #[prop(optional)]
    correct: bool,
    /// More about the log (its earlier versions, for a manager).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_challenge = log.challenge.is_some();
    let corrected = log.revision > 1;
    let withdrawn = log.withdrawn_reason.clone();
    let is_withdrawn = withdrawn.is_some();
    let correct_link =
        (correct && withdrawn.is_none()).then(|| format!("/mentor/log?correct={}", log.id));
    let state_text = state.as_ref().map(item_state_label);
    let who = if show_mentor {
        format!(
            "{} · {}",
            log.mentor_name,
            i18n.fill(Msg::WithMentee, &[("name", &log.mentee_name)])
        )
    } else {
        log.mentee_name.clone()
    };
    let date = log.date;
    let form = log.form;
    let minutes = log.duration_minutes;
    view! {
        <article class="log-card" class:challenge=has_challenge class:withdrawn=is_withdrawn data-testid="log-card">
            <header>
                <h3>
                    <span class="log-date">{move || format_date(date, i18n.lang.get())}</span>
                    " · "
                    <span class="log-who">{who}</span>
                </h3>
                <div class="badges">
                    {state_text.map(|m| view! { <span class="badge state" data-testid="log-state">{t(m)}</span> })}
                    {has_challenge.then(|| view! { <span class="badge challenge">{t(Msg::ChallengeBadge)}</span> })}
                    {corrected.then(|| view! { <span class="badge">{t(Msg::LogCorrectedBadge)}</span> })}
                    {is_withdrawn.then(|| view! { <span class="badge">{t(Msg::LogWithdrawnBadge)}</span> })}
                </div>
            </header>
            {withdrawn.map(|reason| view! {
                <p class="notice warning">{move || i18n.fill(Msg::WithdrawnBecause, &[("reason", &reason)])}</p>
            })}
            <p class="log-meta">
                {t(meeting_form_label(form))}
                " · "
                {move || format_duration(minutes, i18n.lang.get())}
            </p>
            <p class="log-description">{log.description}</p>
            {(!log.went_well_next_steps.is_empty()).then(|| view! {
                <h4>{t(Msg::NextSteps)}</h4>
                <p>{log.went_well_next_steps.clone()}</p>
            })}
            {log.challenge.map(|text| view! {
                <h4>{t(Msg::ChallengeHeading)}</h4>
                <p class="challenge-text">{text}</p>
            })}
            {correct_link.map(|href| view! {
                <p class="actions"><a class="button" href=href data-testid="correct-log">{t(Msg::CorrectLog)}</a></p>
            })}
            {children.map(|more| more())}
        </article>
    }
}

fn log_list(list: Vec<Entry>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="empty">{t(Msg::NoLogsYet)}</p> }.into_any();
    }
    view! {
        <div class="log-list">
            {list.into_iter().map(|Entry { log, state, correctable }| view! { <LogCard log state correct=correctable/> }).collect_view()}
        </div>
    }
    .into_any()
}

#[component]
pub fn MentorHome() -> impl IntoView {
    view! {
        <MentorFrame>
            <MentorHomeContent/>
        </MentorFrame>
    }
}

#[component]
fn MentorHomeContent() -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let still_loading = move || {
        offline.pairs.with(Vec::is_empty)
            && !offline.fresh.get()
            && !offline.from_server.get()
            && offline.online.get()
    };
    // Built again only when what they show changes, not on every refresh.
    let pairs = Memo::new(move |_| offline.pairs.get());
    let pairs = move || {
        let pairs = pairs.get();
        if pairs.is_empty() {
            return view! { <p class="empty">{t(Msg::NoMentees)}</p> }.into_any();
        }
        view! {
            <ul class="pair-list">
                {pairs.into_iter().map(|pair| {
                    let id = pair.id;
                    let started = pair.started_on;
                    let badge = match pair.status {
                        PairStatus::Ended => Some(Msg::PairEndedBadge),
                        PairStatus::GettingToKnow => Some(Msg::GettingToKnowBadge),
                        PairStatus::Active => None,
                    };
                    // The next report due (both sides' are due the same day).
                    let due = pair.next_report.zip(pair.next_report_on);
                    let reach = reach_links(&pair);
                    view! {
                        <li class="pair-card" data-testid="pair-card">
                            <h2>{pair.mentee_name.clone()}</h2>
                            <p class="muted">
                                {move || i18n.fill(Msg::MentoringSince, &[("date", &format_date(started, i18n.lang.get()))])}
                                {badge.map(|msg| {
                                    // Getting to know: the badge asks whether to go on.
                                    let href = (msg == Msg::GettingToKnowBadge).then_some("/pairs/go-on");
                                    view! { " " <a class="badge" href=href>{t(msg)}</a> }
                                })}
                            </p>
                            {due.map(|(kind, on)| {
                                let report = match kind {
                                    ReportKind::Midterm => Msg::MidtermReport,
                                    ReportKind::Final => Msg::FinalReport,
                                };
                                // Today is the phone's: said once the page is awake
                                // (the server's day may differ).
                                let ready = crate::components::client_ready();
                                let late = move || ready.get() && on < crate::model::dates::local_today();
                                view! {
                                    <p data-testid="pair-due">
                                        <a href="/mentor/reports">
                                            {move || i18n.fill(Msg::ReportDueOn, &[
                                                ("report", i18n.text(report)),
                                                ("date", &format_date(on, i18n.lang.get())),
                                            ])}
                                        </a>
                                        {move || late().then(|| view! { " " <span class="badge challenge">{t(Msg::ReportLate)}</span> })}
                                    </p>
                                }
                            })}
                            {reach}
                            <div class="actions">
                                <a class="button primary" href=format!("/mentor/log?pair={id}")>{t(Msg::LogAMeeting)}</a>
                                <a class="button" href=format!("/mentor/logs?pair={id}")>{t(Msg::SeeLogs)}</a>
                                <a class="button" href=format!("/mentor/goals?pair={id}")>{t(Msg::SeeGoals)}</a>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1>{t(Msg::MentorHomeTitle)}</h1>
            <Show when=move || !still_loading() fallback=|| view! { <crate::components::Loading/> }>
                {pairs}
            </Show>
            <p>
                <a class="button" href="/mentor/logs">{t(Msg::NavMyLogs)}</a>
                " "
                <a class="button" href="/mentor/checks">{t(Msg::NavMyChecks)}</a>
            </p>
            <p><a class="button concern" href="/mentor/concerns">{t(Msg::NavConcern)}</a></p>
        </section>
    }
}

/// How to reach the mentee, from the phone's copy (so offline too): a
/// call, an SMS and WhatsApp (when it is their way) to their number, an
/// email when that is their way; the way they prefer first, and said.
///
/// Written as one piece of HTML (escaped) rather than as Leptos views: on
/// the mentor's first page every view's code counts (`make size`), and the
/// views cost 3.3 KB brotli where this costs a few hundred bytes.
fn reach_links(pair: &PairSummary) -> Option<impl IntoView> {
    use crate::i18n::format::escape_html;
    use crate::model::{dial_string, ContactWay};
    let dial = dial_string(&pair.mentee_phone);
    let preferred = pair.mentee_contact_way;
    let mut ways: Vec<(ContactWay, String)> = Vec::new();
    if !dial.is_empty() {
        ways.push((ContactWay::Call, format!("tel:{dial}")));
        ways.push((ContactWay::Sms, format!("sms:{dial}")));
        if preferred == Some(ContactWay::WhatsApp) {
            let number = dial.trim_start_matches('+');
            ways.push((ContactWay::WhatsApp, format!("https://wa.me/{number}")));
        }
    }
    if !pair.mentee_email.is_empty() {
        ways.push((ContactWay::Email, format!("mailto:{}", pair.mentee_email)));
    }
    if ways.is_empty() {
        return None;
    }
    // The preferred way first (moved, not sorted: a sort's code is large
    // for the first page).
    if let Some(at) = ways.iter().position(|(way, _)| Some(*way) == preferred) {
        let first = ways.remove(at);
        ways.insert(0, first);
    }
    let i18n = use_i18n();
    let name = pair.mentee_name.clone();
    let label = move || i18n.fill(Msg::ReachMentee, &[("name", &name)]);
    let html = move || {
        let mut html = String::new();
        for (way, href) in &ways {
            let text = i18n.text(contact_way(*way));
            html.push_str(&format!(
                "<a class=\"button\" href=\"{}\">{}</a> ",
                escape_html(href),
                escape_html(text)
            ));
        }
        if let Some(way) = preferred {
            let said = i18n.fill(Msg::PrefersContact, &[("way", i18n.text(contact_way(way)))]);
            html.push_str(&format!(
                "<span class=\"muted\">{}</span>",
                escape_html(&said)
            ));
        }
        html
    };
    Some(
        view! { <p class="reach" role="group" aria-label=label data-testid="reach" inner_html=html></p> },
    )
}

#[component]
pub fn MentorLogsPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <crate::components::OfficeTexts>
                <MentorLogsContent/>
            </crate::components::OfficeTexts>
        </MentorFrame>
    }
}

#[component]
fn MentorLogsContent() -> impl IntoView {
    let offline = use_offline();
    let query = use_query_map();
    let navigate = use_navigate();
    let pair = move || query.with(|q| q.get("pair").and_then(|p| PairId::parse(&p).ok()));
    let saved = move || query.with(|q| q.get("saved").and_then(|id| MeetingLogId::parse(&id).ok()));
    let list = Memo::new(move |_| entries(offline, pair()));
    let on_filter = move |ev| {
        let value = event_target_value(&ev);
        let path = if value.is_empty() {
            "/mentor/logs".to_string()
        } else {
            format!("/mentor/logs?pair={value}")
        };
        navigate(&path, Default::default());
    };
    view! {
        <section class="page">
            <h1>{t(Msg::LogsTitle)}</h1>
            {move || saved().map(|id| view! { <SavedNotice id/> })}
            <div class="field inline">
                <label for="logs-filter">{t(Msg::ShowLogsOf)}</label>
                <select id="logs-filter" on:change=on_filter>
                    <option value="" selected=move || pair().is_none()>{t(Msg::AllMentees)}</option>
                    {move || offline.pairs.get().into_iter().map(|p| {
                        let id = p.id;
                        view! {
                            <option value=id.to_string() selected=move || pair() == Some(id)>{p.mentee_name}</option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <p>
                <a class="button primary" href=move || match pair() {
                    Some(p) => format!("/mentor/log?pair={p}"),
                    None => "/mentor/log".to_string(),
                }>{t(Msg::NavNewLog)}</a>
            </p>
            {move || log_list(list.get())}
            <OlderLogs pair=Signal::derive(pair)/>
        </section>
    }
}

/// The logs older than those the phone keeps (the newest
/// [`CACHED_LOGS`]), read from the server a page at a time when asked:
/// only when the phone's copy is full can there be older ones.
#[component]
fn OlderLogs(pair: Signal<Option<PairId>>) -> impl IntoView {
    use crate::model::limits::CACHED_LOGS;
    use crate::model::LogCursor;
    let offline = use_offline();
    // What was read, for the list it was read for (another mentee's
    // list starts again from the phone's copy).
    let read = RwSignal::new((None::<PairId>, Vec::<MeetingLogView>::new(), None::<String>));
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<Msg>);
    // The cursor of the next page of this list, if there may be one:
    // where the last page read ended, else the end of the phone's copy.
    let next = move || {
        let pair = pair.get();
        match read.with(|(of, _, next)| (*of == pair).then(|| next.clone())) {
            Some(after_read) => after_read,
            None => offline.logs.with(|logs| {
                (logs.len() >= CACHED_LOGS)
                    .then(|| logs.last().map(|l| LogCursor::of(l).encode()))
                    .flatten()
            }),
        }
    };
    let older = move || {
        let pair = pair.get();
        read.with(|(of, logs, _)| {
            if *of == pair {
                logs.clone()
            } else {
                Vec::new()
            }
        })
    };
    let on_more = move |_| {
        let Some(after) = next() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let of = pair.get_untracked();
        leptos::task::spawn_local(async move {
            match crate::api::mentor::mentor_logs(of, Some(after)).await {
                Ok(page) => {
                    read.update(|(was, logs, next)| {
                        if *was != of {
                            logs.clear();
                        }
                        *was = of;
                        logs.extend(page.logs);
                        *next = page.next;
                    });
                    failed.set(None);
                }
                Err(error) => failed.set(Some(error.message())),
            }
            busy.set(false);
        });
    };
    view! {
        {move || {
            let older = older();
            (!older.is_empty()).then(|| view! {
                <div class="log-list" data-testid="older-logs-list">
                    {older.into_iter().map(|log| {
                        // Read from the server, not kept on the phone: no
                        // correction from here.
                        view! { <LogCard log state=None correct=false/> }
                    }).collect_view()}
                </div>
            })
        }}
        {move || failed.get().map(|msg| view! { <p class="form-error" role="alert">{t(msg)}</p> })}
        {move || next().is_some().then(|| view! {
            <p>
                <button type="button" on:click=on_more disabled=busy aria-busy=move || busy.get().to_string() data-testid="older-logs">
                    {t(Msg::OlderLogs)}
                </button>
            </p>
        })}
    }
}

/// What became of the log just saved: on the phone waiting for a
/// connection, being sent, sent, or refused. It follows the outbox.
#[component]
fn SavedNotice(id: MeetingLogId) -> impl IntoView {
    let offline = use_offline();
    let state = move || {
        let item = offline.outbox.with(|entries| {
            entries
                .iter()
                .filter(|e| e.kind == Kind::MeetingLog && e.id == id.as_uuid())
                .max_by_key(|e| e.revision)
                .map(|e| e.state.clone())
        });
        match item {
            // Pruned or never seen here: the server has it.
            None | Some(ItemState::Synced { .. }) => ("success", Msg::LogSent),
            Some(ItemState::Rejected { .. } | ItemState::Conflict) => {
                ("warning", Msg::LogNeedsAttention)
            }
            Some(ItemState::Waiting)
                if offline.online.get() && offline.status.get() != SyncStatus::Failed =>
            {
                ("", Msg::LogSending)
            }
            Some(ItemState::Waiting) => ("", Msg::LogSavedOnPhone),
        }
    };
    view! {
        <p class=move || format!("notice {}", state().0) role="status" data-testid="saved-notice">
            {move || t(state().1)()}
        </p>
    }
}
