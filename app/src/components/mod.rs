//! Pieces of UI shared by the pages.

mod auth;
mod chrome;
mod errors;
mod office;
mod phone_texts;
mod sync_bar;

pub use auth::*;
pub use chrome::*;
pub use errors::*;
pub use office::*;
pub use phone_texts::*;
pub use sync_bar::*;

use leptos::prelude::*;

/// Becomes true once the page is woken up: hydration is complete, the
/// lazily loaded part of the page included (`hydrate_lazy` waits for it, and
/// effects may run meanwhile). Whatever differs from what the server
/// rendered (the phone's data, in an offline shell) starts only then, or
/// the browser would wake up a page that is not the one it was sent.
pub fn client_ready() -> ArcRwSignal<bool> {
    // The server never wakes a page up: a signal of its own for each use,
    // nothing shared between requests.
    if cfg!(feature = "ssr") {
        return ArcRwSignal::new(false);
    }
    static READY: std::sync::OnceLock<ArcRwSignal<bool>> = std::sync::OnceLock::new();
    READY.get_or_init(|| ArcRwSignal::new(false)).clone()
}

/// Called by the browser's entry point once hydration is complete.
pub fn mark_hydrated() {
    client_ready().set(true);
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // What needs the app (buttons that sync, the draft) works from now.
        let _ = html.set_attribute("data-app", "ready");
    }
}

/// On the server, when it knows who is asking (not an offline shell): an
/// HTTP redirect to `path`, so nobody waits for the app to load to move on.
pub fn redirect_on_server(path: &str) {
    #[cfg(feature = "ssr")]
    if crate::boot::Boot::current().knows_identity() {
        leptos_axum::redirect(path);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// Asks the person to confirm a destructive action (the browser's own
/// dialog: keyboard and screen-reader accessible everywhere).
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// The busy indicator, announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {crate::i18n::t(crate::i18n::Msg::Loading)}
        </p>
    }
}
