//! What the office's pages (managers, coordinators) share: their texts,
//! loaded with the first of them, and the fields of their forms, each with
//! its label, its problem shown next to it, and screen-reader wiring.

use super::Loading;
use crate::i18n::{problem_message, t, use_i18n, Msg};
use crate::model::{Field, FieldErrors, TextKey};
use leptos::prelude::*;

/// Links the office stylesheet into a page that was not loaded as an
/// office page (the person came from a mentor's page).
#[cfg(not(feature = "ssr"))]
fn link_office_stylesheet() {
    let boot = crate::boot::Boot::current();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if boot.office_stylesheet.is_empty()
        || document
            .query_selector("link[data-office]")
            .ok()
            .flatten()
            .is_some()
    {
        return;
    }
    if let (Ok(link), Ok(Some(head))) = (
        document.create_element("link"),
        document.query_selector("head"),
    ) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &boot.office_stylesheet);
        let _ = link.set_attribute("data-office", "");
        let _ = head.append_child(&link);
    }
}

/// Shows its children once the office texts of the language are there:
/// at once on the server and when the page was loaded as an office page;
/// after fetching them when the person comes from a mentor's page. Links
/// the office stylesheet too.
#[component]
pub fn OfficeTexts(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(not(feature = "ssr"))]
    link_office_stylesheet();
    let loaded = RwSignal::new(office_texts_loaded(i18n.lang.get_untracked()));
    #[cfg(not(feature = "ssr"))]
    if !loaded.get_untracked() {
        let lang = i18n.lang.get_untracked();
        leptos::task::spawn_local(async move {
            if crate::i18n::tables::fetch(lang, crate::i18n::Part::Office).await {
                loaded.set(true);
            }
        });
    }
    view! {
        <Show when=move || loaded.get() fallback=|| view! { <Loading/> }>
            {children()}
        </Show>
    }
}

fn office_texts_loaded(lang: crate::i18n::Lang) -> bool {
    #[cfg(feature = "ssr")]
    {
        let _ = lang;
        true
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::i18n::tables::has(lang, crate::i18n::Part::Office)
    }
}

/// How a form field reads and writes its text in the form's value.
pub struct Lens<T> {
    pub get: fn(&T) -> String,
    pub set: fn(&mut T, String),
}

/// The [`Lens`] of a `String` field of a form's value: `lens!(name)`.
macro_rules! lens {
    ($($field:ident).+) => {
        $crate::components::Lens {
            get: |v| v.$($field).+.clone(),
            set: |v, s| v.$($field).+ = s,
        }
    };
}
pub(crate) use lens;

/// A form's state: what is typed, the problems the last save found, and
/// whether a save is on its way.
pub struct Form<T: Send + Sync + 'static> {
    pub value: RwSignal<T>,
    pub errors: RwSignal<FieldErrors>,
    pub pending: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Form<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Form<T> {}

impl<T: Clone + Send + Sync + 'static> Form<T> {
    pub fn new(value: T) -> Self {
        Form {
            value: RwSignal::new(value),
            errors: RwSignal::new(FieldErrors::default()),
            pending: RwSignal::new(false),
        }
    }

    /// Saves through the server, one save at a time: the form's own
    /// problems (`checked`) show next to their fields without asking the
    /// server; the server's refusal shows the same way, or in words in
    /// `notice`; `saved` gets the server's answer.
    pub fn save<R: 'static>(
        &self,
        notice: RwSignal<Option<(bool, Msg)>>,
        checked: Result<(), FieldErrors>,
        call: impl std::future::Future<Output = Result<R, crate::api::AppError>> + 'static,
        saved: impl FnOnce(R) + 'static,
    ) {
        if let Err(errors) = checked {
            self.errors.set(errors);
            notice.set(Some((false, Msg::FixErrors)));
            return;
        }
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        let form = *self;
        leptos::task::spawn_local(async move {
            let answer = call.await;
            form.pending.set(false);
            match answer {
                Ok(answer) => {
                    form.errors.set(FieldErrors::default());
                    saved(answer);
                }
                Err(error) => show_error(error, form.errors, notice),
            }
        });
    }

    /// The problem of one field, in words, for the text under it.
    fn problem(&self, field: Field) -> impl Fn() -> Option<&'static str> + Copy + 'static {
        let errors = self.errors;
        let i18n = use_i18n();
        move || {
            errors
                .with(|e| e.problem(field))
                .map(|p| i18n.text(problem_message(p)))
        }
    }

    fn invalid(&self, field: Field) -> impl Fn() -> &'static str + Copy + 'static {
        let errors = self.errors;
        move || {
            if errors.with(|e| e.problem(field).is_some()) {
                "true"
            } else {
                "false"
            }
        }
    }

    /// A one-line input: `kind` is `text`, `email`, `password`, `date` or
    /// `number`.
    pub fn input(
        &self,
        id: &str,
        label: Msg,
        field: Field,
        kind: &'static str,
        lens: Lens<T>,
    ) -> AnyView {
        let Lens { get, set } = lens;
        let form = *self;
        let id = id.to_string();
        let error_id = format!("{id}-error");
        view! {
            <div class="field" class:has-error=move || form.errors.with(|e| e.problem(field).is_some())>
                <label for=id.clone()>{t(label)}</label>
                <input
                    id=id.clone()
                    type=kind
                    aria-invalid=form.invalid(field)
                    aria-describedby=error_id.clone()
                    prop:value=move || form.value.with(get)
                    on:input:target=move |ev| form.value.update(|v| set(v, ev.target().value()))
                />
                <p class="field-error" id=error_id>{form.problem(field)}</p>
            </div>
        }
        .into_any()
    }

    pub fn textarea(&self, id: &str, label: Msg, field: Field, lens: Lens<T>) -> AnyView {
        let Lens { get, set } = lens;
        let form = *self;
        let id = id.to_string();
        let error_id = format!("{id}-error");
        view! {
            <div class="field" class:has-error=move || form.errors.with(|e| e.problem(field).is_some())>
                <label for=id.clone()>{t(label)}</label>
                <textarea
                    id=id.clone()
                    rows="3"
                    aria-invalid=form.invalid(field)
                    aria-describedby=error_id.clone()
                    prop:value=move || form.value.with(get)
                    on:input:target=move |ev| form.value.update(|v| set(v, ev.target().value()))
                ></textarea>
                <p class="field-error" id=error_id>{form.problem(field)}</p>
            </div>
        }
        .into_any()
    }

    /// A choice of one value of a closed set (`label_of` names each), with
    /// an empty first option when `optional`.
    pub fn select<K: TextKey>(
        &self,
        id: &str,
        label: Msg,
        field: Field,
        label_of: fn(K) -> Msg,
        optional: bool,
        lens: Lens<T>,
    ) -> AnyView {
        let Lens { get, set } = lens;
        let form = *self;
        let id = id.to_string();
        let error_id = format!("{id}-error");
        view! {
            <div class="field" class:has-error=move || form.errors.with(|e| e.problem(field).is_some())>
                <label for=id.clone()>{t(label)}</label>
                <select
                    id=id.clone()
                    aria-invalid=form.invalid(field)
                    aria-describedby=error_id.clone()
                    prop:value=move || form.value.with(get)
                    on:change:target=move |ev| form.value.update(|v| set(v, ev.target().value()))
                >
                    {optional.then(|| view! { <option value="">{t(Msg::ChooseOne)}</option> })}
                    {K::ALL.iter().map(|k| {
                        let key = k.key();
                        view! {
                            <option value=key selected=move || form.value.with(|v| get(v) == key)>
                                {t(label_of(*k))}
                            </option>
                        }
                    }).collect_view()}
                </select>
                <p class="field-error" id=error_id>{form.problem(field)}</p>
            </div>
        }
        .into_any()
    }

    /// The choice of a language, each named in itself (stored as its code).
    pub fn language(&self, id: &str, lens: Lens<T>) -> AnyView {
        let Lens { get, set } = lens;
        let form = *self;
        let id = id.to_string();
        let error_id = format!("{id}-error");
        let field = Field::Language;
        view! {
            <div class="field" class:has-error=move || form.errors.with(|e| e.problem(field).is_some())>
                <label for=id.clone()>{t(Msg::LanguageLabel)}</label>
                <select
                    id=id.clone()
                    aria-invalid=form.invalid(field)
                    aria-describedby=error_id.clone()
                    on:change:target=move |ev| form.value.update(|v| set(v, ev.target().value()))
                >
                    {crate::i18n::Lang::ALL.iter().map(|lang| {
                        let code = lang.code();
                        view! { <option value=code selected=move || form.value.with(|v| get(v) == code)>{lang.native_name()}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" id=error_id>{form.problem(field)}</p>
            </div>
        }
        .into_any()
    }

    /// A yes/no box (stored as `"yes"` or empty).
    pub fn checkbox(&self, id: &str, label: Msg, field: Field, lens: Lens<T>) -> AnyView {
        let Lens { get, set } = lens;
        let form = *self;
        let id = id.to_string();
        let error_id = format!("{id}-error");
        view! {
            <div class="field" class:has-error=move || form.errors.with(|e| e.problem(field).is_some())>
                <div class="choice">
                    <input
                        type="checkbox"
                        id=id.clone()
                        aria-invalid=form.invalid(field)
                        aria-describedby=error_id.clone()
                        prop:checked=move || form.value.with(|v| get(v) == "yes")
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            form.value.update(|v| set(v, if on { "yes".into() } else { String::new() }))
                        }
                    />
                    <label for=id.clone()>{t(label)}</label>
                </div>
                <p class="field-error" id=error_id>{form.problem(field)}</p>
            </div>
        }
        .into_any()
    }
}

/// The line over a form that says what happened when it was sent.
/// A table that may be wider than the screen, scrolled sideways: a group
/// named by its heading that the keyboard reaches and scrolls (WCAG 2.1.1;
/// axe's `scrollable-region-focusable`). A group, not a region: the
/// section around it is often the region of that same heading.
#[component]
pub fn TableScroll(#[prop(into)] labelled_by: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-labelledby=labelled_by>
            {children()}
        </div>
    }
}

#[component]
pub fn FormNotice(notice: RwSignal<Option<(bool, Msg)>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        notice.get().map(|(ok, msg)| {
            let class = if ok { "notice success" } else { "form-error" };
            let role = if ok { "status" } else { "alert" };
            view! { <p class=class role=role>{i18n.text(msg)}</p> }
        })
    }
}

/// What a form shows when the server refused it: the problems next to
/// their fields, or what went wrong.
pub fn show_error(
    error: crate::api::AppError,
    errors: RwSignal<FieldErrors>,
    notice: RwSignal<Option<(bool, Msg)>>,
) {
    match error {
        crate::api::AppError::Invalid { errors: found } => {
            errors.set(found);
            notice.set(Some((false, Msg::FixErrors)));
        }
        other => notice.set(Some((false, other.message()))),
    }
}

/// The id of a programme in the address (`/programmes/:id/...`).
pub fn programme_param() -> Option<crate::model::ProgrammeId> {
    path_segment(1).and_then(|id| crate::model::ProgrammeId::parse(&id).ok())
}

/// The `n`th segment of the current path (`/programmes/ID/…`: 1 is the
/// id). The office pages are one route that picks the page by its path.
pub fn path_segment(n: usize) -> Option<String> {
    leptos_router::hooks::use_location()
        .pathname
        .with_untracked(|path| {
            path.split('/')
                .filter(|s| !s.is_empty())
                .nth(n)
                .map(str::to_string)
        })
}

/// The tabs of a programme's pages.
#[component]
pub fn ProgrammeTabs(programme: crate::model::ProgrammeId, current: Msg) -> impl IntoView {
    let tabs = [
        (Msg::NavProgrammes, format!("/programmes/{programme}")),
        (
            Msg::NavRecruitment,
            format!("/programmes/{programme}/recruitment"),
        ),
        (
            Msg::NavTraining,
            format!("/programmes/{programme}/training"),
        ),
        (
            Msg::NavMatching,
            format!("/programmes/{programme}/matching"),
        ),
        (
            Msg::NavSupervision,
            format!("/programmes/{programme}/supervision"),
        ),
        (
            Msg::ProgrammeReportLink,
            format!("/programmes/{programme}/report"),
        ),
    ];
    view! {
        <nav class="tabs" aria-label=t(Msg::NavProgrammes)>
            {tabs.into_iter().map(|(msg, href)| view! {
                <a href=href aria-current=(msg == current).then_some("page")>{t(msg)}</a>
            }).collect_view()}
        </nav>
    }
}

/// The buttons of a record the office may correct: *Edit* opens its form
/// (when `editing` is given), *Remove* asks `question` first, removes the
/// record and calls `on_removed`; a refusal shows in `notice`.
#[component]
pub fn RecordActions(
    record: crate::model::OfficeRecord,
    question: Msg,
    #[prop(optional)] editing: Option<RwSignal<bool>>,
    notice: RwSignal<Option<(bool, Msg)>>,
    on_removed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let on_remove = move |_| {
        if busy.get_untracked() || !super::confirm(i18n.text(question)) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::office::remove_record(record).await;
            busy.set(false);
            match answer {
                Ok(()) => {
                    notice.set(Some((true, Msg::Removed)));
                    on_removed();
                }
                Err(error) => notice.set(Some((false, error.message()))),
            }
        });
    };
    view! {
        <div class="record-actions">
            {editing.map(|open| view! {
                <button type="button" class="small" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>{t(Msg::Edit)}</button>
            })}
            <button type="button" class="small danger" disabled=move || busy.get()
                on:click=on_remove>{t(Msg::RemoveItem)}</button>
        </div>
    }
}

/// Prints the page (the print stylesheet leaves the app's chrome out).
#[component]
pub fn PrintButton() -> impl IntoView {
    let print = move |_| {
        #[cfg(not(feature = "ssr"))]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! { <button type="button" class="secondary" on:click=print>{t(Msg::ReportPrint)}</button> }
}

/// When an event starts, how long it lasts and where, in one line ("17:30
/// · 1 h 30 min · The library"), with its calendar file.
#[component]
pub fn ScheduleLine(
    schedule: crate::model::Schedule,
    /// `training` or `group_meeting`, and the event's id.
    kind: &'static str,
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let parts = move || {
        let lang = i18n.lang.get();
        let mut parts = Vec::new();
        if let Some(time) = schedule.starts_at {
            parts.push(time.format("%H:%M").to_string());
        }
        if let Some(minutes) = schedule.minutes {
            parts.push(crate::i18n::format::format_duration(minutes, lang));
        }
        if !schedule.place.is_empty() {
            parts.push(schedule.place.clone());
        }
        parts.join(" · ")
    };
    view! {
        <p class="schedule" data-testid="schedule">
            <span>{parts}</span> " "
            <a href=format!("/api/calendar/event?kind={kind}&id={id}") download>{t(Msg::AddToCalendar)}</a>
        </p>
    }
}
