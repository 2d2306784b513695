//! `/pairs/ID/reports`: the mirror view. For the pair's manager, the
//! mentor's and the mentee's answers to the mid-term and final reports side
//! by side, statement by statement, with the differences marked (in words
//! too, not by colour alone). What the model calls the mirror effect: it
//! feeds supervision.

use crate::api::reports::pair_mirror;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{choice_msg, labels, question_msg, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;

/// The mirror of the pair the address names (`/pairs/ID/...`).
fn mirror_of_path() -> Resource<Result<Mirror, crate::api::AppError>> {
    let pair = path_segment(1).and_then(|id| PairId::parse(&id).ok());
    Resource::new(
        move || pair,
        |pair| async move {
            match pair {
                Some(pair) => pair_mirror(pair).await,
                None => Err(crate::api::AppError::NotFound),
            }
        },
    )
}

#[component]
pub fn MirrorPage() -> impl IntoView {
    let mirror = mirror_of_path();
    view! {
        <section class="page wide mirror">
            <Loaded resource=mirror let:mirror>
                <MirrorView mirror/>
            </Loaded>
        </section>
    }
}

#[component]
fn MirrorView(mirror: Mirror) -> impl IntoView {
    let i18n = use_i18n();
    let title = {
        let (mentor, mentee) = (mirror.mentor_name.clone(), mirror.mentee_name.clone());
        move || {
            i18n.fill(
                Msg::MirrorTitle,
                &[("mentor", &mentor), ("mentee", &mentee)],
            )
        }
    };
    let mirror = StoredValue::new(mirror);
    view! {
        <h1>{title}</h1>
        <p class="lead">{t(Msg::MirrorIntro)}</p>
        {[ReportKind::Midterm, ReportKind::Final]
            .into_iter()
            .map(|kind| view! { <MirrorTable mirror kind/> })
            .collect_view()}
    }
}

#[component]
fn MirrorTable(mirror: StoredValue<Mirror>, kind: ReportKind) -> impl IntoView {
    let i18n = use_i18n();
    let heading = if kind == ReportKind::Midterm {
        Msg::MidtermReport
    } else {
        Msg::FinalReport
    };
    let heading_id = format!("mirror-{kind}");
    let report = move |respondent| mirror.with_value(|m| m.report(kind, respondent).cloned());
    let (mentor, mentee) = (report(Respondent::Mentor), report(Respondent::Mentee));
    let pair = mirror.with_value(|m| m.pair_id);
    let when = move |r: &Option<ReportView>, respondent: Respondent| {
        match r {
        Some(r) => {
            let date = r.date;
            let corrected = r.revision > 1;
            let paper = r.on_paper_by.clone();
            view! {
                <span class="muted">{move || i18n.fill(Msg::AnsweredOnDate, &[("date", &format_date(date, i18n.lang.get()))])}</span>
                {corrected.then(|| view! { <br/><span class="badge">{t(Msg::ReportCorrectedNote)}</span> })}
                {paper.map(|name| view! { <br/><span class="badge" data-testid="on-paper">{move || i18n.fill(Msg::OnPaperBy, &[("name", &name)])}</span> })}
            }
            .into_any()
        }
        None => view! {
            <span class="muted">{t(Msg::NotAnsweredYet)}</span>
            <br/><a class="no-print" href=paper_href(pair, kind, respondent)>{t(Msg::TypeInPaper)}</a>
        }
        .into_any(),
    }
    };
    let time_met = move |r: &Option<ReportView>| {
        r.as_ref().map(|r| {
            let (months, weeks) = (r.months.to_string(), r.weeks.to_string());
            move || i18n.fill(Msg::TimeMetValue, &[("months", &months), ("weeks", &weeks)])
        })
    };
    if mentor.is_none() && mentee.is_none() {
        let labelled_by = heading_id.clone();
        return view! {
            <section class="card" aria-labelledby=labelled_by>
                <h2 id=heading_id>{t(heading)}</h2>
                <p class="empty">{t(Msg::NoReportsYet)}</p>
                <p class="no-print">
                    {t(Msg::TypeInPaper)} ": "
                    <a href=paper_href(pair, kind, Respondent::Mentor)>{t(Msg::MentorLabel)}</a> " · "
                    <a href=paper_href(pair, kind, Respondent::Mentee)>{t(Msg::MenteeLabel)}</a>
                </p>
            </section>
        }
        .into_any();
    }
    let rows = mirror.with_value(|m| {
        m.rows(kind)
            .into_iter()
            .map(|row| {
                let cell = |answer: Option<&Answer>| {
                    let answer = answer.cloned();
                    view! {
                        <td>
                            {answer.map(|a| view! {
                                {a.choice.map(|c| view! { <strong class="choice-answer">{t(choice_msg(c))}</strong> })}
                                {(!a.text.is_empty()).then(|| view! { <p class="answer-text">{a.text}</p> })}
                            })}
                        </td>
                    }
                };
                let differs = row.differs;
                view! {
                    <tr class:differs=differs>
                        <th scope="row">
                            {t(question_msg(row.question, kind))}
                            {differs.then(|| view! { <span class="badge warn">{t(Msg::AnswersDiffer)}</span> })}
                        </th>
                        {cell(row.mentor)}
                        {cell(row.mentee)}
                    </tr>
                }
            })
            .collect_view()
    });
    let labelled_by = heading_id.clone();
    let table_label = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{t(heading)}</h2>
            <TableScroll labelled_by=table_label>
                <table class="mirror-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::QuestionColumn)}</th>
                            <th scope="col">{t(Msg::MentorLabel)}<br/>{when(&mentor, Respondent::Mentor)}</th>
                            <th scope="col">{t(Msg::MenteeLabel)}<br/>{when(&mentee, Respondent::Mentee)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">{t(Msg::QTimeMet)}</th>
                            <td>{time_met(&mentor)}</td>
                            <td>{time_met(&mentee)}</td>
                        </tr>
                        {rows}
                    </tbody>
                </table>
            </TableScroll>
            <EarlierReports mirror kind/>
        </section>
    }
    .into_any()
}

/// The earlier versions of this kind's corrected reports: who sent each,
/// when, and every answer it gave.
#[component]
fn EarlierReports(mirror: StoredValue<Mirror>, kind: ReportKind) -> impl IntoView {
    let i18n = use_i18n();
    let earlier: Vec<ReportRevisionView> = mirror.with_value(|m| {
        m.earlier
            .iter()
            .filter(|v| v.report.kind == kind)
            .cloned()
            .collect()
    });
    (!earlier.is_empty()).then(|| {
        view! {
            <details class="log-history" data-testid="report-history">
                <summary>{t(Msg::EarlierVersions)}</summary>
                <ol class="log-versions">
                    {earlier.into_iter().map(|version| {
                        let ReportRevisionView { author_name, created_at, report } = version;
                        let side = match report.respondent {
                            Respondent::Mentor => Msg::MentorLabel,
                            Respondent::Mentee => Msg::MenteeLabel,
                        };
                        let n = report.revision.to_string();
                        view! {
                            <li class="log-version" data-testid="report-version">
                                <h4>
                                    {t(side)} " · "
                                    {move || i18n.fill(Msg::LogVersion, &[
                                        ("n", &n),
                                        ("who", &author_name),
                                        ("time", &format_moment(created_at, i18n.lang.get())),
                                    ])}
                                </h4>
                                <dl>
                                    {report.answers.into_iter().map(|(question, answer)| view! {
                                        <dt>{t(question_msg(question, kind))}</dt>
                                        <dd>
                                            {answer.choice.map(|c| view! { <strong>{t(choice_msg(c))}</strong> " " })}
                                            {answer.text}
                                        </dd>
                                    }).collect_view()}
                                </dl>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </details>
        }
    })
}

/// Where a manager types in a report answered on paper.
fn paper_href(pair: PairId, kind: ReportKind, respondent: Respondent) -> String {
    format!(
        "/pairs/{pair}/reports/paper?kind={}&respondent={}",
        kind.key(),
        respondent.key()
    )
}

/// `/pairs/ID/reports/paper?kind=…&respondent=…`: a manager types in a
/// report a mentee or mentor answered on paper. It goes through the same
/// door as a phone's report (`sync`), once, marked as from paper with the
/// paper's date; the manager is its author.
#[component]
pub fn PaperReportPage() -> impl IntoView {
    // The router's own location: a link from the mirror view opens this
    // page before the route's query follows.
    let query = leptos_router::hooks::use_location().query;
    let asked = Memo::new(move |_| {
        query.with(|q| {
            (
                ReportKind::from_key(&q.get("kind").unwrap_or_default()),
                Respondent::from_key(&q.get("respondent").unwrap_or_default()),
            )
        })
    });
    let mirror = mirror_of_path();
    view! {
        <section class="page wide paper-report">
            {move || match asked.get() {
                (Some(kind), Some(respondent)) => view! {
                    <Loaded resource=mirror let:mirror>
                        <PaperReportForm mirror kind respondent/>
                    </Loaded>
                }
                .into_any(),
                _ => view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PaperReportForm(mirror: Mirror, kind: ReportKind, respondent: Respondent) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let pair = mirror.pair_id;
    let dates = PairDates {
        started_on: mirror.started_on,
        ended_on: mirror.ended_on,
    };
    let answered = mirror.report(kind, respondent).is_some();
    // One id for this paper answer: sent again after a lost answer, it is
    // stored once.
    let id = StoredValue::new(ReportId::new());
    let input = RwSignal::new(ReportInput {
        pair_id: pair.to_string(),
        kind: kind.key().into(),
        respondent: respondent.key().into(),
        on_paper: true,
        ..ReportInput::default()
    });
    let errors = RwSignal::new(Vec::<(String, Problem)>::new());
    let notice = RwSignal::new(None::<(bool, Msg)>);
    let busy = RwSignal::new(false);
    let problem_at = move |at: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|(key, _)| key == at)
                    .map(|(_, p)| i18n.text(crate::i18n::problem_message(*p)))
            })
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = input.get_untracked();
        let ctx = ValidationContext {
            latest_date: crate::model::dates::local_today(),
            pair: Some(dates),
        };
        let report = match typed.validate(&ctx) {
            Ok(report) => report,
            Err(found) => {
                errors.set(
                    found
                        .iter()
                        .map(|e| (e.question.key().to_string(), e.problem))
                        .collect(),
                );
                notice.set(Some((false, Msg::FixErrors)));
                return;
            }
        };
        let item = SyncItem {
            kind: Kind::Report,
            id: id.get_value().as_uuid(),
            revision: 1,
            content_hash: report.content_hash(),
            input: Payload::of(&typed),
        };
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let answer = crate::api::sync::sync_outbox(vec![item]).await;
            busy.set(false);
            match answer.map(|mut a| a.pop().map(|a| a.outcome)) {
                Ok(Some(SyncOutcome::Stored | SyncOutcome::AlreadyStored)) => {
                    navigate(&format!("/pairs/{pair}/reports"), Default::default());
                }
                Ok(Some(SyncOutcome::Rejected { errors: reasons })) => {
                    errors.set(reasons.iter().map(|r| (r.at.clone(), r.problem)).collect());
                    let whole = reasons.iter().find(|r| r.at.is_empty() || r.at == "pair");
                    notice.set(Some((
                        false,
                        whole.map_or(Msg::FixErrors, |r| crate::i18n::problem_message(r.problem)),
                    )));
                }
                Ok(Some(SyncOutcome::Conflict) | None) => notice.set(Some((
                    false,
                    crate::i18n::problem_message(Problem::AlreadyUsed),
                ))),
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    let set_answer = move |question: Question, apply: Box<dyn Fn(&mut AnswerInput)>| {
        input.update(|i| apply(i.answers.entry(question.key().to_string()).or_default()));
    };
    let title = {
        let side = labels::respondent(respondent);
        let names = format!("{} · {}", mirror.mentor_name, mirror.mentee_name);
        move || {
            format!(
                "{} · {} ({})",
                i18n.text(crate::i18n::kind_msg(kind)),
                i18n.text(side),
                names
            )
        }
    };
    let questions = items(kind, respondent).into_iter().map(|item| {
        let question = item.question;
        let key = question.key();
        let legend = format!("paper-{key}");
        let choices = item.scale.choices();
        let text_label = crate::i18n::explain_msg(&item);
        let text_id = format!("paper-{key}-text");
        view! {
            <fieldset class="field question" data-question=key aria-describedby=format!("{legend}-error")>
                <legend id=legend.clone()>{t(question_msg(question, kind))}</legend>
                <div class="choices">
                    {choices.iter().copied().map(|choice| {
                        let box_id = format!("paper-{key}-{}", choice.key());
                        view! {
                            <div class="choice">
                                <input type="radio" id=box_id.clone() name=format!("paper-{key}") value=choice.key()
                                    on:change=move |_| set_answer(question, Box::new(move |a| a.choice = choice.key().into()))/>
                                <label for=box_id>{t(choice_msg(choice))}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <label for=text_id.clone()>{t(text_label)}</label>
                <textarea id=text_id rows="3"
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        set_answer(question, Box::new(move |a| a.text = text.clone()))
                    }></textarea>
                <p class="field-error" id=format!("{legend}-error")>{problem_at(key)}</p>
            </fieldset>
        }
    }).collect_view();
    view! {
        <h1>{t(Msg::PaperReportTitle)}</h1>
        <p class="lead">{title}</p>
        <p><a href=format!("/pairs/{pair}/reports")>{t(Msg::BackToReports)}</a></p>
        {if answered {
            view! { <p class="notice">{t(Msg::PaperAlreadyAnswered)}</p> }.into_any()
        } else {
            view! {
                <form class="form paper-form" novalidate on:submit=on_submit>
                    <p class="hint">{t(Msg::PaperReportIntro)}</p>
                    <div class="field">
                        <label for="paper-date">{t(Msg::PaperDateLabel)}</label>
                        <input id="paper-date" type="date" aria-describedby="paper-date-error"
                            on:input:target=move |ev| input.update(|i| i.date = ev.target().value())/>
                        <p class="field-error" id="paper-date-error">{problem_at("date")}</p>
                    </div>
                    <fieldset class="field" aria-describedby="paper-time-error">
                        <legend>{t(Msg::QTimeMet)}</legend>
                        <div class="inline-fields">
                            <div class="field">
                                <label for="paper-months">{t(Msg::MonthsLabel)}</label>
                                <input id="paper-months" type="number" min="0" inputmode="numeric"
                                    on:input:target=move |ev| input.update(|i| i.months = ev.target().value())/>
                            </div>
                            <div class="field">
                                <label for="paper-weeks">{t(Msg::WeeksLabel)}</label>
                                <input id="paper-weeks" type="number" min="0" inputmode="numeric"
                                    on:input:target=move |ev| input.update(|i| i.weeks = ev.target().value())/>
                            </div>
                        </div>
                        <p class="field-error" id="paper-time-error">{problem_at("time_met")}</p>
                    </fieldset>
                    {questions}
                    <FormNotice notice/>
                    <button type="submit" disabled=move || busy.get()>{t(Msg::SavePaperReport)}</button>
                </form>
            }
            .into_any()
        }}
    }
}
