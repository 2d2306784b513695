//! Pieces of UI shared by the pages.

mod auth;
mod chrome;
mod errors;
mod format;
mod sync_bar;

pub use auth::*;
pub use chrome::*;
pub use errors::*;
pub use format::*;
pub use sync_bar::*;

use leptos::prelude::*;

/// Becomes true once the app runs in the browser (after hydration). Parts
/// that depend on the phone's storage render only then, so the HTML the
/// server sends (and the service worker caches) is the same for everyone.
#[derive(Clone, Copy)]
pub struct ClientReady(pub RwSignal<bool>);

pub fn provide_client_ready() -> ClientReady {
    let ready = ClientReady(RwSignal::new(false));
    Effect::new(move |_| ready.0.set(true));
    provide_context(ready);
    ready
}

pub fn client_ready() -> RwSignal<bool> {
    expect_context::<ClientReady>().0
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
