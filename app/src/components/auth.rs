//! Who is logged in, as the browser knows it: from the page itself when the
//! server rendered it for the person, else (an offline shell) from the copy
//! cached on the phone, checked against the server whenever online.

use crate::api::auth::{logout, whoami};
use crate::api::AppError;
use crate::boot::Boot;
use crate::model::{Identity, Role};
use crate::offline::local::{cache_identity, cached_identity, logout_pending, set_logout_pending};
use crate::offline::storage::BrowserStore;
use crate::offline::Offline;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Auth {
    pub identity: RwSignal<Option<Identity>>,
    /// The server has said who is logged in (or could not be reached).
    pub checked: RwSignal<bool>,
    /// How many notifications need the person, as the page said (none
    /// known in an offline shell).
    pub notices: RwSignal<Option<u32>>,
    offline: Offline,
}

/// Starts from what the page was rendered with: the server's word on who is
/// logged in, unless the page is a shell.
pub fn provide_auth(offline: Offline) -> Auth {
    let boot = Boot::current();
    let auth = Auth {
        identity: RwSignal::new(boot.identity.clone()),
        checked: RwSignal::new(boot.knows_identity()),
        notices: RwSignal::new(boot.notices),
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

    /// In the browser, once. A page the server rendered for the person
    /// already says who they are. In a shell (offline), the cached person
    /// shows at once, then the server is asked; without an answer the
    /// cached person stays.
    pub fn start(&self) {
        let store = BrowserStore::available();
        let this = *self;
        if Boot::current().knows_identity() {
            this.became(this.identity.get_untracked());
            // A logout cut short (the page was left while it was sent):
            // the server rendered this page for the session it still had;
            // end it now, and the person with it.
            if store.is_some_and(|s| logout_pending(&s)) {
                spawn_local(async move {
                    if logout().await.is_ok() {
                        if let Some(s) = store {
                            set_logout_pending(&s, false);
                        }
                        this.became(None);
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().replace("/login");
                        }
                    }
                });
            }
            return;
        }
        if let Some(identity) = store.and_then(|s| cached_identity(&s)) {
            self.became(Some(identity));
        }
        spawn_local(async move {
            if store.is_some_and(|s| logout_pending(&s)) && logout().await.is_ok() {
                if let Some(s) = store {
                    set_logout_pending(&s, false);
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
        if self.identity.with_untracked(|i| i != &identity) {
            self.identity.set(identity);
        }
    }

    /// Ends the session. Offline, the phone forgets the person at once and
    /// the server session is ended at the next connection.
    pub async fn log_out(&self) {
        if logout().await.is_err() {
            if let Some(store) = BrowserStore::available() {
                set_logout_pending(&store, true);
            }
        }
        self.became(None);
    }
}
