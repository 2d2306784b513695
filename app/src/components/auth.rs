//! Who is logged in, as the browser knows it: from the page itself when the
//! server rendered it for the person, else (an offline shell) from the copy
//! kept on the phone, in the person's vault, checked against the server
//! whenever online. A mentor's vault opens before anything of theirs is
//! read or kept (see `offline::vault`).

use crate::api::auth::{logout, whoami};
use crate::api::AppError;
use crate::boot::Boot;
use crate::model::{Identity, Role, UserId};
use crate::offline::local::{
    cache_identity, cached_identity, last_user, logout_pending, set_logout_pending,
};
use crate::offline::storage::{BrowserStore, KeyValue};
use crate::offline::vault::{self, Gate};
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
    /// What the vault asks before the app shows a mentor's data.
    pub gate: RwSignal<Gate>,
    /// After a logout: how many unsent things stay on the phone (`None`
    /// before any logout).
    pub kept: RwSignal<Option<u32>>,
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
        gate: RwSignal::new(Gate::Hidden),
        kept: RwSignal::new(None),
        offline,
    };
    provide_context(auth);
    auth
}

thread_local! {
    /// Whose vault is being opened, and who they are if the server said.
    static OPENING: std::cell::RefCell<Option<(UserId, Option<Identity>)>> =
        const { std::cell::RefCell::new(None) };
}

fn opening() -> Option<UserId> {
    OPENING.with_borrow(|o| o.as_ref().map(|(u, _)| *u))
}

fn set_opening(value: Option<(UserId, Option<Identity>)>) {
    OPENING.set(value);
}

/// Opens a person's vault: its code loads when first needed (after the
/// page is shown; the service worker keeps it for offline use).
#[leptos::lazy]
async fn open_vault(request: (Auth, UserId, Option<Identity>)) {
    let (auth, user, identity) = request;
    auth.open_vault_now(user, identity).await
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
            this.watch_idle();
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
        // Offline, the last person's vault opens with its kept key (or
        // asks for the PIN); online, the server's answer opens it.
        if let Some(user) = store.and_then(|s| last_user(&s)) {
            spawn_local(open_vault((this, user, None)));
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
        self.watch_idle();
    }

    /// Opens `user`'s vault (once at a time), then shows what it holds.
    async fn open_vault_now(&self, user: UserId, identity: Option<Identity>) {
        if opening() == Some(user) {
            // Already opening: the server's word on who it is joins in.
            if identity.is_some() {
                set_opening(Some((user, identity)));
            }
            return;
        }
        set_opening(Some((user, identity)));
        // A page the server rendered shows its data meanwhile; a shell has
        // nothing to show yet.
        if !Boot::current().knows_identity() {
            self.show_gate(Gate::Opening);
        }
        let gate = vault::open(user).await;
        self.settle(user, gate);
    }

    /// Shows what the vault asks (loading the gate's code the first time).
    fn show_gate(&self, gate: Gate) {
        self.gate.set(gate);
        if !matches!(gate, Gate::Hidden | Gate::Open) && !GATE_MOUNTED.replace(true) {
            if let Some(owner) = GATE_OWNER.with_borrow(Clone::clone) {
                let auth = *self;
                spawn_local(async move { mount_vault_gate((auth, owner)).await });
            }
        }
    }

    /// Acts on what the vault said.
    fn settle(&self, user: UserId, gate: Gate) {
        if gate == Gate::Open {
            let known = OPENING.take().and_then(|(_, i)| i);
            let store = BrowserStore::available();
            let identity = known.or_else(|| store.and_then(|s| cached_identity(&s, user)));
            match identity {
                Some(identity) if identity.keeps_data_on_phone() => {
                    if let Some(store) = store {
                        cache_identity(&store, Some(&identity));
                    }
                    self.offline.start(user, identity.has(Role::Mentor));
                    self.show(Some(identity));
                    self.gate.set(Gate::Open);
                }
                // Nobody known, or no longer keeping data here.
                _ => self.show_gate(Gate::NeedLogin),
            }
        } else {
            if gate != Gate::ChoosePin {
                set_opening(None);
            }
            self.show_gate(gate);
        }
    }

    /// The PIN chosen at the first login on this phone.
    pub async fn choose_pin(&self, pin: String) -> bool {
        let Some(user) = opening() else {
            return false;
        };
        let chosen = vault::choose_pin(user, &pin).await;
        if chosen {
            self.settle(user, Gate::Open);
        }
        chosen
    }

    /// The PIN typed offline.
    pub async fn enter_pin(&self, pin: String) {
        let Some(user) = self.store_user() else {
            return;
        };
        set_opening(Some((user, None)));
        let gate = vault::enter_pin(user, &pin).await;
        self.settle(user, gate);
    }

    fn store_user(&self) -> Option<UserId> {
        BrowserStore::available().and_then(|s| last_user(&s))
    }

    /// Locks the app after the idle time offline, and counts use: a tap or
    /// a key, or a minute online, starts the idle time again.
    fn watch_idle(&self) {
        if !cfg!(target_arch = "wasm32") {
            return;
        }
        let this = *self;
        let mut last_touch = 0.0_f64;
        let touch = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let now = js_sys::Date::now();
            if let Some(user) = BrowserStore::open_for() {
                if now - last_touch > 20_000.0 {
                    last_touch = now;
                    vault::touch(user);
                }
            }
        });
        if let Some(window) = web_sys::window() {
            use wasm_bindgen::JsCast;
            for event in ["pointerdown", "keydown"] {
                let _ =
                    window.add_event_listener_with_callback(event, touch.as_ref().unchecked_ref());
            }
        }
        touch.forget();
        let check = move || {
            let Some(user) = BrowserStore::open_for() else {
                return;
            };
            if this.offline.online.get_untracked() {
                vault::touch(user);
                return;
            }
            spawn_local(async move {
                if vault::idle_expired(vault::idle_ms(user).await) {
                    this.offline.pause();
                    this.identity.set(None);
                    set_opening(None);
                    vault::lock(user).await;
                    open_vault((this, user, None)).await;
                }
            });
        };
        let _ = set_interval_with_handle(check, std::time::Duration::from_secs(60));
    }

    /// Records who is logged in (or that nobody is) and starts or stops the
    /// offline support of a mentor or a mentee (after their vault opens).
    pub fn became(&self, identity: Option<Identity>) {
        match identity.as_ref() {
            Some(person) if person.keeps_data_on_phone() => {
                let user = person.user_id;
                if BrowserStore::open_for() == Some(user) {
                    if let Some(store) = BrowserStore::available() {
                        cache_identity(&store, identity.as_ref());
                    }
                    self.offline.start(user, person.has(Role::Mentor));
                } else {
                    let this = *self;
                    let person = person.clone();
                    spawn_local(open_vault((this, user, Some(person))));
                }
            }
            _ => {
                // The office: nothing of theirs is kept on the phone.
                self.offline.stop();
                if let Some(store) = BrowserStore::available() {
                    cache_identity(&store, None);
                }
                self.gate.set(Gate::Hidden);
            }
        }
        self.show(identity);
    }

    fn show(&self, identity: Option<Identity>) {
        if self.identity.with_untracked(|i| i != &identity) {
            self.identity.set(identity);
        }
    }

    /// Ends the session. Offline, the phone forgets the person at once and
    /// the server session is ended at the next connection. What was not
    /// sent stays (encrypted, and counted in `kept`); when nothing waits,
    /// everything of the person is deleted from the phone, their vault too.
    pub async fn log_out(&self) {
        let user = BrowserStore::open_for();
        if logout().await.is_err() {
            if let Some(store) = BrowserStore::available() {
                set_logout_pending(&store, true);
            }
        }
        self.became(None);
        let Some(user) = user else {
            self.kept.set(Some(0));
            return;
        };
        let identity_key =
            crate::offline::keys::person(user, crate::offline::keys::PersonKey::Identity);
        let kept = BrowserStore::available()
            .map(|s| {
                s.keys(&crate::offline::keys::person_prefix(user))
                    .into_iter()
                    .filter(|k| *k != identity_key)
                    .count() as u32
            })
            .unwrap_or(0);
        if kept == 0 {
            vault::destroy(user).await;
        } else {
            vault::lock(user).await;
        }
        self.kept.set(Some(kept));
    }
}

/// Stands in front of the app while a mentor's vault is not open: choosing
/// the app PIN (first login on the phone), entering it (offline after the
/// idle time), or the need of an online login. Nothing of the person shows
/// behind it. Its code loads, and puts the gate in this element, the first
/// time it is needed ([`Auth::show_gate`]).
#[component]
pub fn VaultGate() -> impl IntoView {
    // In the browser only: a server thread must never keep a request's
    // owner (its reactive values live in that request's arena).
    if cfg!(target_arch = "wasm32") {
        GATE_OWNER.set(Owner::current());
    }
    view! { <div id="vault-gate"></div> }
}

thread_local! {
    /// Where the gate's view lives (the app's owner: its contexts).
    static GATE_OWNER: std::cell::RefCell<Option<Owner>> = const { std::cell::RefCell::new(None) };
    static GATE_MOUNTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Puts the gate into `#vault-gate`, once; it shows itself while the vault
/// asks something.
#[leptos::lazy]
fn mount_vault_gate(state: (Auth, Owner)) {
    use leptos::tachys::view::{Mountable, Render};
    let (auth, owner) = state;
    owner.with(|| {
        // Kept here: the view is made again as the gate changes.
        let problem = RwSignal::new(None::<String>);
        let pending = RwSignal::new(false);
        // On the login page the login form is what "log in" asks for: the
        // gate does not cover it.
        let on_login_page = || {
            web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .is_some_and(|path| path == "/login")
        };
        let gate = move || {
            let shown = match auth.gate.get() {
                Gate::Hidden | Gate::Open => false,
                Gate::NeedLogin => !on_login_page(),
                _ => true,
            };
            shown.then(|| vault_gate_view(auth, problem, pending))
        };
        let Some(parent) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("vault-gate"))
        else {
            return;
        };
        let mut mounted = gate.build();
        mounted.mount(&parent, None);
        std::mem::forget(mounted);
    });
}

fn vault_gate_view(
    auth: Auth,
    problem: RwSignal<Option<String>>,
    pending: RwSignal<bool>,
) -> AnyView {
    use crate::i18n::{t, use_i18n, Msg};
    use crate::model::limits::{OFFLINE_IDLE_LOCK_MINUTES, PIN_MAX_DIGITS, PIN_MIN_DIGITS};
    use vault::PinProblem;
    let i18n = use_i18n();
    let pin = NodeRef::<leptos::html::Input>::new();
    let again = NodeRef::<leptos::html::Input>::new();
    let value = |input: NodeRef<leptos::html::Input>| {
        input.get_untracked().map(|i| i.value()).unwrap_or_default()
    };
    let limits = move || {
        [
            ("min", PIN_MIN_DIGITS.to_string()),
            ("max", PIN_MAX_DIGITS.to_string()),
            ("minutes", OFFLINE_IDLE_LOCK_MINUTES.to_string()),
        ]
    };
    let fill = move |msg: Msg| {
        let args = limits();
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n.fill(msg, &args)
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = value(pin);
        let choosing = auth.gate.get_untracked() == Gate::ChoosePin;
        if choosing {
            if let Err(wrong) = vault::check_new_pin(&typed, &value(again)) {
                problem.set(Some(match wrong {
                    PinProblem::Shape => fill(Msg::PinShape),
                    PinProblem::Mismatch => i18n.text(Msg::PinMismatch).to_string(),
                }));
                return;
            }
        }
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            if choosing {
                if !auth.choose_pin(typed).await {
                    problem.set(Some(i18n.text(Msg::ServerError).to_string()));
                }
            } else {
                auth.enter_pin(typed).await;
                if let Gate::EnterPin { tries_left } = auth.gate.get_untracked() {
                    problem.set(Some(
                        i18n.fill(Msg::PinWrong, &[("n", &tries_left.to_string())]),
                    ));
                }
            }
            for input in [pin, again] {
                if let Some(input) = input.get_untracked() {
                    input.set_value("");
                }
            }
            pending.set(false);
        });
    };
    let body = match auth.gate.get_untracked() {
        Gate::Opening => view! { <p role="status">{t(Msg::VaultOpening)}</p> }.into_any(),
        Gate::NeedLogin => view! {
            <h1 id="vault-title">{t(Msg::LogIn)}</h1>
            <p>{t(Msg::PinNeedLogin)}</p>
            <p><a href="/login?again" rel="external">{t(Msg::LogIn)}</a></p>
        }
        .into_any(),
        gate => {
            let choosing = gate == Gate::ChoosePin;
            view! {
                <h1 id="vault-title">{move || i18n.text(if choosing { Msg::PinChooseTitle } else { Msg::PinEnterTitle })}</h1>
                <p>{move || if choosing { fill(Msg::PinChooseText) } else { i18n.text(Msg::PinEnterText).to_string() }}</p>
                <form on:submit=on_submit>
                    <label for="vault-pin">{move || fill(Msg::PinLabel)}</label>
                    <input id="vault-pin" name="pin" type="password" inputmode="numeric"
                        autocomplete=if choosing { "new-password" } else { "current-password" }
                        required node_ref=pin/>
                    {choosing.then(|| view! {
                        <label for="vault-pin-again">{t(Msg::PinAgainLabel)}</label>
                        <input id="vault-pin-again" name="pin-again" type="password" inputmode="numeric"
                            autocomplete="new-password" required node_ref=again/>
                    })}
                    <p class="error" role="alert">{move || problem.get()}</p>
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || i18n.text(if pending.get() { Msg::PinChecking } else if choosing { Msg::PinSave } else { Msg::PinUnlock })}
                    </button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <section class="vault" role="dialog" aria-modal="true" aria-labelledby="vault-title">
            {body}
        </section>
    }
    .into_any()
}

/// Where a person goes whose password was right and whose login waits for
/// its second step: the login page asking the code, or the setting up of
/// two-step login an organisation requires.
pub fn second_step_path(step: crate::model::two_step::SecondStep) -> &'static str {
    use crate::model::two_step::SecondStep;
    match step {
        SecondStep::Code => "/login?second",
        SecondStep::Setup => "/two-step",
    }
}

/// The answer of a call that logs the person in (a reset, an invitation
/// accepted), with its second step as an answer of its own rather than an
/// error to show.
pub async fn with_second_step<T>(
    call: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<Result<T, crate::model::two_step::SecondStep>, AppError> {
    match call.await {
        Err(AppError::SecondStep { step }) => Ok(Err(step)),
        other => other.map(Ok),
    }
}
