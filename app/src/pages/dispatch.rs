//! `/`: sends each person to their own home page, online or offline.

use crate::components::{client_ready, redirect_on_server, use_auth, Loading};
use crate::i18n::{t, Msg};
use crate::offline::use_offline;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Dispatch() -> impl IntoView {
    let auth = use_auth();
    redirect_on_server(
        auth.identity
            .with_untracked(|i| i.as_ref().map(|i| i.home_path()))
            .unwrap_or("/login"),
    );
    let offline = use_offline();
    let ready = client_ready();
    let ready_too = ready.clone();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let home = auth.identity.with(|i| i.as_ref().map(|i| i.home_path()));
        match home {
            Some(path) => navigate(path, Default::default()),
            None if auth.checked.get() && offline.online.get() => {
                navigate("/login", Default::default())
            }
            None => {}
        }
    });
    let offline_without_login = move || {
        ready_too.get()
            && auth.checked.get()
            && !offline.online.get()
            && auth.identity.with(Option::is_none)
    };
    view! {
        <Show when=offline_without_login fallback=|| view! { <Loading/> }>
            <section class="notice" role="alert">
                <p>{t(Msg::OfflineNeedLogin)}</p>
            </section>
        </Show>
        <noscript>
            <p><a href="/login">{t(Msg::LogIn)}</a></p>
        </noscript>
    }
}

/// For an account that holds no role yet.
#[component]
pub fn NoRolePage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{t(Msg::AppName)}</h1>
            <p>{t(Msg::NoRoleText)}</p>
        </section>
    }
}
