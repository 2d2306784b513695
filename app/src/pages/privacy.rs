//! People and their data, in the office: the people of one's programmes
//! (`/people`), a person's consents, export and erasure
//! (`/people/user:ID` or `/people/candidate:ID`), each programme's retention
//! period, and the audit trail's search (`/audit`, coordinators).

use crate::api::accounts::sign_out_person;
use crate::api::privacy::{
    audit_search, erase_person, export_person, people, person, record_consent, retention,
    set_retention,
};
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// A person's name, or "Erased person".
fn shown_name(summary: &PersonSummary) -> impl Fn() -> String + 'static {
    let i18n = use_i18n();
    let (name, erased) = (summary.name.clone(), summary.erased);
    move || {
        if erased {
            i18n.text(Msg::ErasedPerson).to_string()
        } else {
            name.clone()
        }
    }
}

/// "Mentor · Pilot 2027, Manager · Pilot 2026".
fn places_text(places: &[(String, String)]) -> impl Fn() -> String + 'static {
    let i18n = use_i18n();
    let places = places.to_vec();
    move || {
        places
            .iter()
            .map(|(key, programme)| {
                let role = labels::place(key).map_or(key.as_str(), |m| i18n.text(m));
                format!("{role} · {programme}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `/people`: who is in the reader's programmes, searchable; each
/// programme's retention period.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let auth = use_auth();
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let list = Resource::new(move || search.get(), people);
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search.set(typed.get_untracked());
    };
    view! {
        <section class="page wide" aria-labelledby="people-title">
            <h1 id="people-title">{t(Msg::PeopleTitle)}</h1>
            <p class="lead">{t(Msg::PeopleIntro)}</p>
            {move || auth.has(Role::Coordinator).then(|| view! {
                <p><a href="/audit">{t(Msg::AuditTrailLink)}</a></p>
            })}
            <form class="filters" role="search" on:submit=on_search>
                <div class="field">
                    <label for="people-search">{t(Msg::SearchPeopleLabel)}</label>
                    <input id="people-search" type="search" prop:value=typed
                        on:input:target=move |ev| typed.set(ev.target().value())/>
                </div>
                <button type="submit">{t(Msg::SearchButton)}</button>
            </form>
            <Loaded resource=list let:loaded>
                {match loaded {
                    rows if rows.is_empty() => {
                        view! { <p class="empty">{t(Msg::NoPeopleFound)}</p> }.into_any()
                    }
                    rows => view! { <PeopleTable rows/> }.into_any(),
                }}
            </Loaded>
            <Retention/>
        </section>
    }
}

#[component]
fn PeopleTable(rows: Vec<PersonSummary>) -> impl IntoView {
    view! {
        <table class="responsive" data-testid="people">
            <thead>
                <tr>
                    <th scope="col">{t(Msg::NameLabel)}</th>
                    <th scope="col">{t(Msg::EmailLabel)}</th>
                    <th scope="col">{t(Msg::ColPlaces)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let href = format!("/people/{}", row.person);
                    let name = shown_name(&row);
                    let places = places_text(&row.places);
                    view! {
                        <tr data-testid="person-row">
                            <th scope="row">
                                <a href=href>{name}</a>
                                {row.erased.then(|| view! { " " <span class="badge">{t(Msg::ErasedBadge)}</span> })}
                            </th>
                            <td data-label=t(Msg::EmailLabel)>{row.email.clone().unwrap_or_default()}</td>
                            <td data-label=t(Msg::ColPlaces)>{places}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Each programme's retention period; its coordinator changes it.
#[component]
fn Retention() -> impl IntoView {
    let data = Resource::new(|| (), |_| retention());
    view! {
        <section aria-labelledby="retention-title">
            <h2 id="retention-title">{t(Msg::RetentionTitle)}</h2>
            <p>{t(Msg::RetentionIntro)}</p>
            <Loaded resource=data let:loaded>
                {match loaded {
                    rows if rows.is_empty() => {
                        view! { <p class="empty">{t(Msg::NoProgrammes)}</p> }.into_any()
                    }
                    rows => view! {
                        <ul class="check-list">
                            {rows.into_iter().map(|row| view! { <RetentionRow row/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn RetentionRow(row: RetentionView) -> impl IntoView {
    let programme = row.programme;
    let form = Form::new(RetentionInput {
        months: row.months.to_string(),
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            set_retention(programme, input),
            move |_| {
                notice.set(Some((true, Msg::RetentionSaved)));
            },
        );
    };
    let id = format!("retention-{programme}");
    view! {
        <li class="card" data-testid="retention">
            <h3>{row.programme_name.clone()}</h3>
            {if row.coordinates {
                view! {
                    <form class="form" novalidate on:submit=on_submit>
                        <FormNotice notice/>
                        {form.input(&id, Msg::RetentionMonthsLabel, Field::RetentionMonths, "number", lens!(months))}
                        <button type="submit" class="primary">{t(Msg::Save)}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <p>{t(Msg::RetentionMonthsLabel)} ": " {row.months}</p> }.into_any()
            }}
        </li>
    }
}

/// `/people/user:ID` or `/people/candidate:ID`.
#[component]
pub fn PersonView() -> impl IntoView {
    let Some(who) = path_segment(1).and_then(|s| PersonRef::parse(&s)) else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let page = Resource::new(move || who, person);
    view! {
        <section class="page" aria-labelledby="person-title">
            <p><a href="/people">{t(Msg::PeopleTitle)}</a></p>
            <Loaded resource=page let:data>
                <PersonBody data on_changed=move || page.refetch()/>
            </Loaded>
        </section>
    }
    .into_any()
}

#[component]
fn PersonBody(
    data: PersonPage,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let who = data.summary.person;
    let name = shown_name(&data.summary);
    let places = places_text(&data.summary.places);
    let erased = data.summary.erased;
    let may_erase = data.coordinates && !data.is_self && !erased;
    // A mentor or mentee with an account: their manager may sign them out.
    let keeps_phone = data
        .summary
        .places
        .iter()
        .any(|(place, _)| place == "mentor" || place == "mentee");
    let lost_phone = match who {
        PersonRef::User(user) if keeps_phone && !data.is_self && !erased => Some(user),
        _ => None,
    };
    // Someone the caller looks after who can log in: a reset link for them
    // (the server says whether they may).
    let office_of = keeps_phone
        || data
            .summary
            .places
            .iter()
            .any(|(place, _)| place == "manager");
    let reset_for = match who {
        PersonRef::User(user) if office_of && !data.is_self && !erased && data.has_login => {
            Some(user)
        }
        _ => None,
    };
    view! {
        <h1 id="person-title">{name}</h1>
        <p class="lead">{data.summary.email.clone().unwrap_or_default()}</p>
        <p>{places}</p>
        {erased.then(|| view! { <p class="notice" role="status" data-testid="erased">{t(Msg::ErasedNotice)}</p> })}
        <Consents consents=data.consents.clone()/>
        {(!erased).then(|| view! { <ConsentForm who on_saved=on_changed/> })}
        {data.coordinates.then(|| view! { <Export who/> })}
        {lost_phone.map(|user| view! { <LostPhone who=user name=data.summary.name.clone()/> })}
        {reset_for.map(|user| view! { <ResetLink who=user/> })}
        {match who {
            PersonRef::User(user) if !erased && data.memberships.iter().any(|m| m.removable) => Some(view! {
                <Access who=user name=data.summary.name.clone() memberships=data.memberships.clone() on_changed/>
            }),
            _ => None,
        }}
        {may_erase.then(|| view! { <Erase who name=data.summary.name.clone() on_erased=on_changed/> })}
    }
}

/// The person's roles in the reader's programmes, each of which the reader
/// may end (their records stay).
#[component]
fn Access(
    who: UserId,
    name: String,
    memberships: Vec<MembershipView>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let notice = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let remove = move |m: MembershipView| {
        let question = i18n.fill(
            Msg::ConfirmRemoveFromProgramme,
            &[
                ("name", &name),
                ("role", i18n.text(labels::role(m.role))),
                ("programme", &m.programme_name),
            ],
        );
        if busy.get_untracked() || !confirm(&question) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::accounts::remove_membership(who, m.programme, m.role).await {
                Ok(()) => {
                    notice.set(Some((true, Msg::RemovedFromProgramme)));
                    on_changed();
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="access-title">
            <h2 id="access-title">{t(Msg::AccessTitle)}</h2>
            <p>{t(Msg::AccessIntro)}</p>
            <FormNotice notice/>
            <ul class="plain-list" data-testid="memberships">
                {memberships.into_iter().map(|m| {
                    let shown = m.clone();
                    let remove = remove.clone();
                    view! {
                        <li>
                            <strong>{t(labels::role(m.role))}</strong> " · " {m.programme_name.clone()}
                            {m.removable.then(|| view! {
                                " "
                                <button type="button" class="link-button" disabled=busy on:click=move |_| remove(shown.clone())>
                                    {t(Msg::RemoveFromProgramme)}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A one-time link to set a new password, for someone who reads no email.
#[component]
fn ResetLink(who: UserId) -> impl IntoView {
    let notice = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let made = RwSignal::new(None::<OneTimeLink>);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::accounts::make_reset_link(who).await {
                Ok(link) => made.set(Some(link)),
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="reset-link-title">
            <h2 id="reset-link-title">{t(Msg::ResetLinkTitle)}</h2>
            <p>{t(Msg::ResetLinkIntro)}</p>
            <FormNotice notice/>
            <button type="button" on:click=on_click disabled=busy data-testid="make-reset-link">
                {t(Msg::ResetLinkButton)}
            </button>
            {move || made.get().map(|link| view! {
                <super::invitations::MadeLink
                    id="reset-link"
                    path=link.path
                    qr_svg=link.qr_svg
                    expires_at=link.expires_at
                    made=Msg::ResetLinkMade
                    label=Msg::ResetLinkLabel
                    qr_label=Msg::ResetLinkQr
                />
            })}
        </section>
    }
}

/// A mentor or mentee who lost their phone: signed out of every device.
#[component]
fn LostPhone(who: UserId, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let notice = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked()
            || !confirm(&i18n.fill(Msg::ConfirmSignOutPerson, &[("name", &name)]))
        {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match sign_out_person(who).await {
                Ok(_) => notice.set(Some((true, Msg::PersonSignedOut))),
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="lost-phone-title">
            <h2 id="lost-phone-title">{t(Msg::LostPhoneTitle)}</h2>
            <p>{t(Msg::LostPhoneIntro)}</p>
            <FormNotice notice/>
            <button type="button" on:click=on_click disabled=busy data-testid="sign-out-person">
                {t(Msg::SignOutPersonButton)}
            </button>
        </section>
    }
}

#[component]
fn Consents(consents: Vec<ConsentView>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if consents.is_empty() {
        view! { <p class="empty">{t(Msg::NoConsents)}</p> }.into_any()
    } else {
        view! {
            <ul class="check-list" data-testid="consents">
                {consents.into_iter().rev().map(|c| {
                    let (at, by, by_self) = (c.recorded_at, c.recorded_by.clone(), c.by_self);
                    let on = c.on_date;
                    view! {
                        <li class="card" data-testid="consent">
                            <p>
                                <strong>{t(labels::consent_purpose(c.purpose))}</strong> ": "
                                <span class=if c.given { "badge" } else { "badge challenge" }>
                                    {t(if c.given { Msg::ConsentGivenBadge } else { Msg::ConsentWithdrawn })}
                                </span>
                            </p>
                            <p class="muted">
                                {move || format_date(on, i18n.lang.get())}
                                {c.how.map(|h| view! { " · " {t(labels::consent_how(h))} })}
                                " · "
                                {move || if by_self {
                                    i18n.text(Msg::RecordedByThemselves).to_string()
                                } else {
                                    i18n.fill(Msg::ConsentRecordedBy, &[("name", &by), ("date", &format_moment(at, i18n.lang.get()))])
                                }}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="consents-title">
            <h2 id="consents-title">{t(Msg::ConsentsTitle)}</h2>
            {body}
        </section>
    }
}

#[component]
fn ConsentForm(
    who: PersonRef,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let today = || crate::model::dates::local_today();
    let form = Form::new(ConsentInput {
        on_date: crate::model::dates::format_iso_date(today()),
        ..ConsentInput::default()
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate(today()).map(|_| ()),
            record_consent(who, input),
            move |_| {
                notice.set(Some((true, Msg::ConsentSaved)));
                on_saved();
            },
        );
    };
    view! {
        <details class="card">
            <summary>{t(Msg::RecordConsent)}</summary>
            <form class="form" novalidate on:submit=on_submit data-testid="consent-form">
                <FormNotice notice/>
                {form.select("consent-purpose", Msg::ConsentPurposeLabel, Field::Purpose, labels::consent_purpose, true, lens!(purpose))}
                {form.select("consent-change", Msg::ConsentChangeLabel, Field::ConsentChange, labels::consent_change, true, lens!(change))}
                {form.select("consent-how", Msg::ConsentHowLabel, Field::ConsentHow, labels::consent_how, true, lens!(how))}
                {form.input("consent-date", Msg::DateLabel, Field::ConsentOn, "date", lens!(on_date))}
                <button type="submit" class="primary">{t(Msg::Save)}</button>
            </form>
        </details>
    }
}

/// The export: a file to download, or the same shown here.
#[component]
fn Export(who: PersonRef) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    let data = Resource::new(
        move || shown.get(),
        move |shown| async move {
            if shown {
                Some(export_person(who.to_string(), false).await)
            } else {
                None
            }
        },
    );
    let href = format!(
        "/api/privacy/export?person={}&download=true",
        who.to_string().replace(':', "%3A")
    );
    view! {
        <section aria-labelledby="export-title">
            <h2 id="export-title">{t(Msg::ExportTitle)}</h2>
            <p>{t(Msg::ExportIntro)}</p>
            <p class="actions">
                <a class="button" href=href download data-testid="export-download">{t(Msg::DownloadJson)}</a>
                " "
                <button type="button" on:click=move |_| shown.set(true) data-testid="export-show">{t(Msg::ShowExport)}</button>
            </p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || data.get().flatten().map(|result| match result {
                    Err(error) => error_view(error),
                    Ok(export) => {
                        let at = export.exported_at;
                        view! {
                            <div data-testid="export">
                                <p class="muted">{move || i18n.fill(Msg::ExportedOn, &[("date", &format_moment(at, i18n.lang.get()))])}</p>
                                {export.sections.into_iter().map(|section| view! { <ExportPart section/> }).collect_view()}
                            </div>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A column's name in words: `meeting_date` → "Meeting date".
fn column_words(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[component]
fn ExportPart(section: ExportSection) -> impl IntoView {
    let i18n = use_i18n();
    let key = section.name.clone();
    let title =
        move || labels::export_section(&key).map_or(key.clone(), |m| i18n.text(m).to_string());
    let body = if section.records.is_empty() {
        view! { <p class="empty">{t(Msg::ExportEmptySection)}</p> }.into_any()
    } else {
        section
            .records
            .into_iter()
            .map(|record| {
                view! {
                    <dl class="card export-record">
                        {record.into_iter().map(|(column, value)| view! {
                            <dt>{column_words(&column)}</dt>
                            <dd>{value}</dd>
                        }).collect_view()}
                    </dl>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="export-section" data-testid=format!("export-{}", section.name)>
            <h3>{title}</h3>
            {body}
        </section>
    }
}

#[component]
fn Erase(
    who: PersonRef,
    name: String,
    on_erased: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let notice = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let on_click = move |_| {
        if !confirm(&i18n.fill(Msg::EraseConfirm, &[("name", &name)])) {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match erase_person(who).await {
                Ok(Erasure::Everywhere) => on_erased(),
                // Nothing of the person is the reader's to see any more.
                Ok(Erasure::FromOrganisation) => navigate("/people", Default::default()),
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="erase-title" class="danger-zone">
            <h2 id="erase-title">{t(Msg::EraseTitle)}</h2>
            <p>{t(Msg::EraseIntro)}</p>
            <FormNotice notice/>
            <button type="button" class="danger" on:click=on_click disabled=busy data-testid="erase">
                {t(Msg::EraseButton)}
            </button>
        </section>
    }
}

/// `/audit`: the audit trail's search (coordinators).
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new(AuditQuery::default());
    let query = RwSignal::new(AuditQuery::default());
    let results = Resource::new(move || query.get(), audit_search);
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        match input.validate() {
            Err(errors) => {
                form.errors.set(errors);
                notice.set(Some((false, Msg::FixErrors)));
            }
            Ok(_) => {
                form.errors.set(FieldErrors::default());
                notice.set(None);
                query.set(AuditQuery {
                    before: None,
                    ..input
                });
            }
        }
    };
    view! {
        <section class="page wide" aria-labelledby="audit-title">
            <h1 id="audit-title">{t(Msg::AuditTitle)}</h1>
            <p class="lead">{t(Msg::AuditIntro)}</p>
            <form class="filters" role="search" novalidate on:submit=on_submit>
                <FormNotice notice/>
                <div class="field">
                    <label for="audit-action">{t(Msg::AuditActionLabel)}</label>
                    <select id="audit-action" on:change:target=move |ev| form.value.update(|v| v.action = ev.target().value())>
                        <option value="">{t(Msg::AnyAction)}</option>
                        {AuditAction::ALL.iter().map(|a| view! {
                            <option value=a.key()>{t(labels::audit_action(*a))}</option>
                        }).collect_view()}
                    </select>
                </div>
                {form.input("audit-email", Msg::EmailLabel, Field::Email, "email", lens!(email))}
                {form.input("audit-object", Msg::AuditObjectLabel, Field::Item, "text", lens!(object))}
                {form.input("audit-from", Msg::FromLabel, Field::From, "date", lens!(from))}
                {form.input("audit-to", Msg::ToLabel, Field::To, "date", lens!(to))}
                <button type="submit">{t(Msg::SearchButton)}</button>
            </form>
            <Loaded resource=results let:loaded>
                {match loaded {
                    page if page.rows.is_empty() => {
                        view! { <p class="empty">{t(Msg::NoAuditRecords)}</p> }.into_any()
                    }
                    page => {
                        let more = page.more_before;
                        view! {
                            <table class="responsive" data-testid="audit">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColWhen)}</th>
                                        <th scope="col">{t(Msg::ColWho)}</th>
                                        <th scope="col">{t(Msg::AuditActionLabel)}</th>
                                        <th scope="col">{t(Msg::ColAbout)}</th>
                                        <th scope="col">{t(Msg::ColFromWhere)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.rows.into_iter().map(|row| {
                                        let at = row.at;
                                        let who = row.who.clone();
                                        view! {
                                            <tr data-testid="audit-row">
                                                <td data-label=t(Msg::ColWhen)>{move || format_moment(at, i18n.lang.get())}</td>
                                                <td data-label=t(Msg::ColWho)>{move || match &who {
                                                    Some((name, email)) => format!("{name} <{email}>"),
                                                    None => i18n.text(Msg::UnknownAccount).to_string(),
                                                }}</td>
                                                <td data-label=t(Msg::AuditActionLabel)>{t(labels::audit_action(row.action))}</td>
                                                <td data-label=t(Msg::ColAbout)><code>{row.object_id.clone()}</code></td>
                                                <td data-label=t(Msg::ColFromWhere)>{row.ip.clone()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {more.map(|before| view! {
                                <p><button type="button" on:click=move |_| query.update(|q| q.before = Some(before))>
                                    {t(Msg::OlderRecords)}
                                </button></p>
                            })}
                        }
                        .into_any()
                    }
                }}
            </Loaded>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::column_words;

    #[test]
    fn a_column_is_shown_in_words() {
        assert_eq!(column_words("meeting_date"), "Meeting date");
        assert_eq!(column_words(""), "");
    }
}
