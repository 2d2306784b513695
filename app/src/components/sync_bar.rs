//! The frame of every mentor page: it opens from the page's own data (or,
//! offline, from the phone's), tells the sync state in one line, and offers
//! updates of the app.

use super::{use_auth, ErrorKind, ErrorPage, Loading};
use crate::i18n::format::format_moment_short;
use crate::i18n::{t, use_i18n, Msg};
use crate::model::Role;
use crate::offline::{pwa, use_offline, SyncStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    Wait,
    OfflineWithoutLogin,
    NotMentor,
    Open,
}

/// Shows its children to a mentor, online or not.
#[component]
pub fn MentorFrame(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let offline = use_offline();
    let navigate = use_navigate();
    if auth.identity.with_untracked(Option::is_none) {
        super::redirect_on_server("/login");
    }
    let gate = Memo::new(move |_| {
        match auth
            .identity
            .with(|i| i.as_ref().map(|i| i.has(Role::Mentor)))
        {
            Some(true) => Gate::Open,
            Some(false) => Gate::NotMentor,
            None if !auth.checked.get() => Gate::Wait,
            None if !offline.online.get() => Gate::OfflineWithoutLogin,
            None => Gate::Wait,
        }
    });
    Effect::new(move |_| {
        let nobody = auth.checked.get() && auth.identity.with(Option::is_none);
        if nobody && offline.online.get() {
            navigate("/login", Default::default());
        }
    });
    move || match gate.get() {
        Gate::Wait => view! { <Loading/> }.into_any(),
        Gate::OfflineWithoutLogin => view! {
            <section class="notice" role="alert">
                <p>{t(Msg::OfflineNeedLogin)}</p>
                <p><a class="button" href="/login">{t(Msg::LogIn)}</a></p>
            </section>
        }
        .into_any(),
        Gate::NotMentor => view! { <ErrorPage kind=ErrorKind::Forbidden/> }.into_any(),
        Gate::Open => view! {
            <SyncLine/>
            <UpdateToast/>
            {children()}
        }
        .into_any(),
    }
}

/// What the sync line says: one phrase, the most important first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineState {
    NeedsLogin,
    Attention,
    Syncing,
    OfflineWaiting,
    OfflineNothing,
    Waiting,
    AllSent,
}

/// The sync state in one line of fixed height: it changes in place once
/// the phone's outbox is read, so nothing below it moves.
#[component]
pub fn SyncLine() -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let state = Memo::new(move |_| {
        let waiting = offline.waiting_count();
        match offline.status.get() {
            SyncStatus::NeedsLogin => LineState::NeedsLogin,
            _ if offline.attention_count() > 0 => LineState::Attention,
            SyncStatus::Syncing if waiting > 0 => LineState::Syncing,
            _ if !offline.online.get() && waiting > 0 => LineState::OfflineWaiting,
            _ if !offline.online.get() => LineState::OfflineNothing,
            _ if waiting > 0 => LineState::Waiting,
            _ => LineState::AllSent,
        }
    });
    let text = move || {
        let n = offline.waiting_count().to_string();
        let attention = offline.attention_count().to_string();
        match state.get() {
            LineState::NeedsLogin if offline.waiting_count() == 0 => {
                i18n.text(Msg::SessionEnded).to_string()
            }
            LineState::NeedsLogin => i18n.fill(Msg::SyncNeedsLogin, &[("n", &n)]),
            LineState::Attention => i18n.fill(Msg::SyncAttention, &[("n", &attention)]),
            LineState::Syncing => i18n.fill(Msg::SyncSending, &[("n", &n)]),
            LineState::OfflineWaiting => i18n.fill(Msg::SyncOfflineWaiting, &[("n", &n)]),
            LineState::OfflineNothing => i18n.text(Msg::SyncOfflineNothing).to_string(),
            LineState::Waiting => i18n.fill(Msg::SyncWaitingRetry, &[("n", &n)]),
            LineState::AllSent => match offline.last_sync.get() {
                Some(at) => i18n.fill(
                    Msg::SyncAllSentAt,
                    &[("time", &format_moment_short(at, i18n.lang.get()))],
                ),
                None => i18n.text(Msg::SyncAllSent).to_string(),
            },
        }
    };
    let kind = move || match state.get() {
        LineState::NeedsLogin | LineState::Attention => "attention",
        LineState::OfflineWaiting | LineState::OfflineNothing => "offline",
        LineState::Waiting | LineState::Syncing => "waiting",
        LineState::AllSent => "ok",
    };
    let link = move || match state.get() {
        // A full page load: the app starts over and asks the server who is
        // logged in (nobody), while the outbox stays.
        LineState::NeedsLogin => Some(("/login", Msg::LogIn)),
        LineState::Attention => Some(("/mentor/outbox", Msg::NavOutbox)),
        _ => None,
    };
    view! {
        <section class="sync-line" data-state=kind aria-label=t(Msg::SyncState) data-testid="sync-bar">
            <span class="dot" aria-hidden="true"></span>
            <span class="sync-text" role="status" aria-live="polite" data-testid="sync-state">{text}</span>
            {move || link().map(|(href, msg)| view! { <a class="sync-link" href=href rel="external">{t(msg)}</a> })}
            <button
                type="button"
                class="small"
                on:click=move |_| offline.sync_now()
                disabled=move || offline.status.get() == SyncStatus::Syncing || !offline.online.get()
            >
                {t(Msg::SyncNow)}
            </button>
        </section>
    }
}

/// A new version of the app is ready: offered at the bottom of the screen,
/// over the page, so nothing moves.
#[component]
fn UpdateToast() -> impl IntoView {
    let offline = use_offline();
    view! {
        <Show when=move || offline.update_ready.get()>
            <section class="toast" role="status">
                <p>{t(Msg::UpdateAvailable)}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| pwa::apply_update()>
                        {t(Msg::ReloadNow)}
                    </button>
                    <button type="button" on:click=move |_| offline.update_ready.set(false)>
                        {t(Msg::Later)}
                    </button>
                </div>
            </section>
        </Show>
    }
}
