//! Mentor training: sessions and who attended, each mentor's self-assessment
//! before and after side by side, and the questionnaire (its coordinator
//! edits it).

use crate::api::training::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `/programmes/:id/training`.
#[component]
pub fn TrainingPage() -> impl IntoView {
    let Some(programme) = programme_param() else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let data = Resource::new(move || (), move |_| training_page(programme));
    let refetch = move || data.refetch();
    view! {
        <Loaded resource=data let:page>
            <Training page refetch/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn Training(
    page: TrainingData,
    refetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let programme = page.programme.id;
    let mentors = page.mentors.clone();
    view! {
        <section class="page wide">
            <h1>{page.programme.settings.name.clone()}</h1>
            <ProgrammeTabs programme current=Msg::NavTraining/>
            <h2>{t(Msg::TrainingTitle)}</h2>
            <p class="lead">{t(Msg::TrainingIntro)}</p>
            {page.manages.then(|| view! { <TrainingForm programme on_saved=refetch/> })}
            {if page.trainings.is_empty() {
                view! { <p class="empty">{t(Msg::NoneYet)}</p> }.into_any()
            } else {
                page.trainings.into_iter().map(|training| view! {
                    <TrainingSession programme training mentors=mentors.clone() manages=page.manages refetch/>
                }).collect_view().into_any()
            }}
            <SelfAssessments
                rows=page.self_assessments
                items=page.items.clone()
                manages=page.manages
                on_saved=refetch
            />
            {page.coordinates.then(|| view! { <ItemsEditor programme items=page.items on_saved=refetch/> })}
        </section>
    }
}

/// A new training session, or the correction of one (`existing`).
#[component]
fn TrainingForm(
    programme: ProgrammeId,
    #[prop(optional)] existing: Option<TrainingView>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = existing.as_ref().map(|t| t.id);
    let form = Form::new(match &existing {
        Some(t) => TrainingInput {
            held_on: crate::model::dates::format_iso_date(t.session.held_on),
            format: t.session.format.key().into(),
            topic: t.session.topic.clone(),
            schedule: t.session.schedule.input(),
        },
        None => TrainingInput {
            format: TrainingFormat::FaceToFace.key().into(),
            ..TrainingInput::default()
        },
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            save_training(programme, id, input),
            move |_| on_saved(),
        );
    };
    let p = move |field: &str| match id {
        Some(id) => format!("training-{id}-{field}"),
        None => format!("training-{field}"),
    };
    view! {
        <form class="form inline-form" novalidate on:submit=on_submit>
            <h3>{t(if id.is_some() { Msg::EditTraining } else { Msg::NewTraining })}</h3>
            <FormNotice notice/>
            <div class="inline-fields">
                {form.input(&p("date"), Msg::HeldOnLabel, Field::HeldOn, "date", lens!(held_on))}
                {form.select::<TrainingFormat>(&p("format"), Msg::TrainingFormatLabel, Field::TrainingFormat, labels::training_format, false, lens!(format))}
            </div>
            {form.input(&p("topic"), Msg::TopicLabel, Field::Topic, "text", lens!(topic))}
            <div class="inline-fields">
                {form.input(&p("starts"), Msg::StartsAtLabel, Field::StartsAt, "time", lens!(schedule.starts_at))}
                {form.input(&p("length"), Msg::LengthLabel, Field::Length, "number", lens!(schedule.minutes))}
                {form.input(&p("place"), Msg::PlaceLabel, Field::Place, "text", lens!(schedule.place))}
            </div>
            <button type="submit">{t(Msg::Save)}</button>
        </form>
    }
}

#[component]
fn TrainingSession(
    programme: ProgrammeId,
    training: TrainingView,
    mentors: Vec<(CandidateId, String)>,
    manages: bool,
    refetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = training.id;
    let held = training.session.held_on;
    let attended = RwSignal::new(training.attended.clone());
    let notice = RwSignal::new(None);
    let editing = RwSignal::new(false);
    let on_save = move |_| {
        let list = attended.get_untracked();
        spawn_local(async move {
            match set_attendance(id, list).await {
                Ok(()) => notice.set(Some((true, Msg::Saved))),
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    let existing = training.clone();
    view! {
        <article class="training" data-testid="training">
            <h3>
                {move || format_date(held, i18n.lang.get())} " · " {training.session.topic.clone()}
                " · " {t(labels::training_format(training.session.format))}
            </h3>
            <ScheduleLine schedule=training.session.schedule.clone() kind="training" id=id.to_string()/>
            {manages.then(|| view! {
                <RecordActions record=OfficeRecord::Training(id) question=Msg::ConfirmRemoveTraining
                    editing notice on_removed=refetch/>
                <Show when=move || editing.get()>
                    <TrainingForm programme existing=existing.clone() on_saved=refetch/>
                </Show>
            })}
            <fieldset class="field">
                <legend>{t(Msg::Attendance)}</legend>
                {if mentors.is_empty() {
                    view! { <p class="muted">{t(Msg::NoMentorsToTrain)}</p> }.into_any()
                } else {
                    mentors.into_iter().map(|(candidate, name)| {
                        let box_id = format!("attended-{id}-{candidate}");
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=box_id.clone() disabled=!manages
                                    prop:checked=move || attended.with(|a| a.contains(&candidate))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        attended.update(|a| {
                                            a.retain(|c| *c != candidate);
                                            if on { a.push(candidate); }
                                        })
                                    }/>
                                <label for=box_id>{name}</label>
                            </div>
                        }
                    }).collect_view().into_any()
                }}
            </fieldset>
            {manages.then(|| view! {
                <div class="form-actions">
                    <button type="button" on:click=on_save>{t(Msg::SaveAttendance)}</button>
                    <FormNotice notice/>
                </div>
            })}
        </article>
    }
}

/// Each mentor's scores before and after, side by side, item by item.
#[component]
fn SelfAssessments(
    rows: Vec<SelfAssessmentRow>,
    items: Vec<SelfAssessmentItem>,
    manages: bool,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let score = |s: Option<u32>| s.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
    let mentors: Vec<(CandidateId, String)> =
        rows.iter().map(|r| (r.candidate, r.name.clone())).collect();
    let columns = items.clone();
    view! {
        <section aria-labelledby="self-assessment-title">
            <h2 id="self-assessment-title">{t(Msg::SelfAssessmentTitle)}</h2>
            <p class="lead">{t(Msg::SelfAssessmentIntro)}</p>
            {if rows.is_empty() {
                view! { <p class="empty">{t(Msg::NoMentorsToTrain)}</p> }.into_any()
            } else {
                view! {
                    <TableScroll labelled_by="self-assessment-title">
                        <table class="self-assessment">
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::MentorLabel)}</th>
                                    {columns.iter().map(|item| view! {
                                        <th scope="col" colspan="2">{item.text.clone()}</th>
                                    }).collect_view()}
                                </tr>
                                <tr>
                                    <td></td>
                                    {columns.iter().map(|_| view! {
                                        <th scope="col">{t(Msg::MomentBefore)}</th>
                                        <th scope="col">{t(Msg::MomentAfter)}</th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|row| view! {
                                    <tr data-testid="self-assessment-row">
                                        <th scope="row">{row.name.clone()}</th>
                                        {row.scores.iter().map(|(before, after)| view! {
                                            <td>{score(*before)}</td>
                                            <td class="after">{score(*after)}</td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }.into_any()
            }}
            {(manages && !mentors.is_empty() && !items.is_empty()).then(|| view! {
                <RecordSelfAssessment mentors items on_saved/>
            })}
        </section>
    }
}

#[component]
fn RecordSelfAssessment(
    mentors: Vec<(CandidateId, String)>,
    items: Vec<SelfAssessmentItem>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let mentor = RwSignal::new(mentors.first().map(|(id, _)| *id));
    let moment = RwSignal::new(Moment::Before);
    let scores = RwSignal::new(
        items
            .iter()
            .map(|i| (i.id, String::new()))
            .collect::<Vec<_>>(),
    );
    // The scores are kept apart (one per item); the form holds the problems.
    let form = Form::new(());
    let errors = form.errors;
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(candidate) = mentor.get_untracked() else {
            return;
        };
        let input = SelfAssessmentInput {
            moment: moment.get_untracked().key().into(),
            scores: scores.get_untracked(),
        };
        form.save(
            notice,
            Ok(()),
            save_self_assessment(candidate, input),
            move |_| {
                notice.set(Some((true, Msg::Saved)));
                on_saved();
            },
        );
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <h3>{t(Msg::RecordSelfAssessment)}</h3>
            <FormNotice notice/>
            <div class="inline-fields">
                <div class="field">
                    <label for="sa-mentor">{t(Msg::MentorLabel)}</label>
                    <select id="sa-mentor" on:change:target=move |ev| mentor.set(CandidateId::parse(&ev.target().value()).ok())>
                        {mentors.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="sa-moment">{t(Msg::SelfAssessmentTitle)}</label>
                    <select id="sa-moment" on:change:target=move |ev| {
                        if let Some(m) = Moment::from_key(&ev.target().value()) { moment.set(m) }
                    }>
                        {Moment::ALL.iter().map(|m| view! { <option value=m.key()>{t(labels::moment(*m))}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            {items.into_iter().map(|item| {
                let item_id = item.id;
                let field_id = format!("sa-{item_id}");
                view! {
                    <div class="field">
                        <label for=field_id.clone()>{item.text.clone()}</label>
                        <select id=field_id on:change:target=move |ev| {
                            let value = ev.target().value();
                            scores.update(|s| if let Some(entry) = s.iter_mut().find(|(i, _)| *i == item_id) { entry.1 = value });
                        }>
                            <option value="">{t(Msg::ChooseOne)}</option>
                            {(MIN_SCORE..=MAX_SCORE).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
            <p class="field-error">{move || errors.with(|e| e.problem(Field::Score)).map(|p| t(crate::i18n::problem_message(p))())}</p>
            <button type="submit">{t(Msg::Save)}</button>
        </form>
    }
}

/// The coordinator rewords, adds or removes items of the questionnaire.
#[component]
fn ItemsEditor(
    programme: ProgrammeId,
    items: Vec<SelfAssessmentItem>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let new_text = RwSignal::new(String::new());
    let notice = RwSignal::new(None);
    let save = move |item: Option<SelfAssessmentItemId>, text: String| {
        spawn_local(async move {
            match save_item(programme, item, text).await {
                Ok(()) => on_saved(),
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    view! {
        <section aria-labelledby="items-title">
            <h2 id="items-title">{t(Msg::ItemsTitle)}</h2>
            <p class="lead">{t(Msg::ItemsIntro)}</p>
            <FormNotice notice/>
            <ol class="items">
                {items.into_iter().map(|item| {
                    let text = RwSignal::new(item.text.clone());
                    let id = item.id;
                    let field_id = format!("item-{id}");
                    view! {
                        <li class="inline-form">
                            <label class="visually-hidden" for=field_id.clone()>{t(Msg::ItemsTitle)}</label>
                            <input id=field_id type="text" prop:value=text on:input:target=move |ev| text.set(ev.target().value())/>
                            <button type="button" on:click=move |_| save(Some(id), text.get_untracked())>{t(Msg::Save)}</button>
                            <button type="button" class="danger" on:click=move |_| {
                                if confirm(i18n.text(Msg::ConfirmRemoveItem)) {
                                    save(Some(id), String::new())
                                }
                            }>{t(Msg::RemoveItem)}</button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <div class="inline-form">
                <label for="new-item">{t(Msg::AddItem)}</label>
                <input id="new-item" type="text" prop:value=new_text on:input:target=move |ev| new_text.set(ev.target().value())/>
                <button type="button" on:click=move |_| save(None, new_text.get_untracked())>{t(Msg::AddItem)}</button>
            </div>
        </section>
    }
}
