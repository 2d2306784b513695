//! `/account`: the person's own account: where they are logged in (each
//! session can be ended, or every other one), their password and their
//! email address.

use crate::api::accounts::{change_email, change_password, my_sessions, sign_out_sessions};
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AccountPage() -> impl IntoView {
    let sessions = Resource::new(|| (), |_| my_sessions());
    let notice = RwSignal::new(None);
    view! {
        <section class="page" aria-labelledby="account-title">
            <h1 id="account-title">{t(Msg::AccountTitle)}</h1>
            <section aria-labelledby="sessions-title">
                <h2 id="sessions-title">{t(Msg::SessionsTitle)}</h2>
                <p>{t(Msg::SessionsIntro)}</p>
                <FormNotice notice/>
                <Loaded resource=sessions let:list>
                    <Sessions list notice on_changed=move || sessions.refetch()/>
                </Loaded>
            </section>
            <ChangePassword on_changed=move || sessions.refetch()/>
            <ChangeEmail/>
            <MyData/>
        </section>
    }
}

#[component]
fn Sessions(
    list: Vec<SessionView>,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let end = move |id: String| {
        if busy.get_untracked() {
            return;
        }
        let everywhere = id.is_empty();
        if everywhere && !confirm(i18n.text(Msg::ConfirmSignOutOthers)) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match sign_out_sessions(id).await {
                Ok(_) => {
                    notice.set(Some((true, Msg::SignedOut)));
                    on_changed();
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    let others = list.iter().filter(|s| !s.current).count();
    view! {
        <ul class="sessions" data-testid="sessions">
            {list.into_iter().map(|s| {
                let device = if s.device.is_empty() { i18n.text(Msg::UnknownDevice).to_string() } else { s.device.clone() };
                let id = s.id.clone();
                let (started, used) = (s.started_at, s.last_used_at);
                view! {
                    <li class="card" data-testid="session">
                        <p><strong>{device}</strong>
                            {s.current.then(|| view! { " · " <span class="tag">{t(Msg::ThisDevice)}</span> })}
                        </p>
                        <p>{move || i18n.fill(Msg::SessionTimes, &[
                            ("started", &format_moment(started, i18n.lang.get())),
                            ("used", &format_moment(used, i18n.lang.get())),
                        ])}</p>
                        {(!s.current).then(|| view! {
                            <button type="button" disabled=busy on:click=move |_| end(id.clone())>{t(Msg::SignOutSession)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {(others > 0).then(|| view! {
            <button type="button" class="danger" disabled=busy on:click=move |_| end(String::new()) data-testid="sign-out-others">
                {t(Msg::SignOutOthers)}
            </button>
        })}
    }
}

#[component]
fn ChangePassword(on_changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let form = Form::new(PasswordChangeInput::default());
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate(),
            change_password(input),
            move |_| {
                form.value.set(PasswordChangeInput::default());
                notice.set(Some((true, Msg::PasswordChanged)));
                on_changed();
            },
        );
    };
    view! {
        <section aria-labelledby="password-title">
            <h2 id="password-title">{t(Msg::ChangePasswordTitle)}</h2>
            <form class="form" novalidate on:submit=on_submit>
                <FormNotice notice/>
                {form.input("current-password", Msg::CurrentPasswordLabel, Field::CurrentPassword, "password", lens!(current))}
                {form.input("new-password", Msg::NewPasswordLabel, Field::NewPassword, "password", lens!(new))}
                {form.input("password-again", Msg::PasswordAgainLabel, Field::PasswordAgain, "password", lens!(again))}
                <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::ChangePasswordButton)}</button>
            </form>
        </section>
    }
}

#[component]
fn ChangeEmail() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let form = Form::new(EmailChangeInput::default());
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            change_email(input),
            move |()| {
                form.value.set(EmailChangeInput::default());
                notice.set(Some((true, Msg::EmailLinkSent)));
            },
        );
    };
    let current = move || {
        auth.identity
            .with(|i| i.as_ref().map(|i| i.email.clone()))
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="email-title">
            <h2 id="email-title">{t(Msg::ChangeEmailTitle)}</h2>
            <p>{move || i18n.fill(Msg::ChangeEmailIntro, &[("email", &current())])}</p>
            <form class="form" novalidate on:submit=on_submit>
                <FormNotice notice/>
                {form.input("email-current-password", Msg::CurrentPasswordLabel, Field::CurrentPassword, "password", lens!(current))}
                {form.input("new-email", Msg::NewEmailLabel, Field::Email, "email", lens!(email))}
                <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::ChangeEmailButton)}</button>
            </form>
        </section>
    }
}

/// The person's own data: a download of all of it, and their consents,
/// each of which they can withdraw (or give again).
#[component]
fn MyData() -> impl IntoView {
    use crate::api::privacy::{my_consents, set_my_consent};
    let i18n = use_i18n();
    let consents = Resource::new(|| (), |_| my_consents());
    let notice = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let change = move |purpose: ConsentPurpose, given: bool| {
        if busy.get_untracked() || (!given && !confirm(i18n.text(Msg::ConfirmWithdrawConsent))) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match set_my_consent(purpose, given).await {
                Ok(()) => {
                    notice.set(Some((true, Msg::ConsentSaved)));
                    consents.refetch();
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="my-data-title">
            <h2 id="my-data-title">{t(Msg::MyDataTitle)}</h2>
            <p>{t(Msg::MyDataIntro)}</p>
            <p><a href="/api/privacy/my_data?download=true" download data-testid="download-my-data">{t(Msg::DownloadMyData)}</a></p>
            <FormNotice notice/>
            <Loaded resource=consents let:records>
                {
                    let current = current_consents(&records);
                    view! {
                        <ul class="plain-list" data-testid="my-consents">
                            {ConsentPurpose::ALL.iter().map(|purpose| {
                                let purpose = *purpose;
                                let state = current.iter().find(|(p, _)| *p == purpose).map(|(_, given)| *given);
                                let (badge, class) = match state {
                                    Some(true) => (Msg::ConsentGivenBadge, "badge"),
                                    Some(false) => (Msg::ConsentWithdrawn, "badge challenge"),
                                    None => (Msg::ConsentNotRecorded, "muted"),
                                };
                                // Each change that would change something (a purpose
                                // never recorded can go either way).
                                let choices: Vec<bool> = [true, false]
                                    .into_iter()
                                    .filter(|given| state != Some(*given))
                                    .collect();
                                view! {
                                    <li data-testid="my-consent">
                                        <strong>{t(labels::consent_purpose(purpose))}</strong> ": "
                                        <span class=class>{t(badge)}</span>
                                        {choices.into_iter().map(|given| view! {
                                            " "
                                            <button type="button" class="link-button" disabled=busy on:click=move |_| change(purpose, given)>
                                                {t(if given { Msg::GiveConsent } else { Msg::WithdrawConsent })}
                                            </button>
                                        }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                }
            </Loaded>
        </section>
    }
}
