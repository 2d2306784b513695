//! `/pairs/:id/concerns`: a pair's safeguarding concerns, for the managers
//! of its programme (who acknowledge them and record the actions taken)
//! and the coordinators of its organisation (who read them). Opening the
//! page is recorded in the audit trail, concern by concern.

use crate::api::concerns::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PairConcernsPage() -> impl IntoView {
    let Some(pair) = path_segment(1).and_then(|id| PairId::parse(&id).ok()) else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let data = Resource::new(move || (), move |_| concerns_of_pair(pair));
    let refetch = move || data.refetch();
    view! {
        <Loaded resource=data let:page>
            <Concerns page refetch/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn Concerns(
    page: PairConcerns,
    refetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = {
        let (mentor, mentee) = (page.mentor_name.clone(), page.mentee_name.clone());
        move || {
            i18n.fill(
                Msg::ConcernsTitle,
                &[("mentor", &mentor), ("mentee", &mentee)],
            )
        }
    };
    let may_act = page.may_act;
    view! {
        <section class="page wide">
            <h1>{title}</h1>
            <p class="lead">{t(Msg::ConcernsIntro)}</p>
            <p><a href=format!("/programmes/{}/matching", page.programme_id)>{t(Msg::BackToMatching)}</a></p>
            {if page.concerns.is_empty() {
                view! { <p class="empty">{t(Msg::NoConcerns)}</p> }.into_any()
            } else {
                page.concerns.into_iter().map(|concern| view! {
                    <ConcernCard concern may_act on_saved=refetch/>
                }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn ConcernCard(
    concern: ConcernView,
    may_act: bool,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = concern.id;
    let raised = concern.raised_at;
    let acknowledged = concern.acknowledged_at.zip(concern.acknowledged_by.clone());
    let open = acknowledged.is_none();
    let notice = RwSignal::new(None);
    let on_acknowledge = move |_| {
        if !confirm(i18n.text(Msg::AcknowledgeConfirm)) {
            return;
        }
        spawn_local(async move {
            match acknowledge_concern(id).await {
                Ok(()) => on_saved(),
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    view! {
        <article class="concern" class:open=open data-testid="concern">
            <header>
                <h2>
                    {t(match concern.about { ConcernAbout::Child => Msg::ConcernAboutChild, ConcernAbout::Adult => Msg::ConcernAboutAdult })}
                    " · " {move || format_moment(raised, i18n.lang.get())}
                </h2>
                <p class="muted">{move || i18n.fill(Msg::RaisedBy, &[("name", &concern.mentor_name)])}</p>
            </header>
            <h3>{t(Msg::ConcernHappenedLabel)}</h3>
            <p class="prose">{concern.happened.clone()}</p>
            <h3>{t(Msg::ConcernDoneLabel)}</h3>
            <p class="prose">{concern.done.clone()}</p>
            <FormNotice notice/>
            {match acknowledged {
                Some((at, by)) => view! {
                    <p class="notice success" data-testid="acknowledged">
                        {move || i18n.fill(Msg::AcknowledgedBy, &[("name", &by), ("time", &format_moment(at, i18n.lang.get()))])}
                    </p>
                }.into_any(),
                None if may_act => view! {
                    <p class="notice warning">{t(Msg::NotAcknowledgedYet)}</p>
                    <button type="button" class="primary" on:click=on_acknowledge>{t(Msg::Acknowledge)}</button>
                }.into_any(),
                None => view! { <p class="notice warning">{t(Msg::NotAcknowledgedYet)}</p> }.into_any(),
            }}
            <h3>{t(Msg::ActionsTaken)}</h3>
            {if concern.actions.is_empty() {
                view! { <p class="empty">{t(Msg::NoActionsYet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="actions-taken">
                        {concern.actions.into_iter().map(|a| {
                            let on = a.taken_on;
                            view! {
                                <li data-testid="concern-action">
                                    <strong>{t(labels::concern_action(a.kind))}</strong>
                                    " · " {move || format_date(on, i18n.lang.get())}
                                    {(!a.details.is_empty()).then(|| view! { ": " {a.details.clone()} })}
                                    <span class="muted">" · " {a.recorded_by.clone()}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {may_act.then(|| view! { <ActionForm concern=id on_saved/> })}
        </article>
    }
}

#[component]
fn ActionForm(
    concern: ConcernId,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = Form::new(ConcernActionInput {
        taken_on: crate::model::dates::format_iso_date(crate::model::dates::local_today()),
        ..ConcernActionInput::default()
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
            add_concern_action(concern, input),
            move |_| on_saved(),
        );
    };
    let id = |name: &str| format!("{name}-{concern}");
    view! {
        <form class="form inline-form" novalidate on:submit=on_submit>
            <h4>{t(Msg::RecordAction)}</h4>
            <FormNotice notice/>
            <div class="inline-fields">
                {form.select::<ConcernActionKind>(&id("action-kind"), Msg::ActionKindLabel, Field::ActionKind, labels::concern_action, true, lens!(kind))}
                {form.input(&id("action-date"), Msg::TakenOnLabel, Field::TakenOn, "date", lens!(taken_on))}
            </div>
            {form.textarea(&id("action-details"), Msg::ActionDetailsLabel, Field::Details, lens!(details))}
            <button type="submit">{t(Msg::SaveAction)}</button>
        </form>
    }
}

/// `/mentor/concerns`: the mentor raises a concern (offline first: saved as
/// typed, sent before anything else) and sees what became of theirs. A
/// link from the meeting log opens it for that log's mentee (`?pair=`,
/// `?log=`).
#[component]
pub fn MentorConcernsPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <OfficeTexts>
                <MentorConcerns/>
            </OfficeTexts>
        </MentorFrame>
    }
}

/// The phone's concerns of the person logged in (none on the server).
fn local_concerns(
) -> Option<crate::offline::concerns::Concerns<crate::offline::storage::BrowserStore>> {
    let user = crate::offline::use_offline().user.get_untracked()?;
    Some(crate::offline::concerns::Concerns::new(
        crate::offline::storage::BrowserStore::available()?,
        user,
    ))
}

#[component]
fn MentorConcerns() -> impl IntoView {
    use crate::components::storage_message;
    use crate::i18n::problem_message;
    use crate::offline::{EntryKey, ItemState};
    let offline = crate::offline::use_offline();
    let i18n = use_i18n();
    let (pair, log, item) = leptos_router::hooks::use_location()
        .query
        .with_untracked(|q| (q.get("pair"), q.get("log"), q.get("item")));
    let input = RwSignal::new(ConcernInput {
        pair_id: pair.clone().unwrap_or_default(),
        log_id: log.clone().unwrap_or_default(),
        ..ConcernInput::default()
    });
    let errors = RwSignal::new(FieldErrors::default());
    let notice = RwSignal::new(None::<(bool, Msg)>);
    // The concerns still on this phone (the outbox forgets those the
    // server has).
    let items = Memo::new(move |_| {
        offline.outbox.with(|entries| {
            entries
                .iter()
                .filter(|e| e.kind == Kind::Concern)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let reopen = move |key: EntryKey| {
        if let Some(reopened) = local_concerns().and_then(|c| c.reopen(key)) {
            input.set(reopened);
            offline.reload_outbox();
        }
    };
    // The concern being typed comes back after a reload; a link from a log
    // names its mentee and the log; one from the outbox, a refused concern
    // to fix.
    let opened = StoredValue::new(false);
    Effect::new(move |_| {
        if offline.user.get().is_none() {
            return;
        }
        if opened.get_value() {
            return;
        }
        opened.set_value(true);
        if let Some(key) = item
            .as_deref()
            .and_then(|i| EntryKey::from_param(Kind::Concern, i))
        {
            reopen(key);
            return;
        }
        if let Some(draft) = local_concerns().and_then(|c| c.draft()) {
            input.set(ConcernInput {
                pair_id: pair.clone().unwrap_or(draft.pair_id.clone()),
                log_id: log.clone().unwrap_or(draft.log_id.clone()),
                ..draft
            });
        }
    });
    // What the server says of the mentor's concerns (when online).
    let sent = Resource::new(move || offline.last_sync.get(), |_| my_concerns());
    let edit = move |change: fn(&mut ConcernInput, String), value: String| {
        input.update(|i| change(i, value));
        if let Some(concerns) = local_concerns() {
            let _ = concerns.save_draft(&input.get_untracked());
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get_untracked();
        match typed.validate() {
            Err(found) => {
                errors.set(found);
                notice.set(Some((false, Msg::FixErrors)));
            }
            Ok(concern) => {
                errors.set(FieldErrors::default());
                let Some(concerns) = local_concerns() else {
                    notice.set(Some((false, Msg::StorageUnavailable)));
                    return;
                };
                match concerns.submit(&concern, chrono::Utc::now()) {
                    Ok(_) => {
                        input.set(ConcernInput::default());
                        notice.set(Some((true, Msg::ConcernSaved)));
                        offline.queued();
                    }
                    Err(problem) => notice.set(Some((false, storage_message(&problem)))),
                }
            }
        }
    };
    let problem = move |field: Field| errors.with(|e| e.problem(field));
    let error_text =
        move |field: Field| move || problem(field).map(|p| i18n.text(problem_message(p)));
    let text_area = move |id: &'static str,
                          field: Field,
                          label: Msg,
                          get: fn(&ConcernInput) -> String,
                          set: fn(&mut ConcernInput, String)| {
        view! {
            <div class="field" class:has-error=move || problem(field).is_some()>
                <label for=id>{t(label)}</label>
                <textarea id=id rows="5"
                    aria-invalid=move || if problem(field).is_some() { "true" } else { "false" }
                    aria-describedby=format!("{id}-error")
                    prop:value=move || input.with(get)
                    on:input:target=move |ev| edit(set, ev.target().value())
                ></textarea>
                <p class="field-error" id=format!("{id}-error")>{error_text(field)}</p>
            </div>
        }
    };
    let state_text = move |state: &ItemState| match state {
        ItemState::Rejected { .. } | ItemState::Conflict => Msg::ConcernRefused,
        ItemState::Waiting | ItemState::Synced { .. } => Msg::ConcernWaiting,
    };
    let mentee_of = move |pair_id: &str| {
        offline.pairs.with(|pairs| {
            PairSummary::find(pairs, pair_id)
                .map(|p| p.mentee_name.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="page">
            <h1>{t(Msg::RaiseConcernTitle)}</h1>
            <p class="lead">{t(Msg::RaiseConcernIntro)}</p>
            <p class="notice warning">{t(Msg::ConcernEmergency)}</p>
            <form class="form concern-form" novalidate on:submit=on_submit>
                <FormNotice notice/>
                <div class="field" class:has-error=move || problem(Field::Pair).is_some()>
                    <label for="concern-pair">{t(Msg::MenteeLabel)}</label>
                    <select id="concern-pair"
                        aria-invalid=move || if problem(Field::Pair).is_some() { "true" } else { "false" }
                        aria-describedby="concern-pair-error"
                        on:change=move |ev| edit(|c, v| c.pair_id = v, event_target_value(&ev))>
                        <option value="" selected=move || input.with(|c| c.pair_id.is_empty())>{t(Msg::ChooseMentee)}</option>
                        {move || offline.pairs.get().into_iter().map(|p| {
                            let id = p.id.to_string();
                            let value = id.clone();
                            view! { <option value=value selected=move || input.with(|c| c.pair_id == id)>{p.mentee_name}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="concern-pair-error">{error_text(Field::Pair)}</p>
                </div>
                <fieldset class="field" class:has-error=move || problem(Field::ConcernAbout).is_some() aria-describedby="concern-about-error">
                    <legend>{t(Msg::ConcernAboutLabel)}</legend>
                    {ConcernAbout::ALL.iter().map(|about| {
                        let key = about.key();
                        let id = format!("concern-about-{key}");
                        let label = match about { ConcernAbout::Child => Msg::ConcernAboutChild, ConcernAbout::Adult => Msg::ConcernAboutAdult };
                        view! {
                            <div class="choice big">
                                <input type="radio" name="concern-about" id=id.clone() value=key
                                    prop:checked=move || input.with(|c| c.about == key)
                                    on:change=move |_| edit(|c, v| c.about = v, key.to_string())/>
                                <label for=id>{t(label)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="concern-about-error">{error_text(Field::ConcernAbout)}</p>
                </fieldset>
                {text_area("concern-happened", Field::Happened, Msg::ConcernHappenedLabel, |c| c.happened.clone(), |c, v| c.happened = v)}
                {text_area("concern-done", Field::DoneStraightAway, Msg::ConcernDoneLabel, |c| c.done.clone(), |c, v| c.done = v)}
                <p class="muted">{t(Msg::ConcernWhoReads)}</p>
                <button type="submit" class="primary">{t(Msg::SendConcern)}</button>
            </form>

            <h2>{t(Msg::MyConcernsTitle)}</h2>
            <ul class="my-concerns">
                {move || items.get().into_iter().map(|item| {
                    let saved = item.saved_at;
                    let refused = item.state.needs_attention();
                    let key = item.key();
                    let pair = item.read::<ConcernInput>().map(|c| c.pair_id).unwrap_or_default();
                    view! {
                        <li data-testid="concern-on-phone">
                            {mentee_of(&pair)} " · " {move || format_moment(saved, i18n.lang.get())}
                            " · " <span class="badge state">{t(state_text(&item.state))}</span>
                            {refused.then(|| view! {
                                <button type="button" class="link-button" on:click=move |_| reopen(key)>
                                    {t(Msg::FixAndResend)}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
                <Suspense>
                    {move || sent.get().and_then(Result::ok).map(|mine| mine.into_iter().map(|c| {
                        let raised = c.raised_at;
                        let acknowledged = c.acknowledged_at;
                        view! {
                            <li data-testid="my-concern">
                                {c.mentee_name.clone()} " · " {move || format_moment(raised, i18n.lang.get())} " · "
                                {move || match acknowledged {
                                    Some(at) => view! { <span class="badge ok" data-testid="concern-acknowledged">{i18n.fill(Msg::AcknowledgedOn, &[("time", &format_moment(at, i18n.lang.get()))])}</span> }.into_any(),
                                    None => view! { <span class="badge">{t(Msg::ConcernReceived)}</span> }.into_any(),
                                }}
                            </li>
                        }
                    }).collect_view())}
                </Suspense>
            </ul>
        </section>
    }
}
