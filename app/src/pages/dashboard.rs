//! The manager's home: the alerts that need doing (a safeguarding concern
//! always first), then every pair of their programmes at a glance, sorted
//! and filtered by the page's address (links and a plain form, so it works
//! before the app has loaded). A table on a desktop, a list on a phone.

use crate::api::dashboard::manager_dashboard;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, I18n, Msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/manager`.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|q| DashboardQuery {
            status: q.get("status").unwrap_or_default(),
            alerts_only: q.get("alerts").is_some_and(|v| v == "1"),
            programme: q.get("programme").unwrap_or_default(),
            search: q.get("q").unwrap_or_default(),
            sort: q.get("sort").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    });
    let data = Resource::new(move || query.get(), manager_dashboard);
    view! {
        <Loaded resource=data let:dashboard>
            <Dashboard dashboard query=query.get_untracked()/>
        </Loaded>
    }
}

/// The page's address for `query`.
fn href(query: &DashboardQuery) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |name: &str, value: &str| {
        if !value.is_empty() {
            parts.push(format!("{name}={}", encode(value)));
        }
    };
    add("status", &query.status);
    add("alerts", if query.alerts_only { "1" } else { "" });
    add("programme", &query.programme);
    add("q", &query.search);
    add("sort", &query.sort);
    if query.page > 1 {
        add("page", &query.page.to_string());
    }
    if parts.is_empty() {
        "/manager".into()
    } else {
        format!("/manager?{}", parts.join("&"))
    }
}

/// Percent-encodes what a query value may not hold as it is.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn Dashboard(dashboard: Dashboard, query: DashboardQuery) -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard {
        today,
        programmes,
        alerts,
        alert_total,
        rows,
        matching,
        total,
        page,
        pages,
        screening,
    } = dashboard;
    let shown = rows.len();
    let summary = move || {
        i18n.fill(
            Msg::PairsShown,
            &[("n", &matching.to_string()), ("total", &total.to_string())],
        )
    };
    view! {
        <section class="page wide dashboard">
            <h1>{t(Msg::ManagerTitle)}</h1>
            <p class="lead">{t(Msg::DashboardIntro)}</p>
            <Alerts alerts total=alert_total/>
            <crate::pages::ScreeningAlerts alerts=screening/>
            <h2 id="pairs-title">{t(Msg::DashboardPairsTitle)}</h2>
            <Filters query=query.clone() programmes/>
            <p class="muted" role="status" data-testid="pairs-shown">{summary}</p>
            {if shown == 0 {
                view! { <p class="empty">{t(if total == 0 { Msg::NoPairsYet } else { Msg::NoPairsMatch })}</p> }.into_any()
            } else {
                view! { <PairsTable rows today query=query.clone()/> }.into_any()
            }}
            {(pages > 1).then(|| view! { <Pager query page pages/> })}
            <p><a href="/manager/logs">{t(Msg::AllLogsLink)}</a></p>
        </section>
    }
}

/// What the manager must do, most urgent first, each a link to where it
/// is done.
#[component]
fn Alerts(alerts: Vec<AlertLine>, total: usize) -> impl IntoView {
    let i18n = use_i18n();
    let more = total.saturating_sub(alerts.len());
    view! {
        <section class="alerts" aria-labelledby="alerts-title">
            <h2 id="alerts-title">
                {t(Msg::AlertsTitle)}
                {(total > 0).then(|| view! { " " <span class="count" data-testid="alert-count">{total}</span> })}
            </h2>
            {if alerts.is_empty() {
                view! { <p class="empty">{t(Msg::NoAlerts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="alert-list">
                        {alerts.into_iter().map(|line| {
                            let kind = line.alert.kind;
                            let link = line.link();
                            view! {
                                <li class=format!("alert alert-{}", kind.key()) data-testid="alert">
                                    <a href=link>{move || alert_text(i18n, &line)}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! {
                        <p><a href="/manager?alerts=1">{move || i18n.fill(Msg::MoreAlerts, &[("n", &more.to_string())])}</a></p>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

/// One alert in a line: who, and what needs doing.
pub fn alert_text(i18n: I18n, line: &AlertLine) -> String {
    let who = format!("{} · {}", line.mentor_name, line.mentee_name);
    let n = line.alert.number.to_string();
    let what = match line.alert.kind {
        AlertKind::Concern => i18n.fill(Msg::AlertConcern, &[("n", &n)]),
        AlertKind::EndAsked => i18n.fill(Msg::AlertEndAsked, &[("n", &n)]),
        AlertKind::ReportOverdue => {
            let (kind, missing) = line
                .alert
                .report
                .clone()
                .unwrap_or((ReportKind::Midterm, Vec::new()));
            let sides: Vec<&str> = missing
                .iter()
                .map(|r| i18n.text(labels::respondent(*r)))
                .collect();
            i18n.fill(
                Msg::AlertReportOverdue,
                &[
                    ("report", i18n.text(labels::report_kind(kind))),
                    ("who", &sides.join(", ")),
                ],
            )
        }
        AlertKind::NoMeeting => i18n.fill(Msg::AlertNoMeeting, &[("n", &n)]),
        AlertKind::NotConfirmed => i18n.fill(Msg::AlertNotConfirmed, &[("n", &n)]),
        AlertKind::PastPlannedEnd => i18n.fill(Msg::AlertPastEnd, &[("n", &n)]),
        AlertKind::ChallengeOpen => i18n.fill(Msg::AlertChallenges, &[("n", &n)]),
    };
    format!("{who}: {what}")
}

/// The filters: a plain form that reloads the page with its address.
#[component]
fn Filters(query: DashboardQuery, programmes: Vec<(ProgrammeId, String)>) -> impl IntoView {
    let status = query.status.clone();
    let programme = query.programme.clone();
    view! {
        <form class="filters" method="get" action="/manager" role="search" aria-labelledby="pairs-title">
            <div class="field">
                <label for="filter-q">{t(Msg::SearchNames)}</label>
                <input id="filter-q" type="search" name="q" value=query.search.clone()/>
            </div>
            <div class="field">
                <label for="filter-status">{t(Msg::StatusLabel)}</label>
                <select id="filter-status" name="status">
                    <option value="" selected=status.is_empty()>{t(Msg::AllPairs)}</option>
                    {PairStatus::ALL.iter().map(|s| {
                        let key = s.key();
                        view! { <option value=key selected=status == key>{t(labels::pair_status(*s))}</option> }
                    }).collect_view()}
                </select>
            </div>
            {(programmes.len() > 1).then(|| view! {
                <div class="field">
                    <label for="filter-programme">{t(Msg::ProgrammeLabel)}</label>
                    <select id="filter-programme" name="programme">
                        <option value="" selected=programme.is_empty()>{t(Msg::AllProgrammes)}</option>
                        {programmes.into_iter().map(|(id, name)| {
                            let id = id.to_string();
                            let selected = programme == id;
                            view! { <option value=id selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="choice">
                <input id="filter-alerts" type="checkbox" name="alerts" value="1" checked=query.alerts_only/>
                <label for="filter-alerts">{t(Msg::OnlyWithAlerts)}</label>
            </div>
            <input type="hidden" name="sort" value=query.sort.clone()/>
            <button type="submit">{t(Msg::ApplyFilters)}</button>
        </form>
    }
}

/// A column heading that sorts by `key`.
fn sort_heading(query: &DashboardQuery, key: SortKey, label: Msg) -> AnyView {
    let current = query.sort_key() == key;
    let link = href(&DashboardQuery {
        sort: key.key().into(),
        page: 1,
        ..query.clone()
    });
    view! {
        <th scope="col" aria-sort=current.then_some("ascending")>
            <a href=link>{t(label)}</a>
        </th>
    }
    .into_any()
}

#[component]
fn PairsTable(
    rows: Vec<DashboardRow>,
    today: chrono::NaiveDate,
    query: DashboardQuery,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableScroll labelled_by="pairs-title">
            <table class="responsive pairs-table">
                <thead>
                    <tr>
                        {sort_heading(&query, SortKey::Mentor, Msg::ColPair)}
                        {sort_heading(&query, SortKey::Status, Msg::StatusLabel)}
                        {sort_heading(&query, SortKey::LastMeeting, Msg::ColLastMeeting)}
                        {sort_heading(&query, SortKey::PerMonth, Msg::ColPerMonth)}
                        <th scope="col">{t(Msg::ColHours)}</th>
                        <th scope="col">{t(Msg::ColOpenChallenges)}</th>
                        <th scope="col">{t(Msg::ColReports)}</th>
                        {sort_heading(&query, SortKey::PlannedEnd, Msg::ColPlannedEnd)}
                        {sort_heading(&query, SortKey::Alerts, Msg::AlertsTitle)}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let DashboardRow { pair, alerts, per_month, next_report } = row;
                        let expected = pair.meetings_expected.per_month();
                        let behind = pair.status == PairStatus::Active && per_month + 0.05 < expected;
                        let (minutes, last, end) = (pair.minutes, pair.last_meeting_on, pair.planned_end_on);
                        let quiet = pair.quiet_for(today);
                        let programme = pair.programme_id;
                        let pair_id = pair.id;
                        let has_alert = !alerts.is_empty();
                        view! {
                            <tr data-testid="pair-row" class:has-alert=has_alert>
                                <th scope="row">
                                    {pair.mentor_name.clone()} " · " {pair.mentee_name.clone()}
                                    <span class="muted">" · " {pair.programme_name.clone()}</span>
                                    <span class="row-links">
                                        <a href=format!("/manager/logs?pair={pair_id}")>{t(Msg::LogsLink)}</a>
                                        <a href=format!("/pairs/{pair_id}/reports")>{t(Msg::NavReports)}</a>
                                        <a href=format!("/pairs/{pair_id}/concerns")>{t(Msg::ConcernsLink)}</a>
                                        <a href=format!("/programmes/{programme}/matching")>{t(Msg::NavMatching)}</a>
                                    </span>
                                </th>
                                <td data-label=t(Msg::StatusLabel)>{t(labels::pair_status(pair.status))}</td>
                                <td data-label=t(Msg::ColLastMeeting)>
                                    {move || match last {
                                        Some(date) => i18n.fill(Msg::LastMeetingDays, &[
                                            ("date", &format_date(date, i18n.lang.get())),
                                            ("n", &quiet.to_string()),
                                        ]),
                                        None => i18n.text(Msg::NoMeetingYet).to_string(),
                                    }}
                                </td>
                                <td data-label=t(Msg::ColPerMonth) class:behind=behind>
                                    {format!("{per_month:.1} / {expected:.0}")}
                                </td>
                                <td data-label=t(Msg::ColHours)>{move || format_duration(minutes, i18n.lang.get())}</td>
                                <td data-label=t(Msg::ColOpenChallenges)>{pair.open_challenges}</td>
                                <td data-label=t(Msg::ColReports)>
                                    {move || next_report.as_ref().map(|(report, urgency)| {
                                        let msg = match urgency {
                                            Some(true) => Msg::ReportLateOn,
                                            Some(false) => Msg::ReportDueSoonOn,
                                            None => Msg::ReportDueOn,
                                        };
                                        i18n.fill(msg, &[
                                            ("report", i18n.text(labels::report_kind(report.kind))),
                                            ("date", &format_date(report.due_on, i18n.lang.get())),
                                        ])
                                    }).unwrap_or_default()}
                                </td>
                                <td data-label=t(Msg::ColPlannedEnd)>
                                    {move || end.map(|d| format_date(d, i18n.lang.get())).unwrap_or_default()}
                                </td>
                                <td data-label=t(Msg::AlertsTitle)>
                                    <span class="badges">
                                        {alerts.into_iter().map(|a| view! {
                                            <span class=format!("badge alert-{}", a.kind.key())>{t(labels::alert_kind(a.kind))}</span>
                                        }).collect_view()}
                                    </span>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn Pager(query: DashboardQuery, page: u32, pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |page: u32| {
        href(&DashboardQuery {
            page,
            ..query.clone()
        })
    };
    view! {
        <nav class="pager" aria-label=t(Msg::Pages)>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t(Msg::PreviousPage)}</a> })}
            <span>{move || i18n.fill(Msg::PageOf, &[("n", &page.to_string()), ("total", &pages.to_string())])}</span>
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t(Msg::NextPage)}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_of_a_query_holds_only_what_is_set() {
        assert_eq!(href(&DashboardQuery::default()), "/manager");
        let query = DashboardQuery {
            status: "active".into(),
            alerts_only: true,
            search: "Ana Pop".into(),
            sort: "last_meeting".into(),
            page: 2,
            ..Default::default()
        };
        assert_eq!(
            href(&query),
            "/manager?status=active&alerts=1&q=Ana%20Pop&sort=last_meeting&page=2"
        );
    }
}
