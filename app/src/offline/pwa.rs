//! The installable app: the service worker (registration and updates) and
//! persistent storage.

use leptos::prelude::*;

/// Registers `/sw.js` and raises `update_ready` when a new version has been
/// installed and waits; the person chooses when to reload.
pub fn register_service_worker(update_ready: RwSignal<bool>) {
    if cfg!(target_arch = "wasm32") {
        browser::register(update_ready);
    }
}

/// Lets the waiting service worker take over, then reloads once it has.
/// Drafts and the outbox live in local storage, which an update never touches.
pub fn apply_update() {
    if cfg!(target_arch = "wasm32") {
        browser::apply_update();
    }
}

/// Asks the browser not to evict this site's storage under pressure; raises
/// `refused` when it says no (once: until the person has read the notice).
pub fn ask_for_persistent_storage(refused: RwSignal<bool>) {
    use super::storage::{BrowserStore, KeyValue};
    let already_read = BrowserStore::available()
        .is_some_and(|s| s.get(super::keys::PERSIST_NOTICE_READ).is_some());
    if cfg!(target_arch = "wasm32") && !already_read {
        browser::persist(refused);
    }
}

/// The person has read the notice: do not show it again on this phone.
pub fn persist_notice_read(refused: RwSignal<bool>) {
    use super::storage::{BrowserStore, KeyValue};
    if let Some(store) = BrowserStore::available() {
        // Best effort: at worst the notice shows again.
        let _ = store.set(super::keys::PERSIST_NOTICE_READ, "1");
    }
    refused.set(false);
}

mod browser {
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

    fn container() -> Option<web_sys::ServiceWorkerContainer> {
        let navigator = web_sys::window()?.navigator();
        // Missing in insecure contexts and old browsers.
        let has = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
        has.then(|| navigator.service_worker())
    }

    pub fn register(update_ready: RwSignal<bool>) {
        let Some(container) = container() else { return };
        let promise = container.register("/sw.js");
        spawn_local(async move {
            let Ok(registration) = JsFuture::from(promise).await else {
                leptos::logging::warn!("the service worker could not be registered");
                return;
            };
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            let has_controller = container.controller().is_some();
            if registration.waiting().is_some() && has_controller {
                update_ready.set(true);
            }
            let reg = registration.clone();
            let on_update_found = Closure::<dyn FnMut()>::new(move || {
                let Some(worker) = reg.installing() else {
                    return;
                };
                let watched = worker.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    let controlled = container_controlled();
                    if watched.state() == ServiceWorkerState::Installed && controlled {
                        update_ready.set(true);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
            on_update_found.forget();
        });
    }

    fn container_controlled() -> bool {
        container().is_some_and(|c| c.controller().is_some())
    }

    pub fn apply_update() {
        let Some(container) = container() else { return };
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        spawn_local(async move {
            let Ok(registration) = JsFuture::from(container.get_registration()).await else {
                return;
            };
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            match registration.waiting() {
                Some(waiting) => {
                    let _ = waiting.post_message(&"skip-waiting".into());
                }
                None => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                }
            }
        });
    }

    pub fn persist(refused: RwSignal<bool>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let navigator = window.navigator();
        if !js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
            return;
        }
        let storage = navigator.storage();
        spawn_local(async move {
            if answer(storage.persisted()).await {
                return;
            }
            let granted = answer(storage.persist()).await;
            refused.set(!granted);
        });
    }

    /// The yes/no a storage promise resolves to; no answer counts as no.
    async fn answer(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> bool {
        match promise {
            Ok(p) => JsFuture::from(p)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            Err(_) => false,
        }
    }
}
