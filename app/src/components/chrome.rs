//! The frame around every page: skip link, brand, and a menu (navigation by
//! role, language, who is logged in, logout). On a phone the menu folds into
//! one button so the page's own content starts near the top; it is a
//! `<details>` element, so it opens before the app has loaded too.

use super::use_auth;
use crate::i18n::{t, use_i18n, Lang, Msg, LANG_COOKIE};
use crate::model::Role;
use crate::offline::use_offline;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};

/// Remembers the language for a year, for the server's first render too.
fn remember_language(lang: Lang) {
    use wasm_bindgen::JsCast;
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(document) = document.and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) {
        let _ = document.set_cookie(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        ));
    }
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |code: &str| {
        if let Some(lang) = Lang::from_code(code) {
            if lang != i18n.lang.get_untracked() {
                remember_language(lang);
                i18n.choose(lang);
            }
        }
    };
    // A language picked before the app loaded (slow phones) is applied
    // once it has: the select kept the choice, the app had not seen it.
    let select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(select) = select.get() {
            choose(&select.value());
        }
    });
    view! {
        <label class="lang-switch">
            <span class="lang-label">{t(Msg::LanguageLabel)}</span>
            <select name="lang" node_ref=select on:change=move |ev| choose(&event_target_value(&ev))>
                {Lang::ALL
                    .iter()
                    .map(|lang| {
                        let lang = *lang;
                        view! {
                            <option value=lang.code() lang=lang.code() selected=move || i18n.lang.get() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A link of the menu, marked as the current page when it is. A plain
/// link: the router follows it inside the app.
fn menu_link(href: &'static str, label: impl IntoView + 'static) -> AnyView {
    let pathname = use_location().pathname;
    let current = move || (pathname.get() == href).then_some("page");
    view! { <a href=href aria-current=current>{label}</a> }.into_any()
}

#[component]
fn NavLinks() -> impl IntoView {
    let auth = use_auth();
    let offline = use_offline();
    let i18n = use_i18n();
    let link = move |href: &'static str, msg: Msg| menu_link(href, t(msg));
    move || {
        let mut links = Vec::new();
        if auth.has(Role::Mentor) {
            links.push(link("/mentor", Msg::NavMentees).into_any());
            links.push(link("/mentor/log", Msg::NavNewLog).into_any());
            links.push(link("/mentor/logs", Msg::NavMyLogs).into_any());
            links.push(link("/mentor/reports", Msg::NavReports).into_any());
            links.push(
                menu_link(
                    "/mentor/outbox",
                    view! {
                        {t(Msg::NavOutbox)}
                        {move || {
                            let n = offline.waiting_count() + offline.attention_count();
                            (n > 0).then(|| view! { <span class="count" aria-label=move || i18n.fill(Msg::WaitingCount, &[("n", &n.to_string())])>{n}</span> })
                        }}
                    },
                ),
            );
        }
        if auth.has(Role::Manager) {
            links.push(link("/manager", Msg::NavPairs).into_any());
        }
        if auth.has(Role::Coordinator) {
            links.push(link("/coordinator", Msg::NavOverview).into_any());
        }
        if auth.has(Role::Manager) || auth.has(Role::Coordinator) {
            links.push(link("/programmes", Msg::NavProgrammes).into_any());
            links.push(link("/people", Msg::NavPeople).into_any());
        }
        if auth.has(Role::Mentee) {
            links.push(link("/mentee", Msg::NavMyMentoring).into_any());
        }
        if auth.has(Role::Mentor) || auth.has(Role::Manager) {
            links.push(
                menu_link(
                    "/notifications",
                    view! {
                        {t(Msg::NavNotifications)}
                        {move || auth.notices.get().filter(|n| *n > 0).map(|n| view! {
                            " " <span class="count" data-testid="notices-count" aria-label=move || i18n.fill(Msg::NoticesCount, &[("n", &n.to_string())])>{n}</span>
                        })}
                    },
                ),
            );
        }
        links.push(link("/account", Msg::NavAccount).into_any());
        links
            .into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect_view()
    }
}

#[component]
fn LogoutButton() -> impl IntoView {
    let auth = use_auth();
    let offline = use_offline();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let log_out = move || {
        let navigate = navigate.clone();
        confirming.set(false);
        spawn_local(async move {
            auth.log_out().await;
            navigate("/login", Default::default());
        });
    };
    let log_out_now = log_out.clone();
    let on_click = move |_| {
        if offline.waiting_count() > 0 {
            confirming.set(true);
        } else {
            log_out_now();
        }
    };
    let who = move || {
        auth.identity.with(|i| {
            i.as_ref()
                .map(|i| i18n.fill(Msg::SignedInAs, &[("name", &i.display_name)]))
        })
    };
    view! {
        <span class="who">{who}</span>
        <button type="button" class="link-button" on:click=on_click>{t(Msg::LogOut)}</button>
        <Show when=move || confirming.get()>
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="logout-warning">
                <p id="logout-warning">
                    {move || i18n.fill(Msg::UnsyncedAtLogout, &[("n", &offline.waiting_count().to_string())])}
                </p>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| {
                        confirming.set(false);
                        offline.sync_now();
                    }>{t(Msg::SyncFirst)}</button>
                    <button type="button" on:click={
                        let log_out = log_out.clone();
                        move |_| log_out()
                    }>{t(Msg::LogOutAnyway)}</button>
                    <button type="button" on:click=move |_| confirming.set(false)>{t(Msg::Cancel)}</button>
                </div>
            </div>
        </Show>
    }
}

/// The menu of a person who is logged in. It closes when a page is chosen.
#[component]
fn Menu() -> impl IntoView {
    let menu = NodeRef::<leptos::html::Details>::new();
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    });
    view! {
        <details class="menu" node_ref=menu>
            <summary>
                <span class="menu-icon" aria-hidden="true"></span>
                {t(Msg::Menu)}
            </summary>
            <div class="menu-panel">
                <nav aria-label=t(Msg::MainNavigation)>
                    <ul><NavLinks/></ul>
                </nav>
                <div class="header-tools">
                    <LanguageSwitch/>
                    <LogoutButton/>
                </div>
            </div>
        </details>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let signed_in = move || auth.identity.with(Option::is_some);
    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <a class="brand" href="/">{t(Msg::AppName)}</a>
            <Show
                when=signed_in
                fallback=|| view! { <div class="header-tools"><LanguageSwitch/></div> }
            >
                <Menu/>
            </Show>
        </header>
    }
}
