//! The browser entry point: fetch the texts of the page's language, then
//! wake up the server-rendered page (lazily loaded parts come later).
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        app::i18n::load_page_language().await;
        leptos::mount::hydrate_lazy(app::App);
    });
}
