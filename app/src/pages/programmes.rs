//! Programmes (coordinators create and edit them; managers see theirs):
//! the list, the form, and a programme's page with where it stands on the
//! process map, the school engagement plan and the invitations.

use crate::api::programmes::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use crate::pages::invitations::InvitationsPanel;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/programmes`.
#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let auth = use_auth();
    let list = Resource::new(|| (), |_| programmes());
    let coordinator = move || auth.has(Role::Coordinator);
    view! {
        <section class="page wide">
            <h1>{t(Msg::ProgrammesTitle)}</h1>
            <p class="lead">{t(Msg::ProgrammesIntro)}</p>
            <Show when=coordinator>
                <p class="actions">
                    <a class="button primary" href="/programmes/new">{t(Msg::NewProgramme)}</a>
                    " "
                    <a class="button secondary" href="/programmes/compare">{t(Msg::CompareTitle)}</a>
                </p>
            </Show>
            <Loaded resource=list let:loaded>
                {match loaded {
                    cards if cards.is_empty() => view! { <p class="empty">{t(Msg::NoProgrammes)}</p> }.into_any(),
                    cards => view! {
                        <ul class="card-list">
                            {cards.into_iter().map(|card| view! { <li><ProgrammeCardView card/></li> }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn ProgrammeCardView(card: ProgrammeCard) -> impl IntoView {
    let i18n = use_i18n();
    let view = card.view;
    let s = view.settings.clone();
    let next = card.map.iter().find_map(|(_, state)| match state {
        StepState::Now(action) => Some(*action),
        _ => None,
    });
    let starts = s.starts_on;
    view! {
        <article class="programme-card" data-testid="programme-card">
            <h2><a href=format!("/programmes/{}", view.id)>{s.name.clone()}</a></h2>
            <p class="muted">
                {view.organisation_name.clone()} " · " {s.country.clone()} " · "
                {move || format_date(starts, i18n.lang.get())}
            </p>
            <StepChips map=card.map/>
            {next.map(|action| view! { <p class="next-action">{t(labels::next_action(action))}</p> })}
        </article>
    }
}

/// The six steps, each done, under way or not yet.
#[component]
fn StepChips(map: [(Step, StepState); 6]) -> impl IntoView {
    view! {
        <ol class="steps">
            {map.into_iter().map(|(step, state)| {
                let (class, word) = match state {
                    StepState::Done => ("step done", Msg::StepDone),
                    StepState::Now(_) => ("step now", Msg::StepNow),
                    StepState::NotYet => ("step later", Msg::StepNotYet),
                };
                view! {
                    <li class=class>
                        <span class="step-name">{t(labels::step(step))}</span>
                        <span class="step-state">{t(word)}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// `/programmes/new` and `/programmes/:id/edit`.
#[component]
pub fn ProgrammeFormPage() -> impl IntoView {
    let id = programme_param();
    let existing = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => programme(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let organisations = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(_) => Ok(Vec::new()),
                None => coordinated_organisations().await,
            }
        },
    );
    view! {
        <section class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || {
                    let existing = existing.get()?;
                    let organisations = organisations.get()?;
                    Some(match (existing, organisations) {
                        (Err(error), _) | (_, Err(error)) => error_view(error),
                        (Ok(Some(page)), _) if !page.card.coordinates => error_view(crate::api::AppError::Forbidden),
                        (Ok(page), Ok(organisations)) => view! { <ProgrammeForm page organisations/> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn ProgrammeForm(
    page: Option<ProgrammePage>,
    organisations: Vec<(OrganisationId, String)>,
) -> impl IntoView {
    let navigate = use_navigate();
    let id = page.as_ref().map(|p| p.card.view.id);
    let initial = match &page {
        Some(p) => ProgrammeInput::from_settings(&p.card.view.settings),
        None => ProgrammeInput::defaults(crate::model::dates::local_today()),
    };
    let form = Form::new(initial);
    let organisation = RwSignal::new(organisations.first().map(|(id, _)| *id));
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        let navigate = navigate.clone();
        let checked = input.validate().map(|_| ());
        let organisation = organisation.get_untracked();
        let call = async move {
            match (id, organisation) {
                (Some(id), _) => update_programme(id, input).await.map(|_| id),
                (None, Some(org)) => create_programme(org, input).await,
                (None, None) => Err(crate::api::AppError::Forbidden),
            }
        };
        form.save(notice, checked, call, move |id| {
            navigate(&format!("/programmes/{id}"), Default::default())
        });
    };
    let title = if id.is_some() {
        Msg::EditProgramme
    } else {
        Msg::NewProgramme
    };
    view! {
        <h1>{t(title)}</h1>
        <form class="form" novalidate on:submit=on_submit>
            <FormNotice notice/>
            {(id.is_none() && organisations.len() > 1).then(|| view! {
                <div class="field">
                    <label for="programme-organisation">{t(Msg::OrganisationLabel)}</label>
                    <select id="programme-organisation" on:change:target=move |ev| {
                        organisation.set(OrganisationId::parse(&ev.target().value()).ok())
                    }>
                        {organisations.iter().map(|(id, name)| view! {
                            <option value=id.to_string()>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            {form.input("programme-name", Msg::NameLabel, Field::Name, "text", lens!(name))}
            {form.select::<Typology>("programme-typology", Msg::TypologyLabel, Field::Typology, labels::typology, false, lens!(typology))}
            {form.select::<ProgrammeFormat>("programme-format", Msg::ProgrammeFormatLabel, Field::ProgrammeFormat, labels::programme_format, false, lens!(format))}
            {form.input("programme-duration", Msg::DurationMonthsLabel, Field::DurationMonths, "number", lens!(duration_months))}
            {form.select::<MeetingFrequency>("programme-meetings", Msg::MeetingsLabel, Field::Meetings, labels::meetings, false, lens!(meetings))}
            {form.input("programme-max-mentees", Msg::MaxMenteesLabel, Field::MaxMentees, "number", lens!(max_mentees))}
            {form.input("programme-age-limit", Msg::ChildAgeLimitLabel, Field::ChildAgeLimit, "number", lens!(child_age_limit))}
            {form.input("programme-quiet-days", Msg::QuietDaysLabel, Field::QuietDays, "number", lens!(quiet_days))}
            {form.input("programme-starts", Msg::StartsOnLabel, Field::StartsOn, "date", lens!(starts_on))}
            {form.input("programme-country", Msg::CountryLabel, Field::Country, "text", lens!(country))}
            {form.input("programme-language", Msg::ProgrammeLanguageLabel, Field::Language, "text", lens!(language))}
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::Save)}</button>
                <a class="button" href=id.map(|id| format!("/programmes/{id}")).unwrap_or_else(|| "/programmes".into())>{t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}

/// `/programmes/:id`.
#[component]
pub fn ProgrammeView() -> impl IntoView {
    let id = programme_param();
    let page = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => programme(id).await,
                None => Err(crate::api::AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded resource=page let:page>
            <ProgrammeDetails page/>
        </Loaded>
    }
}

#[component]
fn ProgrammeDetails(page: ProgrammePage) -> impl IntoView {
    let i18n = use_i18n();
    let view = page.card.view.clone();
    let id = view.id;
    let s = view.settings.clone();
    let starts = s.starts_on;
    let rows: Vec<(Msg, AnyView)> = vec![
        (
            Msg::OrganisationLabel,
            view.organisation_name.clone().into_any(),
        ),
        (
            Msg::TypologyLabel,
            t(labels::typology(s.typology)).into_any(),
        ),
        (
            Msg::ProgrammeFormatLabel,
            t(labels::programme_format(s.format)).into_any(),
        ),
        (
            Msg::DurationMonthsLabel,
            (move || i18n.fill(Msg::MonthsValue, &[("n", &s.duration_months.to_string())]))
                .into_any(),
        ),
        (
            Msg::MeetingsLabel,
            t(labels::meetings(s.meetings)).into_any(),
        ),
        (Msg::MaxMenteesLabel, s.max_mentees.to_string().into_any()),
        (
            Msg::ChildAgeLimitLabel,
            s.child_age_limit.to_string().into_any(),
        ),
        (
            Msg::StartsOnLabel,
            (move || format_date(starts, i18n.lang.get())).into_any(),
        ),
        (Msg::CountryLabel, s.country.clone().into_any()),
        (Msg::ProgrammeLanguageLabel, s.language.clone().into_any()),
        (Msg::QuietDaysLabel, s.quiet_days.to_string().into_any()),
    ];
    view! {
        <section class="page wide">
            <h1>{s.name.clone()}</h1>
            <ProgrammeTabs programme=id current=Msg::NavProgrammes/>
            <div class="columns">
                <div>
                    <dl class="facts">
                        {rows.into_iter().map(|(label, value)| view! {
                            <div><dt>{t(label)}</dt><dd>{value}</dd></div>
                        }).collect_view()}
                    </dl>
                    {page.card.coordinates.then(|| view! {
                        <p><a class="button" href=format!("/programmes/{id}/edit")>{t(Msg::EditProgramme)}</a></p>
                    })}
                </div>
                <ProcessMap programme=id map=page.card.map/>
            </div>
            <p class="no-print"><a href="/paper">{t(Msg::PaperLink)}</a></p>
            <EngagementPlan programme=id plan=page.plan/>
            <super::screening::RequirementsPanel programme=id coordinator=page.card.coordinates/>
            <InvitationsPanel programme=id coordinates=page.card.coordinates manages=page.manages/>
        </section>
    }
}

/// Where the programme stands on each step, and what to do next, with a
/// link to where it is done.
#[component]
fn ProcessMap(programme: ProgrammeId, map: [(Step, StepState); 6]) -> impl IntoView {
    let link = move |action: NextAction| -> Option<String> {
        let tab = match action {
            NextAction::InviteManager => "#invitations",
            NextAction::RegisterMentors
            | NextAction::RegisterMentees
            | NextAction::AcceptCandidates => "/recruitment",
            NextAction::PlanTraining | NextAction::RecordAttendance => "/training",
            NextAction::MatchPairs | NextAction::ConfirmPairs => "/matching",
            _ => return None,
        };
        Some(if tab.starts_with('#') {
            tab.to_string()
        } else {
            format!("/programmes/{programme}{tab}")
        })
    };
    view! {
        <section class="process-map" aria-labelledby="process-map-title">
            <h2 id="process-map-title">{t(Msg::ProcessMap)}</h2>
            <ol class="steps vertical">
                {map.into_iter().map(|(step, state)| {
                    let (class, word) = match state {
                        StepState::Done => ("step done", Msg::StepDone),
                        StepState::Now(_) => ("step now", Msg::StepNow),
                        StepState::NotYet => ("step later", Msg::StepNotYet),
                    };
                    let next = match state {
                        StepState::Now(action) => Some(action),
                        _ => None,
                    };
                    view! {
                        <li class=class data-testid="step">
                            <span class="step-name">{t(labels::step(step))}</span>
                            <span class="step-state">{t(word)}</span>
                            {next.map(|action| {
                                let text = t(labels::next_action(action));
                                match link(action) {
                                    Some(href) => view! { <a class="next-action" href=href>{text}</a> }.into_any(),
                                    None => view! { <span class="next-action">{text}</span> }.into_any(),
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The 15 measures, each decided on its own line.
#[component]
fn EngagementPlan(programme: ProgrammeId, plan: Vec<MeasurePlan>) -> impl IntoView {
    view! {
        <section class="plan" aria-labelledby="plan-title">
            <h2 id="plan-title">{t(Msg::PlanTitle)}</h2>
            <p class="lead">{t(Msg::PlanIntro)}</p>
            <ol class="measures">
                {(1..=MEASURES).map(|n| {
                    let current = plan.iter().find(|p| p.measure == n).cloned();
                    view! { <MeasureLine programme n current/> }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn MeasureLine(programme: ProgrammeId, n: u8, current: Option<MeasurePlan>) -> impl IntoView {
    let input = match &current {
        Some(p) => MeasureInput {
            measure: n,
            state: p.state.key().into(),
            reason: p.reason.clone(),
            owner: p.owner.clone(),
            due_on: p
                .due_on
                .map(crate::model::dates::format_iso_date)
                .unwrap_or_default(),
        },
        None => MeasureInput {
            measure: n,
            ..MeasureInput::default()
        },
    };
    let recorded = RwSignal::new(current.is_some());
    let form = Form::new(input);
    let notice = RwSignal::new(None);
    let id = |suffix: &str| format!("measure-{n}-{suffix}");
    let (state_id, reason_id, owner_id, due_id) =
        (id("state"), id("reason"), id("owner"), id("due"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            save_measure(programme, input),
            move |_| {
                recorded.set(true);
                notice.set(Some((true, Msg::Saved)));
            },
        );
    };
    // The line is gone: the measure is back to not decided.
    let on_removed = move || {
        recorded.set(false);
        form.value.set(MeasureInput {
            measure: n,
            ..MeasureInput::default()
        });
    };
    view! {
        <li class="measure" data-testid="measure">
            <form class="form measure-form" novalidate on:submit=on_submit>
                <h3>{t(crate::i18n::labels::measure(n))}</h3>
                {form.select::<MeasureState>(&state_id, Msg::MeasureStateLabel, Field::MeasureState, labels::measure_state, true, lens!(state))}
                <div class="inline-fields">
                    {form.input(&owner_id, Msg::OwnerLabel, Field::Owner, "text", lens!(owner))}
                    {form.input(&due_id, Msg::DueOnLabel, Field::DueOn, "date", lens!(due_on))}
                </div>
                {form.textarea(&reason_id, Msg::ReasonLabel, Field::Reason, lens!(reason))}
                <div class="form-actions">
                    <button type="submit">{t(Msg::Save)}</button>
                    <Show when=move || recorded.get()>
                        <RecordActions record=OfficeRecord::Measure(programme, n)
                            question=Msg::ConfirmRemoveMeasure notice on_removed/>
                    </Show>
                    <FormNotice notice/>
                </div>
            </form>
        </li>
    }
}

/// Keeps the query (`?kind=`) of the current address.
pub(crate) fn query_value(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}
