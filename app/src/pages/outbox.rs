//! The outbox: everything this phone holds on its way to the server, every
//! kind (meeting logs, goals, reports, safeguarding concerns), with where
//! each stands, when the last sync was, and what the phone's storage
//! allows. What needs attention can be fixed, sent again or discarded.

use crate::components::{confirm, item_state_label, reason_label, storage_message, MentorFrame};
use crate::i18n::format::{format_moment, format_typed_date};
use crate::i18n::{kind_msg, problem_message, t, use_i18n, Msg};
use crate::model::*;
use crate::offline::{use_offline, Entry, ItemState};
use leptos::prelude::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <crate::components::OfficeTexts>
                <OutboxContent/>
            </crate::components::OfficeTexts>
        </MentorFrame>
    }
}

/// The phone's storage: a problem saving, or a browser that may evict what
/// is saved (said once per phone, until the mentor has read it).
#[component]
fn StorageNotices() -> impl IntoView {
    let offline = use_offline();
    Effect::new(move |_| {
        if offline.user.get().is_some() {
            offline.ask_for_persistent_storage();
        }
    });
    view! {
        <Show when=move || offline.storage_problem.with(|p| p.is_some())>
            <p class="notice warning" role="alert">
                {move || offline.storage_problem.get().map(|p| t(storage_message(&p))())}
            </p>
        </Show>
        <Show when=move || offline.persist_refused.get()>
            <div class="notice" role="status">
                <p>{t(Msg::PersistRefused)}</p>
                <button type="button" class="small" on:click=move |_| offline.dismiss_persist_notice()>
                    {t(Msg::Understood)}
                </button>
            </div>
        </Show>
    }
}

#[component]
fn OutboxContent() -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    // A draft counts once something was written in it (a new one is dated
    // today already). Read from storage once per change, not per use.
    let draft_in_progress = Memo::new(move |_| {
        offline.draft_changed.track();
        offline.outbox.track();
        offline
            .draft()
            .is_some_and(|d| !d.log.description.is_empty())
    });
    view! {
        <section class="page">
            <h1>{t(Msg::OutboxTitle)}</h1>
            <p class="lead">{t(Msg::OutboxIntro)}</p>
            <p class="muted" data-testid="sync-last">
                {move || match offline.last_sync.get() {
                    Some(at) => i18n.fill(Msg::LastSync, &[("time", &format_moment(at, i18n.lang.get()))]),
                    None => i18n.text(Msg::NeverSynced).to_string(),
                }}
            </p>
            <StorageNotices/>
            {move || draft_in_progress.get().then(|| view! {
                <article class="outbox-item" data-state="draft" data-testid="outbox-item">
                    <p><span class="badge state">{t(Msg::StateDraft)}</span></p>
                    <p><a class="button" href="/mentor/log">{t(Msg::FormTitle)}</a></p>
                </article>
            })}
            {move || {
                // Newest first, whatever the kind.
                let mut entries = offline.outbox.get();
                entries.sort_by_key(|e| std::cmp::Reverse((e.saved_at, e.id, e.revision)));
                if entries.is_empty() && !draft_in_progress.get() {
                    view! { <p class="empty">{t(Msg::OutboxEmpty)}</p> }.into_any()
                } else {
                    entries.into_iter().map(|entry| view! { <OutboxEntry entry/> }).collect_view().into_any()
                }
            }}
        </section>
    }
}

/// What an entry shows of itself: its headline, a line of its content (a
/// concern's and a mentee's answers never), its badges, and where to fix
/// it.
struct Shown {
    headline: String,
    detail: Option<String>,
    badges: Vec<Msg>,
    fix: Option<(String, Msg)>,
    conflict: Msg,
}

fn shown(entry: &Entry, pairs: &[PairSummary], i18n: crate::i18n::I18n) -> Shown {
    let mentee = |pair: &str| {
        PairSummary::find(pairs, pair)
            .map(|p| p.mentee_name.clone())
            .unwrap_or_default()
    };
    let rejected = matches!(entry.state, ItemState::Rejected { .. });
    let lang = i18n.lang.get_untracked();
    match entry.kind {
        Kind::MeetingLog => {
            let log: MeetingLogInput = entry.read().unwrap_or_default();
            let correction = entry.revision > 1;
            let mut badges = Vec::new();
            if !log.withdrawn_reason.trim().is_empty() {
                badges.push(Msg::LogWithdrawnBadge);
            } else if correction {
                badges.push(Msg::CorrectionBadge);
            }
            // Sending another correction as a new log would count the
            // meeting twice: a conflicting correction can only be discarded.
            let fix = match entry.state {
                ItemState::Rejected { .. } => Some(Msg::OpenAndFix),
                ItemState::Conflict if !correction => Some(Msg::SendAsNew),
                _ => None,
            };
            Shown {
                headline: format!(
                    "{} · {}",
                    format_typed_date(&log.date, lang),
                    mentee(&log.pair_id)
                ),
                detail: Some(log.description),
                badges,
                fix: fix.map(|m| (format!("/mentor/log?item={}", entry.key().param()), m)),
                conflict: if correction {
                    Msg::ReasonCorrectionConflict
                } else {
                    Msg::ReasonConflict
                },
            }
        }
        Kind::Goal => {
            let goal: GoalInput = entry.read().unwrap_or_default();
            let mut badges = Vec::new();
            if !goal.withdrawn_reason.trim().is_empty() {
                badges.push(Msg::LogWithdrawnBadge);
            } else if entry.revision > 1 {
                badges.push(Msg::CorrectionBadge);
            }
            Shown {
                headline: format!("{} · {}", i18n.text(Msg::OutboxGoal), mentee(&goal.pair_id)),
                detail: Some(goal.what),
                badges,
                fix: rejected.then(|| {
                    (
                        format!("/mentor/goals?pair={}", goal.pair_id),
                        Msg::OpenAndFix,
                    )
                }),
                conflict: Msg::OutboxReportConflict,
            }
        }
        Kind::Report => {
            let report: ReportInput = entry.read().unwrap_or_default();
            let kind = ReportKind::from_key(&report.kind).unwrap_or(ReportKind::Midterm);
            let name = mentee(&report.pair_id);
            let mentors = report.respondent == Respondent::Mentor.key();
            let whose = if mentors {
                i18n.text(Msg::YourAnswers).to_string()
            } else {
                i18n.fill(Msg::AnswersOf, &[("name", &name)])
            };
            Shown {
                headline: format!("{} · {name}", i18n.text(kind_msg(kind))),
                detail: Some(whose),
                badges: (entry.revision > 1)
                    .then_some(Msg::CorrectionBadge)
                    .into_iter()
                    .collect(),
                // Only the mentor's own answers are shown to the mentor.
                fix: (rejected && mentors).then(|| {
                    (
                        format!(
                            "/mentor/report?pair={}&kind={}&respondent={}&item={}",
                            report.pair_id, report.kind, report.respondent, entry.id
                        ),
                        Msg::OpenAndFix,
                    )
                }),
                conflict: Msg::OutboxReportConflict,
            }
        }
        Kind::Concern => Shown {
            // Never what it says, nor about whom.
            headline: i18n
                .text(if entry.state == ItemState::Waiting {
                    Msg::OutboxConcernWaiting
                } else {
                    Msg::OutboxConcern
                })
                .to_string(),
            detail: None,
            badges: Vec::new(),
            fix: entry.state.needs_attention().then(|| {
                (
                    format!("/mentor/concerns?item={}", entry.key().param()),
                    Msg::OpenAndFix,
                )
            }),
            conflict: Msg::OutboxReportConflict,
        },
    }
}

#[component]
fn OutboxEntry(entry: Entry) -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let shown = offline
        .pairs
        .with_untracked(|pairs| shown(&entry, pairs, i18n));
    let key = entry.key();
    let kind = entry.kind;
    let saved_at = entry.saved_at;
    let state_msg = item_state_label(&entry.state);
    let state_key = match &entry.state {
        ItemState::Waiting => "waiting",
        ItemState::Synced { .. } => "synced",
        ItemState::Rejected { .. } | ItemState::Conflict => "attention",
    };
    let reasons = match &entry.state {
        ItemState::Rejected { errors } => errors
            .iter()
            .map(|reason| {
                let place = reason_label(kind, &reason.at);
                let problem = reason.problem;
                view! {
                    <li>
                        {place.map(|place| view! { <strong>{t(place)}</strong> ": " })}
                        {t(problem_message(problem))}
                    </li>
                }
                .into_any()
            })
            .collect::<Vec<_>>(),
        ItemState::Conflict => vec![view! { <li>{t(shown.conflict)}</li> }.into_any()],
        _ => Vec::new(),
    };
    let needs_attention = entry.state.needs_attention();
    let refused = matches!(entry.state, ItemState::Rejected { .. });
    let on_discard = move |_| {
        if confirm(i18n.text(Msg::ConfirmDiscard)) {
            offline.discard(key);
        }
    };
    let Shown {
        headline,
        detail,
        badges,
        fix,
        ..
    } = shown;
    view! {
        <article class="outbox-item" data-state=state_key data-kind=kind.key() data-testid="outbox-item">
            <header>
                <h2>{headline}</h2>
                <span class="badge state" data-testid="outbox-state">{t(state_msg)}</span>
                {badges.into_iter().map(|msg| view! { <span class="badge">{t(msg)}</span> }).collect_view()}
            </header>
            <p class="muted">{move || format_moment(saved_at, i18n.lang.get())}</p>
            {detail.map(|text| view! { <p class="log-description">{text}</p> })}
            {(!reasons.is_empty()).then(|| view! { <ul class="reasons" role="alert">{reasons}</ul> })}
            {needs_attention.then(|| view! {
                <div class="actions">
                    {fix.map(|(href, label)| view! {
                        <a class="button primary" href=href>{t(label)}</a>
                    })}
                    {refused.then(|| view! {
                        <button type="button" on:click=move |_| offline.resend(key)>{t(Msg::SendAgain)}</button>
                    })}
                    <button type="button" class="danger" on:click=on_discard>{t(Msg::Discard)}</button>
                </div>
            })}
        </article>
    }
}
