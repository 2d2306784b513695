//! Recruitment: the board of candidates by stage (mentees and mentors), the
//! registration form (Tool 1) with the profile, and each candidate's stage,
//! history and invitation to the app.

use crate::api::recruitment::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use crate::pages::invitations::{InviteButton, MadeInvitation};
use crate::pages::programmes::query_value;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/programmes/:id/recruitment?kind=mentor`.
#[component]
pub fn RecruitmentPage() -> impl IntoView {
    let Some(programme) = programme_param() else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    // The tabs change the query only: the board follows it.
    let query = use_query_map();
    let kind = Memo::new(move |_| {
        query
            .with(|q| q.get("kind"))
            .and_then(|k| CandidateKind::from_key(&k))
            .unwrap_or(CandidateKind::Mentee)
    });
    let board = Resource::new(move || (), move |_| recruitment_board(programme));
    view! {
        <Loaded resource=board let:board>
            <Board board kind/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn Board(board: RecruitmentData, kind: Memo<CandidateKind>) -> impl IntoView {
    let i18n = use_i18n();
    let programme = board.programme.id;
    let search = RwSignal::new(String::new());
    let tab = move |k: CandidateKind, msg: Msg| {
        view! {
            <a href=format!("/programmes/{programme}/recruitment?kind={}", k.key())
               aria-current=move || (k == kind.get()).then_some("page")>{t(msg)}</a>
        }
    };
    let shown = move |c: &Candidate| {
        let term = search.with(|s| s.trim().to_lowercase());
        c.kind == kind.get() && (term.is_empty() || c.name.to_lowercase().contains(&term))
    };
    let new_label = move || match kind.get() {
        CandidateKind::Mentee => Msg::NewMenteeCandidate,
        CandidateKind::Mentor => Msg::NewMentorCandidate,
    };
    let candidates = StoredValue::new(board.candidates);
    view! {
        <section class="page wide">
            <h1>{board.programme.settings.name.clone()}</h1>
            <ProgrammeTabs programme current=Msg::NavRecruitment/>
            <h2>{t(Msg::RecruitmentTitle)}</h2>
            <p class="lead">{t(Msg::RecruitmentIntro)}</p>
            <p class="no-print"><a href="/paper?tool=1">{t(Msg::PaperLink)}</a></p>
            <nav class="tabs small" aria-label=t(Msg::KindLabel)>
                {tab(CandidateKind::Mentee, Msg::CandidatesMentees)}
                {tab(CandidateKind::Mentor, Msg::CandidatesMentors)}
            </nav>
            <div class="toolbar">
                <div class="field">
                    <label for="candidate-search">{t(Msg::Search)}</label>
                    <input id="candidate-search" type="search" prop:value=search
                        on:input:target=move |ev| search.set(ev.target().value())/>
                </div>
                {board.manages.then(|| view! {
                    <a class="button primary" href=move || format!("/programmes/{programme}/candidates/new?kind={}", kind.get().key())>
                        {move || i18n.text(new_label())}
                    </a>
                })}
            </div>
            <div class="board">
                {Stage::ALL.iter().map(|stage| {
                    let stage = *stage;
                    let in_stage = move || candidates.with_value(|all| {
                        all.iter().filter(|c| c.stage == stage && shown(c)).cloned().collect::<Vec<_>>()
                    });
                    view! {
                        <section class="board-column" data-stage=stage.key() data-testid="stage">
                            <h3>
                                {t(labels::stage(stage))}
                                " "
                                <span class="count-badge">{move || in_stage().len()}</span>
                            </h3>
                            {move || {
                                let list = in_stage();
                                if list.is_empty() {
                                    return view! { <p class="muted small">{t(Msg::NoCandidates)}</p> }.into_any();
                                }
                                view! {
                                    <ul class="plain-list">
                                        {list.into_iter().map(|c| {
                                            let past = c.kind == CandidateKind::Mentee;
                                            view! {
                                                <li data-testid="candidate">
                                                    <a href=format!("/programmes/{programme}/candidates/{}", c.id)>{c.name.clone()}</a>
                                                    {(past && c.consent.is_none()).then(|| view! { " " <span class="badge">{t(Msg::NoConsentYet)}</span> })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }
                }).collect_view()}
            </div>
            <p class="muted">{move || i18n.text(Msg::Total)} ": " {move || candidates.with_value(|c| c.iter().filter(|c| c.kind == kind.get()).count())}</p>
        </section>
    }
}

/// `/programmes/:id/candidates/new?kind=` and `/programmes/:id/candidates/:cid`.
#[component]
pub fn CandidatePage() -> impl IntoView {
    let Some(programme) = programme_param() else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let id = path_segment(3).and_then(|c| CandidateId::parse(&c).ok());
    let kind = query_value("kind")
        .and_then(|k| CandidateKind::from_key(&k))
        .unwrap_or(CandidateKind::Mentee);
    let data = Resource::new(
        move || id,
        move |id| async move {
            match id {
                Some(id) => candidate_page(id)
                    .await
                    .map(|page| Either::Existing(Box::new(page))),
                None => recruitment_board(programme).await.map(Either::New),
            }
        },
    );
    // Kept above the page's data, so "saved" stays on screen after the page
    // shows what was saved.
    let notice = RwSignal::new(None);
    view! {
        <section class="page">
            <Loaded resource=data let:loaded>
                {match loaded {
                    Either::Existing(page) => view! { <CandidateDetails page=*page notice refetch=move || data.refetch()/> }.into_any(),
                    Either::New(board) if !board.manages => error_view(crate::api::AppError::Forbidden),
                    Either::New(board) => view! {
                        <RegistrationForm programme=board.programme candidate=None kind notice on_saved=move |_| {}/>
                    }.into_any(),
                }}
            </Loaded>
        </section>
    }
    .into_any()
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum Either {
    Existing(Box<CandidateData>),
    New(RecruitmentData),
}

#[component]
fn CandidateDetails(
    page: CandidateData,
    notice: RwSignal<Option<(bool, Msg)>>,
    refetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let c = page.candidate.clone();
    let programme = page.programme.id;
    view! {
        <p><a href=format!("/programmes/{programme}/recruitment?kind={}", c.kind.key())>{t(Msg::Back)}</a></p>
        <StagePanel candidate=c.clone() moves=page.moves.clone() manages=page.manages on_moved=refetch/>
        {(c.kind == CandidateKind::Mentor).then(|| view! { <super::screening::CandidateScreening candidate=c.id/> })}
        {page.manages.then(|| {
            let role = match c.kind {
                CandidateKind::Mentor => Role::Mentor,
                CandidateKind::Mentee => Role::Mentee,
            };
            let made = RwSignal::new(None);
            view! {
                <section class="invite-candidate">
                    <p class="muted">{t(if c.user_id.is_some() { Msg::HasAccount } else { Msg::NoAccount })}</p>
                    <InviteButton programme role candidate=Some(c.id) name=c.name.clone() label=Msg::InviteToApp made on_made=|| {}/>
                    {move || made.get().map(|invitation| view! { <MadeInvitation invitation/> })}
                </section>
            }
        })}
        {if page.manages {
            view! { <RegistrationForm programme=page.programme.clone() candidate=Some(c) kind=page.candidate.kind notice on_saved=move |_| refetch()/> }.into_any()
        } else {
            view! { <h1>{c.name.clone()}</h1> }.into_any()
        }}
    }
}

/// The candidate's stage, a move to another, and every move so far.
#[component]
fn StagePanel(
    candidate: Candidate,
    moves: Vec<StageMove>,
    manages: bool,
    on_moved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let from = candidate.stage;
    let id = candidate.id;
    let form = Form::new(MoveInput::default());
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate(from).map(|_| ()),
            move_candidate(id, input),
            move |_| on_moved(),
        );
    };
    let dropping = move || form.value.with(|v| v.to == Stage::Dropped.key());
    view! {
        <section class="stage-panel" aria-labelledby="stage-title">
            <h2 id="stage-title">
                {t(Msg::StageLabel)} ": " <span data-testid="current-stage">{t(labels::stage(from))}</span>
            </h2>
            {candidate.drop_reason.clone().map(|r| view! { <p class="muted">{r}</p> })}
            {manages.then(|| view! {
                <form class="form inline-form" novalidate on:submit=on_submit>
                    <FormNotice notice/>
                    <div class="field">
                        <label for="move-to">{t(Msg::MoveTo)}</label>
                        <select id="move-to" on:change:target=move |ev| form.value.update(|v| v.to = ev.target().value())>
                            <option value="">{t(Msg::ChooseOne)}</option>
                            {Stage::ALL.iter().filter(|s| from.can_move_to(**s)).map(|s| view! {
                                <option value=s.key()>{t(labels::stage(*s))}</option>
                            }).collect_view()}
                        </select>
                        <p class="field-error">{move || form.errors.with(|e| e.problem(Field::Stage)).map(|p| i18n.text(crate::i18n::problem_message(p)))}</p>
                    </div>
                    <Show when=dropping>
                        {form.textarea("move-reason", Msg::DropReasonLabel, Field::Reason, lens!(reason))}
                    </Show>
                    <button type="submit">{t(Msg::MoveButton)}</button>
                </form>
            })}
            <h3>{t(Msg::History)}</h3>
            <ol class="history">
                {moves.into_iter().map(|m| {
                    let at = m.at;
                    let by = m.by_name.clone();
                    view! {
                        <li>
                            <strong>{t(labels::stage(m.to))}</strong>
                            " · "
                            {move || i18n.fill(Msg::MovedBy, &[("date", &format_moment(at, i18n.lang.get())), ("name", &by)])}
                            {m.reason.map(|r| view! { " · " {r} })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The registration form (Tool 1) and the profile. Without consent only
/// the name is kept.
#[component]
fn RegistrationForm(
    programme: ProgrammeView,
    candidate: Option<Candidate>,
    kind: CandidateKind,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_saved: impl Fn(CandidateId) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = candidate.as_ref().map(|c| c.id);
    let programme_id = programme.id;
    let age_limit = programme.settings.child_age_limit;
    let initial = match &candidate {
        Some(c) => RegistrationInput::from_candidate(c),
        None => RegistrationInput {
            kind: kind.key().into(),
            ..RegistrationInput::default()
        },
    };
    let recorded = candidate.as_ref().and_then(|c| {
        c.consent
            .as_ref()
            .zip(c.consent_recorded_by.clone())
            .map(|(c, by)| (c.given_on, by))
    });
    let form = Form::new(initial);
    let ctx = RegistrationContext {
        today: crate::model::dates::local_today(),
        max_mentees: programme.settings.max_mentees,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        let navigate = navigate.clone();
        form.save(
            notice,
            input.validate(&ctx).map(|_| ()),
            save_candidate(programme_id, id, input),
            move |saved| {
                notice.set(Some((true, Msg::CandidateSaved)));
                if id.is_none() {
                    navigate(
                        &format!("/programmes/{programme_id}/candidates/{saved}"),
                        Default::default(),
                    );
                } else {
                    on_saved(saved);
                }
            },
        );
    };
    let consented = move || form.value.with(|v| v.consent == "yes");
    let mentee = kind == CandidateKind::Mentee;
    let title = if mentee {
        Msg::RegistrationTitle
    } else {
        Msg::MentorRegistrationTitle
    };
    let past_scope = move || {
        form.value
            .with(|v| crate::model::child_past_scope(v.child_age.trim().parse().ok(), age_limit))
    };
    view! {
        <h1>{t(title)}</h1>
        <form class="form registration" novalidate on:submit=on_submit>
            <FormNotice notice/>
            {form.input("candidate-name", if mentee { Msg::MenteeNameLabel } else { Msg::NameLabel }, Field::Name, "text", lens!(name))}
            <fieldset class="field consent">
                <legend>{t(Msg::ConsentLabel)}</legend>
                <p class="muted">{t(Msg::ConsentNote)}</p>
                {[("yes", Msg::ConsentGiven), ("no", Msg::ConsentNotYet)].into_iter().map(|(value, msg)| {
                    let id = format!("consent-{value}");
                    view! {
                        <div class="choice">
                            <input type="radio" name="consent" id=id.clone() value=value
                                prop:checked=move || form.value.with(|v| if value == "yes" { v.consent == "yes" } else { v.consent != "yes" })
                                on:change=move |_| form.value.update(|v| v.consent = value.to_string())/>
                            <label for=id>{t(msg)}</label>
                        </div>
                    }
                }).collect_view()}
                {recorded.clone().map(|(on, by)| view! {
                    <p class="muted">{move || i18n.fill(Msg::ConsentRecordedBy, &[("name", &by), ("date", &format_date(on, i18n.lang.get()))])}</p>
                })}
            </fieldset>
            <Show when=consented>
                {form.input("consent-on", Msg::ConsentOnLabel, Field::ConsentOn, "date", lens!(consent_on))}
                {form.select::<ConsentHow>("consent-how", Msg::ConsentHowLabel, Field::ConsentHow, labels::consent_how, true, lens!(consent_how))}
                {form.select::<Gender>("candidate-gender", Msg::GenderLabel, Field::Gender, labels::gender, true, lens!(gender))}
                {form.input("candidate-age", Msg::AgeLabel, Field::Age, "number", lens!(age))}
                {mentee.then(|| view! {
                    {form.select::<RoleWithChild>("candidate-role", Msg::RoleWithChildLabel, Field::RoleWithChild, labels::role_with_child, true, lens!(role_with_child))}
                    {form.input("candidate-child-age", Msg::ChildAgeLabel, Field::ChildAge, "number", lens!(child_age))}
                    <Show when=past_scope>
                        <p class="notice warning" role="status">{move || i18n.fill(Msg::ChildPastScope, &[("age", &age_limit.to_string())])}</p>
                    </Show>
                })}
                {form.input("candidate-background", Msg::BackgroundLabel, Field::Background, "text", lens!(background))}
                {form.select::<Employment>("candidate-employment", Msg::EmploymentLabel, Field::Employment, labels::employment, true, lens!(employment))}
                {form.input("candidate-languages", Msg::LanguagesLabel, Field::Languages, "text", lens!(languages))}
                {form.input("candidate-area", Msg::AreaLabel, Field::Area, "text", lens!(area))}
                {form.input("candidate-phone", Msg::PhoneLabel, Field::Phone, "tel", lens!(phone))}
                {form.select::<ContactWay>("candidate-contact-way", Msg::ContactWayLabel, Field::ContactWay, labels::contact_way, true, lens!(contact_way))}
                <fieldset class="field">
                    <legend>{t(Msg::AvailabilityLabel)}</legend>
                    {Slot::ALL.iter().map(|slot| {
                        let key = slot.key();
                        let id = format!("slot-{key}");
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || form.value.with(|v| v.availability.iter().any(|s| s == key))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        form.value.update(|v| {
                                            v.availability.retain(|s| s != key);
                                            if on { v.availability.push(key.to_string()); }
                                        })
                                    }/>
                                <label for=id>{t(labels::slot(*slot))}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                {mentee.then(|| view! {
                    {form.input("candidate-school", Msg::SchoolLabel, Field::School, "text", lens!(school))}
                    {form.input("candidate-class", Msg::ClassLabel, Field::ClassName, "text", lens!(class_name))}
                })}
                {(!mentee).then(|| view! {
                    {form.checkbox("candidate-parent", Msg::IsParentLabel, Field::IsParent, lens!(is_parent))}
                    {form.input("candidate-max-mentees", Msg::MentorMaxMenteesLabel, Field::MaxMentees, "number", lens!(max_mentees))}
                })}
                {form.textarea("candidate-heard", Msg::HeardFromLabel, Field::HeardFrom, lens!(heard_from))}
            </Show>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::Save)}</button>
            </div>
        </form>
    }
}
