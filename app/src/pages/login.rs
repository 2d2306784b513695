//! Logging in.

use crate::api::auth::{login, Login};
use crate::api::two_step::{second_step, SecondStep as SecondStepFn};
use crate::api::AppError;
use crate::components::use_auth;
use crate::i18n::{t, use_i18n, Msg};
use crate::model::two_step::SecondStep;
use crate::offline::{use_offline, SyncStatus};
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let offline = use_offline();
    let i18n = use_i18n();
    let navigate = use_navigate();
    // Uncontrolled inputs, read on submit: what a person types before the
    // app has loaded (slow phones) is kept, not reset by hydration.
    let email = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    // A login sent before the app had loaded is an ordinary form post; the
    // server sends its error back in the address (`__path`, `__err`).
    let (from_form_post, posted_code) = use_query_map().with_untracked(|q| {
        let path = q.get("__path");
        let ours = [Login::PATH, SecondStepFn::PATH].contains(&path.as_deref().unwrap_or(""));
        (
            q.get("__err")
                .filter(|_| ours)
                .map(|e| ServerFnUrlError::<AppError>::decode_err(&e)),
            path.as_deref() == Some(SecondStepFn::PATH) || q.get("second").is_some(),
        )
    });
    // The password was right: the code of the authenticator app is asked
    // (also after a reset link, `?second`).
    let code_step = RwSignal::new(
        posted_code
            || matches!(
                from_form_post,
                Some(AppError::SecondStep {
                    step: SecondStep::Code
                })
            ),
    );
    let error = RwSignal::new(from_form_post.filter(|e| !matches!(e, AppError::SecondStep { .. })));
    let code = NodeRef::<leptos::html::Input>::new();
    // A new server waits for its first run's setup.
    let setup = Resource::new(|| (), |_| crate::api::setup::setup_needed());
    let pending = RwSignal::new(false);
    // `?again`: a person logged in who must type their password again (the
    // phone's data opens only after a recent password login).
    let again = use_query_map().with_untracked(|q| q.get("again").is_some());
    if let Some(home) = auth
        .identity
        .with_untracked(|i| i.as_ref().map(|i| i.home_path()))
        .filter(|_| !again)
    {
        crate::components::redirect_on_server(home);
    }

    // Already logged in: go home. Not when the server has just said the
    // session ended (the phone still knows the person, to keep the outbox),
    // nor when the password is asked again.
    let go_home = navigate.clone();
    Effect::new(move |_| {
        if again {
            return;
        }
        let session_ended = offline.status.get() == SyncStatus::NeedsLogin;
        if let Some(home) = auth.identity.with(|i| i.as_ref().map(|i| i.home_path())) {
            if auth.checked.get() && !session_ended {
                go_home(home, Default::default());
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let navigate = navigate.clone();
        let value = |input: NodeRef<leptos::html::Input>| {
            input.get_untracked().map(|i| i.value()).unwrap_or_default()
        };
        let (typed_email, typed_password, typed_code) =
            (value(email), value(password), value(code));
        let asking_code = code_step.get_untracked();
        spawn_local(async move {
            let answer = if asking_code {
                second_step(typed_code).await
            } else {
                login(typed_email, typed_password).await
            };
            match answer {
                Ok(identity) => {
                    let home = identity.home_path();
                    if let Some(input) = password.get_untracked() {
                        input.set_value("");
                    }
                    auth.became(Some(identity));
                    auth.checked.set(true);
                    navigate(home, Default::default());
                }
                Err(AppError::SecondStep {
                    step: SecondStep::Code,
                }) => code_step.set(true),
                Err(AppError::SecondStep {
                    step: SecondStep::Setup,
                }) => navigate(
                    crate::components::second_step_path(SecondStep::Setup),
                    Default::default(),
                ),
                // The waiting login ended (minutes passed, codes tried):
                // the password again.
                Err(AppError::Unauthenticated) if asking_code => {
                    code_step.set(false);
                    error.set(Some(AppError::Unauthenticated));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let error_text = move || {
        error.get().map(|e| match e {
            AppError::RateLimited {
                retry_after_seconds,
            } => i18n.fill(
                Msg::TooManyAttempts,
                &[("minutes", &retry_after_seconds.div_ceil(60).to_string())],
            ),
            other => i18n.text(other.message()).to_string(),
        })
    };

    view! {
        <section class="page narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            <p class="lead">{t(Msg::LoginIntro)}</p>
            // After a logout: what stayed on the phone, and why.
            {move || auth.kept.get().map(|n| view! {
                <p class="notice" role="status">
                    {if n == 0 {
                        i18n.text(Msg::ClearedAfterLogout).to_string()
                    } else {
                        i18n.fill(Msg::KeptAfterLogout, &[("n", &n.to_string())])
                    }}
                </p>
            })}
            <form class="form" method="post" action=move || if code_step.get() { SecondStepFn::PATH } else { Login::PATH } on:submit=on_submit>
                <p class="form-error" role="alert" id="login-error">{error_text}</p>
                <Show when=move || code_step.get()>
                    <p>{t(Msg::TwoStepCodeAsked)}</p>
                    <div class="field">
                        <label for="login-code">{t(Msg::LoginCodeLabel)}</label>
                        <input
                            id="login-code"
                            name="code"
                            type="text"
                            autocomplete="one-time-code"
                            autocapitalize="characters"
                            spellcheck="false"
                            required
                            autofocus
                            node_ref=code
                        />
                    </div>
                </Show>
                <div class="field" hidden=move || code_step.get()>
                    <label for="login-email">{t(Msg::EmailLabel)}</label>
                    <input
                        id="login-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        inputmode="email"
                        required=move || !code_step.get()
                        node_ref=email
                    />
                </div>
                <div class="field" hidden=move || code_step.get()>
                    <label for="login-password">{t(Msg::PasswordLabel)}</label>
                    <input
                        id="login-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required=move || !code_step.get()
                        node_ref=password
                    />
                </div>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || match (pending.get(), code_step.get()) {
                        (true, _) => i18n.text(Msg::LoggingIn),
                        (false, true) => i18n.text(Msg::VerifyCode),
                        (false, false) => i18n.text(Msg::LogIn),
                    }}
                </button>
            </form>
            <p><a href="/forgot" data-testid="forgot-link">{t(Msg::ForgotPasswordLink)}</a></p>
            <Suspense>
                {move || setup.get().and_then(Result::ok).filter(|needed| *needed).map(|_| view! {
                    <p class="notice" role="status" data-testid="setup-needed">
                        {t(Msg::SetupNeeded)} " " <a href="/setup">{t(Msg::SetupLink)}</a>
                    </p>
                })}
            </Suspense>
        </section>
    }
}
