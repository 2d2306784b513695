//! The browser entry point: fetch the texts of the page's language, wake up
//! the server-rendered page (waiting for the lazily loaded part the page
//! needs), then tell the app it is awake.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console in development builds only: the hook's
    // formatting code would weigh on every phone's download.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let boot = app::boot::Boot::current();
        app::i18n::load_page_language(boot.office, boot.tables).await;
        let owner = leptos::mount::hydrate_from_async(
            leptos::prelude::document()
                .body()
                .expect("a page has a body"),
            app::App,
        )
        .await;
        owner.forget();
        app::components::mark_hydrated();
    });
}
