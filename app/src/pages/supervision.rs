//! `/programmes/:id/supervision`: the manager's check-in calls to the
//! mentors (and which new mentors have had none), and the group meetings
//! with the mentors, their agenda proposed from the challenges in the
//! meeting logs (the mentor's words, never the mentee's name).

use crate::api::supervision::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SupervisionPage() -> impl IntoView {
    let Some(programme) = programme_param() else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let data = Resource::new(move || (), move |_| supervision_page(programme));
    let refetch = move || data.refetch();
    view! {
        <Loaded resource=data let:page>
            <Supervision page refetch/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn Supervision(
    page: Supervision,
    refetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let programme = page.programme_id;
    let today = page.today;
    let waiting: Vec<MentorCheckIns> = page
        .mentors
        .iter()
        .filter(|m| m.needs_check_in(today))
        .cloned()
        .collect();
    let names: Vec<(UserId, String)> = page
        .mentors
        .iter()
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let proposed = page.proposed.clone();
    view! {
        <section class="page wide">
            <h1>{page.programme_name.clone()}</h1>
            <ProgrammeTabs programme current=Msg::NavSupervision/>
            <h2>{t(Msg::SupervisionTitle)}</h2>
            <p class="lead">{t(Msg::SupervisionIntro)}</p>

            <section aria-labelledby="check-ins-title">
                <h2 id="check-ins-title">{t(Msg::CheckInsTitle)}</h2>
                {if waiting.is_empty() {
                    view! { <p class="muted">{t(Msg::EveryNewMentorCheckedIn)}</p> }.into_any()
                } else {
                    view! {
                        <div class="notice warning" data-testid="no-check-in">
                            <p>{t(Msg::NewMentorsWithoutCheckIn)}</p>
                            <ul>{waiting.into_iter().map(|m| {
                                let since = m.first_pair_on;
                                view! { <li>{m.name} " · " {move || since.map(|d| i18n.fill(Msg::MatchedOn, &[("date", &format_date(d, i18n.lang.get()))])).unwrap_or_default()}</li> }
                            }).collect_view()}</ul>
                        </div>
                    }
                    .into_any()
                }}
                <CheckInForm programme mentors=names.clone() on_saved=refetch/>
                <MentorsTable mentors=page.mentors.clone()/>
                {if page.check_ins.is_empty() {
                    view! { <p class="empty">{t(Msg::NoCheckInsYet)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="check-ins">
                            {page.check_ins.into_iter().map(|check_in| view! {
                                <CheckInItem programme check_in mentors=names.clone() on_saved=refetch/>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </section>

            <section aria-labelledby="group-meetings-title">
                <h2 id="group-meetings-title">{t(Msg::GroupMeetingsTitle)}</h2>
                <p class="lead">{t(Msg::GroupMeetingsIntro)}</p>
                <MeetingForm programme mentors=names.clone() on_saved=refetch/>
                {if page.meetings.is_empty() {
                    view! { <p class="empty">{t(Msg::NoGroupMeetingsYet)}</p> }.into_any()
                } else {
                    page.meetings.into_iter().map(|meeting| view! {
                        <GroupMeeting programme meeting mentors=names.clone() proposed=proposed.clone() on_saved=refetch/>
                    }).collect_view().into_any()
                }}
            </section>
        </section>
    }
}

#[component]
fn MentorsTable(mentors: Vec<MentorCheckIns>) -> impl IntoView {
    let i18n = use_i18n();
    (!mentors.is_empty()).then(|| view! {
        <table class="responsive">
            <thead>
                <tr>
                    <th scope="col">{t(Msg::MentorLabel)}</th>
                    <th scope="col">{t(Msg::ColFirstPair)}</th>
                    <th scope="col">{t(Msg::ColCheckIns)}</th>
                    <th scope="col">{t(Msg::ColLastCheckIn)}</th>
                </tr>
            </thead>
            <tbody>
                {mentors.into_iter().map(|m| {
                    let (first, last) = (m.first_pair_on, m.last_check_in);
                    view! {
                        <tr>
                            <th scope="row">{m.name}</th>
                            <td data-label=t(Msg::ColFirstPair)>{move || first.map(|d| format_date(d, i18n.lang.get())).unwrap_or_default()}</td>
                            <td data-label=t(Msg::ColCheckIns)>{m.check_ins}</td>
                            <td data-label=t(Msg::ColLastCheckIn)>{move || last.map(|d| format_date(d, i18n.lang.get())).unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// A choice of one of the programme's mentors.
fn mentor_select(
    prefix: String,
    form: Form<CheckInInput>,
    mentors: Vec<(UserId, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = move || {
        form.errors
            .with(|e| e.problem(Field::Mentor))
            .map(|p| i18n.text(crate::i18n::problem_message(p)))
    };
    view! {
        <div class="field" class:has-error=move || problem().is_some()>
            <label for=format!("{prefix}-mentor")>{t(Msg::MentorLabel)}</label>
            <select
                id=format!("{prefix}-mentor")
                aria-describedby=format!("{prefix}-mentor-error")
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                on:change:target=move |ev| form.value.update(|v| v.mentor = ev.target().value())
            >
                <option value="">{t(Msg::ChooseOne)}</option>
                {mentors.into_iter().map(|(id, name)| {
                    let id = id.to_string();
                    let selected = {
                        let id = id.clone();
                        move || form.value.with(|v| v.mentor == id)
                    };
                    view! { <option value=id selected=selected>{name}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=format!("{prefix}-mentor-error")>{problem}</p>
        </div>
    }
}

/// A new check-in, or the correction of one (`existing`).
#[component]
fn CheckInForm(
    programme: ProgrammeId,
    mentors: Vec<(UserId, String)>,
    #[prop(optional)] existing: Option<CheckInView>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = existing.as_ref().map(|c| c.id);
    let form = Form::new(match existing {
        Some(c) => CheckInInput {
            mentor: c.mentor_id.to_string(),
            held_on: crate::model::dates::format_iso_date(c.held_on),
            notes: c.notes,
            follow_up: c.follow_up,
        },
        None => CheckInInput {
            // A link from the manager's home names the mentor to call.
            mentor: use_query_map().with_untracked(|q| q.get("mentor").unwrap_or_default()),
            held_on: crate::model::dates::format_iso_date(crate::model::dates::local_today()),
            ..CheckInInput::default()
        },
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
            save_check_in(programme, id, input),
            move |_| on_saved(),
        );
    };
    let prefix = match id {
        Some(id) => format!("check-in-{id}"),
        None => "check-in".to_string(),
    };
    let p = |field: &str| format!("{prefix}-{field}");
    view! {
        <form class="form inline-form" novalidate on:submit=on_submit>
            <h3>{t(if id.is_some() { Msg::EditCheckIn } else { Msg::NewCheckIn })}</h3>
            <FormNotice notice/>
            <div class="inline-fields">
                {mentor_select(prefix.clone(), form, mentors)}
                {form.input(&p("date"), Msg::HeldOnLabel, Field::HeldOn, "date", lens!(held_on))}
            </div>
            {form.textarea(&p("notes"), Msg::NotesLabel, Field::Notes, lens!(notes))}
            {form.textarea(&p("follow-up"), Msg::FollowUpLabel, Field::FollowUp, lens!(follow_up))}
            <button type="submit">{t(Msg::SaveCheckIn)}</button>
        </form>
    }
}

/// One check-in, with its correction and removal.
#[component]
fn CheckInItem(
    programme: ProgrammeId,
    check_in: CheckInView,
    mentors: Vec<(UserId, String)>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let held = check_in.held_on;
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None);
    let c = check_in.clone();
    view! {
        <li class="check-in" data-testid="check-in">
            <h3>{move || format_date(held, i18n.lang.get())} " · " {c.mentor_name.clone()}</h3>
            <p class="prose">{c.notes.clone()}</p>
            {(!c.follow_up.is_empty()).then(|| view! {
                <p><strong>{t(Msg::FollowUpLabel)}</strong> ": " {c.follow_up.clone()}</p>
            })}
            <p class="muted">{move || i18n.fill(Msg::RecordedBy, &[("name", &c.recorded_by)])}</p>
            <FormNotice notice/>
            <RecordActions record=OfficeRecord::CheckIn(check_in.id) question=Msg::ConfirmRemoveCheckIn
                editing notice on_removed=on_saved/>
            <Show when=move || editing.get()>
                <CheckInForm programme mentors=mentors.clone() existing=check_in.clone() on_saved/>
            </Show>
        </li>
    }
}

/// Checkboxes of the mentors who attended.
fn attendee_boxes(
    id_prefix: String,
    mentors: Vec<(UserId, String)>,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend>{t(Msg::AttendeesLabel)}</legend>
            {mentors.into_iter().map(|(id, name)| {
                let key = id.to_string();
                let box_id = format!("{id_prefix}-{key}");
                let (checked_key, change_key) = (key.clone(), key);
                view! {
                    <div class="choice">
                        <input type="checkbox" id=box_id.clone()
                            prop:checked=move || chosen.with(|c| c.contains(&checked_key))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let key = change_key.clone();
                                chosen.update(|c| {
                                    c.retain(|k| *k != key);
                                    if on { c.push(key); }
                                })
                            }/>
                        <label for=box_id>{name}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A new group meeting, or the correction of one (`existing`).
#[component]
fn MeetingForm(
    programme: ProgrammeId,
    mentors: Vec<(UserId, String)>,
    #[prop(optional)] existing: Option<GroupMeetingView>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = existing.as_ref().map(|m| m.id);
    let (input, chosen) = match existing {
        Some(m) => (
            GroupMeetingInput {
                held_on: crate::model::dates::format_iso_date(m.held_on),
                notes: m.notes,
                schedule: m.schedule.input(),
                ..GroupMeetingInput::default()
            },
            m.attendees.iter().map(ToString::to_string).collect(),
        ),
        None => (GroupMeetingInput::default(), Vec::new()),
    };
    let form = Form::new(input);
    let attendees = RwSignal::new(chosen);
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = GroupMeetingInput {
            attendees: attendees.get_untracked(),
            ..form.value.get_untracked()
        };
        form.save(
            notice,
            input.validate().map(|_| ()),
            save_group_meeting(programme, id, input),
            move |_| on_saved(),
        );
    };
    let prefix = match id {
        Some(id) => format!("meeting-{id}"),
        None => "meeting".to_string(),
    };
    let p = |field: &str| format!("{prefix}-{field}");
    view! {
        <form class="form inline-form" novalidate on:submit=on_submit>
            <h3>{t(if id.is_some() { Msg::EditGroupMeeting } else { Msg::NewGroupMeeting })}</h3>
            <FormNotice notice/>
            <div class="inline-fields">
                {form.input(&p("date"), Msg::HeldOnLabel, Field::HeldOn, "date", lens!(held_on))}
                {form.input(&p("starts"), Msg::StartsAtLabel, Field::StartsAt, "time", lens!(schedule.starts_at))}
                {form.input(&p("length"), Msg::LengthLabel, Field::Length, "number", lens!(schedule.minutes))}
            </div>
            {form.input(&p("place"), Msg::PlaceLabel, Field::Place, "text", lens!(schedule.place))}
            {attendee_boxes(p("attendee"), mentors, attendees)}
            {form.textarea(&p("notes"), Msg::NotesLabel, Field::Notes, lens!(notes))}
            <button type="submit">{t(Msg::SaveGroupMeeting)}</button>
        </form>
    }
}

#[component]
fn GroupMeeting(
    programme: ProgrammeId,
    meeting: GroupMeetingView,
    mentors: Vec<(UserId, String)>,
    proposed: Vec<ProposedChallenge>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let held = meeting.held_on;
    let came: Vec<String> = mentors
        .iter()
        .filter(|(id, _)| meeting.attendees.contains(id))
        .map(|(_, name)| name.clone())
        .collect();
    let meeting_id = meeting.id;
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None);
    let existing = meeting.clone();
    let form_mentors = mentors.clone();
    view! {
        <article class="group-meeting" data-testid="group-meeting">
            <h3>{move || i18n.fill(Msg::GroupMeetingOn, &[("date", &format_date(held, i18n.lang.get()))])}</h3>
            <ScheduleLine schedule=meeting.schedule.clone() kind="group_meeting" id=meeting_id.to_string()/>
            <FormNotice notice/>
            <RecordActions record=OfficeRecord::GroupMeeting(meeting_id) question=Msg::ConfirmRemoveGroupMeeting
                editing notice on_removed=on_saved/>
            <Show when=move || editing.get()>
                <MeetingForm programme mentors=form_mentors.clone() existing=existing.clone() on_saved/>
            </Show>
            <p>
                <strong>{t(Msg::AttendeesLabel)}</strong> ": "
                {if came.is_empty() { i18n.text(Msg::NobodyYet).to_string() } else { came.join(", ") }}
            </p>
            {(!meeting.notes.is_empty()).then(|| view! { <p class="prose">{meeting.notes.clone()}</p> })}
            <h4>{t(Msg::AgendaTitle)}</h4>
            {if meeting.agenda.is_empty() {
                view! { <p class="empty">{t(Msg::AgendaEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="agenda">
                        {meeting.agenda.into_iter().map(|item| view! { <AgendaItem item on_saved/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            <AddToAgenda meeting=meeting_id proposed on_saved/>
        </article>
    }
}

#[component]
fn AgendaItem(
    item: AgendaItemView,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let form = Form::new(OutcomeInput {
        outcome: item.outcome.clone(),
    });
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        form.save(
            notice,
            input.validate().map(|_| ()),
            mark_discussed(id, input),
            move |_| on_saved(),
        );
    };
    let field_id = format!("outcome-{id}");
    view! {
        <li class="agenda-item" class:discussed=item.discussed data-testid="agenda-item">
            {if item.topic.is_empty() {
                // A mentor's challenge: the programme's managers read it.
                view! { <p class="muted">{t(Msg::ChallengeForManagers)}</p> }.into_any()
            } else {
                view! { <p class="prose">{item.topic.clone()}</p> }.into_any()
            }}
            <p class="muted">
                {item.raised_by.clone().map(|name| i18n.fill(Msg::RaisedBy, &[("name", &name)]))}
                {item.discussed.then(|| view! { " " <span class="badge">{t(Msg::DiscussedBadge)}</span> })}
            </p>
            <form class="form" novalidate on:submit=on_submit>
                <FormNotice notice/>
                {form.textarea(&field_id, Msg::AgendaOutcomeLabel, Field::Outcome, lens!(outcome))}
                <button type="submit">{t(if item.discussed { Msg::SaveOutcome } else { Msg::MarkDiscussed })}</button>
            </form>
        </li>
    }
}

#[component]
fn AddToAgenda(
    meeting: GroupMeetingId,
    proposed: Vec<ProposedChallenge>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(Vec::<String>::new());
    let form = Form::new(AgendaInput::default());
    let notice = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AgendaInput {
            challenges: chosen.get_untracked(),
            ..form.value.get_untracked()
        };
        form.save(
            notice,
            input.validate().map(|_| ()),
            add_to_agenda(meeting, input),
            move |_| on_saved(),
        );
    };
    let topic_id = format!("topic-{meeting}");
    view! {
        <form class="form add-to-agenda" novalidate on:submit=on_submit>
            <h4>{t(Msg::AddToAgenda)}</h4>
            <FormNotice notice/>
            {if proposed.is_empty() {
                view! { <p class="muted">{t(Msg::NoChallengesToPropose)}</p> }.into_any()
            } else {
                view! {
                    <fieldset class="field">
                        <legend>{t(Msg::ProposedChallenges)}</legend>
                        {proposed.into_iter().map(|p| {
                            let key = p.log_id.to_string();
                            let box_id = format!("challenge-{meeting}-{key}");
                            let (checked_key, change_key) = (key.clone(), key);
                            let date = p.date;
                            view! {
                                <div class="choice proposed" data-testid="proposed-challenge">
                                    <input type="checkbox" id=box_id.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&checked_key))
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            let key = change_key.clone();
                                            chosen.update(|c| {
                                                c.retain(|k| *k != key);
                                                if on { c.push(key); }
                                            })
                                        }/>
                                    <label for=box_id>
                                        {p.challenge.clone()}
                                        <span class="muted">" · " {p.raised_by.clone()} " · " {move || format_date(date, i18n.lang.get())}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }
                .into_any()
            }}
            {form.input(&topic_id, Msg::OwnTopicLabel, Field::Topic, "text", lens!(topic))}
            <button type="submit">{t(Msg::AddToAgenda)}</button>
        </form>
    }
}
