//! The mentee's page: who mentors them, the reports they answer with their
//! own login, the goals they set together, and the promise of
//! confidentiality. Loaded only when opened.

use crate::api::goals::my_goals;
use crate::api::mentee::mentee_home;
use crate::api::reports::my_reports;
use crate::components::{error_view, Loading};
use crate::i18n::format::{format_date, format_duration};
use crate::i18n::{meeting_form_label, t, use_i18n, Msg};
use crate::model::{due_on, MenteeMeeting, MenteePair, ReportKind, ReportView, Respondent};
use leptos::prelude::*;

/// The page (a lazy route: see `pages`). Its data is asked for here, so
/// the code that reads it loads with the page.
#[component]
pub fn MenteePage() -> impl IntoView {
    let pairs = Resource::new(|| (), |_| mentee_home());
    let goals = Resource::new(|| (), |_| my_goals());
    // Answers saved on this phone but not sent yet go with the phone's
    // sync; the list of reports is read again once they have.
    let sent = super::reports::own_reports_sent();
    let reports = Resource::new(move || sent.get(), |_| my_reports());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || pairs.get().map(|result| match result {
                Err(error) => error_view(error),
                Ok(pairs) => {
                    let answered = reports.get().and_then(Result::ok).unwrap_or_default();
                    view! { <MyMentoring pairs=pairs.clone()/> <MyReports pairs answered/> }.into_any()
                }
            })}
            {move || goals.get().map(|result| match result {
                Err(_) => ().into_any(),
                Ok(goals) => view! { <MyGoals goals/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MyMentoring(pairs: Vec<MenteePair>) -> impl IntoView {
    let i18n = use_i18n();
    let list = if pairs.is_empty() {
        view! { <p class="empty">{t(Msg::NotMatchedYet)}</p> }.into_any()
    } else {
        pairs
            .into_iter()
            .map(|pair| {
                let started = pair.started_on;
                let getting_to_know = pair.status == crate::model::PairStatus::GettingToKnow;
                let meetings = pair.meetings.clone();
                view! {
                    <article class="pair-card">
                        <h2>{i18n.fill(Msg::YourMentor, &[("name", &pair.mentor_name)])}</h2>
                        <p>{i18n.fill(Msg::InProgramme, &[("name", &pair.programme_name)])}</p>
                        <p class="muted">
                            {move || i18n.fill(Msg::MentoringSince, &[("date", &format_date(started, i18n.lang.get()))])}
                            {getting_to_know.then(|| view! { " " <a class="badge" href="/pairs/go-on">{t(Msg::GettingToKnowBadge)}</a> })}
                        </p>
                        <MyMeetings meetings/>
                        {(pair.status != crate::model::PairStatus::Ended).then(|| view! {
                            <AskToEnd pair=pair.id asked=pair.end_asked_on/>
                        })}
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="page">
            <h1>{t(Msg::MenteeTitle)}</h1>
            {list}
            <p class="notice">{t(Msg::MenteePrivacy)}</p>
        </section>
    }
}

/// The mentee asks to end the mentoring (their manager is told), or sees
/// that they have asked.
#[component]
fn AskToEnd(pair: crate::model::PairId, asked: Option<chrono::NaiveDate>) -> impl IntoView {
    let i18n = use_i18n();
    let asked = RwSignal::new(asked);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Msg>);
    let busy = RwSignal::new(false);
    let field = format!("end-reason-{pair}");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || !crate::components::confirm(i18n.text(Msg::ConfirmAskToEnd)) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::mentee::ask_to_end(pair, reason.get_untracked()).await;
            busy.set(false);
            match answer {
                Ok(()) => {
                    problem.set(None);
                    asked.set(Some(crate::model::dates::local_today()));
                }
                Err(error) => problem.set(Some(error.message())),
            }
        });
    };
    move || {
        match asked.get() {
        Some(on) => view! {
            <p class="notice" role="status" data-testid="end-asked">
                {move || i18n.fill(Msg::EndAskedState, &[("date", &format_date(on, i18n.lang.get()))])}
            </p>
        }
        .into_any(),
        None => {
            let field = field.clone();
            view! {
                <details class="ask-to-end">
                    <summary>{t(Msg::AskToEndTitle)}</summary>
                    <form class="form" novalidate on:submit=on_submit>
                        <p>{t(Msg::AskToEndIntro)}</p>
                        <div class="field">
                            <label for=field.clone()>{t(Msg::AskToEndReasonLabel)}</label>
                            <textarea id=field rows="3"
                                prop:value=move || reason.get()
                                on:input:target=move |ev| reason.set(ev.target().value())></textarea>
                        </div>
                        {move || problem.get().map(|msg| view! { <p class="form-error" role="alert">{t(msg)}</p> })}
                        <button type="submit" disabled=move || busy.get()>{t(Msg::AskToEndSend)}</button>
                    </form>
                </details>
            }
            .into_any()
        }
    }
    }
}

/// When the mentee met their mentor, how and for how long: what the
/// mentor logged, without a word of what they wrote.
#[component]
fn MyMeetings(meetings: Vec<MenteeMeeting>) -> impl IntoView {
    let i18n = use_i18n();
    let list = if meetings.is_empty() {
        view! { <p class="empty">{t(Msg::MenteeNoMeetings)}</p> }.into_any()
    } else {
        view! {
            <ul class="meeting-dates" data-testid="mentee-meetings">
                {meetings.into_iter().map(|m| view! {
                    <li>
                        {move || format_date(m.date, i18n.lang.get())}
                        " · " {t(meeting_form_label(m.form))}
                        " · " {move || format_duration(m.duration_minutes, i18n.lang.get())}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h3>{t(Msg::MenteeMeetingsTitle)}</h3>
        <p class="muted">{t(Msg::MenteeMeetingsNote)}</p>
        {list}
    }
}

/// The goals the mentee set with their mentor, with how far each has come.
#[component]
fn MyGoals(goals: Vec<crate::model::GoalView>) -> impl IntoView {
    if goals.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="page">
            <h2>{t(Msg::GoalsTitle)}</h2>
            <ul class="goal-list">
                {goals.into_iter().map(|goal| view! {
                    <li data-testid="goal"><super::goals::GoalCard goal/></li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The mid-term and final reports of each pair with a planned end: when
/// each is due, and whether the mentee answered it (with their own login or
/// on their mentor's phone).
#[component]
fn MyReports(pairs: Vec<MenteePair>, answered: Vec<ReportView>) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<_> = pairs
        .iter()
        .filter_map(|pair| Some((pair, pair.planned_end_on?)))
        .flat_map(|(pair, end)| {
            [ReportKind::Midterm, ReportKind::Final].map(|kind| {
                let on = answered
                    .iter()
                    .find(|r| {
                        r.pair_id == pair.id && r.kind == kind && r.respondent == Respondent::Mentee
                    })
                    .map(|r| r.date);
                (pair.id, kind, due_on(kind, pair.started_on, end), on)
            })
        })
        .collect();
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="page">
            <h2>{t(Msg::MenteeReportsTitle)}</h2>
            <ul class="report-list">
                {rows.into_iter().map(|(pair, kind, due, on)| {
                    let title = match kind {
                        ReportKind::Midterm => Msg::MidtermReport,
                        ReportKind::Final => Msg::FinalReport,
                    };
                    view! {
                        <li class="card report-due" data-testid="report-due">
                            <h3>{t(title)}</h3>
                            <p>{move || i18n.fill(Msg::DueOnDate, &[("date", &format_date(due, i18n.lang.get()))])}</p>
                            {match on {
                                Some(on) => view! {
                                    <p class="muted">
                                        {move || i18n.fill(Msg::AnsweredOnDate, &[("date", &format_date(on, i18n.lang.get()))])}
                                        " "
                                        <a class="button small" href=format!("/mentee/report?pair={pair}&kind={kind}&correct=1") data-testid="correct-report">{t(Msg::CorrectReport)}</a>
                                    </p>
                                }.into_any(),
                                None => view! {
                                    <a class="button primary" href=format!("/mentee/report?pair={pair}&kind={kind}")>{t(Msg::AnswerReport)}</a>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
