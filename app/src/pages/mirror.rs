//! `/pairs/ID/reports`: the mirror view. For the pair's manager, the
//! mentor's and the mentee's answers to the mid-term and final reports side
//! by side, statement by statement, with the differences marked (in words
//! too, not by colour alone). What the model calls the mirror effect: it
//! feeds supervision.

use crate::api::reports::pair_mirror;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{choice_msg, question_msg, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;

#[component]
pub fn MirrorPage() -> impl IntoView {
    let pair = path_segment(1).and_then(|id| PairId::parse(&id).ok());
    let mirror = Resource::new(
        move || pair,
        |pair| async move {
            match pair {
                Some(pair) => pair_mirror(pair).await,
                None => Err(crate::api::AppError::NotFound),
            }
        },
    );
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
    let when = move |r: &Option<ReportView>| match r {
        Some(r) => {
            let date = r.date;
            let corrected = r.revision > 1;
            view! {
                <span class="muted">{move || i18n.fill(Msg::AnsweredOnDate, &[("date", &format_date(date, i18n.lang.get()))])}</span>
                {corrected.then(|| view! { <br/><span class="badge">{t(Msg::ReportCorrectedNote)}</span> })}
            }
            .into_any()
        }
        None => view! { <span class="muted">{t(Msg::NotAnsweredYet)}</span> }.into_any(),
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
                            <th scope="col">{t(Msg::MentorLabel)}<br/>{when(&mentor)}</th>
                            <th scope="col">{t(Msg::MenteeLabel)}<br/>{when(&mentee)}</th>
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
