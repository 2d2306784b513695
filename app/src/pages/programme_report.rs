//! `/programmes/:id/report`: the programme report, the annex template's
//! chapters in order, every number from the data (charts drawn on the
//! server, each with its numbers in a table), and the narrative sections
//! the coordinator or a manager writes. The period is in the address
//! (`?from=…&to=…`), so the report can be linked, printed and downloaded
//! as it is shown.

use crate::api::programme_report::*;
use crate::api::AppError;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{choice_msg, question_msg};
use crate::i18n::{labels, meeting_form_label, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProgrammeReportPage() -> impl IntoView {
    let Some(programme) = programme_param() else {
        return view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any();
    };
    let query = use_query_map();
    let period = move || {
        query.with(|q| {
            (
                q.get("from").unwrap_or_default(),
                q.get("to").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(period, move |(from, to)| {
        get_programme_report(programme, from, to)
    });
    view! {
        <section class="page wide programme-report" aria-labelledby="report-title">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || data.get().map(|result| match result {
                    Ok(report) => view! { <Report report/> }.into_any(),
                    Err(AppError::Invalid { errors }) => {
                        let (from, to) = period();
                        view! {
                            <h1 id="report-title">{t(Msg::ProgrammeReportLink)}</h1>
                            <ProgrammeTabs programme current=Msg::ProgrammeReportLink/>
                            <PeriodForm from to errors/>
                        }
                        .into_any()
                    }
                    Err(error) => error_view(error),
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The period, as a plain GET form: it works before the page woke up.
#[component]
fn PeriodForm(from: String, to: String, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let has_errors = !errors.is_empty();
    let problem = move |field| {
        errors
            .problem(field)
            .map(|p| i18n.text(crate::i18n::problem_message(p)))
    };
    let from_error = problem(Field::From);
    let to_error = problem(Field::To);
    view! {
        <form method="get" class="filters no-print" aria-label=t(Msg::ReportPeriod)>
            {has_errors.then(|| view! { <p class="form-error" role="alert">{t(Msg::FixErrors)}</p> })}
            <div class="field" class:has-error=from_error.is_some()>
                <label for="report-from">{t(Msg::ReportFromLabel)}</label>
                <input id="report-from" name="from" type="date" value=from
                    aria-invalid=if from_error.is_some() { "true" } else { "false" }
                    aria-describedby="report-from-error"/>
                <p class="field-error" id="report-from-error">{from_error}</p>
            </div>
            <div class="field" class:has-error=to_error.is_some()>
                <label for="report-to">{t(Msg::ReportToLabel)}</label>
                <input id="report-to" name="to" type="date" value=to
                    aria-invalid=if to_error.is_some() { "true" } else { "false" }
                    aria-describedby="report-to-error"/>
                <p class="field-error" id="report-to-error">{to_error}</p>
            </div>
            <button type="submit">{t(Msg::ReportShow)}</button>
        </form>
    }
}

fn chart(report: &ProgrammeReport, id: &str) -> impl IntoView {
    report.chart(id).map(|c| {
        view! {
            <figure class="chart" data-testid=c.id.clone()>
                <div class="chart-svg" inner_html=c.svg.clone()></div>
                <figcaption class="hint">{t(Msg::ChartDataNote)}</figcaption>
            </figure>
        }
    })
}

/// Answers quoted as written; those who may write the report mark each
/// one publishable (only those leave the organisation).
fn quotes(heading: Msg, list: Vec<Quote>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        let count = list.len();
        view! {
            <div class="quotes">
                <p class="quotes-heading">{t(heading)} " (" {count} ")"</p>
                <ul>
                    {list.into_iter().map(|quote| view! { <QuoteItem quote/> }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
fn QuoteItem(quote: Quote) -> impl IntoView {
    let ReportContext {
        programme,
        can_write,
    } = expect_context();
    let marked = RwSignal::new(quote.publishable);
    let failed: RwSignal<Option<Msg>> = RwSignal::new(None);
    let (report, question) = (quote.report, quote.question);
    let id = format!("quote-{report}-{}", question.key());
    let toggle = move |ev: leptos::ev::Event| {
        let publishable = event_target_checked(&ev);
        marked.set(publishable);
        spawn_local(async move {
            match mark_quote(programme, report, question, publishable).await {
                Ok(()) => failed.set(None),
                Err(error) => {
                    marked.set(!publishable);
                    failed.set(Some(error.message()));
                }
            }
        });
    };
    view! {
        <li class:publishable=marked>
            <q>{quote.text}</q>
            {if can_write {
                view! {
                    " "
                    <span class="quote-mark no-print">
                        <input type="checkbox" id=id.clone() prop:checked=marked on:change=toggle/>
                        <label for=id>{t(Msg::QuotePublishable)}</label>
                    </span>
                    {move || failed.get().map(|m| view! { <span class="error" role="alert">" " {t(m)}</span> })}
                }
                .into_any()
            } else {
                (move || marked.get().then(|| view! { " " <span class="badge">{t(Msg::QuotePublishable)}</span> })).into_any()
            }}
        </li>
    }
}

/// What every quote of the report needs to be marked.
#[derive(Clone, Copy)]
struct ReportContext {
    programme: ProgrammeId,
    can_write: bool,
}

fn count_table<K: Copy + Send + Sync + 'static>(
    caption: Msg,
    rows: Vec<(K, u32)>,
    label: fn(K) -> Msg,
) -> impl IntoView {
    view! {
        <table class="figures">
            <caption>{t(caption)}</caption>
            <thead><tr><th scope="col">{t(Msg::ColValue)}</th><th scope="col">{t(Msg::ColPeople)}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(k, n)| view! {
                    <tr><th scope="row">{t(label(k))}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Report(report: ProgrammeReport) -> impl IntoView {
    let i18n = use_i18n();
    let programme = report.programme_id;
    provide_context(ReportContext {
        programme,
        can_write: report.can_write,
    });
    let (from, to) = (report.from, report.to);
    let download = |format: &str| {
        format!(
            "/api/programme-report/{format}?programme={programme}&from={}&to={}",
            dates::format_iso_date(from),
            dates::format_iso_date(to)
        )
    };
    let name = report.programme_name.clone();
    let can_write = report.can_write;
    let narrative = move |section: NarrativeSection, report: &ProgrammeReport| {
        let text = report.narrative(section).to_string();
        view! { <Narrative programme section text can_write/> }
    };
    let t1 = report.table1.clone();
    let months = t1.duration_months;

    view! {
        <h1 id="report-title">{move || Msg::ReportTitle.fill(i18n.lang.get(), &[("name", &name)])}</h1>
        <ProgrammeTabs programme current=Msg::ProgrammeReportLink/>
        <p class="lead no-print">{t(Msg::ReportIntro)}</p>
        <PeriodForm from=dates::format_iso_date(from) to=dates::format_iso_date(to) errors=FieldErrors::default()/>
        <p class="report-period" data-testid="report-period">{move || {
            let lang = i18n.lang.get();
            Msg::ReportRange.fill(lang, &[("from", &format_date(from, lang)), ("to", &format_date(to, lang))])
        }}</p>
        <p class="actions no-print">
            <a class="button" href=download("pdf") download data-testid="report-pdf">{t(Msg::ReportDownloadPdf)}</a>
            " "
            <a class="button secondary" href=download("docx") download data-testid="report-docx">{t(Msg::ReportDownloadDocx)}</a>
            " "
            <a class="button secondary" href=download("csv") download data-testid="report-csv">{t(Msg::ReportDownloadCsv)}</a>
            " "
            <a class="button secondary" href=download("xlsx") download data-testid="report-xlsx">{t(Msg::ReportDownloadXlsx)}</a>
            " "
            <PrintButton/>
        </p>
        <p class="hint">{t(Msg::ReportWhatCounts)}</p>
        <p class="hint">{t(Msg::ReportQuotesNote)}</p>

        {narrative(NarrativeSection::Introduction, &report)}

        <h2>{t(Msg::ChapterOrganisation)}</h2>
        {narrative(NarrativeSection::Context, &report)}

        <h3>{t(Msg::SectionRecruitment)}</h3>
        {report.recruitment.iter().map(|table| {
            let kind = table.kind;
            let accepted = table.accepted;
            view! {
                <h4>{move || Msg::RecruitmentOf.fill(i18n.lang.get(), &[("who", i18n.text(labels::who(kind)))])}</h4>
                {chart(&report, &format!("chart-recruitment-{}", kind.key()))}
                <table class="figures" data-testid=format!("recruitment-{}", kind.key())>
                    <thead><tr>
                        <th scope="col">{t(Msg::ColStage)}</th>
                        <th scope="col">{t(Msg::ColEntered)}</th>
                        <th scope="col">{t(Msg::ColWentOn)}</th>
                        <th scope="col">{t(Msg::ColDroppedOut)}</th>
                        <th scope="col">{t(Msg::ColWhy)}</th>
                    </tr></thead>
                    <tbody>
                        {table.rows.iter().map(|row| {
                            let reasons = row.reasons.iter()
                                .map(|(r, n)| if *n > 1 { format!("{r} ({n})") } else { r.clone() })
                                .collect::<Vec<_>>()
                                .join("; ");
                            view! {
                                <tr>
                                    <th scope="row">{row.stage.map(|s| t(labels::stage(s)))}</th>
                                    <td>{row.entered}</td>
                                    <td>{row.went_on}</td>
                                    <td>{row.dropped}</td>
                                    <td>{reasons}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{move || Msg::AcceptedCount.fill(i18n.lang.get(), &[("n", &accepted.to_string())])}</p>
            }
        }).collect_view()}

        <h3>{t(Msg::SectionProfile)}</h3>
        <p class="hint">{t(Msg::ProfileNoCoordinators)}</p>
        {chart(&report, "chart-gender")}
        {chart(&report, "chart-age")}
        {chart(&report, "chart-employment")}
        {report.profiles.iter().map(|(kind, p)| {
            let (kind, people) = (*kind, p.people);
            view! {
                <h4>{move || Msg::ProfileOf.fill(i18n.lang.get(), &[("who", i18n.text(labels::who(kind))), ("n", &people.to_string())])}</h4>
                <div class="figure-row">
                    {count_table(Msg::GenderLabel, p.gender.clone(), labels::gender_or_not)}
                    {count_table(Msg::AgeBandLabel, p.age.clone(), labels::age_band)}
                    {count_table(Msg::EmploymentLabel, p.employment.clone(), labels::employment_or_not)}
                    <table class="figures">
                        <caption>{t(Msg::BackgroundLabel)}</caption>
                        <tbody>
                            {p.background.iter().map(|(b, n)| {
                                let b = b.clone();
                                let empty = b.is_empty();
                                view! {
                                    <tr><th scope="row">{if empty { t(Msg::NotRecorded).into_any() } else { b.into_any() }}</th><td>{*n}</td></tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }).collect_view()}

        <h3>{t(Msg::SectionStructure)}</h3>
        <table class="figures table1" data-testid="table1">
            <caption>{t(Msg::Table1Title)}</caption>
            <thead><tr><th scope="col"></th><th scope="col">{t(Msg::ColPeople)}</th><th scope="col">{t(Msg::EndCompleted)}</th></tr></thead>
            <tbody>
                <tr><th scope="row">{t(Msg::T1Format)}</th><td colspan="2">{t(labels::programme_format(t1.format))}</td></tr>
                <tr><th scope="row">{t(Msg::T1Typology)}</th><td colspan="2">{t(labels::typology(t1.typology))}</td></tr>
                <tr><th scope="row">{t(Msg::T1Duration)}</th><td colspan="2">{move || Msg::T1Months.fill(i18n.lang.get(), &[("n", &months.to_string())])}</td></tr>
                <tr data-testid="t1-managers"><th scope="row">{t(Msg::T1Managers)}</th><td>{t1.managers}</td><td>{t1.managers_completed}</td></tr>
                <tr data-testid="t1-mentors"><th scope="row">{t(Msg::T1Mentors)}</th><td>{t1.mentors}</td><td>{t1.mentors_completed}</td></tr>
                <tr data-testid="t1-mentees"><th scope="row">{t(Msg::T1Mentees)}</th><td>{t1.mentees}</td><td>{t1.mentees_completed}</td></tr>
                <tr data-testid="t1-processes"><th scope="row">{t(Msg::T1Processes)}</th><td colspan="2">{t1.processes}</td></tr>
            </tbody>
        </table>
        <h4>{t(Msg::SectionMatching)}</h4>
        <table class="figures">
            <tbody>
                <tr><th scope="row">{t(Msg::PairsMatched)}</th><td>{t1.pairs_matched}</td></tr>
                <tr><th scope="row">{t(Msg::PairsConfirmed)}</th><td>{t1.processes}</td></tr>
                <tr><th scope="row">{t(Msg::EndCompleted)}</th><td>{t1.completed}</td></tr>
                <tr><th scope="row">{t(Msg::EndDroppedOut)}</th><td>{t1.dropped_out}</td></tr>
                <tr><th scope="row">{t(Msg::EndNotConfirmed)}</th><td>{t1.not_confirmed}</td></tr>
            </tbody>
        </table>
        {(!t1.drop_reasons.is_empty()).then(|| count_table(Msg::WhyPairsEnded, t1.drop_reasons.clone(), labels::drop_reason))}

        <h2>{t(Msg::ChapterResults)}</h2>
        <h3>{t(Msg::SectionChange)}</h3>
        <table class="figures" data-testid="change">
            <thead><tr>
                <th scope="col">{t(Msg::ColReportAndSide)}</th>
                <th scope="col">{t(Msg::ColReportCount)}</th>
                <th scope="col">{t(Msg::Yes)}</th>
                <th scope="col">{t(Msg::No)}</th>
            </tr></thead>
            <tbody>
                {report.change.iter().map(|c| view! {
                    <tr>
                        <th scope="row">{t(labels::report_side(c.kind, c.respondent))}</th>
                        <td>{c.reports}</td><td>{c.change.yes}</td><td>{c.change.no}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {report.change.iter().map(|c| {
            let side = labels::report_side(c.kind, c.respondent);
            (!(c.change.yes_quotes.is_empty() && c.change.no_quotes.is_empty())).then(|| view! {
                <h4>{t(side)}</h4>
                {quotes(Msg::QuotesSaidYes, c.change.yes_quotes.clone())}
                {quotes(Msg::QuotesSaidNo, c.change.no_quotes.clone())}
            })
        }).collect_view()}

        <h3>{t(Msg::SectionMentorRole)}</h3>
        {report.change.iter().map(|c| {
            quotes(labels::report_side(c.kind, c.respondent), c.mentor_influence.clone())
        }).collect_view()}
        {report.change.iter().all(|c| c.mentor_influence.is_empty()).then(|| view! {
            <p class="empty">{t(Msg::NoAnswersYet)}</p>
        })}

        <h3>{t(Msg::SectionStatements)}</h3>
        {chart(&report, "chart-statements")}
        <table class="figures statements" data-testid="statements">
            <thead><tr>
                <th scope="col">{t(Msg::ColStatement)}</th>
                {STATEMENT_COLUMNS.iter().map(|(k, r)| view! { <th scope="col">{t(labels::report_side(*k, *r))}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {report.statements.iter().map(|row| view! {
                    <tr>
                        <th scope="row">{t(question_msg(row.question, ReportKind::Final))}</th>
                        {row.answers.iter().map(|a| {
                            let a = *a;
                            view! {
                                <td>
                                    <span class="choice">{t(choice_msg(Choice::Agree))} ": " {a.agree}</span><br/>
                                    <span class="choice">{t(choice_msg(Choice::Disagree))} ": " {a.disagree}</span><br/>
                                    <span class="choice">{t(choice_msg(Choice::CouldBeImproved))} ": " {a.could_be_improved}</span>
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {report.statements.iter().map(|row| {
            (!row.quotes.is_empty()).then(|| view! {
                <h4 class="quote-heading">{t(question_msg(row.question, ReportKind::Final))}</h4>
                {quotes(Msg::QuotesInWhatWay, row.quotes.clone())}
            })
        }).collect_view()}

        <h3>{t(Msg::SectionCompetences)}</h3>
        {chart(&report, "chart-competences")}
        {[(Msg::SectionCompetencesMentee, 0..CHILD_STATEMENTS.len() + PARENT_STATEMENTS.len()),
          (Msg::SectionCompetencesMentor, CHILD_STATEMENTS.len() + PARENT_STATEMENTS.len()..report.competences.len())]
            .into_iter()
            .map(|(heading, range)| {
                let rows = report.competences.get(range).unwrap_or_default().to_vec();
                view! {
                    <h4>{t(heading)}</h4>
                    <table class="figures" data-testid="competences">
                        <thead><tr>
                            <th scope="col">{t(Msg::ColStatement)}</th>
                            <th scope="col">{t(Msg::Yes)}</th>
                            <th scope="col">{t(Msg::No)}</th>
                            <th scope="col">{t(Msg::ColYesShare)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.iter().map(|row| {
                                let (yes, no) = (row.answers.yes, row.answers.no);
                                view! {
                                    <tr>
                                        <th scope="row">{t(question_msg(row.question, ReportKind::Final))}</th>
                                        <td>{yes}</td><td>{no}</td><td>{percent(yes, yes + no)} " %"</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {rows.into_iter().map(|row| {
                        let texts: Vec<Quote> = row.answers.yes_quotes.iter().chain(row.answers.no_quotes.iter()).cloned().collect();
                        (!texts.is_empty()).then(|| view! {
                            <h5 class="quote-heading">{t(question_msg(row.question, ReportKind::Final))}</h5>
                            {quotes(Msg::QuotesInWhatWay, texts)}
                        })
                    }).collect_view()}
                }
            }).collect_view()}

        <h3>{t(Msg::SectionSatisfaction)}</h3>
        <table class="figures" data-testid="satisfaction">
            <thead><tr><th scope="col">{t(Msg::ColStatement)}</th><th scope="col">{t(Msg::Yes)}</th><th scope="col">{t(Msg::No)}</th></tr></thead>
            <tbody><tr>
                <th scope="row">{t(question_msg(Question::WouldChange, ReportKind::Final))}</th>
                <td>{report.satisfaction.would_change.yes}</td><td>{report.satisfaction.would_change.no}</td>
            </tr></tbody>
        </table>
        {quotes(Msg::QuotesSaidYes, report.satisfaction.would_change.yes_quotes.clone())}
        {quotes(question_msg(Question::AdviceNewPairs, ReportKind::Final), report.satisfaction.advice.clone())}
        {quotes(question_msg(Question::Comment, ReportKind::Midterm), report.satisfaction.comments.clone())}

        <h3>{t(Msg::SectionMeetingsHeld)}</h3>
        {
            let (n, minutes) = (report.meetings.meetings, report.meetings.minutes);
            view! {
                <p data-testid="meetings-total">{move || Msg::MeetingsTotal.fill(i18n.lang.get(), &[("n", &n.to_string()), ("hours", &format!("{:.1}", minutes as f64 / 60.0))])}</p>
            }
        }
        {chart(&report, "chart-meetings")}
        <div class="figure-row">
            <table class="figures" data-testid="meetings-by-month">
                <thead><tr><th scope="col">{t(Msg::ColMonth)}</th><th scope="col">{t(Msg::ColMeetings)}</th><th scope="col">{t(Msg::ColHours)}</th></tr></thead>
                <tbody>
                    {report.meetings.by_month.iter().map(|m| view! {
                        <tr><th scope="row">{m.month.clone()}</th><td>{m.meetings}</td><td>{format!("{:.1}", m.minutes as f64 / 60.0)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {count_table(Msg::ColFormOfMeeting, report.meetings.by_form.clone(), meeting_form_label)}
        </div>

        <h3>{t(Msg::SectionSchoolPlan)}</h3>
        {if report.measures.is_empty() {
            view! { <p class="empty">{t(Msg::NoAnswersYet)}</p> }.into_any()
        } else {
            count_table(Msg::ColMeasureState, report.measures.clone(), labels::measure_state).into_any()
        }}

        {narrative(NarrativeSection::ResultsSummary, &report)}

        <h2>{t(Msg::ChapterChallenges)}</h2>
        {narrative(NarrativeSection::Challenges, &report)}
        {narrative(NarrativeSection::FinalRemarks, &report)}
    }
}

/// One narrative section: its text, and for those who may write it, a
/// box to write in, saved when asked (with what happened said aloud).
#[component]
fn Narrative(
    programme: ProgrammeId,
    section: NarrativeSection,
    text: String,
    can_write: bool,
) -> impl IntoView {
    let id = format!("narrative-{}", section.key());
    let saved = RwSignal::new(text.clone());
    let typed = RwSignal::new(text);
    let notice: RwSignal<Option<(bool, Msg)>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        notice.set(Some((true, Msg::NarrativeSaving)));
        let text = typed.get_untracked();
        spawn_local(async move {
            match save_narrative(programme, section, text.clone()).await {
                Ok(()) => {
                    saved.set(text.trim().to_string());
                    notice.set(Some((true, Msg::NarrativeSaved)));
                }
                Err(AppError::Invalid { errors }) => {
                    let msg = errors
                        .problem(Field::Narrative)
                        .map(crate::i18n::problem_message)
                        .unwrap_or(Msg::FixErrors);
                    notice.set(Some((false, msg)));
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
            busy.set(false);
        });
    };
    let heading_id = format!("{id}-heading");
    view! {
        <section class="narrative" aria-labelledby=heading_id.clone() data-testid=id.clone()>
            <h3 id=heading_id.clone()>{t(labels::narrative_section(section))}</h3>
            <div class="narrative-text" class:screen-hidden=can_write>
                {move || {
                    let text = saved.get();
                    if text.is_empty() {
                        view! { <p class="empty">{t(Msg::NarrativeNotWritten)}</p> }.into_any()
                    } else {
                        text.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view().into_any()
                    }
                }}
            </div>
            {can_write.then(|| view! {
                <form class="form no-print" novalidate on:submit=save>
                    <div class="field">
                        <label for=id.clone() class="visually-hidden">{t(labels::narrative_section(section))}</label>
                        <textarea id=id.clone() rows="6"
                            prop:value=move || typed.get()
                            on:input:target=move |ev| typed.set(ev.target().value())
                        ></textarea>
                    </div>
                    <button type="submit" disabled=move || busy.get()>{t(Msg::NarrativeSave)}</button>
                    <FormNotice notice/>
                </form>
            })}
        </section>
    }
}

/// The organisation's programmes side by side (coordinators), filtered by
/// the year they started and their country with a plain GET form.
#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        query.with(|q| {
            (
                q.get("year").unwrap_or_default(),
                q.get("country").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(filters, |(year, country)| compare_programmes(year, country));
    view! {
        <section class="page wide compare" aria-labelledby="compare-title">
            <h1 id="compare-title">{t(Msg::CompareTitle)}</h1>
            <p class="lead">{t(Msg::CompareIntro)}</p>
            <Loaded resource=data let:comparison>
                <Compared comparison/>
            </Loaded>
        </section>
    }
}

#[component]
fn Compared(comparison: Comparison) -> impl IntoView {
    let Comparison {
        programmes,
        years,
        countries,
        year,
        country,
        organisations,
    } = comparison;
    let publish = view! { <PublicPages organisations/> };
    let option = |value: String, selected: bool, label: AnyView| {
        view! { <option value=value selected=selected>{label}</option> }
    };
    let form = view! {
        <form method="get" class="filters" aria-label=t(Msg::CompareTitle)>
            <div class="field">
                <label for="compare-year">{t(Msg::CompareYear)}</label>
                <select id="compare-year" name="year">
                    {option(String::new(), year.is_none(), t(Msg::CompareAll).into_any())}
                    {years.into_iter().map(|y| option(y.to_string(), year == Some(y), y.to_string().into_any())).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="compare-country">{t(Msg::CountryLabel)}</label>
                <select id="compare-country" name="country">
                    {option(String::new(), country.is_none(), t(Msg::CompareAll).into_any())}
                    {countries.into_iter().map(|c| {
                        let selected = country.as_deref() == Some(c.as_str());
                        option(c.clone(), selected, c.into_any())
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{t(Msg::CompareShow)}</button>
        </form>
    };
    if programmes.is_empty() {
        return view! { {form} <p class="empty">{t(Msg::CompareNone)}</p> {publish} }.into_any();
    }
    let dash = || "–".to_string();
    let row = |label: AnyView, cells: Vec<String>| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
            </tr>
        }
    };
    let each =
        |f: &dyn Fn(&ProgrammeFigures) -> String| programmes.iter().map(f).collect::<Vec<_>>();
    let mut rows = vec![
        row(
            t(Msg::PairsMatched).into_any(),
            each(&|p| p.pairs.to_string()),
        ),
        row(
            t(Msg::PairsConfirmed).into_any(),
            each(&|p| p.processes.to_string()),
        ),
        row(
            t(Msg::CompareCompletion).into_any(),
            each(&|p| {
                p.completion()
                    .map(|c| format!("{c} %"))
                    .unwrap_or_else(dash)
            }),
        ),
        row(
            t(Msg::ColMeetings).into_any(),
            each(&|p| p.meetings.to_string()),
        ),
        row(
            t(Msg::CompareMeetingsPerPair).into_any(),
            each(&|p| p.meetings_per_pair().unwrap_or_else(dash)),
        ),
        row(
            t(Msg::ColHours).into_any(),
            each(&|p| format!("{:.1}", p.minutes as f64 / 60.0)),
        ),
    ];
    for (i, question) in PROCESS_STATEMENTS.iter().enumerate() {
        rows.push(row(
            t(question_msg(*question, ReportKind::Final)).into_any(),
            each(&|p| {
                p.agree
                    .get(i)
                    .and_then(|(_, share)| *share)
                    .map(|s| format!("{s} %"))
                    .unwrap_or_else(dash)
            }),
        ));
    }
    view! {
        {form}
        <TableScroll labelled_by="compare-title">
            <table class="figures compare-table" data-testid="comparison">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::CompareFigure)}</th>
                        {programmes.iter().map(|p| {
                            let href = format!("/programmes/{}/report", p.id);
                            view! {
                                <th scope="col">
                                    <a href=href>{p.name.clone()}</a>
                                    <br/>
                                    <span class="muted">{format!("{} · {}", p.country, p.year)}</span>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows.into_iter().collect_view()}</tbody>
            </table>
        </TableScroll>
        <p class="hint">{t(Msg::CompareAgreeNote)}</p>
        {publish}
    }
    .into_any()
}

/// For each organisation the coordinator runs: whether its aggregated
/// results are on a public page, and a link to it.
#[component]
fn PublicPages(organisations: Vec<(OrganisationId, String, bool)>) -> impl IntoView {
    let i18n = use_i18n();
    organisations
        .into_iter()
        .map(|(organisation, name, on)| {
            let published = RwSignal::new(on);
            let failed: RwSignal<Option<Msg>> = RwSignal::new(None);
            let id = format!("public-{organisation}");
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                published.set(on);
                spawn_local(async move {
                    match set_public_impact(organisation, on).await {
                        Ok(()) => failed.set(None),
                        Err(error) => {
                            published.set(!on);
                            failed.set(Some(error.message()));
                        }
                    }
                });
            };
            let href = format!("/impact/{organisation}");
            view! {
                <p class="field public-page">
                    <input type="checkbox" id=id.clone() prop:checked=published on:change=toggle/>
                    " "
                    <label for=id>{move || Msg::PublicPageToggle.fill(i18n.lang.get(), &[("name", &name)])}</label>
                    {move || published.get().then(|| view! { " · " <a href=href.clone() rel="external">{t(Msg::PublicPageOpen)}</a> })}
                    {move || failed.get().map(|m| view! { <span class="error" role="alert">" " {t(m)}</span> })}
                </p>
            }
        })
        .collect_view()
}
