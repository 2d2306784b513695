//! Who is logged in, as the browser knows it. Cached on the phone so the
//! mentor's pages open offline; checked against the server whenever online.

use crate::api::auth::{logout, whoami};
use crate::api::AppError;
use crate::model::{Identity, Role};
use crate::offline::local::{cache_identity, cached_identity};
use crate::offline::storage::{BrowserStore, KeyValue};
use crate::offline::Offline;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Set when logging out without a connection: the server session is ended
/// at the next chance.
const LOGOUT_PENDING_KEY: &str = "pb.v1.logout_pending";

#[derive(Clone, Copy)]
pub struct Auth {
    pub identity: RwSignal<Option<Identity>>,
    /// The server was asked (or could not be reached) at least once.
    pub checked: RwSignal<bool>,
    offline: Offline,
}

pub fn provide_auth(offline: Offline) -> Auth {
    let auth = Auth {
        identity: RwSignal::new(None),
        checked: RwSignal::new(false),
        offline,
    };
    provide_context(auth);
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

impl Auth {
    pub fn has(&self, role: Role) -> bool {
        self.identity
            .with(|i| i.as_ref().is_some_and(|i| i.has(role)))
    }

    /// In the browser, once: show the cached person at once, then ask the
    /// server. Without an answer (offline) the cached person stays.
    pub fn start(&self) {
        let store = BrowserStore::available();
        if let Some(identity) = store.and_then(|s| cached_identity(&s)) {
            self.became(Some(identity));
        }
        let this = *self;
        spawn_local(async move {
            let pending_logout = store.is_some_and(|s| s.get(LOGOUT_PENDING_KEY).is_some());
            if pending_logout && logout().await.is_ok() {
                if let Some(s) = store {
                    s.remove(LOGOUT_PENDING_KEY);
                }
            }
            match whoami().await {
                Ok(identity) => this.became(identity),
                Err(AppError::Network { .. }) => this.offline.online.set(false),
                Err(error) => leptos::logging::warn!("whoami failed: {error}"),
            }
            this.checked.set(true);
        });
    }

    /// Records who is logged in (or that nobody is) and starts or stops the
    /// mentor's offline support.
    pub fn became(&self, identity: Option<Identity>) {
        if let Some(store) = BrowserStore::available() {
            cache_identity(&store, identity.as_ref());
        }
        match identity.as_ref() {
            Some(person) if person.has(Role::Mentor) => self.offline.start(person.user_id),
            _ => self.offline.stop(),
        }
        self.identity.set(identity);
    }

    /// Ends the session. Offline, the phone forgets the person at once and
    /// the server session is ended at the next connection.
    pub async fn log_out(&self) {
        if logout().await.is_err() {
            if let Some(store) = BrowserStore::available() {
                let _ = store.set(LOGOUT_PENDING_KEY, "1");
            }
        }
        self.became(None);
    }
}
