//! Invitations: the panel on a programme's page (make one, show its link and
//! QR code, list them) and the page the link opens (accept it).

use crate::api::invitations::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Lang, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// Make an invitation: a coordinator for managers, a manager for mentors
/// and mentees.
#[component]
pub fn InvitationsPanel(programme: ProgrammeId, coordinates: bool, manages: bool) -> impl IntoView {
    let mut roles = Vec::new();
    if coordinates {
        roles.push(Role::Manager);
    }
    if manages {
        roles.extend([Role::Mentor, Role::Mentee]);
    }
    if roles.is_empty() {
        return ().into_any();
    }
    let list = Resource::new(move || (), move |_| invitations(programme));
    let made = RwSignal::new(None::<NewInvitation>);
    view! {
        <section class="invitations" id="invitations" aria-labelledby="invitations-title">
            <h2 id="invitations-title">{t(Msg::InvitationsTitle)}</h2>
            <p class="lead">{t(Msg::InvitationsIntro)}</p>
            <div class="actions">
                {roles.into_iter().map(|role| {
                    let label = match role {
                        Role::Manager => Msg::InviteManager,
                        Role::Mentor => Msg::InviteMentor,
                        _ => Msg::InviteMentee,
                    };
                    view! { <InviteButton programme role candidate=None label made on_made=move || list.refetch()/> }
                }).collect_view()}
            </div>
            {move || made.get().map(|invitation| view! { <MadeInvitation invitation/> })}
            <Loaded resource=list let:loaded>
                {match loaded {
                    items if items.is_empty() => view! { <p class="empty">{t(Msg::NoneYet)}</p> }.into_any(),
                    items => view! { <InvitationList items on_changed=move || list.refetch()/> }.into_any(),
                }}
            </Loaded>
        </section>
    }
    .into_any()
}

/// A button that makes an invitation for `role` (and a candidate).
#[component]
pub fn InviteButton(
    programme: ProgrammeId,
    role: Role,
    candidate: Option<CandidateId>,
    label: Msg,
    made: RwSignal<Option<NewInvitation>>,
    #[prop(optional, into)] name: Option<String>,
    on_made: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let pending = RwSignal::new(false);
    let notice = RwSignal::new(None);
    let on_click = move |_| {
        pending.set(true);
        let name = name.clone();
        spawn_local(async move {
            match create_invitation(programme, role, candidate, name).await {
                Ok(invitation) => {
                    made.set(Some(invitation));
                    on_made();
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
            pending.set(false);
        });
    };
    view! {
        <button type="button" disabled=move || pending.get() on:click=on_click>{t(label)}</button>
        <FormNotice notice/>
    }
}

/// The invitation just made: its link (to copy) and QR code.
#[component]
pub fn MadeInvitation(invitation: NewInvitation) -> impl IntoView {
    view! {
        <MadeLink
            id="invitation-link"
            path=invitation.path
            qr_svg=invitation.qr_svg
            expires_at=invitation.expires_at
            made=Msg::InvitationMade
            label=Msg::InvitationLink
            qr_label=Msg::InvitationQr
        />
    }
}

/// A one-time link just made (an invitation, a password reset): shown
/// once, to copy or to scan from its QR code. `made` says until when it
/// works (`{date}`).
#[component]
pub fn MadeLink(
    id: &'static str,
    path: String,
    qr_svg: String,
    expires_at: chrono::DateTime<chrono::Utc>,
    made: Msg,
    label: Msg,
    qr_label: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| format!("{origin}{path}"))
        .unwrap_or_else(|| path.clone());
    // `Some(true)` copied; `Some(false)` the browser refused (no clipboard
    // outside HTTPS): the link is selected for copying by hand.
    let copied = RwSignal::new(None::<bool>);
    let to_copy = link.clone();
    let on_copy = move |_| {
        let to_copy = to_copy.clone();
        leptos::task::spawn_local(async move {
            let done = copy_text(&to_copy).await;
            if !done {
                select_link(id);
            }
            copied.set(Some(done));
        });
    };
    view! {
        <div class="notice success made-invitation" role="status" data-testid=format!("made-{id}")>
            <p>{move || i18n.fill(made, &[("date", &format_moment(expires_at, i18n.lang.get()))])}</p>
            <div class="field">
                <label for=id>{t(label)}</label>
                <input id=id type="text" readonly prop:value=link.clone()/>
            </div>
            <p>
                <button type="button" on:click=on_copy>{t(Msg::Copy)}</button>
                " "
                <span role="status">{move || copied.get().map(|done| i18n.text(if done { Msg::Copied } else { Msg::CopyByHand }))}</span>
            </p>
            <figure class="qr">
                <div role="img" aria-label=t(qr_label) inner_html=qr_svg></div>
            </figure>
        </div>
    }
}

#[component]
fn InvitationList(
    items: Vec<InvitationView>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = chrono::Utc::now();
    let notice = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let withdraw = move |id: InvitationId| {
        if busy.get_untracked() || !confirm(i18n.text(Msg::ConfirmWithdrawInvitation)) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match withdraw_invitation(id).await {
                Ok(()) => on_changed(),
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <FormNotice notice/>
        <ul class="plain-list" data-testid="invitations">
            {items.into_iter().map(|item| {
                let expires = item.expires_at;
                let open = !item.used && !item.withdrawn && expires > now;
                let state = move || {
                    if item.used {
                        i18n.text(Msg::InvitationUsed).to_string()
                    } else if item.withdrawn {
                        i18n.text(Msg::InvitationWithdrawnState).to_string()
                    } else if expires <= now {
                        i18n.text(Msg::InvitationExpired).to_string()
                    } else {
                        i18n.fill(Msg::InvitationOpen, &[("date", &format_moment(expires, i18n.lang.get()))])
                    }
                };
                let id = item.id;
                view! {
                    <li>
                        <strong>{t(labels::role(item.role))}</strong>
                        {item.name.clone().map(|n| view! { " · " {n} })}
                        " · " <span class="muted">{state}</span>
                        {open.then(|| view! {
                            " "
                            <button type="button" class="link-button" disabled=busy on:click=move |_| withdraw(id)>
                                {t(Msg::WithdrawInvitation)}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/invite/:token`: the invited person joins.
#[component]
pub fn InvitePage() -> impl IntoView {
    let token = path_segment(1).unwrap_or_default();
    let details = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        invitation,
    );
    view! {
        <section class="page narrow">
            <Suspense fallback=|| view! { <Loading/> }>
                {
                    let token = token.clone();
                    move || details.get().map(|result| match result {
                        Err(crate::api::AppError::NotFound) => view! {
                            <h1>{t(Msg::InvitationsTitle)}</h1>
                            <p class="notice warning" role="alert">{t(Msg::InvitationGone)}</p>
                        }.into_any(),
                        Err(error) => error_view(error),
                        Ok(details) => view! { <AcceptForm token=token.clone() details/> }.into_any(),
                    })
                }
            </Suspense>
        </section>
    }
}

#[component]
fn AcceptForm(token: String, details: InvitationDetails) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let logged_in = move || auth.identity.with(Option::is_some);
    let form = Form::new(AcceptInput {
        name: details.name.clone().unwrap_or_default(),
        language: i18n.lang.get_untracked().code().into(),
        ..AcceptInput::default()
    });
    let notice = RwSignal::new(None);
    let role = details.role;
    let (programme, organisation) = (
        details.programme_name.clone(),
        details.organisation_name.clone(),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        // Someone logged in accepts with the account they have.
        let checked = if logged_in() {
            Ok(())
        } else {
            input.validate().map(|_| ())
        };
        let token = token.clone();
        let navigate = navigate.clone();
        let language = Lang::from_code(&input.language);
        form.save(
            notice,
            checked,
            // An organisation that requires two-step login has it set up
            // first.
            with_second_step(accept_invitation(token, input)),
            move |answer| {
                if let Some(lang) = language {
                    i18n.choose(lang);
                }
                match answer {
                    Ok(identity) => {
                        let home = identity.home_path();
                        auth.became(Some(identity));
                        navigate(home, Default::default());
                    }
                    Err(step) => navigate(second_step_path(step), Default::default()),
                }
            },
        );
    };
    view! {
        <h1>{move || i18n.fill(Msg::AcceptTitle, &[("programme", &programme)])}</h1>
        <p class="lead">{move || i18n.fill(Msg::AcceptIntro, &[("organisation", &organisation), ("role", i18n.text(labels::role(role)))])}</p>
        <form class="form" novalidate on:submit=on_submit>
            <FormNotice notice/>
            <Show when=move || !logged_in()>
                {form.input("accept-name", Msg::NameLabel, Field::Name, "text", lens!(name))}
                {form.input("accept-email", Msg::EmailLabel, Field::Email, "email", lens!(email))}
                {form.input("accept-password", Msg::PasswordLabel, Field::Password, "password", lens!(password))}
                {form.language("accept-language", lens!(language))}
            </Show>
            <section class="notice" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{t(Msg::PrivacyTitle)}</h2>
                <p>{t(Msg::PrivacyText)}</p>
            </section>
            {form.checkbox("accept-privacy", Msg::PrivacyNoticeLabel, Field::PrivacyNotice, lens!(privacy_notice))}
            <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::AcceptButton)}</button>
        </form>
    }
}

/// Puts `text` on the clipboard, if the browser lets the page.
async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    match clipboard {
        Some(clipboard) => {
            let promise = clipboard
                .unchecked_into::<web_sys::Clipboard>()
                .write_text(text);
            wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
        }
        None => false,
    }
}

fn select_link(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}
