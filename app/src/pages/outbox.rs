//! The outbox: every log on this phone and whether it reached the server,
//! when the last sync was, and what the phone's storage allows.

use crate::components::{confirm, format_moment, format_typed_date, MentorFrame};
use crate::i18n::{
    field_label, item_state_label, problem_message, storage_message, t, use_i18n, Msg,
};
use crate::model::PairSummary;
use crate::offline::{use_offline, ItemState, OutboxItem};
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
                let mut items = offline.outbox.get();
                items.reverse();
                if items.is_empty() && !draft_in_progress.get() {
                    view! { <p class="empty">{t(Msg::OutboxEmpty)}</p> }.into_any()
                } else {
                    items.into_iter().map(|item| view! { <OutboxEntry item/> }).collect_view().into_any()
                }
            }}
        </section>
    }
}

#[component]
fn OutboxEntry(item: OutboxItem) -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let mentee = offline.pairs.with_untracked(|pairs| {
        PairSummary::find(pairs, &item.log.pair_id)
            .map(|p| p.mentee_name.clone())
            .unwrap_or_default()
    });
    let id = item.id;
    let correction = item.revision > 1;
    let kind = if !item.log.withdrawn_reason.trim().is_empty() {
        Some(Msg::LogWithdrawnBadge)
    } else {
        correction.then_some(Msg::CorrectionBadge)
    };
    let saved_at = item.saved_at;
    let date = item.log.date.clone();
    let state_msg = item_state_label(&item.state);
    let state_key = match &item.state {
        ItemState::Waiting => "waiting",
        ItemState::Synced { .. } => "synced",
        ItemState::Rejected { .. } | ItemState::Conflict => "attention",
    };
    let reasons = match &item.state {
        ItemState::Rejected { errors } => errors
            .iter()
            .map(|e| {
                let (field, problem) = (e.field, e.problem);
                view! {
                    <li>
                        <strong>{t(field_label(field))}</strong>
                        ": "
                        {t(problem_message(problem))}
                    </li>
                }
                .into_any()
            })
            .collect::<Vec<_>>(),
        ItemState::Conflict if correction => {
            vec![view! { <li>{t(Msg::ReasonCorrectionConflict)}</li> }.into_any()]
        }
        ItemState::Conflict => vec![view! { <li>{t(Msg::ReasonConflict)}</li> }.into_any()],
        _ => Vec::new(),
    };
    let needs_attention = item.state.needs_attention();
    let fix_label = match item.state {
        // Sending another correction as a new log would count the meeting
        // twice: it can only be discarded.
        ItemState::Conflict if correction => None,
        ItemState::Conflict => Some(Msg::SendAsNew),
        ItemState::Rejected { .. } => Some(Msg::OpenAndFix),
        _ => None,
    };
    let on_discard = move |_| {
        if confirm(i18n.text(Msg::ConfirmDiscard)) {
            offline.discard(id);
        }
    };
    view! {
        <article class="outbox-item" data-state=state_key data-testid="outbox-item">
            <header>
                <h2>{move || format_typed_date(&date, i18n.lang.get())} " · " {mentee}</h2>
                <span class="badge state" data-testid="outbox-state">{t(state_msg)}</span>
                {kind.map(|msg| view! { <span class="badge">{t(msg)}</span> })}
            </header>
            <p class="muted">{move || format_moment(saved_at, i18n.lang.get())}</p>
            <p class="log-description">{item.log.description.clone()}</p>
            {(!reasons.is_empty()).then(|| view! { <ul class="reasons" role="alert">{reasons}</ul> })}
            {needs_attention.then(|| view! {
                <div class="actions">
                    {fix_label.map(|label| view! {
                        <a class="button primary" href=format!("/mentor/log?item={id}")>{t(label)}</a>
                    })}
                    <button type="button" class="danger" on:click=on_discard>{t(Msg::Discard)}</button>
                </div>
            })}
        </article>
    }
}
