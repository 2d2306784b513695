//! `/notifications`: what the person has to look at, each a link to where
//! it is done. Opening the list marks its events read.

use super::dashboard::alert_text;
use crate::api::notifications::my_notifications;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{labels, t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_notifications());
    let auth = use_auth();
    view! {
        <section class="page wide">
            <h1>{t(Msg::NotificationsTitle)}</h1>
            <p class="lead">{t(Msg::NotificationsIntro)}</p>
            <Loaded resource=data let:list>
                {
                    // The menu's count follows what was just read.
                    auth.notices.set(Some(list.iter().filter(|n| n.id.is_none()).count() as u32));
                    view! { <List list/> }
                }
            </Loaded>
        </section>
    }
}

#[component]
fn List(list: Vec<Notification>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{t(Msg::NoNotifications)}</p> }.into_any();
    }
    view! {
        <ul class="notifications">
            {list.into_iter().map(|n| {
                let link = n.notice.link();
                let unread = n.unread && n.id.is_some();
                let at = n.at;
                let notice = n.notice;
                let text = move || match &notice {
                    Notice::ReportDue { mentee_name, kind, due_on, late, .. } => i18n.fill(
                        if *late { Msg::NoticeReportLate } else { Msg::NoticeReportDue },
                        &[
                            ("report", i18n.text(labels::report_kind(*kind))),
                            ("name", mentee_name),
                            ("date", &format_date(*due_on, i18n.lang.get())),
                        ],
                    ),
                    Notice::NoMeeting { mentee_name, days, .. } => i18n.fill(
                        Msg::NoticeNoMeeting,
                        &[("name", mentee_name), ("n", &days.to_string())],
                    ),
                    Notice::ChallengeDiscussed { meeting_on, outcome } => i18n.fill(
                        Msg::NoticeDiscussed,
                        &[("date", &format_date(*meeting_on, i18n.lang.get())), ("outcome", outcome)],
                    ),
                    Notice::ConcernAcknowledged { .. } => i18n.text(Msg::NoticeAcknowledged).to_string(),
                    Notice::Alert { line } => alert_text(i18n, line),
                    Notice::Screening { alert } => format!(
                        "{} · {}: {}",
                        alert.mentor_name,
                        super::screening::requirement_name(&alert.item.requirement)(),
                        super::screening::check_status_text(i18n, &alert.item),
                    ),
                };
                view! {
                    <li class="notification" class:unread=unread data-testid="notification">
                        <a href=link>{text}</a>
                        {at.map(|at| view! { <span class="muted">" · " {move || format_moment(at, i18n.lang.get())}</span> })}
                        {unread.then(|| view! { " " <span class="badge">{t(Msg::NewBadge)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
