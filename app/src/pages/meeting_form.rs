//! Tool 2: the mentoring meeting log form. Every change is saved as a draft
//! on the phone; a valid log goes to the outbox and is sent when possible.

use crate::components::{confirm, storage_message, MentorFrame};
use crate::i18n::{field_label, meeting_form_label, problem_message, t, use_i18n, Msg};
use crate::model::dates::{format_iso_date, local_today};
use crate::model::*;
use crate::offline::{use_offline, Draft, EntryKey, Offline, PutOutcome};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The element to focus for a field with a problem.
fn field_element_id(field: Field) -> &'static str {
    match field {
        Field::Pair => "log-pair",
        Field::Date => "log-date",
        Field::Form => "log-form-face_to_face",
        Field::Duration => "log-hours",
        Field::Description => "log-description",
        Field::WentWellNextSteps => "log-went-well",
        Field::Challenge => "log-challenge-yes",
        Field::ChallengeText => "log-challenge-text",
        Field::Goals => "log-goals",
        Field::WithdrawnReason => "log-withdrawn-reason",
        // Not a field of this form: the form's first.
        _ => "log-pair",
    }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

fn today() -> String {
    format_iso_date(local_today())
}

/// A fresh draft, for the given pair if any, dated today.
fn new_draft(pair: Option<String>) -> Draft {
    let mut draft = Draft::new(Utc::now());
    draft.log.pair_id = pair.unwrap_or_default();
    draft.log.date = today();
    draft
}

/// Where the draft the form opens with comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    /// An item of the outbox to fix (`?item=`): it becomes the draft.
    Fix,
    /// A sent log to correct (`?correct=`): its next revision becomes the
    /// draft.
    Correct,
    /// The draft in progress (never thrown away).
    Draft,
    /// A log to correct was asked for, but another draft is in progress (it
    /// is shown, never overwritten), or the log is not on the phone.
    Blocked(Msg),
    New,
}

/// What the form opens with: an item to fix (`?item=`), a log to correct
/// (`?correct=`), else the draft in progress, else a new draft (for
/// `?pair=`).
fn opening_draft(
    offline: Offline,
    item: Option<String>,
    correct: Option<String>,
    pair: Option<String>,
) -> (Draft, Opening) {
    if let Some(draft) = item
        .and_then(|i| EntryKey::from_param(Kind::MeetingLog, &i))
        .and_then(|key| offline.draft_from_item(key))
    {
        return (draft, Opening::Fix);
    }
    if let Some(id) = correct.and_then(|c| MeetingLogId::parse(&c).ok()) {
        let in_progress = offline.draft();
        match in_progress {
            // Opened again: carry on with the correction in progress.
            Some(draft) if draft.id == id => return (draft, Opening::Draft),
            Some(draft) if has_content(&draft.log) => {
                return (draft, Opening::Blocked(Msg::DraftBlocksCorrection))
            }
            _ => {}
        }
        return match offline.sent_log(id) {
            Some(log) => (Draft::correcting(&log, Utc::now()), Opening::Correct),
            None => (new_draft(pair), Opening::Blocked(Msg::LogNotOnPhone)),
        };
    }
    match offline.draft() {
        Some(mut draft) => {
            if draft.log.pair_id.is_empty() {
                if let Some(pair) = pair {
                    draft.log.pair_id = pair;
                }
            }
            (draft, Opening::Draft)
        }
        None => (new_draft(pair), Opening::New),
    }
}

/// Something was typed in it (a new draft holds only its pair and today).
fn has_content(log: &MeetingLogInput) -> bool {
    let MeetingLogInput {
        form,
        hours,
        minutes,
        description,
        went_well_next_steps,
        challenge,
        challenge_text,
        ..
    } = log;
    [
        form,
        hours,
        minutes,
        description,
        went_well_next_steps,
        challenge,
        challenge_text,
    ]
    .iter()
    .any(|v| !v.trim().is_empty())
}

#[component]
pub fn MeetingLogPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <crate::components::OfficeTexts>
                <MeetingLogForm/>
            </crate::components::OfficeTexts>
        </MentorFrame>
    }
}

#[component]
fn MeetingLogForm() -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let navigate = use_navigate();
    // The router's own location: a link from another page of the same
    // group opens this form before the route's query follows.
    let (item, correct, pair) = leptos_router::hooks::use_location()
        .query
        .with_untracked(|q| (q.get("item"), q.get("correct"), q.get("pair")));
    // The server renders a new form, and the browser wakes up the same one;
    // then the draft on the phone (if any) is put in it.
    let fresh = new_draft(pair.clone());

    let draft_id = RwSignal::new(fresh.id);
    let replaces = RwSignal::new(fresh.replaces);
    let revision = RwSignal::new(fresh.revision);
    let correcting = move || revision.get() > 1;
    // Why the asked-for correction did not open.
    let blocked = RwSignal::new(None::<Msg>);
    let log = RwSignal::new(fresh.log);
    let errors = RwSignal::new(FieldErrors::default());
    let notice = RwSignal::new(None::<Msg>);
    // What the status line says about the draft: nothing until something
    // was typed (or a draft typed earlier was restored).
    let draft_status = RwSignal::new(None::<Msg>);

    // Puts a draft in the form (another tab's, or a new one).
    let show = move |draft: Draft| {
        draft_id.set(draft.id);
        replaces.set(draft.replaces);
        revision.set(draft.revision);
        log.set(draft.log);
    };
    let current = move || Draft {
        id: draft_id.get_untracked(),
        log: log.get_untracked(),
        saved_at: Utc::now(),
        replaces: replaces.get_untracked(),
        revision: revision.get_untracked(),
    };
    let save = move || {
        if offline.save_draft(&current()).is_ok() {
            draft_status.set(Some(Msg::DraftSaved));
        }
    };
    // Once the phone's data is open: the item to fix or the draft in progress.
    let opened = StoredValue::new(false);
    Effect::new(move |_| {
        if offline.user.get().is_none() || opened.get_value() {
            return;
        }
        opened.set_value(true);
        let (draft, from) = opening_draft(offline, item.clone(), correct.clone(), pair.clone());
        show(draft);
        match from {
            // An item being fixed, or a log being corrected, becomes the draft.
            Opening::Fix | Opening::Correct => {
                let _ = offline.save_draft(&current());
            }
            Opening::Blocked(why) => blocked.set(Some(why)),
            Opening::Draft if log.with_untracked(has_content) => {
                draft_status.set(Some(Msg::DraftRestored));
            }
            Opening::Draft | Opening::New => {}
        }
    });
    let edit = move |change: fn(&mut MeetingLogInput, String), value: String| {
        log.update(|l| change(l, value));
        save();
    };

    // Another tab changed the draft: show the same draft here, so the two
    // tabs never hold two versions of one log.
    Effect::new(move |previous: Option<u64>| {
        let version = offline.draft_changed.get();
        if previous.is_some() {
            show(offline.draft().unwrap_or_else(|| new_draft(None)));
        }
        version
    });

    let problem = move |field: Field| errors.with(|e| e.problem(field));
    let error_text =
        move |field: Field| move || problem(field).map(|p| i18n.text(problem_message(p)));
    let invalid = move |field: Field| {
        move || {
            if problem(field).is_some() {
                "true"
            } else {
                "false"
            }
        }
    };

    // Checks the log as it is in the form and, if valid, moves it to the
    // outbox and shows where it went.
    let send = {
        let navigate = navigate.clone();
        move |input: MeetingLogInput| {
            let pair = offline.pairs.with_untracked(|pairs| {
                PairSummary::find(pairs, &input.pair_id).map(PairSummary::dates)
            });
            let ctx = ValidationContext {
                latest_date: local_today(),
                pair,
            };
            match input.validate(&ctx) {
                Err(found) => {
                    let first = found.iter().next().map(|e| e.field);
                    errors.set(found);
                    notice.set(Some(Msg::FixErrors));
                    if let Some(field) = first {
                        focus(field_element_id(field));
                    }
                }
                Ok(valid) => {
                    errors.set(FieldErrors::default());
                    let current_id = draft_id.get_untracked();
                    match offline.submit(&current(), &valid) {
                        Ok(outcome) => {
                            show(new_draft(None));
                            if outcome == PutOutcome::AlreadyThere {
                                notice.set(Some(Msg::AlreadyInOutbox));
                            } else {
                                navigate(
                                    &format!(
                                        "/mentor/logs?pair={}&saved={}",
                                        valid.pair_id(),
                                        current_id
                                    ),
                                    Default::default(),
                                );
                            }
                        }
                        Err(problem) => notice.set(Some(storage_message(&problem))),
                    }
                }
            }
        }
    };
    let on_submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // Saving a correction keeps it a correction, not a withdrawal.
            let input = MeetingLogInput {
                withdrawn_reason: String::new(),
                ..log.get_untracked()
            };
            send(input);
        }
    };
    // A withdrawal is the log as sent with a reason: the reason is needed.
    let on_withdraw = move |_| {
        let input = log.get_untracked();
        if input.withdrawn_reason.trim().is_empty() {
            errors.set(FieldErrors::one(Field::WithdrawnReason, Problem::Required));
            notice.set(Some(Msg::FixErrors));
            focus(field_element_id(Field::WithdrawnReason));
            return;
        }
        if confirm(i18n.text(Msg::ConfirmWithdrawLog)) {
            send(input);
        }
    };

    let on_clear = move |_| {
        if confirm(i18n.text(Msg::ConfirmClearDraft)) {
            offline.clear_draft();
            show(new_draft(None));
            errors.set(FieldErrors::default());
            notice.set(None);
            draft_status.set(None);
        }
    };

    let text_input = move |id: &'static str,
                           field: Field,
                           get: fn(&MeetingLogInput) -> String,
                           set: fn(&mut MeetingLogInput, String)| {
        view! {
            <div class="field" class:has-error=move || problem(field).is_some()>
                <label for=id>{t(field_label(field))}</label>
                <textarea
                    id=id
                    rows="4"
                    aria-invalid=invalid(field)
                    aria-describedby=format!("{id}-error")
                    prop:value=move || log.with(get)
                    on:input:target=move |ev| edit(set, ev.target().value())
                ></textarea>
                <p class="field-error" id=format!("{id}-error")>{error_text(field)}</p>
            </div>
        }
    };

    view! {
        <section class="page">
            <h1>{move || if correcting() { i18n.text(Msg::CorrectLogTitle) } else { i18n.text(Msg::FormTitle) }}</h1>
            <p class="lead">{move || if correcting() { i18n.text(Msg::CorrectLogIntro) } else { i18n.text(Msg::FormIntro) }}</p>
            {move || blocked.get().map(|why| view! {
                <div class="notice warning" role="alert" data-testid="correction-blocked">
                    <p>{t(why)}</p>
                    {(why == Msg::DraftBlocksCorrection).then(|| view! {
                        <p><a class="button" href="/mentor/log">{t(Msg::OpenDraft)}</a></p>
                    })}
                </div>
            })}
            <form class="form meeting-log" novalidate on:submit=on_submit>
                <p class="form-error" role="alert">
                    {move || {
                        notice
                            .get()
                            .or_else(|| offline.storage_problem.get().map(|p| storage_message(&p)))
                            .map(|m| i18n.text(m))
                    }}
                </p>

                <div class="field" class:has-error=move || problem(Field::Pair).is_some()>
                    <label for="log-pair">{t(Msg::MenteeLabel)}</label>
                    <select
                        id="log-pair"
                        // A correction stays with its mentee.
                        disabled=correcting
                        aria-invalid=invalid(Field::Pair)
                        aria-describedby="log-pair-error"
                        on:change=move |ev| edit(|l, v| l.pair_id = v, event_target_value(&ev))
                    >
                        <option value="" selected=move || log.with(|l| l.pair_id.is_empty())>{t(Msg::ChooseMentee)}</option>
                        {move || offline.pairs.get().into_iter().map(|p| {
                            let id = p.id.to_string();
                            let value = id.clone();
                            view! {
                                <option value=value selected=move || log.with(|l| l.pair_id == id)>{p.mentee_name}</option>
                            }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="log-pair-error">{error_text(Field::Pair)}</p>
                </div>

                <div class="field" class:has-error=move || problem(Field::Date).is_some()>
                    <label for="log-date">{t(Msg::DateLabel)}</label>
                    <input
                        id="log-date"
                        type="date"
                        max=today()
                        aria-invalid=invalid(Field::Date)
                        aria-describedby="log-date-error"
                        prop:value=move || log.with(|l| l.date.clone())
                        on:input:target=move |ev| edit(|l, v| l.date = v, ev.target().value())
                    />
                    <p class="field-error" id="log-date-error">{error_text(Field::Date)}</p>
                </div>

                <fieldset class="field" class:has-error=move || problem(Field::Form).is_some() aria-describedby="log-form-error">
                    <legend>{t(Msg::FormLabel)}</legend>
                    {MeetingForm::ALL.iter().map(|form| {
                        let key = form.key();
                        let id = format!("log-form-{key}");
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name="form"
                                    value=key
                                    prop:checked=move || log.with(|l| l.form == key)
                                    on:change=move |_| edit(|l, v| l.form = v, key.to_string())
                                />
                                <label for=id>{t(meeting_form_label(*form))}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="log-form-error">{error_text(Field::Form)}</p>
                </fieldset>

                <fieldset class="field duration" class:has-error=move || problem(Field::Duration).is_some() aria-describedby="log-duration-error">
                    <legend>{t(Msg::DurationLabel)}</legend>
                    <div class="inline-inputs">
                        <div>
                            <label for="log-hours">{t(Msg::HoursLabel)}</label>
                            <input
                                id="log-hours"
                                type="number"
                                inputmode="numeric"
                                min="0"
                                max="8"
                                aria-invalid=invalid(Field::Duration)
                                prop:value=move || log.with(|l| l.hours.clone())
                                on:input:target=move |ev| edit(|l, v| l.hours = v, ev.target().value())
                            />
                        </div>
                        <div>
                            <label for="log-minutes">{t(Msg::MinutesLabel)}</label>
                            <input
                                id="log-minutes"
                                type="number"
                                inputmode="numeric"
                                min="0"
                                max="59"
                                aria-invalid=invalid(Field::Duration)
                                prop:value=move || log.with(|l| l.minutes.clone())
                                on:input:target=move |ev| edit(|l, v| l.minutes = v, ev.target().value())
                            />
                        </div>
                    </div>
                    <p class="field-error" id="log-duration-error">{error_text(Field::Duration)}</p>
                </fieldset>

                {text_input("log-description", Field::Description, |l| l.description.clone(), |l, v| l.description = v)}
                {text_input("log-went-well", Field::WentWellNextSteps, |l| l.went_well_next_steps.clone(), |l, v| l.went_well_next_steps = v)}

                <fieldset class="field" class:has-error=move || problem(Field::Challenge).is_some() aria-describedby="log-challenge-error">
                    <legend>{t(Msg::ChallengeLabel)}</legend>
                    {[("yes", Msg::Yes), ("no", Msg::No)].into_iter().map(|(value, msg)| {
                        let id = format!("log-challenge-{value}");
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name="challenge"
                                    value=value
                                    prop:checked=move || log.with(|l| l.challenge == value)
                                    on:change=move |_| edit(|l, v| l.challenge = v, value.to_string())
                                />
                                <label for=id>{t(msg)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="log-challenge-error">{error_text(Field::Challenge)}</p>
                </fieldset>

                <Show when=move || log.with(|l| l.challenge == "yes")>
                    {text_input("log-challenge-text", Field::ChallengeText, |l| l.challenge_text.clone(), |l, v| l.challenge_text = v)}
                </Show>

                <GoalsWorkedOn log problem saved=save/>

                // A worry about someone's safety is raised on its own page,
                // for this log's mentee; the log stays as a draft.
                <p class="concern-link">
                    <a
                        href=move || format!("/mentor/concerns?pair={}&log={}", log.with(|l| l.pair_id.clone()), draft_id.get())
                        data-testid="raise-concern"
                    >{t(Msg::ConcernFromLog)}</a>
                </p>

                <div class="form-actions">
                    <button type="submit" class="primary">
                        {move || if correcting() { i18n.text(Msg::SaveCorrection) } else { i18n.text(Msg::SaveLog) }}
                    </button>
                    <button type="button" on:click=on_clear>{t(Msg::ClearDraft)}</button>
                    <span class="draft-status" role="status" aria-live="polite" data-testid="draft-status">
                        {move || draft_status.get().map(|m| i18n.text(m))}
                    </span>
                </div>

                <Show when=correcting>
                    <fieldset class="field withdraw" class:has-error=move || problem(Field::WithdrawnReason).is_some()>
                        <legend>{t(Msg::WithdrawLogHeading)}</legend>
                        <p class="muted">{t(Msg::WithdrawLogHint)}</p>
                        <label for="log-withdrawn-reason">{t(field_label(Field::WithdrawnReason))}</label>
                        <textarea
                            id="log-withdrawn-reason"
                            rows="2"
                            aria-invalid=invalid(Field::WithdrawnReason)
                            aria-describedby="log-withdrawn-reason-error"
                            prop:value=move || log.with(|l| l.withdrawn_reason.clone())
                            on:input:target=move |ev| edit(|l, v| l.withdrawn_reason = v, ev.target().value())
                        ></textarea>
                        <p class="field-error" id="log-withdrawn-reason-error">{error_text(Field::WithdrawnReason)}</p>
                        <button type="button" class="danger" on:click=on_withdraw.clone()>{t(Msg::WithdrawLog)}</button>
                    </fieldset>
                </Show>
            </form>
        </section>
    }
}

/// "Goals worked on": for each open goal of the chosen mentee (and any goal
/// the log already names), how far it has come after this meeting. Shown
/// only when the mentee has goals.
#[component]
fn GoalsWorkedOn(
    log: RwSignal<MeetingLogInput>,
    problem: impl Fn(Field) -> Option<Problem> + Copy + Send + Sync + 'static,
    /// Saves the draft.
    saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let pair = move || log.with(|l| PairId::parse(&l.pair_id).ok());
    let entries = super::goals::pair_goals(pair);
    let shown = Memo::new(move |_| {
        let named: Vec<String> = log.with(|l| l.goals.iter().map(|g| g.goal_id.clone()).collect());
        entries
            .get()
            .into_iter()
            .filter(|e| e.goal.is_open() || named.contains(&e.goal.id.to_string()))
            .map(|e| e.goal)
            .collect::<Vec<GoalView>>()
    });
    let progress_of = move |id: &str| {
        log.with(|l| {
            l.goals
                .iter()
                .find(|g| g.goal_id == id)
                .map(|g| g.progress.clone())
                .unwrap_or_default()
        })
    };
    let set_progress = move |id: String, progress: String| {
        log.update(|l| {
            l.goals.retain(|g| g.goal_id != id);
            if !progress.is_empty() {
                l.goals.push(GoalWorkInput {
                    goal_id: id,
                    progress,
                });
            }
        });
        saved();
    };
    view! {
        <Show when=move || shown.with(|g| !g.is_empty())>
            <fieldset id="log-goals" class="field goals-worked-on" class:has-error=move || problem(Field::Goals).is_some() aria-describedby="log-goals-error">
                <legend>{t(Msg::GoalsWorkedOn)}</legend>
                <p class="muted">{t(Msg::GoalsWorkedOnHint)}</p>
                {move || shown.get().into_iter().map(|goal| {
                    let id = goal.id.to_string();
                    let select_id = format!("log-goal-{id}");
                    let (for_value, for_change) = (id.clone(), id.clone());
                    view! {
                        <div class="field">
                            <label for=select_id.clone()>{goal.what.clone()}</label>
                            <select
                                id=select_id
                                data-testid="goal-worked-on"
                                on:change=move |ev| set_progress(for_change.clone(), event_target_value(&ev))
                            >
                                <option value="" selected=move || progress_of(&for_value).is_empty()>{t(Msg::NotWorkedOn)}</option>
                                {GoalProgress::ALL.iter().map(|progress| {
                                    let key = progress.key();
                                    let id = id.clone();
                                    view! {
                                        <option value=key selected=move || progress_of(&id) == key>
                                            {t(crate::i18n::goal_progress_label(*progress))}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
                <p class="field-error" id="log-goals-error">
                    {move || problem(Field::Goals).map(|p| i18n.text(problem_message(p)))}
                </p>
            </fieldset>
        </Show>
    }
}
