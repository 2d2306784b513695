//! `/account`: the person's own account: where they are logged in (each
//! session can be ended, or every other one), their password, their
//! two-step login, their email address, their preferences and their data.

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
            <TwoStep on_changed=move || sessions.refetch()/>
            <ChangeEmail/>
            <PreferencesSection/>
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

/// The language of the app and of the person's emails, and how often the
/// digest comes.
#[component]
fn PreferencesSection() -> impl IntoView {
    use crate::api::accounts::my_preferences;
    let saved = Resource::new(|| (), |_| my_preferences());
    view! {
        <section aria-labelledby="preferences-title">
            <h2 id="preferences-title">{t(Msg::PreferencesTitle)}</h2>
            <Loaded resource=saved let:current>
                <PreferencesForm current/>
            </Loaded>
        </section>
    }
}

#[component]
fn PreferencesForm(current: crate::model::AccountPreferences) -> impl IntoView {
    use crate::api::accounts::set_preferences;
    let i18n = use_i18n();
    let form = Form::new(AccountPreferencesInput {
        language: current.language.code().into(),
        digest: current.digest.key().into(),
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            set_preferences(input),
            move |kept: crate::model::AccountPreferences| {
                i18n.choose(kept.language);
                notice.set(Some((true, Msg::PreferencesSaved)));
            },
        );
    };
    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="preferences">
            <FormNotice notice/>
            {form.language("preference-language", lens!(language))}
            <p class="hint">{t(Msg::LanguagePreferenceLabel)}</p>
            {form.select("preference-digest", Msg::DigestLabel, Field::Digest, labels::digest_frequency, false, lens!(digest))}
            <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::SaveMyPreferences)}</button>
        </form>
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

/// Two-step login: turned on (an authenticator added, its first code
/// typed), new recovery codes, turned off (unless an organisation of the
/// person's requires it); for a coordinator, whether each organisation
/// requires it. The password is typed again for each change.
#[component]
fn TwoStep(on_changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    use crate::api::two_step::{
        begin_two_step, my_two_step, new_recovery_codes_for_me, turn_off_two_step,
    };
    let i18n = use_i18n();
    let status = Resource::new(|| (), |_| my_two_step());
    let form = Form::new(CurrentPasswordInput::default());
    let notice = RwSignal::new(None);
    let enrolment = RwSignal::new(None::<two_step::Enrolment>);
    let codes = RwSignal::new(None::<Vec<String>>);
    let begin = move |_| {
        let input = form.value.get_untracked();
        form.save(notice, input.validate(), begin_two_step(input), move |e| {
            form.value.set(CurrentPasswordInput::default());
            notice.set(None);
            enrolment.set(Some(e));
        });
    };
    let new_codes = move |_| {
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate(),
            new_recovery_codes_for_me(input),
            move |list| {
                form.value.set(CurrentPasswordInput::default());
                notice.set(None);
                codes.set(Some(list));
                status.refetch();
            },
        );
    };
    let off = move |_| {
        let input = form.value.get_untracked();
        if input.validate().is_ok() && !confirm(i18n.text(Msg::ConfirmTwoStepOff)) {
            return;
        }
        form.save(
            notice,
            input.validate(),
            turn_off_two_step(input),
            move |()| {
                form.value.set(CurrentPasswordInput::default());
                notice.set(Some((true, Msg::TwoStepOffDone)));
                status.refetch();
            },
        );
    };
    let enrolled = Callback::new(move |_: Option<Identity>| {
        enrolment.set(None);
        status.refetch();
        on_changed();
    });
    view! {
        <section aria-labelledby="two-step-title" data-testid="two-step">
            <h2 id="two-step-title">{t(Msg::TwoStepTitle)}</h2>
            <p>{t(Msg::TwoStepIntro)}</p>
            <FormNotice notice/>
            <Loaded resource=status let:state>
                {
                    let (on, required, left) = (state.on, state.required, state.recovery_left);
                    view! {
                        <p data-testid="two-step-state">
                            <strong>{move || if on {
                                i18n.fill(Msg::TwoStepOnState, &[("n", &left.to_string())])
                            } else {
                                i18n.text(Msg::TwoStepOffState).to_string()
                            }}</strong>
                            {required.then(|| view! { " " {t(Msg::TwoStepRequiredNote)} })}
                        </p>
                        <Show when=move || enrolment.with(Option::is_none) && codes.with(Option::is_none)>
                            <form class="form" novalidate on:submit=|ev| ev.prevent_default()>
                                <p class="hint">{t(Msg::TwoStepPasswordHint)}</p>
                                {form.input("two-step-password", Msg::CurrentPasswordLabel, Field::CurrentPassword, "password", lens!(current))}
                                <p class="actions">
                                    {if on {
                                        view! {
                                            <button type="button" disabled=move || form.pending.get() on:click=new_codes>{t(Msg::TwoStepNewCodes)}</button>
                                            {(!required).then(|| view! {
                                                " "
                                                <button type="button" class="danger" disabled=move || form.pending.get() on:click=off>{t(Msg::TwoStepTurnOff)}</button>
                                            })}
                                        }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="primary" disabled=move || form.pending.get() on:click=begin>{t(Msg::TwoStepStart)}</button>
                                        }.into_any()
                                    }}
                                </p>
                            </form>
                        </Show>
                        <RequireTwoStep organisations=state.organisations.clone() enabled=on/>
                    }
                }
            </Loaded>
            {move || enrolment.get().map(|e| view! { <EnrolAuthenticator enrolment=e done=enrolled/> })}
            {move || codes.get().map(|list| view! {
                <RecoveryCodes codes=list/>
                <button type="button" class="primary" on:click=move |_| codes.set(None)>{t(Msg::TwoStepContinue)}</button>
            })}
        </section>
    }
}

/// For each organisation the person coordinates: whether it requires
/// two-step login of its coordinators and managers (only someone who has
/// it on may require it).
#[component]
fn RequireTwoStep(
    organisations: Vec<(OrganisationId, String, bool)>,
    enabled: bool,
) -> impl IntoView {
    use crate::api::two_step::require_two_step;
    let i18n = use_i18n();
    organisations
        .into_iter()
        .map(|(organisation, name, required)| {
            let checked = RwSignal::new(required);
            let failed: RwSignal<Option<Msg>> = RwSignal::new(None);
            let id = format!("require-two-step-{organisation}");
            let toggle = move |ev: leptos::ev::Event| {
                let wanted = event_target_checked(&ev);
                checked.set(wanted);
                spawn_local(async move {
                    match require_two_step(organisation, wanted).await {
                        Ok(()) => failed.set(None),
                        Err(error) => {
                            checked.set(!wanted);
                            failed.set(Some(error.message()));
                        }
                    }
                });
            };
            view! {
                <p class="field">
                    <span>
                        <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle disabled=!enabled && !required/>
                        " "
                        <label for=id>{move || i18n.fill(Msg::TwoStepRequireToggle, &[("name", &name)])}</label>
                    </span>
                    {(!enabled).then(|| view! { <span class="hint">{t(Msg::ProblemTwoStepFirst)}</span> })}
                    {move || failed.get().map(|m| view! { <span class="error" role="alert">{t(m)}</span> })}
                </p>
            }
        })
        .collect_view()
}

/// Adding an authenticator: its QR code and key, then its first code; once
/// on, the recovery codes, and `done` when the person has kept them (with
/// who is logged in, when this was a login's second step).
#[component]
pub fn EnrolAuthenticator(
    enrolment: two_step::Enrolment,
    done: Callback<Option<Identity>>,
) -> impl IntoView {
    use crate::api::two_step::confirm_two_step;
    let form = Form::new(LoginCodeInput::default());
    let notice = RwSignal::new(None);
    let confirmed = RwSignal::new(None::<two_step::Confirmed>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            confirm_two_step(input),
            move |answer| confirmed.set(Some(answer)),
        );
    };
    view! {
        <Show
            when=move || confirmed.with(Option::is_some)
            fallback=move || view! {
                <div class="card" data-testid="enrol">
                    <p>{t(Msg::TwoStepScan)}</p>
                    <figure class="qr">
                        <div role="img" aria-label=t(Msg::TwoStepQr) inner_html=enrolment.qr_svg.clone()></div>
                    </figure>
                    <p>{t(Msg::TwoStepKeyLabel)} ": " <code data-testid="two-step-key">{enrolment.secret.clone()}</code></p>
                    <form class="form" novalidate on:submit=on_submit>
                        <FormNotice notice/>
                        {form.input("enrol-code", Msg::LoginCodeLabel, Field::LoginCode, "text", lens!(code))}
                        <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::TwoStepTurnOn)}</button>
                    </form>
                </div>
            }
        >
            {move || confirmed.get().map(|answer| {
                let identity = answer.identity.clone();
                view! {
                    <RecoveryCodes codes=answer.recovery_codes/>
                    <button type="button" class="primary" data-testid="codes-kept" on:click=move |_| done.run(identity.clone())>
                        {t(Msg::TwoStepContinue)}
                    </button>
                }
            })}
        </Show>
    }
}

/// Recovery codes, shown once.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div class="notice success" role="status">
            <p>{t(Msg::TwoStepRecoveryIntro)}</p>
            <ol class="recovery-codes" data-testid="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
        </div>
    }
}
