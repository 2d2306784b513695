//! The HTML shell and the application's routes.

use crate::boot::{Boot, ELEMENT_ID};
use crate::components::*;
use crate::i18n::{provide_i18n, Lang};
use crate::offline::{provide_offline, pwa};
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Html, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let boot = Boot::current();
    let table = boot.table_url(initial_language()).map(str::to_string);
    let boot_text = boot.to_script_text();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d5c63"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon-192.png" type="image/png"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                // The page's texts, fetched while the app downloads.
                {table.map(|href| view! { <link rel="preload" href=href r#as="fetch" crossorigin="anonymous"/> })}
                <script type="application/json" id=ELEMENT_ID inner_html=boot_text></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language of the first render: on the server the remembered choice
/// (cookie), else the browser's preference; in the browser the language the
/// page was rendered in, so hydration matches the HTML.
fn initial_language() -> Lang {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<http::request::Parts>();
        let header = |name| {
            parts
                .as_ref()
                .and_then(|p| p.headers.get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        header(http::header::COOKIE)
            .and_then(|c| Lang::from_cookie_header(&c))
            .or_else(|| {
                header(http::header::ACCEPT_LANGUAGE).and_then(|a| Lang::from_accept_language(&a))
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document_language().unwrap_or_default()
    }
}

#[cfg(not(feature = "ssr"))]
fn document_language() -> Option<Lang> {
    let html = web_sys::window()?.document()?.document_element()?;
    Lang::from_code(&html.get_attribute("lang")?)
}

/// The language remembered in the cookie, read in the browser (a page the
/// service worker cached may have been rendered in another language).
fn remembered_language() -> Option<Lang> {
    use wasm_bindgen::JsCast;
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let document = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?;
    Lang::from_cookie_header(&document.cookie().ok()?)
}

/// Marks the page as woken up (`<html data-app="ready">`): what needs the
/// app (buttons that sync, the draft) works from now on.
fn mark_ready() {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-app", "ready");
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(initial_language());
    let offline = provide_offline();
    let auth = provide_auth(offline);
    provide_client_ready();

    // In the browser, once hydrated.
    Effect::new(move |_| {
        if let Some(lang) = remembered_language() {
            i18n.choose(lang);
        }
        offline.listen();
        auth.start();
        pwa::register_service_worker(offline.update_ready);
        mark_ready();
    });

    // The title is read by the server after the page's reactive data is
    // gone (while it writes the <head>): it must be a plain text, never a
    // closure over a signal, or the request panics.
    let lang = i18n.lang.get_untracked();
    let title = crate::i18n::Msg::AppName.text(lang);
    view! {
        <Html attr:lang=move || i18n.lang.get().code()/>
        <Title text=title/>
        <Meta name="description" content=move || i18n.text(crate::i18n::Msg::LoginIntro)/>
        <Router>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Dispatch/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/mentor") view=MentorHome/>
                    <Route path=path!("/mentor/log") view=MeetingLogPage/>
                    <Route path=path!("/mentor/logs") view=MentorLogsPage/>
                    <Route path=path!("/mentor/outbox") view=OutboxPage/>
                    // Pages of server data render whole before the response
                    // starts, so a 403 or a redirect to the login keeps its
                    // status. Their code loads only when they are opened.
                    <Route path=path!("/manager") view={Lazy::<ManagerRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/coordinator") view={Lazy::<CoordinatorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mentee") view={Lazy::<MenteeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/no-role") view=NoRolePage/>
                </Routes>
            </main>
        </Router>
    }
}
