//! Mentor screening in the office: the checks of a mentor candidate (on
//! their page; recorded by the programme's managers), the programme's
//! required checks (set by its coordinator), and how one check stands in
//! plain words (also for the mentor, of their own).

use crate::api::screening::{
    add_requirement, candidate_screening, my_screening, record_check, requirements,
    retire_requirement, save_referee,
};
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A check's name: its own label, else its kind's.
pub(crate) fn requirement_name(requirement: &RequirementView) -> impl Fn() -> String + 'static {
    let i18n = use_i18n();
    let (label, kind) = (requirement.label.clone(), requirement.kind);
    move || {
        if label.is_empty() {
            i18n.text(labels::check_kind(kind)).to_string()
        } else {
            label.clone()
        }
    }
}

/// Where a check stands, in words, with its dates.
pub(crate) fn check_status_text(i18n: crate::i18n::I18n, item: &ScreeningItem) -> String {
    let lang = i18n.lang.get();
    match item.status {
        CheckStatus::Missing => match &item.check {
            Some(check) => i18n.fill(
                Msg::CheckStillNeeded,
                &[("state", i18n.text(labels::check_state(check.state)))],
            ),
            None => i18n.text(Msg::CheckNotRecorded).to_string(),
        },
        CheckStatus::Passed { expires_on: None } => i18n.text(Msg::CheckPassed).to_string(),
        CheckStatus::Passed {
            expires_on: Some(on),
        } => i18n.fill(Msg::CheckValidUntil, &[("date", &format_date(on, lang))]),
        CheckStatus::Expiring { expires_on } => i18n.fill(
            Msg::CheckExpiresOn,
            &[("date", &format_date(expires_on, lang))],
        ),
        CheckStatus::Expired { expired_on } => i18n.fill(
            Msg::CheckExpiredOn,
            &[("date", &format_date(expired_on, lang))],
        ),
        CheckStatus::Waived => i18n.text(Msg::CheckWaived).to_string(),
    }
}

/// Where a check stands, in words, with its dates.
#[component]
pub fn CheckStatusLine(item: ScreeningItem) -> impl IntoView {
    let i18n = use_i18n();
    let class = match item.status {
        CheckStatus::Passed { .. } | CheckStatus::Waived => "badge",
        CheckStatus::Expiring { .. } => "badge warn",
        CheckStatus::Missing | CheckStatus::Expired { .. } => "badge challenge",
    };
    let text = move || check_status_text(i18n, &item);
    view! { <span class=class data-testid="check-status">{text}</span> }
}

/// A mentor candidate's checks, on their page: each required check, where
/// it stands, and (for a manager) a form to record it.
#[component]
pub fn CandidateScreening(candidate: CandidateId) -> impl IntoView {
    let data = Resource::new(move || candidate, candidate_screening);
    view! {
        <section class="screening" aria-labelledby="screening-title">
            <h2 id="screening-title">{t(Msg::ScreeningTitle)}</h2>
            <Loaded resource=data let:loaded>
                {match loaded {
                    screening if screening.items.is_empty() => {
                        view! { <p class="empty">{t(Msg::NoChecksRequired)}</p> }.into_any()
                    }
                    screening => {
                        let manages = screening.manages;
                        let ready = screening.items.iter().all(|i| i.status.clears());
                        view! {
                            <p class=if ready { "notice success" } else { "notice warning" } data-testid="screening-ready">
                                {t(if ready { Msg::ScreeningReady } else { Msg::ScreeningNotReady })}
                            </p>
                            <ul class="check-list">
                                {screening.items.into_iter().map(|item| view! {
                                    <CheckRow candidate item manages on_saved=move || data.refetch()/>
                                }).collect_view()}
                            </ul>
                            <Referees candidate referees=screening.referees manages on_saved=move || data.refetch()/>
                        }
                        .into_any()
                    }
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn CheckRow(
    candidate: CandidateId,
    item: ScreeningItem,
    manages: bool,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let requirement = item.requirement.id;
    let name = requirement_name(&item.requirement);
    let check = item.check.clone();
    let form = Form::new(CheckInput {
        state: check
            .as_ref()
            .map(|c| c.state.key().to_string())
            .unwrap_or_default(),
        date: crate::model::dates::format_iso_date(crate::model::dates::local_today()),
        ..CheckInput::default()
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input
                .validate(crate::model::dates::local_today())
                .map(|_| ()),
            record_check(candidate, requirement, input),
            move |_| on_saved(),
        );
    };
    let id = move |field: &str| format!("check-{requirement}-{field}");
    let waiving = move || form.value.with(|v| v.state == CheckState::Waived.key());
    view! {
        <li class="card check" data-testid="check">
            <h3>{name}</h3>
            <p><CheckStatusLine item=item.clone()/></p>
            {check.map(|c| {
                let (at, by) = (c.recorded_at, c.recorded_by.clone());
                view! {
                    <p class="muted">
                        {t(labels::check_state(c.state))}
                        {c.checked_on.map(|on| view! { " · " {move || format_date(on, i18n.lang.get())} })}
                        {(!c.reference_number.is_empty()).then(|| view! { " · " {c.reference_number.clone()} })}
                        " · "
                        {move || i18n.fill(Msg::MovedBy, &[("date", &format_moment(at, i18n.lang.get())), ("name", &by)])}
                    </p>
                    {(!c.note.is_empty()).then(|| view! { <p>{c.note.clone()}</p> })}
                    {c.waived_reason.map(|r| view! { <p>{r}</p> })}
                }
            })}
            {manages.then(|| view! {
                <details>
                    <summary>{t(Msg::RecordCheck)}</summary>
                    <form class="form" novalidate on:submit=on_submit>
                        <FormNotice notice/>
                        {form.select(&id("state"), Msg::CheckStateLabel, Field::CheckState, labels::check_state, true, lens!(state))}
                        {form.input(&id("date"), Msg::DateLabel, Field::Date, "date", lens!(date))}
                        {form.input(&id("reference"), Msg::ReferenceNumberLabel, Field::ReferenceNumber, "text", lens!(reference_number))}
                        {form.textarea(&id("note"), Msg::CheckNoteLabel, Field::Note, lens!(note))}
                        <Show when=waiving>
                            {form.textarea(&id("waived"), Msg::WaivedReasonLabel, Field::WaivedReason, lens!(waived_reason))}
                        </Show>
                        <button type="submit" class="primary">{t(Msg::SaveCheck)}</button>
                    </form>
                </details>
            })}
        </li>
    }
}

/// The people giving references for a mentor candidate: who, how to reach
/// them, when asked, the answer in short; a manager adds and changes them.
#[component]
fn Referees(
    candidate: CandidateId,
    referees: Vec<RefereeView>,
    manages: bool,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let list = if referees.is_empty() {
        view! { <p class="empty">{t(Msg::NoReferees)}</p> }.into_any()
    } else {
        view! {
            <ul class="check-list">
                {referees.into_iter().map(|referee| view! {
                    <RefereeRow candidate referee manages on_saved/>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="referees" aria-labelledby="referees-title" data-testid="referees">
            <h3 id="referees-title">{t(Msg::RefereesTitle)}</h3>
            {list}
            {manages.then(|| view! {
                <details>
                    <summary>{t(Msg::AddReferee)}</summary>
                    <RefereeForm candidate id=None start=RefereeInput::default() on_saved/>
                </details>
            })}
        </section>
    }
}

#[component]
fn RefereeRow(
    candidate: CandidateId,
    referee: RefereeView,
    manages: bool,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let (at, by) = (referee.recorded_at, referee.recorded_by.clone());
    let asked = referee.asked_on;
    let answer = (!referee.answer.is_empty()).then(|| referee.answer.clone());
    view! {
        <li class="card check" data-testid="referee">
            <h4>{referee.name.clone()}</h4>
            <p>
                {referee.contact.clone()} " · "
                {move || match asked {
                    Some(on) => i18n.fill(Msg::RefereeAskedOn, &[("date", &format_date(on, i18n.lang.get()))]),
                    None => i18n.text(Msg::RefereeNotAsked).to_string(),
                }}
            </p>
            {match answer {
                Some(answer) => view! { <p>{answer}</p> }.into_any(),
                None => view! { <p class="muted">{t(Msg::RefereeNoAnswer)}</p> }.into_any(),
            }}
            <p class="muted">
                {move || i18n.fill(Msg::MovedBy, &[("date", &format_moment(at, i18n.lang.get())), ("name", &by)])}
            </p>
            {manages.then(|| view! {
                <details>
                    <summary>{t(Msg::EditReferee)}</summary>
                    <RefereeForm candidate id=Some(referee.id) start=referee.input() on_saved/>
                </details>
            })}
        </li>
    }
}

#[component]
fn RefereeForm(
    candidate: CandidateId,
    id: Option<RefereeId>,
    start: RefereeInput,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = Form::new(start);
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input
                .validate(crate::model::dates::local_today())
                .map(|_| ()),
            save_referee(candidate, id, input),
            move |_| on_saved(),
        );
    };
    let key = id.map_or_else(|| "new".to_string(), |id| id.to_string());
    let field = move |name: &str| format!("referee-{key}-{name}");
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <FormNotice notice/>
            {form.input(&field("name"), Msg::RefereeNameLabel, Field::RefereeName, "text", lens!(name))}
            {form.input(&field("contact"), Msg::RefereeContactLabel, Field::RefereeContact, "text", lens!(contact))}
            {form.input(&field("asked"), Msg::AskedOnLabel, Field::AskedOn, "date", lens!(asked_on))}
            {form.textarea(&field("answer"), Msg::RefereeAnswerLabel, Field::RefereeAnswer, lens!(answer))}
            <button type="submit" class="primary">{t(Msg::SaveReferee)}</button>
        </form>
    }
}

/// The programme's required checks: the list, and for the coordinator,
/// adding one (from the list of kinds) and retiring one.
#[component]
pub fn RequirementsPanel(programme: ProgrammeId, coordinator: bool) -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(move || programme, requirements);
    let form = Form::new(RequirementInput::default());
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            add_requirement(programme, input),
            move |_| {
                form.value.set(RequirementInput::default());
                form.errors.set(FieldErrors::default());
                notice.set(Some((true, Msg::Saved)));
                list.refetch();
            },
        );
    };
    let retire = move |id: ScreeningRequirementId| {
        if confirm(i18n.text(Msg::ConfirmRetireCheck)) {
            spawn_local(async move {
                if retire_requirement(id).await.is_ok() {
                    list.refetch();
                }
            });
        }
    };
    view! {
        <section class="card screening-requirements" aria-labelledby="requirements-title">
            <h2 id="requirements-title">{t(Msg::ScreeningTitle)}</h2>
            <p class="muted">{t(Msg::ScreeningIntro)}</p>
            <Loaded resource=list let:loaded>
                {match loaded {
                    all if all.is_empty() => view! { <p class="empty">{t(Msg::NoChecksRequired)}</p> }.into_any(),
                    all => view! {
                        <ul data-testid="requirements">
                            {all.into_iter().map(|r| {
                                let id = r.id;
                                let months = r.expires().map(|m| m.to_string());
                                view! {
                                    <li>
                                        {requirement_name(&r)}
                                        {months.map(|m| view! { " · " {move || i18n.fill(Msg::ValidForMonths, &[("n", &m)])} })}
                                        {coordinator.then(|| view! {
                                            " " <button type="button" class="small" on:click=move |_| retire(id)>{t(Msg::RetireCheck)}</button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </Loaded>
            {coordinator.then(|| view! {
                <form class="form inline-form" novalidate on:submit=on_submit>
                    <FormNotice notice/>
                    {form.select("requirement-kind", Msg::CheckKindLabel, Field::CheckKind, labels::check_kind, true, lens!(kind))}
                    {form.input("requirement-label", Msg::CheckLabelLabel, Field::CheckLabel, "text", lens!(label))}
                    {form.input("requirement-months", Msg::ValidityMonthsLabel, Field::ValidityMonths, "number", lens!(validity_months))}
                    <button type="submit">{t(Msg::AddCheck)}</button>
                </form>
            })}
        </section>
    }
}

/// `/mentor/checks`: the mentor's own checks, and what is still needed, in
/// plain words.
#[component]
pub fn MyChecksPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_screening());
    view! {
        <MentorFrame>
            <OfficeTexts>
                <section class="page narrow">
                    <h1>{t(Msg::MyChecksTitle)}</h1>
                    <p class="lead">{t(Msg::MyChecksIntro)}</p>
                    <Loaded resource=data let:loaded>
                        {match loaded {
                            all if all.is_empty() => view! { <p class="empty">{t(Msg::NoChecksRequired)}</p> }.into_any(),
                            all => all.into_iter().map(|(programme, items)| view! {
                                <h2>{programme}</h2>
                                <ul class="check-list">
                                    {items.into_iter().map(|item| {
                                        let name = requirement_name(&item.requirement);
                                        view! {
                                            <li class="card check" data-testid="my-check">
                                                <h3>{name}</h3>
                                                <p><CheckStatusLine item/></p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }).collect_view().into_any(),
                        }}
                    </Loaded>
                </section>
            </OfficeTexts>
        </MentorFrame>
    }
}

/// On the manager's home: the mentors' checks that expire within 30 days or
/// have expired ("screening expired"); the manager decides (renew, pause the
/// pairs). Nothing when all is well. They come with the home's data.
#[component]
pub fn ScreeningAlerts(alerts: Vec<ScreeningAlert>) -> impl IntoView {
    (!alerts.is_empty()).then(|| view! {
        <section class="notice warning" data-testid="screening-alerts" aria-labelledby="screening-alerts-title">
            <h2 id="screening-alerts-title">{t(Msg::ScreeningAlertsTitle)}</h2>
            <ul>
                {alerts.into_iter().map(|alert| {
                    let name = requirement_name(&alert.item.requirement);
                    let href = format!("/programmes/{}/candidates/{}", alert.programme, alert.candidate);
                    view! {
                        <li>
                            <a href=href>{alert.mentor_name.clone()}</a>
                            " · " {name} " · "
                            <CheckStatusLine item=alert.item/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}
