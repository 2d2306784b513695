//! Matching: suggestions that explain themselves (administrative matching),
//! the speed-meeting's choices and the proposed assignment (preference
//! matching), and the programme's pairs.

use crate::api::journey::*;
use crate::api::matching::*;
use crate::api::office::change_pair;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `/programmes/:id/matching`.
#[component]
pub fn MatchingPage() -> impl IntoView {
    let Some(programme) = programme_param() else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let data = Resource::new(move || (), move |_| matching_page(programme));
    let refetch = move || data.refetch();
    // Kept above the page's data, so "matched" stays on screen after the
    // page shows the new pairs.
    let notice = RwSignal::new(None);
    view! {
        <Loaded resource=data let:page>
            <Matching page notice refetch/>
        </Loaded>
    }
    .into_any()
}

/// The message of a reason, singular or plural as its number asks.
fn reason_msg(reason: &ScoreReason) -> Msg {
    match reason {
        ScoreReason::SharedLanguage(_) => Msg::ReasonSharedLanguage,
        ScoreReason::SameArea => Msg::ReasonSameArea,
        ScoreReason::SharedTimes(1) => Msg::ReasonSharedTime,
        ScoreReason::SharedTimes(_) => Msg::ReasonSharedTimes,
        ScoreReason::PeerMentor => Msg::ReasonPeerMentor,
        ScoreReason::ProfessionalMentor => Msg::ReasonProfessionalMentor,
        ScoreReason::TypologyMismatch => Msg::ReasonTypologyMismatch,
        ScoreReason::FreePlaces(1) => Msg::ReasonFreePlace,
        ScoreReason::FreePlaces(_) => Msg::ReasonFreePlaces,
    }
}

fn reason_text(reason: &ScoreReason, i18n: crate::i18n::I18n) -> String {
    let msg = reason_msg(reason);
    match reason {
        ScoreReason::SharedLanguage(l) => i18n.fill(msg, &[("language", l)]),
        ScoreReason::SharedTimes(n) | ScoreReason::FreePlaces(n) => {
            i18n.fill(msg, &[("n", &n.to_string())])
        }
        _ => i18n.text(msg).into(),
    }
}

#[component]
fn Matching(
    page: MatchingData,
    notice: RwSignal<Option<(bool, Msg)>>,
    refetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let programme = page.programme.id;
    let confirm_pairs = move |matches: Vec<(CandidateId, CandidateId)>| {
        spawn_local(async move {
            match confirm_matches(programme, matches).await {
                Ok(_) => {
                    notice.set(Some((true, Msg::Matched)));
                    refetch();
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    let waiting: Vec<MatchProfile> = page.mentees.iter().map(|(m, _)| m.clone()).collect();
    view! {
        <section class="page wide">
            <h1>{page.programme.settings.name.clone()}</h1>
            <ProgrammeTabs programme current=Msg::NavMatching/>
            <h2>{t(Msg::MatchingTitle)}</h2>
            <p class="lead">{t(Msg::MatchingIntro)}</p>
            <FormNotice notice/>
            {(!page.not_ready.is_empty()).then(|| {
                let names = page.mentors.clone();
                view! {
                    <section class="notice warning" data-testid="not-ready" aria-labelledby="not-ready-title">
                        <h3 id="not-ready-title">{t(Msg::MentorsNotReady)}</h3>
                        <ul>
                            {page.not_ready.clone().into_iter().map(|(id, missing)| {
                                let name = names.iter().find(|m| m.id == id).map(|m| m.name.clone()).unwrap_or_default();
                                let programme_id = page.programme.id;
                                view! {
                                    <li>
                                        <a href=format!("/programmes/{programme_id}/candidates/{id}")>{name}</a>
                                        ": "
                                        {missing.into_iter().map(|r| {
                                            let kind = r.kind;
                                            let label = r.label.clone();
                                            view! {
                                                <span class="badge challenge">
                                                    {move || if label.is_empty() { crate::i18n::use_i18n().text(crate::i18n::labels::check_kind(kind)).to_string() } else { label.clone() }}
                                                </span>
                                                " "
                                            }
                                        }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            <section aria-labelledby="admin-matching">
                <h3 id="admin-matching">{t(Msg::AdministrativeMatching)}</h3>
                {if page.mentors.is_empty() {
                    view! { <p class="empty">{t(Msg::NoAcceptedMentors)}</p> }.into_any()
                } else if page.mentees.is_empty() {
                    view! { <p class="empty">{t(Msg::NobodyWaiting)}</p> }.into_any()
                } else {
                    page.mentees.clone().into_iter().map(|(mentee, suggestions)| view! {
                        <MenteeSuggestions mentee suggestions manages=page.manages on_match=confirm_pairs/>
                    }).collect_view().into_any()
                }}
            </section>
            {(page.manages && !page.mentors.is_empty() && !waiting.is_empty()).then(|| view! {
                <Preferences
                    programme
                    mentors=page.mentors.clone()
                    mentees=waiting.clone()
                    preferences=page.preferences.clone()
                    on_confirm=confirm_pairs
                />
            })}
            <PairsList pairs=page.pairs managers=page.managers manages=page.manages notice on_changed=refetch/>
        </section>
    }
}

#[component]
fn MenteeSuggestions(
    mentee: MatchProfile,
    suggestions: Vec<Suggestion>,
    manages: bool,
    on_match: impl Fn(Vec<(CandidateId, CandidateId)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let mentee_id = mentee.id;
    view! {
        <article class="suggestions" data-testid="mentee-suggestions">
            <h4>{mentee.name.clone()}</h4>
            <ol class="plain-list">
                {suggestions.into_iter().map(|s| {
                    let reasons = s.reasons.clone();
                    let mentor = s.mentor;
                    let name = s.name.clone();
                    let available = s.available;
                    view! {
                        <li class="suggestion" class:full=!available>
                            <strong>{s.name.clone()}</strong>
                            " · " {move || i18n.fill(Msg::ScoreValue, &[("n", &s.score.to_string())])}
                            <span class="muted">" · " {move || reasons.iter().map(|r| reason_text(r, i18n)).collect::<Vec<_>>().join(", ")}</span>
                            {(!available).then(|| view! { " · " <span class="badge">{t(Msg::NoFreePlace)}</span> })}
                            {(manages && available).then(|| {
                                let name = name.clone();
                                view! {
                                    " "
                                    <button type="button" class="small" on:click=move |_| {
                                        if confirm(&i18n.fill(Msg::MatchWith, &[("name", &name)])) {
                                            on_match(vec![(mentee_id, mentor)]);
                                        }
                                    }>{move || i18n.fill(Msg::MatchWith, &[("name", &s.name)])}</button>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </article>
    }
}

/// The speed-meeting: each person's choices, then the proposal.
#[component]
fn Preferences(
    programme: ProgrammeId,
    mentors: Vec<MatchProfile>,
    mentees: Vec<MatchProfile>,
    preferences: crate::model::Preferences,
    on_confirm: impl Fn(Vec<(CandidateId, CandidateId)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let proposal = RwSignal::new(None::<Vec<ProposedPair>>);
    let notice = RwSignal::new(None);
    let names: Vec<(CandidateId, String)> = mentors
        .iter()
        .chain(mentees.iter())
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let names = StoredValue::new(names);
    let name_of = move |id: CandidateId| {
        names.with_value(|n| {
            n.iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        })
    };
    let on_propose = move |_| {
        spawn_local(async move {
            match propose_matching(programme).await {
                Ok(pairs) if pairs.is_empty() => notice.set(Some((false, Msg::NothingToPropose))),
                Ok(pairs) => {
                    notice.set(None);
                    proposal.set(Some(pairs));
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    let mentor_options: Vec<(CandidateId, String)> =
        mentors.iter().map(|m| (m.id, m.name.clone())).collect();
    let mentee_options: Vec<(CandidateId, String)> =
        mentees.iter().map(|m| (m.id, m.name.clone())).collect();
    let rank_text = move |rank: Option<u32>| {
        rank.map(|r| r.to_string())
            .unwrap_or_else(|| i18n.text(Msg::NotRanked).into())
    };
    let mentor_choices = StoredValue::new(mentor_options.clone());
    view! {
        <section aria-labelledby="preference-matching">
            <h3 id="preference-matching">{t(Msg::PreferenceMatching)}</h3>
            <div class="rankings">
                {mentees.iter().map(|m| {
                    let ranked = crate::model::Preferences::ranking(&preferences.mentees, m.id);
                    view! { <Ranking programme chooser=m.id name=m.name.clone() options=mentor_options.clone() ranked/> }
                }).collect_view()}
                {mentors.iter().map(|m| {
                    let ranked = crate::model::Preferences::ranking(&preferences.mentors, m.id);
                    view! { <Ranking programme chooser=m.id name=m.name.clone() options=mentee_options.clone() ranked/> }
                }).collect_view()}
            </div>
            <p><button type="button" class="primary" on:click=on_propose>{t(Msg::ProposeMatching)}</button></p>
            <FormNotice notice/>
            {move || proposal.get().map(|pairs| {
                let chosen = RwSignal::new(pairs.iter().map(|p| (p.mentee, p.mentor)).collect::<Vec<_>>());
                view! {
                    <section class="proposal" aria-labelledby="proposal-title" data-testid="proposal">
                        <h4 id="proposal-title">{t(Msg::ProposalTitle)}</h4>
                        <p class="lead">{t(Msg::ProposalIntro)}</p>
                        <ul class="plain-list">
                            {pairs.into_iter().map(|p| {
                                let mentee = p.mentee;
                                let select_id = format!("proposal-{mentee}");
                                view! {
                                    <li class="inline-form" data-testid="proposed-pair">
                                        <label for=select_id.clone()>{name_of(mentee)}</label>
                                        <select id=select_id on:change:target=move |ev| {
                                            if let Ok(mentor) = CandidateId::parse(&ev.target().value()) {
                                                chosen.update(|c| if let Some(e) = c.iter_mut().find(|(m, _)| *m == mentee) { e.1 = mentor });
                                            }
                                        }>
                                            {mentor_choices.get_value().into_iter().map(|(id, name)| view! {
                                                <option value=id.to_string() selected=id == p.mentor>{name}</option>
                                            }).collect_view()}
                                        </select>
                                        <span class="muted">
                                            {move || i18n.fill(Msg::MenteeGave, &[("rank", &rank_text(p.mentee_rank))])}
                                            " · "
                                            {move || i18n.fill(Msg::MentorGave, &[("rank", &rank_text(p.mentor_rank))])}
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <button type="button" class="primary" on:click=move |_| on_confirm(chosen.get_untracked())>
                            {t(Msg::ConfirmProposal)}
                        </button>
                    </section>
                }
            })}
        </section>
    }
}

/// One person's choices, best first.
#[component]
fn Ranking(
    programme: ProgrammeId,
    chooser: CandidateId,
    name: String,
    options: Vec<(CandidateId, String)>,
    ranked: Vec<CandidateId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slots = options.len();
    let choices = RwSignal::new(
        (0..slots)
            .map(|i| ranked.get(i).copied())
            .collect::<Vec<_>>(),
    );
    let notice = RwSignal::new(None);
    let options = StoredValue::new(options);
    let on_save = move |_| {
        let list: Vec<CandidateId> = choices.get_untracked().into_iter().flatten().collect();
        spawn_local(async move {
            match save_preferences(programme, chooser, list).await {
                Ok(()) => notice.set(Some((true, Msg::Saved))),
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    let title = name.clone();
    view! {
        <fieldset class="field ranking" data-testid="ranking">
            <legend>{move || i18n.fill(Msg::PreferencesOf, &[("name", &title)])}</legend>
            {(0..slots).map(|i| {
                let select_id = format!("rank-{chooser}-{i}");
                view! {
                    <div class="inline-form">
                        <label for=select_id.clone()>{move || i18n.fill(Msg::RankLabel, &[("n", &(i + 1).to_string())])}</label>
                        <select id=select_id on:change:target=move |ev| {
                            let value = CandidateId::parse(&ev.target().value()).ok();
                            choices.update(|c| c[i] = value);
                        }>
                            <option value="">{t(Msg::ChooseOne)}</option>
                            {options.get_value().into_iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=move || choices.with(|c| c[i] == Some(id))>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
            <div class="form-actions">
                <button type="button" on:click=on_save>{t(Msg::SavePreferences)}</button>
                <FormNotice notice/>
            </div>
        </fieldset>
    }
}

#[component]
fn PairsList(
    pairs: Vec<PairRow>,
    managers: Vec<(UserId, String)>,
    manages: bool,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <section aria-labelledby="pairs-title">
            <h3 id="pairs-title">{t(Msg::PairsTitle)}</h3>
            {if pairs.is_empty() {
                view! { <p class="empty">{t(Msg::NoneYet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list pairs">
                        {pairs.into_iter().map(|pair| view! { <PairItem pair managers=managers.clone() manages notice on_changed/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// What the manager did last to a pair, shown on the page after it reloads.
fn done(
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
    msg: Msg,
) {
    notice.set(Some((true, msg)));
    on_changed();
}

/// One pair: its state on the journey and what the manager can do next.
#[component]
fn PairItem(
    pair: PairRow,
    managers: Vec<(UserId, String)>,
    manages: bool,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = pair.id;
    let journey = pair.journey.clone();
    let end = pair.planned_end_on;
    let past_end = pair.status == PairStatus::Active
        && end.is_some_and(|end| end < crate::model::dates::local_today());
    let badge = match pair.status {
        PairStatus::GettingToKnow => Msg::PairGettingToKnowBadge,
        PairStatus::Active => Msg::PairActiveBadge,
        PairStatus::Ended => Msg::PairEndedBadge,
    };
    let answer_text = move |side: Side| {
        let answer = journey.answers.iter().find(|a| a.side == side).cloned();
        let template = match side {
            Side::Mentor => Msg::AnswerOfMentor,
            Side::Mentee => Msg::AnswerOfMentee,
        };
        move || {
            let text = match &answer {
                None => i18n.text(Msg::NotAnsweredYet).to_string(),
                Some(a) if a.go_on => i18n.text(Msg::AnswerYes).to_string(),
                Some(a) => i18n.fill(
                    Msg::AnswerNo,
                    &[("reason", a.reason.as_deref().unwrap_or(""))],
                ),
            };
            i18n.fill(template, &[("answer", &text)])
        }
    };
    let journey = pair.journey.clone();
    let both_yes = both_go_on(&journey.answers);
    let manager_name = pair.manager.1.clone();
    let changes = pair.changes.clone();
    let ended = journey.ended_on.zip(journey.end_kind);
    view! {
        <li data-testid="pair" class="pair-row">
            <p>
                <strong>{pair.mentee_name.clone()}</strong> " · " {pair.mentor_name.clone()}
                " " <span class="badge">{t(badge)}</span>
                {past_end.then(|| view! { " " <span class="badge warning">{t(Msg::PastPlannedEnd)}</span> })}
                {end.filter(|_| pair.status != PairStatus::Ended).map(|end| view! { " · " <span class="muted">{move || i18n.fill(Msg::PlannedEnd, &[("date", &format_date(end, i18n.lang.get()))])}</span> })}
                {journey.previous.map(|_| view! { " · " <span class="muted">{t(Msg::ContinuesEarlierPair)}</span> })}
                " · " <span class="muted">{move || i18n.fill(Msg::ManagedBy, &[("name", &manager_name)])}</span>
                {(manages && pair.status != PairStatus::GettingToKnow).then(|| view! {
                    " · " <a href=format!("/pairs/{id}/reports")>{t(Msg::ReportsLink)}</a>
                    " · " <a href=format!("/pairs/{id}/goals")>{t(Msg::GoalsLink)}</a>
                })}
            </p>
            {(pair.status == PairStatus::GettingToKnow).then(|| view! {
                <p class="muted">{answer_text(Side::Mentor)} " · " {answer_text(Side::Mentee)}</p>
                {manages.then(|| view! {
                    <div class="actions">
                        <button type="button" class="primary small" disabled=!both_yes
                            on:click=move |_| spawn_local(async move {
                                match confirm_pair(id).await {
                                    Ok(()) => done(notice, on_changed, Msg::PairConfirmed),
                                    Err(error) => notice.set(Some((false, error.message()))),
                                }
                            })>{t(Msg::ConfirmPair)}</button>
                        <MenteeAnswer pair=id notice on_changed/>
                        <EndGettingToKnow pair=id notice on_changed/>
                    </div>
                })}
            })}
            {journey.end_asked.clone().filter(|_| pair.status != PairStatus::Ended).map(|(on, reason)| view! {
                <p class="notice warning" data-testid="end-asked">
                    {move || i18n.fill(Msg::EndAskedByMentee, &[("date", &format_date(on, i18n.lang.get()))])}
                    {(!reason.is_empty()).then(|| view! { ": " {reason.clone()} })}
                </p>
            })}
            {(pair.status == PairStatus::Active && manages).then(|| view! {
                <ClosePairForm pair=id started=pair.started_on notice on_changed/>
            })}
            {(pair.status != PairStatus::Ended && manages).then(|| view! {
                <ChangePairForm pair=pair.clone() managers notice on_changed/>
            })}
            {(!changes.is_empty()).then(|| view! { <PairChanges changes/> })}
            {ended.map(|(on, kind)| {
                let reason = journey.drop_reason;
                let details = journey.end_details.clone();
                let proposable = manages && kind == EndKind::Completed && !journey.proposed_as_mentor;
                view! {
                    <p class="muted" data-testid="pair-end">
                        {move || i18n.fill(Msg::EndedAs, &[("date", &format_date(on, i18n.lang.get())), ("outcome", i18n.text(labels::end_kind(kind)))])}
                        {reason.map(|r| view! { " · " {t(labels::drop_reason(r))} })}
                        {details.map(|d| view! { " · " {d} })}
                        {journey.continues.then(|| view! { " · " {t(Msg::GoesOnNote)} })}
                        {journey.proposed_as_mentor.then(|| view! { " · " {t(Msg::ProposedAsMentor)} })}
                    </p>
                    {proposable.then(|| view! {
                        <button type="button" class="small"
                            on:click=move |_| spawn_local(async move {
                                match propose_as_mentor(id).await {
                                    Ok(_) => done(notice, on_changed, Msg::ProposedAsMentor),
                                    Err(error) => notice.set(Some((false, error.message()))),
                                }
                            })>{t(Msg::ProposeAsMentor)}</button>
                    })}
                }
            })}
        </li>
    }
}

/// The manager records a mentee's answer (a mentee without a device tells
/// the manager).
#[component]
fn MenteeAnswer(
    pair: PairId,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let form = Form::new(ConfirmationInput::default());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            answer_getting_to_know(pair, Side::Mentee, input),
            move |_| done(notice, on_changed, Msg::Saved),
        );
    };
    view! {
        <button type="button" class="small" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{t(Msg::RecordMenteeAnswer)}</button>
        <Show when=move || open.get()>
            <form class="form inline-form" novalidate on:submit=on_submit>
                <div class="field">
                    <label for=format!("mentee-answer-{pair}")>{t(Msg::GoOnTitle)}</label>
                    <select id=format!("mentee-answer-{pair}") on:change:target=move |ev| form.value.update(|v| v.go_on = ev.target().value())>
                        <option value="">{t(Msg::ChooseOne)}</option>
                        <option value="yes">{t(Msg::GoOnYes)}</option>
                        <option value="no">{t(Msg::GoOnNo)}</option>
                    </select>
                </div>
                {form.input(&format!("mentee-answer-{pair}-reason"), Msg::EndReasonLabel, Field::Reason, "text", lens!(reason))}
                <button type="submit">{t(Msg::Save)}</button>
            </form>
        </Show>
    }
}

/// Ends a pair still getting to know each other, with the reason.
#[component]
fn EndGettingToKnow(
    pair: PairId,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let ending = RwSignal::new(false);
    let on_end = move |_| {
        if !confirm(i18n.text(Msg::ConfirmEndPair)) {
            return;
        }
        let text = reason.get_untracked();
        spawn_local(async move {
            match end_getting_to_know(pair, text).await {
                Ok(()) => done(notice, on_changed, Msg::PairClosed),
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    view! {
        <button type="button" class="small" on:click=move |_| ending.set(true)>{t(Msg::EndPair)}</button>
        <Show when=move || ending.get()>
            <div class="inline-form">
                <label for=format!("end-{pair}")>{t(Msg::EndReasonLabel)}</label>
                <input id=format!("end-{pair}") type="text" on:input:target=move |ev| reason.set(ev.target().value())/>
                <button type="button" class="danger" on:click=on_end>{t(Msg::EndPair)}</button>
            </div>
        </Show>
    }
}

/// Changes a pair's manager or moves its planned end, with the reason.
#[component]
fn ChangePairForm(
    pair: PairRow,
    managers: Vec<(UserId, String)>,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let id = pair.id;
    let now = (pair.manager.0, pair.planned_end_on);
    let started = pair.started_on;
    let form = Form::new(PairChangeInput {
        manager: pair.manager.0.to_string(),
        planned_end_on: pair
            .planned_end_on
            .map(crate::model::dates::format_iso_date)
            .unwrap_or_default(),
        reason: String::new(),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate(started, now).map(|_| ()),
            change_pair(id, input),
            move |_| done(notice, on_changed, Msg::PairChanged),
        );
    };
    let p = move |suffix: &str| format!("change-{id}-{suffix}");
    let problem = move || {
        form.errors
            .with(|e| e.problem(Field::Manager))
            .map(|p| i18n.text(crate::i18n::problem_message(p)))
    };
    view! {
        <button type="button" class="small" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{t(Msg::ChangePair)}</button>
        <Show when=move || open.get()>
            <form class="form change-pair" novalidate on:submit=on_submit>
                <div class="field" class:has-error=move || problem().is_some()>
                    <label for=p("manager")>{t(Msg::PairManagerLabel)}</label>
                    <select id=p("manager") aria-describedby=p("manager-error")
                        aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                        on:change:target=move |ev| form.value.update(|v| v.manager = ev.target().value())>
                        {managers.clone().into_iter().map(|(manager, name)| {
                            let key = manager.to_string();
                            let selected = manager == now.0;
                            view! { <option value=key selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id=p("manager-error")>{problem}</p>
                </div>
                {form.input(&p("end"), Msg::PlannedEndLabel, Field::PlannedEnd, "date", lens!(planned_end_on))}
                {form.textarea(&p("reason"), Msg::ChangeReasonLabel, Field::Reason, lens!(reason))}
                <button type="submit">{t(Msg::Save)}</button>
            </form>
        </Show>
    }
}

/// A pair's changes of manager and planned end, oldest first, each with
/// when, who and why.
#[component]
fn PairChanges(changes: Vec<PairChangeView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="pair-changes" data-testid="pair-changes">
            <summary>{t(Msg::PairChangesTitle)} " (" {changes.len()} ")"</summary>
            <ul class="plain-list">
                {changes.into_iter().map(|change| view! {
                    <li>{move || {
                        let lang = i18n.lang.get();
                        let mut what = Vec::new();
                        if let Some((from, to)) = &change.manager {
                            what.push(i18n.fill(Msg::PairChangeManager, &[("from", from), ("to", to)]));
                        }
                        if let Some((from, to)) = change.planned_end {
                            let from = from.map(|d| format_date(d, lang)).unwrap_or_else(|| "—".into());
                            what.push(i18n.fill(Msg::PairChangeEnd, &[("from", &from), ("to", &format_date(to, lang))]));
                        }
                        i18n.fill(Msg::PairChangeBy, &[
                            ("date", &format_moment_short(change.changed_at, lang)),
                            ("name", &change.changed_by),
                            ("what", &what.join(", ")),
                            ("reason", &change.reason),
                        ])
                    }}</li>
                }).collect_view()}
            </ul>
        </details>
    }
}

/// Closes an active pair: completed or dropped out, when, why, and whether
/// the mentee goes on with a new mentor.
#[component]
fn ClosePairForm(
    pair: PairId,
    started: chrono::NaiveDate,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let today = crate::model::dates::local_today();
    let form = Form::new(ClosureInput {
        ended_on: crate::model::dates::format_iso_date(today),
        ..ClosureInput::default()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        if !confirm(i18n.text(Msg::ConfirmClosePair)) {
            return;
        }
        form.save(
            notice,
            input.validate(started, today).map(|_| ()),
            close_pair(pair, input),
            move |_| done(notice, on_changed, Msg::PairClosed),
        );
    };
    let dropped = move || form.value.with(|v| v.outcome == EndKind::DroppedOut.key());
    let p = move |suffix: &str| format!("close-{pair}-{suffix}");
    view! {
        <button type="button" class="small" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{t(Msg::ClosePair)}</button>
        <Show when=move || open.get()>
            <form class="form close-pair" novalidate on:submit=on_submit>
                <div class="field">
                    <label for=p("outcome")>{t(Msg::OutcomeLabel)}</label>
                    <select id=p("outcome") on:change:target=move |ev| form.value.update(|v| v.outcome = ev.target().value())>
                        <option value="">{t(Msg::ChooseOne)}</option>
                        <option value=EndKind::Completed.key()>{t(Msg::EndCompleted)}</option>
                        <option value=EndKind::DroppedOut.key()>{t(Msg::EndDroppedOut)}</option>
                    </select>
                    <p class="field-error">{move || form.errors.with(|e| e.problem(Field::Outcome)).map(|p| i18n.text(crate::i18n::problem_message(p)))}</p>
                </div>
                <Show when=dropped>
                    {form.select::<DropReason>(&p("reason"), Msg::PairDropReasonLabel, Field::DropReason, labels::drop_reason, true, lens!(drop_reason))}
                </Show>
                {form.textarea(&p("details"), Msg::EndDetailsLabel, Field::Reason, lens!(details))}
                {form.input(&p("on"), Msg::EndedOnLabel, Field::EndedOn, "date", lens!(ended_on))}
                {form.checkbox(&p("continues"), Msg::ContinuesLabel, Field::Continues, lens!(continues))}
                <button type="submit" class="danger">{t(Msg::ClosePair)}</button>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shared_time_and_one_free_place_are_said_in_the_singular() {
        assert_eq!(
            reason_msg(&ScoreReason::SharedTimes(1)),
            Msg::ReasonSharedTime
        );
        assert_eq!(
            reason_msg(&ScoreReason::SharedTimes(3)),
            Msg::ReasonSharedTimes
        );
        assert_eq!(
            reason_msg(&ScoreReason::FreePlaces(1)),
            Msg::ReasonFreePlace
        );
        assert_eq!(
            reason_msg(&ScoreReason::FreePlaces(2)),
            Msg::ReasonFreePlaces
        );
        assert_eq!(
            Msg::ReasonFreePlace.fill(crate::i18n::Lang::Ro, &[("n", "1")]),
            "1 loc liber"
        );
    }
}
