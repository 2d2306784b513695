//! The pages of an account that looks after itself, opened without being
//! logged in: a forgotten password (`/forgot`), a reset link
//! (`/reset/:token`), a new email address confirmed (`/confirm-email/:token`)
//! the first run of a new server (`/setup`), and the two-step login an
//! organisation requires, set up at login (`/two-step`).

use crate::api::accounts::*;
use crate::api::setup::{set_up, setup_needed};
use crate::components::*;
use crate::i18n::{t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// `/forgot`: a link to set a new password, by email.
#[component]
pub fn ForgotPage() -> impl IntoView {
    #[derive(Clone, Debug, Default, PartialEq)]
    struct Typed {
        email: String,
    }
    let form = Form::new(Typed::default());
    let notice = RwSignal::new(None);
    let sent = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let email = form.value.get_untracked().email;
        let checked = if valid_email(&email) {
            Ok(())
        } else {
            Err(FieldErrors::one(Field::Email, Problem::NotAnEmail))
        };
        form.save(notice, checked, forgot_password(email), move |()| {
            sent.set(true)
        });
    };
    view! {
        <section class="page narrow" aria-labelledby="forgot-title">
            <h1 id="forgot-title">{t(Msg::ForgotTitle)}</h1>
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <p class="lead">{t(Msg::ForgotIntro)}</p>
                    <form class="form" novalidate on:submit=on_submit>
                        <FormNotice notice/>
                        {form.input("forgot-email", Msg::EmailLabel, Field::Email, "email", lens!(email))}
                        <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::ForgotButton)}</button>
                    </form>
                    <p>{t(Msg::ForgotNoEmail)}</p>
                }
            >
                <p class="notice success" role="status" data-testid="forgot-sent">{t(Msg::ForgotSent)}</p>
            </Show>
            <p><a href="/login">{t(Msg::BackToLogin)}</a></p>
        </section>
    }
}

/// The link a page was opened with: the last part of the path.
fn token() -> String {
    path_segment(1).unwrap_or_default()
}

/// A link that does not (or no longer) work.
fn link_gone(title: Msg) -> AnyView {
    view! {
        <h1>{t(title)}</h1>
        <p class="notice warning" role="alert" data-testid="link-gone">{t(Msg::LinkGone)}</p>
        <p><a href="/login">{t(Msg::BackToLogin)}</a></p>
    }
    .into_any()
}

/// `/reset/:token`: a new password, then logged in.
#[component]
pub fn ResetPage() -> impl IntoView {
    let token = token();
    let details = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        open_reset_link,
    );
    view! {
        <section class="page narrow">
            <Suspense fallback=|| view! { <Loading/> }>
                {
                    let token = token.clone();
                    move || details.get().map(|result| match result {
                        Err(crate::api::AppError::NotFound) => link_gone(Msg::ResetTitle),
                        Err(error) => error_view(error),
                        Ok(details) => view! { <ResetForm token=token.clone() details/> }.into_any(),
                    })
                }
            </Suspense>
        </section>
    }
}

#[component]
fn ResetForm(token: String, details: ResetDetails) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let form = Form::new(NewPasswordInput::default());
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        let navigate = navigate.clone();
        let token = token.clone();
        form.save(
            notice,
            input.validate(),
            // The password is set; a second step may still be asked.
            with_second_step(reset_password(token, input)),
            move |answer| match answer {
                Ok(identity) => {
                    let home = identity.home_path();
                    auth.became(Some(identity));
                    navigate(home, Default::default());
                }
                Err(step) => navigate(second_step_path(step), Default::default()),
            },
        );
    };
    let (name, email) = (details.name, details.email);
    view! {
        <h1>{t(Msg::ResetTitle)}</h1>
        <p class="lead">{move || i18n.fill(Msg::ResetFor, &[("name", &name), ("email", &email)])}</p>
        <form class="form" novalidate on:submit=on_submit>
            <FormNotice notice/>
            {form.input("reset-new", Msg::NewPasswordLabel, Field::NewPassword, "password", lens!(new))}
            {form.input("reset-again", Msg::PasswordAgainLabel, Field::PasswordAgain, "password", lens!(again))}
            <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::ResetButton)}</button>
        </form>
    }
}

/// `/confirm-email/:token`: the new address confirmed.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = token();
    let address = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        email_change_details,
    );
    view! {
        <section class="page narrow">
            <Suspense fallback=|| view! { <Loading/> }>
                {
                    let token = token.clone();
                    move || address.get().map(|result| match result {
                        Err(crate::api::AppError::NotFound) => link_gone(Msg::ConfirmEmailTitle),
                        Err(error) => error_view(error),
                        Ok(email) => view! { <ConfirmEmail token=token.clone() email/> }.into_any(),
                    })
                }
            </Suspense>
        </section>
    }
}

#[component]
fn ConfirmEmail(token: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let notice = RwSignal::new(None);
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let on_click = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let token = token.clone();
        leptos::task::spawn_local(async move {
            match confirm_email(token).await {
                Ok(()) => done.set(true),
                Err(error) => notice.set(Some((false, error.message()))),
            }
            pending.set(false);
        });
    };
    view! {
        <h1>{t(Msg::ConfirmEmailTitle)}</h1>
        <Show
            when=move || done.get()
            fallback=move || {
                let email = email.clone();
                view! {
                    <p class="lead">{move || i18n.fill(Msg::ConfirmEmailText, &[("email", &email)])}</p>
                    <FormNotice notice/>
                    <button type="button" class="primary" disabled=pending on:click=on_click.clone()>
                        {t(Msg::ConfirmEmailButton)}
                    </button>
                }
            }
        >
            <p class="notice success" role="status" data-testid="email-changed">{t(Msg::EmailChangedDone)}</p>
            <p><a href="/">{t(Msg::BackToLogin)}</a></p>
        </Show>
    }
}

/// `/setup`: the first run of a server no organisation uses yet.
#[component]
pub fn SetupPage() -> impl IntoView {
    let needed = Resource::new(|| (), |_| setup_needed());
    view! {
        <section class="page narrow" aria-labelledby="setup-title">
            <h1 id="setup-title">{t(Msg::SetupTitle)}</h1>
            <Loaded resource=needed let:needed>
                {if needed {
                    view! { <SetupForm/> }.into_any()
                } else {
                    view! {
                        <p class="notice" role="status" data-testid="set-up-already">{t(Msg::SetupDone)}</p>
                        <p><a href="/login">{t(Msg::LogIn)}</a></p>
                    }
                    .into_any()
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn SetupForm() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let form = Form::new(SetupInput {
        language: i18n.lang.get_untracked().code().into(),
        ..SetupInput::default()
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        let language = Lang::from_code(&input.language);
        let navigate = navigate.clone();
        form.save(
            notice,
            input.validate().map(|_| ()),
            set_up(input),
            move |identity| {
                if let Some(lang) = language {
                    i18n.choose(lang);
                }
                auth.became(Some(identity));
                navigate("/programmes", Default::default());
            },
        );
    };
    view! {
        <p class="lead">{t(Msg::SetupIntro)}</p>
        <form class="form" novalidate on:submit=on_submit>
            <FormNotice notice/>
            {form.input("setup-code", Msg::SetupCodeLabel, Field::SetupCode, "text", lens!(code))}
            {form.input("setup-organisation", Msg::SetupOrganisationLabel, Field::Organisation, "text", lens!(organisation))}
            {form.input("setup-programme", Msg::SetupProgrammeLabel, Field::Programme, "text", lens!(programme))}
            {form.input("setup-name", Msg::SetupNameLabel, Field::Name, "text", lens!(name))}
            {form.input("setup-email", Msg::EmailLabel, Field::Email, "email", lens!(email))}
            {form.input("setup-password", Msg::NewPasswordLabel, Field::Password, "password", lens!(password))}
            {form.language("setup-language", lens!(language))}
            <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::SetupButton)}</button>
        </form>
    }
}

/// `/two-step`: a password typed right for an organisation that requires
/// two-step login, by someone who has not set it up: they set it up here,
/// and are logged in.
#[component]
pub fn TwoStepSetupPage() -> impl IntoView {
    use crate::api::two_step::begin_two_step;
    let auth = use_auth();
    let navigate = use_navigate();
    // In the browser only: each call makes a new secret.
    let enrolment = LocalResource::new(|| begin_two_step(CurrentPasswordInput::default()));
    let done = Callback::new(move |identity: Option<Identity>| {
        if let Some(identity) = identity {
            let home = identity.home_path();
            auth.became(Some(identity));
            navigate(home, Default::default());
        }
    });
    view! {
        <section class="page narrow" aria-labelledby="two-step-setup-title">
            <h1 id="two-step-setup-title">{t(Msg::TwoStepSetupTitle)}</h1>
            <p class="lead">{t(Msg::TwoStepSetupIntro)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || enrolment.get().map(|result| match result {
                    Ok(e) => view! { <super::account::EnrolAuthenticator enrolment=e done/> }.into_any(),
                    Err(error) => error_view(error),
                })}
            </Suspense>
        </section>
    }
}
