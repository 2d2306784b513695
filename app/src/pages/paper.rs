//! `/paper`: the four mentoring tools, blank, to print in the reader's
//! language, for a school with no network or a person with no phone. The
//! questions are the app's own (the same texts the forms ask), so a paper
//! answer can be typed in as it was given.

use crate::components::PrintButton;
use crate::i18n::{choice_msg, labels, meeting_form_label, question_msg, t, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Which blank tool the address asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    Registration,
    MeetingLog,
    Report(ReportKind, Respondent),
}

impl Tool {
    fn from_query(tool: &str, respondent: &str) -> Tool {
        let respondent = Respondent::from_key(respondent).unwrap_or(Respondent::Mentee);
        match tool {
            "2" => Tool::MeetingLog,
            "3" => Tool::Report(ReportKind::Midterm, respondent),
            "4" => Tool::Report(ReportKind::Final, respondent),
            _ => Tool::Registration,
        }
    }

    fn title(self) -> Msg {
        match self {
            Tool::Registration => Msg::PaperTool1,
            Tool::MeetingLog => Msg::PaperTool2,
            Tool::Report(ReportKind::Midterm, _) => Msg::PaperTool3,
            Tool::Report(ReportKind::Final, _) => Msg::PaperTool4,
        }
    }
}

/// The rows of the blank registration sheet (the model's sheet has 12).
const SHEET_ROWS: usize = 12;

#[component]
pub fn PaperPage() -> impl IntoView {
    let query = use_query_map();
    let tool = move || {
        query.with(|q| {
            Tool::from_query(
                &q.get("tool").unwrap_or_default(),
                &q.get("for").unwrap_or_default(),
            )
        })
    };
    let links = [
        (Msg::PaperTool1, "/paper?tool=1".to_string()),
        (Msg::PaperTool2, "/paper?tool=2".to_string()),
    ];
    view! {
        <section class="page wide paper">
            <div class="no-print">
                <h1>{t(Msg::PaperTitle)}</h1>
                <p class="lead">{t(Msg::PaperIntro)}</p>
                <ul class="plain-list paper-tools">
                    {links.into_iter().map(|(label, href)| view! { <li><a href=href>{t(label)}</a></li> }).collect_view()}
                    {[(Msg::PaperTool3, 3), (Msg::PaperTool4, 4)].into_iter().map(|(label, n)| view! {
                        <li data-testid=format!("paper-tool-{n}")>
                            {t(label)} ": "
                            <a href=format!("/paper?tool={n}&for=mentee")>{t(Msg::PaperForMentee)}</a> " · "
                            <a href=format!("/paper?tool={n}&for=mentor")>{t(Msg::PaperForMentor)}</a>
                        </li>
                    }).collect_view()}
                </ul>
                <PrintButton/>
            </div>
            {move || {
                let tool = tool();
                view! {
                    <article class="blank-tool" data-testid="blank-tool">
                        <h2>{t(tool.title())}</h2>
                        {match tool {
                            Tool::Registration => registration().into_any(),
                            Tool::MeetingLog => meeting_log().into_any(),
                            Tool::Report(kind, respondent) => report(kind, respondent).into_any(),
                        }}
                    </article>
                }
            }}
        </section>
    }
}

/// Ruled lines to write on.
fn lines(n: usize) -> impl IntoView {
    view! { <div class="write-lines" style=format!("--lines: {n}") aria-hidden="true"></div> }
}

/// A line with a label and room to write.
fn blank(label: Msg) -> impl IntoView {
    view! { <p class="write-field"><span>{t(label)}</span><span class="write-space" aria-hidden="true"></span></p> }
}

/// Boxes to tick, one per choice.
fn boxes(choices: Vec<Msg>) -> impl IntoView {
    view! {
        <p class="tick-boxes">
            {choices.into_iter().map(|c| view! { <span class="tick"><span class="box" aria-hidden="true">"☐"</span> " " {t(c)}</span> }).collect_view()}
        </p>
    }
}

fn registration() -> impl IntoView {
    let columns = [
        Msg::MenteeNameLabel,
        Msg::GenderLabel,
        Msg::AgeLabel,
        Msg::RoleWithChildLabel,
        Msg::ChildAgeLabel,
        Msg::PhoneLabel,
        Msg::ContactWayLabel,
        Msg::PaperSignature,
    ];
    let legend = |label: Msg, choices: Vec<Msg>| {
        view! {
            <p class="paper-legend"><strong>{t(label)}</strong> ": "
                {choices.into_iter().enumerate().map(|(i, c)| view! { {(i > 0).then_some(" / ")} {t(c)} }).collect_view()}
            </p>
        }
    };
    view! {
        {blank(Msg::PaperProgramme)}
        {blank(Msg::SchoolLabel)}
        <table class="paper-sheet">
            <thead><tr>
                <th scope="col">"#"</th>
                {columns.into_iter().map(|c| view! { <th scope="col">{t(c)}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {(1..=SHEET_ROWS).map(|n| view! {
                    <tr><th scope="row">{n}</th>{columns.iter().map(|_| view! { <td></td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
        {legend(Msg::GenderLabel, Gender::ALL.iter().map(|g| labels::gender(*g)).collect())}
        {legend(Msg::RoleWithChildLabel, RoleWithChild::ALL.iter().map(|r| labels::role_with_child(*r)).collect())}
        {legend(Msg::ContactWayLabel, ContactWay::ALL.iter().map(|w| labels::contact_way(*w)).collect())}
        <p class="hint">{t(Msg::PaperConsentNote)}</p>
    }
}

fn meeting_log() -> impl IntoView {
    view! {
        <p class="lead">{t(Msg::FormIntro)}</p>
        {blank(Msg::MentorLabel)}
        {blank(Msg::MenteeLabel)}
        {blank(Msg::DateLabel)}
        <h3>{t(Msg::FormLabel)}</h3>
        {boxes(MeetingForm::ALL.iter().map(|f| meeting_form_label(*f)).collect())}
        <h3>{t(Msg::DurationLabel)}</h3>
        <p class="write-field">
            <span class="write-space short" aria-hidden="true"></span> {t(Msg::HoursLabel)} " "
            <span class="write-space short" aria-hidden="true"></span> {t(Msg::MinutesLabel)}
        </p>
        <h3>{t(Msg::DescriptionLabel)}</h3>
        {lines(6)}
        <h3>{t(Msg::WentWellLabel)}</h3>
        {lines(4)}
        <h3>{t(Msg::ChallengeLabel)}</h3>
        {boxes(vec![Msg::ChoiceYes, Msg::ChoiceNo])}
        <p>{t(Msg::ChallengeTextLabel)}</p>
        {lines(4)}
    }
}

fn report(kind: ReportKind, respondent: Respondent) -> impl IntoView {
    let items = items(kind, respondent);
    view! {
        <p class="paper-respondent"><strong>{t(Msg::PaperIAmA)}</strong> " " {t(labels::respondent(respondent))}</p>
        {blank(Msg::MenteeLabel)}
        {blank(Msg::MentorLabel)}
        {blank(Msg::DateLabel)}
        <h3>{t(Msg::QTimeMet)}</h3>
        <p class="write-field">
            <span class="write-space short" aria-hidden="true"></span> {t(Msg::MonthsLabel)} " "
            <span class="write-space short" aria-hidden="true"></span> {t(Msg::WeeksLabel)}
        </p>
        <ol class="paper-questions">
            {items.into_iter().map(|item| {
                let choices: Vec<Msg> = item.scale.choices().iter().map(|c| choice_msg(*c)).collect();
                let explain = crate::i18n::explain_msg(&item);
                let has_choices = !choices.is_empty();
                view! {
                    <li class="paper-question">
                        <p class="question-text">{t(question_msg(item.question, kind))}</p>
                        {has_choices.then(|| boxes(choices))}
                        {has_choices.then(|| view! { <p class="muted">{t(explain)}</p> })}
                        {lines(if has_choices { 2 } else { 4 })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
