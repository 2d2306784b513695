//! The mentor's reports (Tools 3 and 4), offline first.
//!
//! `/mentor/reports`: what is due for whom, worked out on the phone from the
//! cached pairs (the mid-term at half the planned duration, the final at the
//! planned end), with what the phone holds and what the server knows.
//!
//! `/mentor/report?pair=&kind=&respondent=`: the form. Saved as typed, sent
//! through the outbox. For the mentee's report the mentor hands the phone
//! over: the mentee reads who will see the answers, answers (one question at
//! a time by default, with big buttons and a "read aloud" button), sends,
//! and hands the phone back; the mentor never sees those answers again.

use crate::api::reports::reports_due;
use crate::components::{Loading, MentorFrame, OfficeTexts};
use crate::i18n::format::format_date;
use crate::i18n::{
    choice_msg, kind_msg, problem_message, question_msg, t, use_i18n, I18n, Lang, Msg,
};
use crate::model::dates::{format_iso_date, local_today};
use crate::model::*;
use crate::offline::reports::{ReportDraft, ReportItem, Reports};
use crate::offline::storage::BrowserStore;
use crate::offline::use_offline;
use crate::offline::{ItemState, SyncStatus};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The phone's reports of the person logged in (none on the server): the
/// mentor's (whose phone syncs), or a mentee's answering with their own login.
fn local_reports() -> Option<Reports<BrowserStore>> {
    let user = use_offline().user.get_untracked().or_else(|| {
        crate::components::use_auth()
            .identity
            .with_untracked(|i| i.as_ref().map(|i| i.user_id))
    })?;
    Some(Reports::new(BrowserStore::available()?, user))
}

fn report_link(pair: PairId, kind: ReportKind, respondent: Respondent) -> String {
    format!("/mentor/report?pair={pair}&kind={kind}&respondent={respondent}")
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <OfficeTexts>
                <ReportsList/>
            </OfficeTexts>
        </MentorFrame>
    }
}

#[component]
fn ReportsList() -> impl IntoView {
    let offline = use_offline();
    // What the phone holds and what the server knows, both read once the
    // page is in the browser (the server renders the list without them).
    let local = RwSignal::new(Vec::<ReportItem>::new());
    let known = RwSignal::new(Vec::<ReportDue>::new());
    // Read again after every sync (which sends the reports too).
    Effect::new(move |_| {
        offline.user.track();
        offline.last_sync.track();
        if let Some(reports) = local_reports() {
            local.set(reports.items());
        }
    });
    Effect::new(move |_| {
        offline.last_sync.track();
        if offline.online.get() {
            leptos::task::spawn_local(async move {
                if let Ok(due) = reports_due().await {
                    known.set(due);
                }
            });
        }
    });
    let discard = Callback::new(move |item: ReportItem| {
        offline.discard(item.key());
        if let Some(reports) = local_reports() {
            local.set(reports.items());
        }
    });
    let rows = move || {
        let pairs = offline.pairs.get();
        let answered: Vec<_> = known.with(|k| {
            k.iter()
                .filter_map(|d| {
                    d.answered_on
                        .map(|on| (d.pair_id, d.kind, d.respondent, on))
                })
                .collect()
        });
        let due = due_list(&pairs, &answered);
        if due.is_empty() {
            return view! { <p class="empty">{t(Msg::NoReportsDue)}</p> }.into_any();
        }
        let local = local.get();
        view! {
            <ul class="report-list">
                {due
                    .into_iter()
                    .map(|d| {
                        let on_phone = local
                            .iter()
                            .find(|i| i.is_for(&d.pair_id.to_string(), d.kind, d.respondent))
                            .cloned();
                        view! { <DueRow due=d on_phone discard/> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="page narrow">
            <h1>{t(Msg::NavReports)}</h1>
            <p class="lead">{t(Msg::ReportsIntro)}</p>
            {rows}
        </section>
    }
}

#[component]
fn DueRow(
    due: ReportDue,
    on_phone: Option<ReportItem>,
    /// Forgets a correction the server did not take.
    discard: Callback<ReportItem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mentee = due.mentee_name.clone();
    let who = {
        let mentee = mentee.clone();
        move || match due.respondent {
            Respondent::Mentor => i18n.text(Msg::YourAnswers).to_string(),
            Respondent::Mentee => i18n.fill(Msg::AnswersOf, &[("name", &mentee)]),
        }
    };
    let due_on = due.due_on;
    let late = due.answered_on.is_none() && on_phone.is_none() && due_on < local_today();
    let link = report_link(due.pair_id, due.kind, due.respondent);
    let state = on_phone.as_ref().map(|i| i.state.clone());
    // The mentor may correct their own sent report (never the mentee's).
    let correct = (due.respondent == Respondent::Mentor).then(|| {
        view! { " " <a class="button small" href=format!("{link}&correct=1") data-testid="correct-report">{t(Msg::CorrectReport)}</a> }
    });
    // A correction the server did not take: why, and what can be done.
    let troubled_correction = on_phone
        .as_ref()
        .filter(|i| i.revision > 1 && i.state.needs_attention())
        .cloned();
    let status = match (due.answered_on, &state) {
        _ if troubled_correction.is_some() => {
            let item = troubled_correction.expect("checked just above");
            let id = item.id;
            let fixable = matches!(item.state, ItemState::Rejected { .. });
            let reason = match &item.state {
                ItemState::Rejected { errors } => {
                    let problems: Vec<Problem> = errors.iter().map(|e| e.problem).collect();
                    i18n.fill(Msg::ReportNotAccepted, &[("problems", &problems.iter().map(|p| i18n.text(problem_message(*p))).collect::<Vec<_>>().join("; "))])
                }
                _ => i18n.text(Msg::ReportConflict).to_string(),
            };
            let on_discard = move |_| {
                if crate::components::confirm(i18n.text(Msg::ConfirmDiscardCorrection)) {
                    discard.run(item.clone());
                }
            };
            view! {
                <p class="error" role="alert">{reason}</p>
                <p class="actions">
                    {fixable.then(|| view! { <a class="button" href=format!("{link}&item={id}")>{t(Msg::CorrectReport)}</a> " " })}
                    <button type="button" class="danger" on:click=on_discard>{t(Msg::DiscardChange)}</button>
                </p>
            }
            .into_any()
        }
        // A correction on its way.
        (Some(_), Some(ItemState::Waiting)) => {
            view! { <p class="muted" data-testid="report-waiting">{t(Msg::ReportWaiting)}</p> }.into_any()
        }
        (Some(on), _) => {
            view! { <p class="muted">{move || i18n.fill(Msg::AnsweredOnDate, &[("date", &format_date(on, i18n.lang.get()))])} {correct}</p> }.into_any()
        }
        (None, Some(ItemState::Synced { at })) => {
            let on = at.date_naive();
            view! { <p class="muted">{move || i18n.fill(Msg::AnsweredOnDate, &[("date", &format_date(on, i18n.lang.get()))])} {correct}</p> }.into_any()
        }
        (None, Some(ItemState::Waiting)) => {
            view! { <p class="muted" data-testid="report-waiting">{t(Msg::ReportWaiting)}</p> }.into_any()
        }
        (None, Some(ItemState::Rejected { errors })) => {
            let problems = errors
                .iter()
                .map(|e| e.problem)
                .collect::<Vec<_>>();
            let fixable = due.respondent == Respondent::Mentor;
            let link = format!("{link}&item={}", on_phone.as_ref().map(|i| i.id.to_string()).unwrap_or_default());
            view! {
                <p class="error" role="alert">
                    {move || i18n.fill(Msg::ReportNotAccepted, &[("problems", &problems.iter().map(|p| i18n.text(problem_message(*p))).collect::<Vec<_>>().join("; "))])}
                </p>
                {fixable.then(|| view! { <a class="button" href=link>{t(Msg::CorrectReport)}</a> })}
            }
            .into_any()
        }
        (None, Some(ItemState::Conflict)) => {
            view! { <p class="error" role="alert">{t(Msg::ReportConflict)}</p> }.into_any()
        }
        (None, None) => {
            let label = match due.respondent {
                Respondent::Mentor => i18n.text(Msg::FillIn).to_string(),
                Respondent::Mentee => i18n.fill(Msg::HandOverTo, &[("name", &mentee)]),
            };
            view! { <a class="button primary" href=link>{label}</a> }.into_any()
        }
    };
    view! {
        <li class="card report-due" data-testid="report-due">
            <h2>
                {t(kind_msg(due.kind))} " · " {due.mentee_name.clone()}
            </h2>
            <p>
                <strong>{who}</strong> " · "
                <span>{move || i18n.fill(Msg::DueOnDate, &[("date", &format_date(due_on, i18n.lang.get()))])}</span>
                {late.then(|| view! { " " <span class="badge challenge">{t(Msg::ReportLate)}</span> })}
            </p>
            {status}
        </li>
    }
}

/// Whether the reports a mentee answered with their own login have reached
/// the server: `None` while they are being sent. The phone's sync sends
/// them (at once, and again whenever the connection returns).
pub fn own_reports_sent() -> Memo<Option<bool>> {
    let offline = use_offline();
    Memo::new(move |_| {
        let waiting = offline.outbox.with(|entries| {
            entries
                .iter()
                .any(|e| e.kind == Kind::Report && e.state == ItemState::Waiting)
        });
        match (waiting, offline.status.get()) {
            (false, _) => Some(true),
            (true, SyncStatus::Syncing) => None,
            (true, _) => Some(false),
        }
    })
}

/// `/mentee/report?pair=&kind=`: a mentee answers their report with their
/// own login. The same form as on the mentor's phone, the privacy promise
/// first; the answers are sent at once (and kept on the phone until then).
#[component]
pub fn MenteeReportPage() -> impl IntoView {
    let query = leptos_router::hooks::use_location().query;
    let params = move || {
        query.with(|q| {
            (
                PairId::parse(&q.get("pair").unwrap_or_default()).ok(),
                ReportKind::from_key(&q.get("kind").unwrap_or_default()),
                q.get("correct").is_some(),
            )
        })
    };
    let pairs = Resource::new(|| (), |_| crate::api::mentee::mentee_home());
    let auth = crate::components::use_auth();
    view! {
        <OfficeTexts>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || pairs.get().map(|result| match (result, params()) {
                    (Err(error), _) => crate::components::error_view(error),
                    // The phone's drafts are opened once the app knows who is here.
                    _ if auth.identity.with(Option::is_none) => view! { <Loading/> }.into_any(),
                    (Ok(pairs), (Some(pair), Some(kind), correct)) => match pairs.iter().find(|p| p.id == pair) {
                        Some(pair) => view! {
                            <ReportForm pair=pair.summary() kind respondent=Respondent::Mentee item=None own=true correct/>
                        }
                        .into_any(),
                        None => unknown_report("/mentee"),
                    },
                    (Ok(_), _) => unknown_report("/mentee"),
                })}
            </Suspense>
        </OfficeTexts>
    }
}

fn unknown_report(back: &'static str) -> AnyView {
    view! {
        <section class="page narrow">
            <p class="notice" role="alert">{t(Msg::ReportUnknown)}</p>
            <p><a class="button" href=back>{t(Msg::NavReports)}</a></p>
        </section>
    }
    .into_any()
}

/// The screens of the form. Pure: what "next" and "back" do, tested below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The mentee reads who will see the answers (mentee's report only).
    Promise,
    /// All the questions on one page.
    Whole,
    /// One question at a time: 0 is the date and time met, then each item.
    One(usize),
    /// Saved: the mentor's confirmation, or the mentee's thanks.
    Done,
}

/// Where the form is, and how many single-question screens it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flow {
    pub screen: Screen,
    /// The number of single-question screens (the items and the first).
    pub screens: usize,
    /// Screens never shown again: a mentee who goes on with answers given
    /// earlier on the mentor's phone sees only what is still to answer, so
    /// nobody else reads the earlier answers on it (bit n: screen n).
    pub hidden: u64,
}

impl Flow {
    /// The mentee starts with the promise, then one question at a time;
    /// the mentor with the whole form unless they chose the simple mode.
    pub fn start(respondent: Respondent, simple: bool, items: usize) -> Flow {
        let screen = match (respondent, simple) {
            (Respondent::Mentee, _) => Screen::Promise,
            (Respondent::Mentor, true) => Screen::One(0),
            (Respondent::Mentor, false) => Screen::Whole,
        };
        Flow {
            screen,
            screens: items + 1,
            hidden: 0,
        }
    }

    fn visible(self, n: usize) -> bool {
        n < self.screens && (n >= 64 || self.hidden & (1 << n) == 0)
    }

    fn first_visible_from(self, from: usize) -> Option<usize> {
        (from..self.screens).find(|&n| self.visible(n))
    }

    /// From the promise, on with the answers given earlier hidden: only
    /// the screens with `open` (bit n: screen n still to answer) are shown.
    pub fn go_on(self, open: u64) -> Flow {
        let all = if self.screens >= 64 {
            u64::MAX
        } else {
            (1u64 << self.screens) - 1
        };
        let hidden = all & !open;
        let flow = Flow { hidden, ..self };
        // Everything answered: the last screen, to send.
        let screen = flow.first_visible_from(0).unwrap_or(self.screens - 1);
        Flow {
            screen: Screen::One(screen),
            // The last screen (the send button) is always reachable.
            hidden: hidden & !(1 << (self.screens - 1).min(63)),
            ..self
        }
    }

    pub fn next(self) -> Flow {
        let screen = match self.screen {
            Screen::Promise => Screen::One(self.first_visible_from(0).unwrap_or(0)),
            Screen::One(n) => match self.first_visible_from(n + 1) {
                Some(next) => Screen::One(next),
                None => Screen::One(n),
            },
            other => other,
        };
        Flow { screen, ..self }
    }

    pub fn back(self) -> Flow {
        let screen = match self.screen {
            Screen::One(n) => match (0..n).rev().find(|&m| self.visible(m)) {
                Some(previous) => Screen::One(previous),
                None => Screen::One(n),
            },
            other => other,
        };
        Flow { screen, ..self }
    }

    /// Whether there is a screen before this one to go back to.
    pub fn can_go_back(self) -> bool {
        matches!(self.screen, Screen::One(n) if (0..n).any(|m| self.visible(m)))
    }

    /// Shows the screen of a question (to point at a problem), unless it is
    /// hidden.
    pub fn show(self, screen: usize) -> Flow {
        match self.screen {
            Screen::One(_) if self.visible(screen.min(self.screens - 1)) => Flow {
                screen: Screen::One(screen.min(self.screens - 1)),
                ..self
            },
            _ => self,
        }
    }

    /// The whole form or one question at a time; never the whole form while
    /// earlier answers are hidden.
    pub fn simple(self, on: bool) -> Flow {
        let screen = match (self.screen, on) {
            (Screen::Whole, true) => Screen::One(0),
            (Screen::One(_), false) if self.hidden == 0 => Screen::Whole,
            (other, _) => other,
        };
        Flow { screen, ..self }
    }

    pub fn is_last(self) -> bool {
        matches!(self.screen, Screen::One(n) if self.first_visible_from(n + 1).is_none())
    }

    pub fn done(self) -> Flow {
        Flow {
            screen: Screen::Done,
            ..self
        }
    }
}

/// The screens that still need an answer (bit n: screen n), from what the
/// rules find wrong with the draft.
fn open_screens(asked: &[Item], errors: &ReportErrors) -> u64 {
    errors.iter().fold(0u64, |open, e| {
        let screen = asked
            .iter()
            .position(|item| item.question == e.question)
            .map(|n| n + 1)
            .unwrap_or(0);
        open | (1u64 << screen.min(63))
    })
}

/// Whether anything was answered in a report draft.
fn has_answers(report: &ReportInput) -> bool {
    !report.months.trim().is_empty()
        || !report.weeks.trim().is_empty()
        || report
            .answers
            .values()
            .any(|a| !a.choice.trim().is_empty() || !a.text.trim().is_empty())
}

/// The screen (in the simple mode) of the first question with a problem.
fn first_problem_screen(asked: &[Item], errors: &ReportErrors) -> usize {
    asked
        .iter()
        .position(|item| errors.problem(item.question).is_some())
        .map(|n| n + 1)
        .unwrap_or(0)
}

/// Reads a text aloud in the page's language, where the browser can.
fn read_aloud(text: &str, lang: Lang) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang(match lang {
            Lang::En => "en",
            Lang::Ro => "ro-RO",
        });
        synth.cancel();
        synth.speak(&utterance);
    }
}

fn can_read_aloud() -> bool {
    web_sys::window().is_some_and(|w| w.speech_synthesis().is_ok())
}

#[component]
pub fn ReportFormPage() -> impl IntoView {
    view! {
        <MentorFrame>
            <OfficeTexts>
                <ReportFormLoader/>
            </OfficeTexts>
        </MentorFrame>
    }
}

#[component]
fn ReportFormLoader() -> impl IntoView {
    let offline = use_offline();
    // The router's own location: a link from another page of the same
    // group opens this page before the route's query follows.
    let query = leptos_router::hooks::use_location().query;
    let params = Memo::new(move |_| {
        query.with(|q| {
            let param = |name: &str| q.get(name).unwrap_or_default();
            (
                PairId::parse(&param("pair")).ok(),
                ReportKind::from_key(&param("kind")),
                Respondent::from_key(&param("respondent")),
                ReportId::parse(&param("item")).ok(),
                q.get("correct").is_some(),
            )
        })
    });
    // The form is built again only if the pair itself changes (a sync that
    // brings the same pairs leaves the person where they are).
    let pair = Memo::new(move |_| {
        let id = params.get().0?;
        offline
            .pairs
            .with(|p| PairSummary::find(p, &id.to_string()).cloned())
    });
    move || {
        // The phone's pairs are read once the app has started.
        if offline.user.get().is_none() {
            return view! { <Loading/> }.into_any();
        }
        let (_, kind, respondent, item, correct) = params.get();
        match (pair.get(), kind, respondent) {
            (Some(pair), Some(kind), Some(respondent)) => {
                // Only the mentor's own report can be corrected here.
                let correct = correct && respondent == Respondent::Mentor;
                view! { <ReportForm pair kind respondent item correct/> }.into_any()
            }
            _ => unknown_report("/mentor/reports"),
        }
    }
}

#[component]
fn ReportForm(
    pair: PairSummary,
    kind: ReportKind,
    respondent: Respondent,
    item: Option<ReportId>,
    /// The mentee answers with their own login (not on the mentor's phone).
    #[prop(optional)]
    own: bool,
    /// Corrects the report already sent: its next revision.
    #[prop(optional)]
    correct: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let offline = use_offline();
    let navigate = use_navigate();
    let pair_key = pair.id.to_string();
    let asked = StoredValue::new(items(kind, respondent));
    let draft = RwSignal::new(ReportDraft {
        id: ReportId::new(),
        report: ReportInput {
            pair_id: pair_key.clone(),
            kind: kind.key().into(),
            respondent: respondent.key().into(),
            date: format_iso_date(local_today()),
            ..ReportInput::default()
        },
        saved_at: Utc::now(),
        revision: 1,
    });
    // The sent report could not be found to correct.
    let not_found = RwSignal::new(false);
    // The phone's draft (or the refused report to correct), once in the
    // browser.
    Effect::new({
        let pair_key = pair_key.clone();
        move |_| {
            let Some(reports) = local_reports() else {
                return;
            };
            let in_progress = reports.draft(&pair_key, kind, respondent);
            if correct {
                // A correction in progress, else the answers the phone kept,
                // else the report as the server has it.
                let opened = in_progress
                    .filter(|d| d.revision > 1)
                    .or_else(|| reports.correction_of(&pair_key, kind, respondent, Utc::now()));
                match opened {
                    Some(opened) => draft.set(opened),
                    None => {
                        let pair = pair_key.clone();
                        leptos::task::spawn_local(async move {
                            let sent =
                                crate::api::reports::my_reports()
                                    .await
                                    .ok()
                                    .and_then(|all| {
                                        all.into_iter().find(|r| {
                                            r.pair_id.to_string() == pair
                                                && r.kind == kind
                                                && r.respondent == respondent
                                        })
                                    });
                            match sent {
                                Some(sent) => draft.set(ReportDraft {
                                    id: sent.id,
                                    report: sent.input(),
                                    saved_at: Utc::now(),
                                    revision: sent.revision + 1,
                                }),
                                None => not_found.set(true),
                            }
                        });
                    }
                }
                return;
            }
            let opened = item
                .and_then(|id| reports.draft_from_item(id, Utc::now()))
                .or(in_progress);
            if let Some(opened) = opened {
                draft.set(opened);
            }
        }
    });
    let errors = RwSignal::new(ReportErrors::default());
    let storage_problem = RwSignal::new(false);
    // The mentee's own report: whether it reached the server (None while
    // it is being sent).
    let sent = own_reports_sent();
    let flow = RwSignal::new(Flow::start(respondent, false, asked.with_value(Vec::len)));
    let simple = move || matches!(flow.get().screen, Screen::One(_));

    let save = move || {
        draft.update(|d| d.saved_at = Utc::now());
        if let Some(reports) = local_reports() {
            storage_problem.set(reports.save_draft(&draft.get_untracked()).is_err());
        }
    };
    let set_field = move |apply: Box<dyn Fn(&mut ReportInput)>| {
        draft.update(|d| apply(&mut d.report));
        save();
    };
    let dates = PairDates {
        started_on: pair.started_on,
        ended_on: pair.ended_on,
    };
    // A mentee's answers given earlier on the mentor's phone (a report left
    // half done): the mentee goes on with them hidden, or starts again.
    let resuming =
        move || respondent == Respondent::Mentee && !own && draft.with(|d| has_answers(&d.report));
    let go_on = move || {
        let ctx = ValidationContext {
            latest_date: local_today(),
            pair: Some(dates),
        };
        let open = match draft.get_untracked().report.validate(&ctx) {
            Ok(_) => 0,
            Err(found) => asked.with_value(|a| open_screens(a, &found)),
        };
        flow.update(|f| *f = f.go_on(open));
    };
    let start_again = move || {
        if crate::components::confirm(i18n.text(Msg::ConfirmStartAgain)) {
            draft.update(|d| {
                d.report.months.clear();
                d.report.weeks.clear();
                d.report.answers.clear();
            });
            save();
            flow.update(|f| *f = f.next());
        }
    };
    let submit = move || {
        let input = draft.get_untracked().report;
        let ctx = ValidationContext {
            latest_date: local_today(),
            pair: Some(dates),
        };
        match input.validate(&ctx) {
            Err(found) => {
                let screen = asked.with_value(|a| first_problem_screen(a, &found));
                errors.set(found);
                flow.update(|f| *f = f.show(screen));
            }
            Ok(report) => {
                errors.set(ReportErrors::default());
                let Some(reports) = local_reports() else {
                    storage_problem.set(true);
                    return;
                };
                match reports.submit(&draft.get_untracked(), &report, Utc::now()) {
                    Ok(_) => {
                        offline.queued();
                        flow.update(|f| *f = f.done());
                    }
                    Err(_) => storage_problem.set(true),
                }
            }
        }
    };

    let who = match respondent {
        Respondent::Mentee if !own => Msg::AnswersOf,
        _ => Msg::YourAnswers,
    };
    let mentee_name = pair.mentee_name.clone();
    let mentor_name = pair.mentor_name.clone();
    let title = move || {
        let who = i18n.fill(who, &[("name", &mentee_name)]);
        i18n.fill(
            Msg::ReportFormTitle,
            &[("report", i18n.text(kind_msg(kind))), ("who", &who)],
        )
    };
    let total = asked.with_value(Vec::len) + 1;

    let question_view = move |index: usize| -> AnyView {
        if index == 0 {
            view! { <FirstQuestions draft errors set_field/> }.into_any()
        } else {
            let item = asked.with_value(|a| a[index - 1]);
            view! { <QuestionField item kind draft errors set_field/> }.into_any()
        }
    };

    let screen = move || {
        match flow.get().screen {
        Screen::Promise => view! {
            <div class="card promise" data-testid="privacy-promise">
                <h2>{t(Msg::ReportPrivacyTitle)}</h2>
                <p class="big-text">{t(Msg::PrivacyPromise)}</p>
                {move || if resuming() {
                    view! {
                        <p class="big-text" data-testid="go-on-hidden">{t(Msg::GoOnHidden)}</p>
                        <button type="button" class="primary big" on:click=move |_| go_on()>
                            {t(Msg::GoOnAnswering)}
                        </button>
                        " "
                        <button type="button" class="big" on:click=move |_| start_again()>
                            {t(Msg::StartAgain)}
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="primary big" on:click=move |_| flow.update(|f| *f = f.next())>
                            {t(Msg::StartAnswering)}
                        </button>
                    }
                    .into_any()
                }}
            </div>
        }
        .into_any(),
        Screen::Whole => view! {
            <form class="form report-form" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
                {(0..total).map(question_view).collect_view()}
                <div class="form-actions">
                    <button type="submit" class="primary">{t(Msg::SendReport)}</button>
                </div>
            </form>
        }
        .into_any(),
        Screen::One(n) => {
            let last = flow.get().is_last();
            view! {
                <form class="form report-form simple" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    if last { submit() } else { flow.update(|f| *f = f.next()) }
                }>
                    <p class="progress" aria-live="polite">
                        {move || i18n.fill(Msg::ProgressOf, &[("n", &(n + 1).to_string()), ("total", &total.to_string())])}
                    </p>
                    {question_view(n)}
                    <div class="form-actions step-actions">
                        <button type="button" class="big" disabled=!flow.get().can_go_back() on:click=move |_| flow.update(|f| *f = f.back())>
                            {t(Msg::Back)}
                        </button>
                        <button type="submit" class="primary big">
                            {t(if last { Msg::SendReport } else { Msg::NextQuestion })}
                        </button>
                    </div>
                </form>
            }
            .into_any()
        }
        Screen::Done => {
            let navigate = navigate.clone();
            let mentor_name = mentor_name.clone();
            match respondent {
                Respondent::Mentee if own => view! {
                    <div class="card" role="status" data-testid="own-report-done">
                        <p class="big-text">
                            {move || t(match sent.get() {
                                None => Msg::OwnReportSending,
                                Some(true) => Msg::OwnReportSent,
                                Some(false) => Msg::OwnReportWaiting,
                            })()}
                        </p>
                        <p><a class="button" href="/mentee">{t(Msg::MenteeTitle)}</a></p>
                    </div>
                }
                .into_any(),
                Respondent::Mentor => view! {
                    <div class="card" role="status">
                        <p class="big-text">{t(Msg::ReportSaved)}</p>
                        <p><a class="button" href="/mentor/reports">{t(Msg::NavReports)}</a></p>
                    </div>
                }
                .into_any(),
                Respondent::Mentee => view! {
                    <div class="card" role="status" data-testid="mentee-thanks">
                        <p class="big-text">{move || i18n.fill(Msg::ThanksMentee, &[("mentor", &mentor_name)])}</p>
                        <button type="button" class="primary big" on:click=move |_| navigate("/mentor/reports", Default::default())>
                            {t(Msg::BackToMentor)}
                        </button>
                    </div>
                }
                .into_any(),
            }
        }
    }
    };

    let has_errors = move || errors.with(|e| !e.is_empty());
    let in_form = move || matches!(flow.get().screen, Screen::Whole | Screen::One(_));
    view! {
        <section class="page narrow report-page">
            <h1>{title}</h1>
            <Show when=move || draft.with(|d| d.revision > 1)>
                <p class="notice" role="status" data-testid="correcting-report">{t(Msg::CorrectingReport)}</p>
            </Show>
            <Show when=move || not_found.get()>
                <p class="notice warning" role="alert">{t(Msg::ReportNotOnPhone)}</p>
            </Show>
            <Show when=move || in_form() && flow.with(|f| f.hidden == 0)>
                <label class="switch">
                    <input type="checkbox" prop:checked=simple
                        on:change=move |ev| { let on = event_target_checked(&ev); flow.update(|f| *f = f.simple(on)); }/>
                    " " {t(Msg::SimpleModeLabel)}
                </label>
            </Show>
            <Show when=has_errors>
                <p class="error" role="alert">{t(Msg::FixErrors)}</p>
            </Show>
            <Show when=move || storage_problem.get()>
                <p class="error" role="alert">{t(Msg::StorageFull)}</p>
            </Show>
            {screen}
        </section>
    }
}

/// The date and "for how long have you met".
#[component]
fn FirstQuestions(
    draft: RwSignal<ReportDraft>,
    errors: RwSignal<ReportErrors>,
    set_field: impl Fn(Box<dyn Fn(&mut ReportInput)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = move |q: Question| {
        move || {
            errors
                .with(|e| e.problem(q))
                .map(|p| i18n.text(problem_message(p)))
        }
    };
    view! {
        <div class="field">
            <label for="report-date">{t(Msg::DateLabel)}</label>
            <input type="date" id="report-date" max=format_iso_date(local_today())
                prop:value=move || draft.with(|d| d.report.date.clone())
                on:change=move |ev| { let v = event_target_value(&ev); set_field(Box::new(move |r| r.date = v.clone())); }/>
            <p class="field-error">{problem(Question::Date)}</p>
        </div>
        <fieldset class="field">
            <legend>{t(Msg::QTimeMet)}</legend>
            <div class="inline-fields">
                <label>
                    {t(Msg::MonthsLabel)}
                    <input type="number" inputmode="numeric" min="0" max=MAX_MONTHS_MET.to_string() id="report-months"
                        prop:value=move || draft.with(|d| d.report.months.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); set_field(Box::new(move |r| r.months = v.clone())); }/>
                </label>
                <label>
                    {t(Msg::WeeksLabel)}
                    <input type="number" inputmode="numeric" min="0" max=MAX_WEEKS_MET.to_string() id="report-weeks"
                        prop:value=move || draft.with(|d| d.report.weeks.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); set_field(Box::new(move |r| r.weeks = v.clone())); }/>
                </label>
            </div>
            <p class="field-error">{problem(Question::TimeMet)}</p>
        </fieldset>
    }
}

/// One question: its scale as big labelled buttons, its text, a "read
/// aloud" button, and its problem.
#[component]
fn QuestionField(
    item: Item,
    kind: ReportKind,
    draft: RwSignal<ReportDraft>,
    errors: RwSignal<ReportErrors>,
    set_field: impl Fn(Box<dyn Fn(&mut ReportInput)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n: I18n = use_i18n();
    let question = item.question;
    let key = question.key();
    let text_of = move || draft.with(|d| d.report.answers.get(key).cloned().unwrap_or_default());
    let choices: &'static [(Choice, &'static str)] = match item.scale {
        Scale::Agreement => &[
            (Choice::Agree, "👍"),
            (Choice::CouldBeImproved, "✎"),
            (Choice::Disagree, "👎"),
        ],
        Scale::YesNo => &[(Choice::Yes, "✔"), (Choice::No, "✖")],
        Scale::Text => &[],
    };
    let text_label = crate::i18n::explain_msg(&item);
    let legend_id = format!("q-{key}");
    let text_id = format!("q-{key}-text");
    let speak = move |_| {
        read_aloud(
            i18n.text(question_msg(question, kind)),
            i18n.lang.get_untracked(),
        )
    };
    view! {
        <fieldset class="field question" data-question=key aria-describedby=format!("{legend_id}-error")>
            <legend id=legend_id.clone()>{t(question_msg(question, kind))}</legend>
            {can_read_aloud().then(|| view! {
                <button type="button" class="small read-aloud" on:click=speak>
                    <span aria-hidden="true">"🔊 "</span>{t(Msg::ReadAloud)}
                </button>
            })}
            {(!choices.is_empty()).then(|| view! {
                <div class="choices big">
                    {choices
                        .iter()
                        .map(|(choice, icon)| {
                            let choice = *choice;
                            let id = format!("q-{key}-{choice}");
                            view! {
                                <div class="choice big">
                                    <input type="radio" name=format!("q-{key}") id=id.clone() value=choice.key()
                                        prop:checked=move || text_of().choice == choice.key()
                                        on:change=move |_| set_field(Box::new(move |r| {
                                            r.answers.entry(key.to_string()).or_default().choice = choice.key().to_string();
                                        }))/>
                                    <label for=id>
                                        <span class="icon" aria-hidden="true">{*icon}</span>
                                        {t(choice_msg(choice))}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            })}
            <label for=text_id.clone() class="sub-label">{t(text_label)}</label>
            <textarea id=text_id rows="3"
                prop:value=move || text_of().text
                on:input=move |ev| { let v = event_target_value(&ev); set_field(Box::new(move |r| {
                    r.answers.entry(key.to_string()).or_default().text = v.clone();
                })); }></textarea>
            <p class="field-error" id=format!("{legend_id}-error")>
                {move || errors.with(|e| e.problem(question)).map(|p| i18n.text(problem_message(p)))}
            </p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mentee_starts_with_the_promise_then_one_question_at_a_time() {
        let flow = Flow::start(Respondent::Mentee, false, 10);
        assert_eq!(flow.screen, Screen::Promise);
        let flow = flow.next();
        assert_eq!(flow.screen, Screen::One(0));
        assert_eq!(
            flow.back().screen,
            Screen::One(0),
            "no screen before the first"
        );
    }

    #[test]
    fn the_mentor_starts_with_the_whole_form_and_may_switch_to_one_at_a_time() {
        let flow = Flow::start(Respondent::Mentor, false, 10);
        assert_eq!(flow.screen, Screen::Whole);
        assert_eq!(flow.simple(true).screen, Screen::One(0));
        assert_eq!(flow.simple(true).next().simple(false).screen, Screen::Whole);
        assert_eq!(
            Flow::start(Respondent::Mentor, true, 10).screen,
            Screen::One(0)
        );
    }

    #[test]
    fn a_mentee_who_goes_on_sees_only_the_questions_still_to_answer() {
        // Screens 0..=4; screens 1 and 3 still need an answer.
        let flow = Flow::start(Respondent::Mentee, false, 4).go_on(0b01010);
        assert_eq!(flow.screen, Screen::One(1));
        assert!(!flow.can_go_back(), "the answered screen 0 stays hidden");
        assert_eq!(flow.back().screen, Screen::One(1));
        let flow = flow.next();
        assert_eq!(flow.screen, Screen::One(3));
        assert!(!flow.is_last(), "the last screen sends, so it is shown");
        let flow = flow.next();
        assert_eq!(flow.screen, Screen::One(4));
        assert!(flow.is_last());
        assert_eq!(flow.back().screen, Screen::One(3));
        assert_eq!(
            flow.show(0).screen,
            Screen::One(4),
            "a hidden screen is never shown"
        );
        assert_eq!(flow.simple(false).screen, Screen::One(4), "no whole form");
    }

    #[test]
    fn a_mentee_whose_answers_are_all_given_goes_straight_to_sending() {
        let flow = Flow::start(Respondent::Mentee, false, 4).go_on(0);
        assert_eq!(flow.screen, Screen::One(4));
        assert!(flow.is_last());
        assert!(!flow.can_go_back());
    }

    #[test]
    fn the_screens_still_to_answer_come_from_the_rules() {
        let asked = items(ReportKind::Midterm, Respondent::Mentee);
        let voice = 1 + asked
            .iter()
            .position(|i| i.question == Question::SVoice)
            .unwrap();
        let mut errors = ReportErrors::one(Question::SVoice, Problem::Required);
        errors.push(Question::TimeMet, Problem::Required);
        assert_eq!(open_screens(&asked, &errors), (1 << voice) | 1);
        let mut input = ReportInput::default();
        assert!(!has_answers(&input));
        input.answers.insert(
            Question::SVoice.key().into(),
            AnswerInput {
                choice: "agree".into(),
                text: String::new(),
            },
        );
        assert!(has_answers(&input));
    }

    #[test]
    fn next_stops_at_the_last_question_which_sends() {
        let mut flow = Flow::start(Respondent::Mentor, true, 2);
        assert!(!flow.is_last());
        flow = flow.next().next();
        assert!(flow.is_last());
        assert_eq!(flow.next(), flow);
        assert_eq!(flow.done().screen, Screen::Done);
    }

    #[test]
    fn a_problem_shows_the_screen_of_its_question() {
        let asked = items(ReportKind::Midterm, Respondent::Mentee);
        let errors = ReportErrors::one(Question::SVoice, Problem::Required);
        let screen = first_problem_screen(&asked, &errors);
        assert_eq!(
            screen,
            1 + asked
                .iter()
                .position(|i| i.question == Question::SVoice)
                .unwrap()
        );
        let flow = Flow::start(Respondent::Mentee, true, asked.len()).next();
        assert_eq!(flow.show(screen).screen, Screen::One(screen));
        assert_eq!(
            first_problem_screen(
                &asked,
                &ReportErrors::one(Question::Date, Problem::Required)
            ),
            0
        );
        assert_eq!(
            Flow::start(Respondent::Mentor, false, 3).show(2).screen,
            Screen::Whole
        );
    }

    #[test]
    fn every_question_of_every_report_has_its_text() {
        for kind in [ReportKind::Midterm, ReportKind::Final] {
            for respondent in [Respondent::Mentor, Respondent::Mentee] {
                for item in items(kind, respondent) {
                    assert_ne!(
                        question_msg(item.question, kind),
                        Msg::ReportsLink,
                        "{}",
                        item.question
                    );
                }
            }
        }
    }
}
