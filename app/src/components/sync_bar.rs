//! The frame of every mentor page: it opens from the phone's own data, shows
//! the sync state at all times, and offers updates of the app.

use super::{client_ready, format_moment, use_auth, ErrorKind, ErrorPage, Loading};
use crate::i18n::{storage_message, t, use_i18n, Msg};
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

/// Shows its children to a mentor, from the phone's data, online or not.
#[component]
pub fn MentorFrame(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let offline = use_offline();
    let ready = client_ready();
    let navigate = use_navigate();
    let gate = Memo::new(move |_| {
        if !ready.get() {
            return Gate::Wait;
        }
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
            <UpdateBanner/>
            <SyncBar/>
            <StorageNotice/>
            {children()}
        }
        .into_any(),
    }
}

/// Online or not, how many logs wait, when the last sync was, and a button
/// to sync now.
#[component]
pub fn SyncBar() -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let status_text = move || match offline.status.get() {
        SyncStatus::Idle => None,
        SyncStatus::Syncing => Some(i18n.text(Msg::Syncing)),
        SyncStatus::Failed => Some(i18n.text(Msg::SyncFailed)),
        SyncStatus::NeedsLogin => Some(i18n.text(Msg::SyncNeedsLogin)),
    };
    view! {
        <section class="sync-bar" aria-label=t(Msg::NavOutbox) data-testid="sync-bar">
            <span class="connection" data-testid="sync-online">
                <span
                    class=move || if offline.online.get() { "dot online" } else { "dot offline" }
                    aria-hidden="true"
                ></span>
                {move || if offline.online.get() { i18n.text(Msg::Online) } else { i18n.text(Msg::Offline) }}
            </span>
            <span data-testid="sync-waiting">
                {move || i18n.fill(Msg::WaitingCount, &[("n", &offline.waiting_count().to_string())])}
            </span>
            <span data-testid="sync-last">
                {move || match offline.last_sync.get() {
                    Some(at) => i18n.fill(Msg::LastSync, &[("time", &format_moment(at, i18n.lang.get()))]),
                    None => i18n.text(Msg::NeverSynced).to_string(),
                }}
            </span>
            <span class="sync-status" role="status" aria-live="polite" data-testid="sync-status">
                {status_text}
            </span>
            {move || (offline.status.get() == SyncStatus::NeedsLogin)
                // A full page load: the app starts over and asks the server
                // who is logged in (nobody), while the outbox stays.
                .then(|| view! { <a href="/login" rel="external">{t(Msg::LogIn)}</a> })}
            <button
                type="button"
                class="small"
                on:click=move |_| offline.sync_now()
                disabled=move || offline.status.get() == SyncStatus::Syncing
            >
                {t(Msg::SyncNow)}
            </button>
        </section>
    }
}

#[component]
fn UpdateBanner() -> impl IntoView {
    let offline = use_offline();
    view! {
        <Show when=move || offline.update_ready.get()>
            <section class="notice update" role="status">
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

#[component]
fn StorageNotice() -> impl IntoView {
    let offline = use_offline();
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
