//! The HTML shell and the application's routes.

use crate::components::*;
use crate::i18n::{provide_i18n, Lang};
use crate::offline::{provide_offline, pwa};
use crate::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The whole page around the app, rendered on the server. Every file name
/// comes from [`crate::api::context::Assets`], worked out once at start-up.
#[cfg(feature = "ssr")]
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    use crate::api::context::{AppState, Assets};
    use crate::boot::{Boot, ELEMENT_ID};
    use crate::i18n::{Msg, Part};
    let assets = use_context::<AppState>()
        .map(|s| s.assets.clone())
        .unwrap_or_else(|| std::sync::Arc::new(Assets::default()));
    // Lets leptos preload the lazily loaded parts a page uses.
    if let Some(split) = assets.split.clone() {
        provide_context(split);
    }
    let boot = Boot::current();
    let lang = initial_language();
    let core_texts = boot
        .table_url(lang, Part::Core)
        .unwrap_or_default()
        .to_string();
    let office_texts = boot
        .office
        .then(|| boot.table_url(lang, Part::Office))
        .flatten()
        .unwrap_or_default()
        .to_string();
    let boot_text = boot.to_script_text();

    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    // The page's Content-Security-Policy names its nonce (leptos_axum makes
    // one per request and puts it on its own scripts).
    if let (Some(nonce), Some(options)) = (
        nonce.as_deref(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&crate::csp::page_policy(nonce)) {
            options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    // The page is whole without the app (server-rendered, links and forms
    // work), so the app starts loading once the page has painted: its
    // download never delays the first view on a slow connection. The texts
    // of the page's language are fetched alongside (see `i18n::tables`).
    // A language picked before the app has loaded is remembered at once
    // (the cookie the app and the server read), so it is not lost to a
    // race with the app waking up, and a reload shows it even without it.
    let start = format!(
        "document.querySelector('select[name=lang]')?.addEventListener('change', (e) => {{ \
         document.cookie = `{cookie}=${{e.target.value}}; Path=/; Max-Age=31536000; SameSite=Lax`; }});\n\
         const text = (url) => url ? fetch(url).then(r => r.ok ? r.text() : null, () => null) : null;\n\
         const start = () => {{ window.__pbTexts = [text({core_texts:?}), text({office_texts:?})]; window.__pbVault = import({vault:?}); \
         import({script:?}).then(m => m.default({{ module_or_path: {wasm:?} }}).then(() => m.hydrate())); }};\n\
         const later = () => (window.requestIdleCallback ? requestIdleCallback(start, {{ timeout: 500 }}) : setTimeout(start, 0));\n\
         if (document.readyState === \"complete\") later(); else addEventListener(\"load\", later, {{ once: true }});",
        script = assets.script,
        wasm = assets.wasm,
        vault = crate::offline::vault::script::url(),
        cookie = crate::i18n::LANG_COOKIE,
    );
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d5c63"/>
                <meta name="description" content=Msg::LoginIntro.text(lang)/>
                <title>{Msg::AppName.text(lang)}</title>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon-192.png" type="image/png"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <link rel="stylesheet" href=assets.stylesheet.clone()/>
                {boot.office.then(|| view! { <link rel="stylesheet" href=boot.office_stylesheet.clone() data-office=""/> })}
                <script type="application/json" id=ELEMENT_ID inner_html=boot_text></script>
                <script type="module" nonce=nonce inner_html=start></script>
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

/// Whether `path` is one of the phones' pages (a mentor's or a mentee's),
/// which work offline.
fn is_phone_page(path: &str) -> bool {
    ["/mentor", "/mentee"]
        .iter()
        .any(|home| path == *home || path.starts_with(&format!("{home}/")))
}

/// The service worker that keeps the app for offline use, registered once
/// the person is on a phone's page: the login page and the office's pages
/// never download the whole app for offline use (1.15 MB measured by
/// `make size`), and a mentor who logs in gets it on their first page.
#[component]
fn KeepForOffline(update_ready: RwSignal<bool>) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let ready = client_ready();
    Effect::new(move |registered: Option<bool>| {
        if registered == Some(true) {
            return true;
        }
        if !ready.get() || !is_phone_page(&location.pathname.get()) {
            return false;
        }
        pwa::register_service_worker(update_ready);
        true
    });
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n(initial_language());
    let offline = provide_offline();
    let auth = provide_auth(offline);

    // In the browser, once the page is woken up (see `client_ready`).
    let ready = client_ready();
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !ready.get() {
            return started.unwrap_or(false);
        }
        if let Some(lang) = remembered_language() {
            i18n.choose(lang);
        }
        offline.listen();
        auth.start();
        true
    });

    // The page's language follows the switch (the server wrote the first).
    Effect::new(move |_| {
        let code = i18n.lang.get().code();
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", code);
        }
    });
    view! {
        <Router>
            <KeepForOffline update_ready=offline.update_ready/>
            <Header/>
            <main id="main" tabindex="-1">
                <VaultGate/>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view={Lazy::<EntryRoute>::new()}/>
                    <Route path=path!("/login") view={Lazy::<EntryRoute>::new()}/>
                    <Route path=path!("/mentor") view=MentorHome/>
                    // The mentor's other pages: one lazy route picks the page.
                    <Route path=path!("/mentor/*rest") view={Lazy::<MentorPagesRoute>::new()}/>
                    <Route path=path!("/mentee/report") view={Lazy::<MentorPagesRoute>::new()}/>
                    // Pages of server data render whole before the response
                    // starts, so a 403 or a redirect to the login keeps its
                    // status. Their code loads only when they are opened.
                    <Route path=path!("/manager") view={Lazy::<EntryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manager/logs") view={Lazy::<EntryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={Lazy::<EntryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<EntryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/coordinator") view={Lazy::<EntryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mentee") view={Lazy::<EntryRoute>::new()} ssr=SsrMode::Async/>
                    // The office's pages: one lazy route picks the page by its path.
                    <Route path=path!("/programmes") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/*rest") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/invite/*token") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pairs/*rest") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people/*rest") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/reset/*token") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/confirm-email/*token") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/setup") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/two-step") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/paper") view={Lazy::<OfficeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/no-role") view={Lazy::<EntryRoute>::new()}/>
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    use super::is_phone_page;

    #[test]
    fn only_a_mentors_and_a_mentees_pages_keep_the_app_for_offline_use() {
        for path in [
            "/mentor",
            "/mentor/log",
            "/mentor/outbox",
            "/mentee",
            "/mentee/report",
        ] {
            assert!(is_phone_page(path), "{path}");
        }
        for path in [
            "/",
            "/login",
            "/manager",
            "/coordinator",
            "/mentors",
            "/menteeship",
            "/account",
        ] {
            assert!(!is_phone_page(path), "{path}");
        }
    }
}
