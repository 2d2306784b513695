//! The mentee's goals.
//!
//! `/mentor/goals?pair=`: the mentor's page, offline first. The pair's goals
//! (what the server has, with the changes still on the phone and their
//! state), a form to set a new goal or change one (saved as typed), and the
//! withdrawal of a goal with its reason. Every save is the goal's next
//! revision in the outbox.
//!
//! `/pairs/ID/goals`: the manager's page: each goal now, with its progress,
//! and every version it had.

use crate::api::goals::goals_of_pair;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{field_label, goal_progress_label, problem_message, t, use_i18n, Msg};
use crate::model::dates::local_today;
use crate::model::*;
use crate::offline::goals::{GoalDraft, GoalEntry, Goals};
use crate::offline::storage::BrowserStore;
use crate::offline::use_offline;
use crate::offline::ItemState;
use chrono::Utc;
use leptos::prelude::*;

/// The phone's goals of the person logged in (none on the server).
fn local_goals() -> Option<Goals<BrowserStore>> {
    let user = use_offline().user.get_untracked()?;
    Some(Goals::new(BrowserStore::available()?, user))
}

/// The goals of a pair as the phone knows them, following every change.
/// The first page that asks fetches them from the server (when online),
/// and from then on every sync does.
pub fn pair_goals(
    pair: impl Fn() -> Option<PairId> + Send + Sync + 'static,
) -> Memo<Vec<GoalEntry>> {
    let offline = use_offline();
    Effect::new(move |_| {
        let Some(user) = offline.user.get() else {
            return;
        };
        if offline.goals_wanted.get_untracked() {
            return;
        }
        let _ = user;
        offline.goals_wanted.set(true);
        // The next sync run fetches them (and every run after it).
        offline.sync_now();
    });
    Memo::new(move |_| {
        offline.goals_changed.track();
        offline.outbox.track();
        offline.user.track();
        match (pair(), local_goals()) {
            (Some(pair), Some(goals)) => goals.entries(Some(pair)),
            _ => Vec::new(),
        }
    })
}

#[component]
pub fn MentorGoalsPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <OfficeTexts>
                <MentorGoals/>
            </OfficeTexts>
        </MentorFrame>
    }
}

/// What the form is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Editing {
    Closed,
    /// A new goal, or a change of the goal with this id.
    Open {
        id: GoalId,
        new: bool,
    },
}

#[component]
fn MentorGoals() -> impl IntoView {
    let offline = use_offline();
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let pair = Memo::new(move |_| {
        location
            .query
            .with(|q| q.get("pair").and_then(|p| PairId::parse(&p).ok()))
    });
    let mentee = move || {
        let pair = pair.get()?;
        offline.pairs.with(|pairs| {
            pairs
                .iter()
                .find(|p| p.id == pair)
                .map(|p| p.mentee_name.clone())
        })
    };
    let entries = pair_goals(move || pair.get());
    let editing = RwSignal::new(Editing::Closed);
    let input = RwSignal::new(GoalInput::default());
    let errors = RwSignal::new(FieldErrors::default());
    let notice = RwSignal::new(None::<Msg>);
    let changed = move || offline.goals_changed.update(|n| *n += 1);

    // The goal being typed comes back after a reload (or a lost battery).
    Effect::new(move |_| {
        let (Some(pair), Some(goals)) = (pair.get(), offline.user.get().and(local_goals())) else {
            return;
        };
        if editing.get_untracked() != Editing::Closed {
            return;
        }
        if let Some(draft) = goals.draft().filter(|d| d.goal.pair_id == pair.to_string()) {
            let new = !goals
                .entries(Some(pair))
                .iter()
                .any(|e| e.goal.id == draft.id);
            input.set(draft.goal);
            editing.set(Editing::Open { id: draft.id, new });
        }
    });

    let save_draft = move || {
        if let (Editing::Open { id, .. }, Some(goals)) = (editing.get_untracked(), local_goals()) {
            let _ = goals.save_draft(&GoalDraft {
                id,
                goal: input.get_untracked(),
                saved_at: Utc::now(),
            });
        }
    };
    let edit = move |change: fn(&mut GoalInput, String), value: String| {
        input.update(|g| change(g, value));
        save_draft();
    };
    let open_new = move |_| {
        let Some(pair) = pair.get_untracked() else {
            return;
        };
        input.set(GoalInput {
            pair_id: pair.to_string(),
            ..GoalInput::default()
        });
        errors.set(FieldErrors::default());
        notice.set(None);
        editing.set(Editing::Open {
            id: GoalId::new(),
            new: true,
        });
    };
    let close = move || {
        if let Some(goals) = local_goals() {
            goals.clear_draft();
        }
        editing.set(Editing::Closed);
        errors.set(FieldErrors::default());
    };
    let submit = move |withdraw: bool| {
        let Editing::Open { id, .. } = editing.get_untracked() else {
            return;
        };
        let mut goal = input.get_untracked();
        if !withdraw {
            goal.withdrawn_reason.clear();
        }
        let dates = offline.pairs.with_untracked(|pairs| {
            PairSummary::find(pairs, &goal.pair_id).map(PairSummary::dates)
        });
        let ctx = ValidationContext {
            latest_date: local_today(),
            pair: dates,
        };
        let mut found = match goal.validate(&ctx) {
            Ok(valid) => {
                let Some(goals) = local_goals() else {
                    notice.set(Some(Msg::StorageUnavailable));
                    return;
                };
                match goals.submit(id, &valid, Utc::now()) {
                    Ok(_) => {
                        editing.set(Editing::Closed);
                        errors.set(FieldErrors::default());
                        notice.set(Some(Msg::GoalSaved));
                        changed();
                        offline.queued();
                    }
                    Err(problem) => notice.set(Some(crate::components::storage_message(&problem))),
                }
                return;
            }
            Err(found) => found,
        };
        if withdraw && goal.withdrawn_reason.trim().is_empty() {
            found.push(Field::WithdrawnReason, Problem::Required);
        }
        errors.set(found);
        notice.set(Some(Msg::FixErrors));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(false);
    };
    let on_withdraw = move |_| {
        if input.with_untracked(|g| g.withdrawn_reason.trim().is_empty()) {
            errors.set(FieldErrors::one(Field::WithdrawnReason, Problem::Required));
            return;
        }
        if confirm(i18n.text(Msg::ConfirmWithdrawGoal)) {
            submit(true);
        }
    };
    let start_change = move |entry: GoalEntry| {
        input.set(entry.goal.input());
        errors.set(FieldErrors::default());
        notice.set(None);
        editing.set(Editing::Open {
            id: entry.goal.id,
            new: false,
        });
        save_draft();
    };
    let discard = move |id: GoalId, revision: u32| {
        if confirm(i18n.text(Msg::ConfirmDiscardChange)) {
            offline.discard(crate::offline::goals::goal_key(id, revision));
        }
    };

    let problem = move |field: Field| errors.with(|e| e.problem(field));
    let text_area = move |id: &'static str,
                          field: Field,
                          get: fn(&GoalInput) -> String,
                          set: fn(&mut GoalInput, String)| {
        view! {
            <div class="field" class:has-error=move || problem(field).is_some()>
                <label for=id>{t(field_label(field))}</label>
                <textarea
                    id=id
                    rows="3"
                    aria-invalid=move || if problem(field).is_some() { "true" } else { "false" }
                    aria-describedby=format!("{id}-error")
                    prop:value=move || input.with(get)
                    on:input:target=move |ev| edit(set, ev.target().value())
                ></textarea>
                <p class="field-error" id=format!("{id}-error")>
                    {move || problem(field).map(|p| i18n.text(problem_message(p)))}
                </p>
            </div>
        }
    };

    let form = move || {
        let Editing::Open { new, .. } = editing.get() else {
            return None;
        };
        Some(view! {
            <form class="form goal-form" novalidate on:submit=on_submit>
                <h2>{t(if new { Msg::NewGoal } else { Msg::ChangeGoal })}</h2>
                {text_area("goal-what", Field::What, |g| g.what.clone(), |g, v| g.what = v)}
                {text_area("goal-why", Field::Why, |g| g.why.clone(), |g, v| g.why = v)}
                {text_area("goal-first-steps", Field::FirstSteps, |g| g.first_steps.clone(), |g, v| g.first_steps = v)}
                <div class="field" class:has-error=move || problem(Field::TargetDate).is_some()>
                    <label for="goal-target">{t(Msg::TargetDateLabel)}</label>
                    <input
                        id="goal-target"
                        type="date"
                        aria-invalid=move || if problem(Field::TargetDate).is_some() { "true" } else { "false" }
                        aria-describedby="goal-target-error"
                        prop:value=move || input.with(|g| g.target_date.clone())
                        on:input:target=move |ev| edit(|g, v| g.target_date = v, ev.target().value())
                    />
                    <p class="field-error" id="goal-target-error">
                        {move || problem(Field::TargetDate).map(|p| i18n.text(problem_message(p)))}
                    </p>
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary">{t(Msg::SaveGoal)}</button>
                    <button type="button" on:click=move |_| close()>{t(Msg::Cancel)}</button>
                </div>
                {(!new).then(|| view! {
                    <details class="withdraw">
                        <summary>{t(Msg::WithdrawGoal)}</summary>
                        <p class="muted">{t(Msg::WithdrawGoalHint)}</p>
                        {text_area("goal-withdraw-reason", Field::WithdrawnReason, |g| g.withdrawn_reason.clone(), |g, v| g.withdrawn_reason = v)}
                        <button type="button" class="danger" on:click=on_withdraw>{t(Msg::WithdrawGoal)}</button>
                    </details>
                })}
            </form>
        })
    };

    let list = move || {
        let entries = entries.get();
        if entries.is_empty() {
            return view! { <p class="empty">{t(Msg::NoGoalsYet)}</p> }.into_any();
        }
        view! {
            <ul class="goal-list">
                {entries.into_iter().map(|entry| {
                    let open = entry.goal.is_open();
                    let change = entry.change.clone();
                    let (id, revision) = (entry.goal.id, entry.change_revision);
                    let for_change = entry.clone();
                    view! {
                        <li data-testid="goal">
                            <GoalCard goal=entry.goal.clone()/>
                            {change.map(|state| view! { <ChangeState state id revision discard/> })}
                            {(open && editing.with(|e| *e == Editing::Closed)).then(|| view! {
                                <button type="button" class="small" on:click=move |_| start_change(for_change.clone())>
                                    {t(Msg::ChangeGoal)}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <section class="page goals">
            {move || match (pair.get(), mentee()) {
                (Some(_), Some(name)) => view! {
                    <h1>{move || i18n.fill(Msg::GoalsOf, &[("name", &name)])}</h1>
                    <p class="lead">{t(Msg::GoalsIntro)}</p>
                    <p class="notice" role="status">{move || notice.get().map(|m| i18n.text(m))}</p>
                    {list}
                    {form}
                    <Show when=move || editing.with(|e| *e == Editing::Closed)>
                        <button type="button" class="primary" on:click=open_new>{t(Msg::NewGoal)}</button>
                    </Show>
                }.into_any(),
                _ => view! {
                    <h1>{t(Msg::GoalsTitle)}</h1>
                    <p class="lead">{t(Msg::ChooseMenteeForGoals)}</p>
                    <ul class="pair-links">
                        {move || offline.pairs.get().into_iter().map(|p| view! {
                            <li><a href=format!("/mentor/goals?pair={}", p.id)>{p.mentee_name}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// What became of the phone's latest change of a goal.
#[component]
fn ChangeState(
    state: ItemState,
    id: GoalId,
    revision: u32,
    discard: impl Fn(GoalId, u32) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let (class, text) = match &state {
        ItemState::Waiting => ("notice", i18n.text(Msg::GoalChangeWaiting).to_string()),
        ItemState::Synced { .. } => ("notice success", i18n.text(Msg::GoalChangeSent).to_string()),
        ItemState::Conflict => (
            "notice warning",
            i18n.text(Msg::GoalChangeConflict).to_string(),
        ),
        ItemState::Rejected { errors } => {
            let reasons: Vec<String> = errors
                .iter()
                .map(|e| {
                    let problem = i18n.text(problem_message(e.problem));
                    match crate::components::reason_label(Kind::Goal, &e.at) {
                        Some(place) => format!("{}: {problem}", i18n.text(place)),
                        None => problem.to_string(),
                    }
                })
                .collect();
            (
                "notice warning",
                i18n.fill(Msg::GoalChangeRefused, &[("reason", &reasons.join("; "))]),
            )
        }
    };
    view! {
        <p class=class data-testid="goal-change">
            {text}
            {state.needs_attention().then(|| view! {
                " "
                <button type="button" class="small" on:click=move |_| discard(id, revision)>{t(Msg::DiscardChange)}</button>
            })}
        </p>
    }
}

/// One goal as it stands.
#[component]
pub fn GoalCard(goal: GoalView) -> impl IntoView {
    let i18n = use_i18n();
    let target = goal.target_date;
    let progress = goal.progress;
    let progress_on = goal.progress_on;
    view! {
        <article class="goal-card" class:withdrawn=goal.withdrawn_reason.is_some()>
            <h3>{goal.what.clone()}</h3>
            <p class="muted">
                {move || i18n.fill(Msg::GoalBy, &[("date", &format_date(target, i18n.lang.get()))])}
                " · "
                <span class="badge" data-testid="goal-progress">
                    {move || match progress_on {
                        Some(on) => i18n.fill(Msg::GoalProgressOn, &[
                            ("progress", i18n.text(goal_progress_label(progress))),
                            ("date", &format_date(on, i18n.lang.get())),
                        ]),
                        None => i18n.text(goal_progress_label(progress)).to_string(),
                    }}
                </span>
            </p>
            {(!goal.why.is_empty()).then(|| view! {
                <h4>{t(Msg::GoalWhyLabel)}</h4>
                <p>{goal.why.clone()}</p>
            })}
            {(!goal.first_steps.is_empty()).then(|| view! {
                <h4>{t(Msg::FirstStepsLabel)}</h4>
                <p>{goal.first_steps.clone()}</p>
            })}
            {goal.withdrawn_reason.clone().map(|reason| view! {
                <p class="notice warning">{move || i18n.fill(Msg::WithdrawnBecause, &[("reason", &reason)])}</p>
            })}
        </article>
    }
}

/// `/pairs/ID/goals`, for the pair's manager.
#[component]
pub fn PairGoalsPage() -> impl IntoView {
    let pair = path_segment(1).and_then(|id| PairId::parse(&id).ok());
    let goals = Resource::new(
        move || pair,
        |pair| async move {
            match pair {
                Some(pair) => goals_of_pair(pair).await,
                None => Err(crate::api::AppError::NotFound),
            }
        },
    );
    view! {
        <section class="page wide goals">
            <Loaded resource=goals let:goals>
                <PairGoalsView goals/>
            </Loaded>
        </section>
    }
}

#[component]
fn PairGoalsView(goals: PairGoals) -> impl IntoView {
    let i18n = use_i18n();
    let title = {
        let (mentor, mentee) = (goals.mentor_name.clone(), goals.mentee_name.clone());
        move || {
            i18n.fill(
                Msg::PairGoalsTitle,
                &[("mentor", &mentor), ("mentee", &mentee)],
            )
        }
    };
    let revisions = goals.revisions;
    view! {
        <h1>{title}</h1>
        {goals.goals.is_empty().then(|| view! { <p class="empty">{t(Msg::NoGoalsYet)}</p> })}
        <ul class="goal-list">
            {goals.goals.into_iter().map(|goal| {
                let history: Vec<GoalRevisionView> = revisions
                    .iter()
                    .filter(|r| r.goal_id == goal.id)
                    .rev()
                    .cloned()
                    .collect();
                view! {
                    <li data-testid="goal">
                        <GoalCard goal/>
                        <details class="goal-history">
                            <summary>{t(Msg::GoalHistory)}</summary>
                            <ol reversed>
                                {history.into_iter().map(|r| {
                                    let on = r.created_at.date_naive();
                                    let (n, name) = (r.revision.to_string(), r.author_name.clone());
                                    let target = r.target_date;
                                    view! {
                                        <li data-testid="goal-revision">
                                            <p class="muted">
                                                {move || i18n.fill(Msg::GoalRevisionBy, &[
                                                    ("n", &n),
                                                    ("date", &format_date(on, i18n.lang.get())),
                                                    ("name", &name),
                                                ])}
                                            </p>
                                            <p>
                                                <strong>{r.what.clone()}</strong>
                                                " · "
                                                {move || i18n.fill(Msg::GoalBy, &[("date", &format_date(target, i18n.lang.get()))])}
                                            </p>
                                            {r.withdrawn_reason.clone().map(|reason| view! {
                                                <p class="notice warning">{move || i18n.fill(Msg::WithdrawnBecause, &[("reason", &reason)])}</p>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
