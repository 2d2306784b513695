//! `/pairs/go-on`: after getting to know each other, the mentor and the
//! mentee each say whether they want to go on together (a "no" with its
//! reason, which only the manager reads). The manager then confirms.

use crate::api::journey::*;
use crate::components::*;
use crate::i18n::format::*;
use crate::i18n::{t, use_i18n, Msg};
use crate::model::*;
use leptos::prelude::*;

#[component]
pub fn GoOnPage() -> impl IntoView {
    let waiting = Resource::new(|| (), |_| my_getting_to_know());
    view! {
        <section class="page narrow">
            <h1>{t(Msg::GoOnTitle)}</h1>
            <p class="lead">{t(Msg::GoOnIntro)}</p>
            <Loaded resource=waiting let:loaded>
                {match loaded {
                    pairs if pairs.is_empty() => view! { <p class="empty">{t(Msg::NothingToAnswer)}</p> }.into_any(),
                    pairs => pairs.into_iter().map(|pair| view! { <GoOnForm pair/> }).collect_view().into_any(),
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn GoOnForm(pair: GettingToKnow) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new(ConfirmationInput {
        go_on: match pair.answer {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        },
        reason: String::new(),
    });
    let answered = RwSignal::new(pair.answer);
    let notice = RwSignal::new(None);
    let (id, side) = (pair.pair, pair.side);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.value.get_untracked();
        let checked = input.validate();
        let go_on = checked
            .as_ref()
            .map(|answer| answer.go_on)
            .unwrap_or_default();
        form.save(
            notice,
            checked.map(|_| ()),
            answer_getting_to_know(id, side, input),
            move |_| {
                answered.set(Some(go_on));
                notice.set(Some((true, Msg::AnswerSent)));
            },
        );
    };
    let started = pair.started_on;
    let name = pair.other_name.clone();
    let question_id = format!("go-on-{id}");
    let saying_no = move || form.value.with(|v| v.go_on == "no");
    let choice = move |value: &'static str, label: Msg| {
        let input_id = format!("go-on-{id}-{value}");
        view! {
            <div class="choice big">
                <input type="radio" name=format!("go-on-{id}") id=input_id.clone() value=value
                    prop:checked=move || form.value.with(|v| v.go_on == value)
                    on:change=move |_| form.value.update(|v| v.go_on = value.to_string())/>
                <label for=input_id>{t(label)}</label>
            </div>
        }
    };
    view! {
        <form class="form card" novalidate on:submit=on_submit data-testid="go-on">
            <fieldset class="field" aria-describedby=format!("{question_id}-error")>
                <legend id=question_id.clone()>
                    {move || i18n.fill(Msg::GoOnQuestion, &[("name", &name), ("date", &format_date(started, i18n.lang.get()))])}
                </legend>
                {choice("yes", Msg::GoOnYes)}
                {choice("no", Msg::GoOnNo)}
                <p class="field-error" id=format!("{question_id}-error")>
                    {move || form.errors.with(|e| e.problem(Field::GoOn)).map(|p| i18n.text(crate::i18n::problem_message(p)))}
                </p>
            </fieldset>
            <Show when=saying_no>
                {form.textarea(&format!("go-on-{id}-reason"), Msg::GoOnReasonLabel, Field::Reason, lens!(reason))}
            </Show>
            <p class="muted" role="status">
                {move || answered.get().map(|yes| i18n.text(if yes { Msg::YourAnswerYes } else { Msg::YourAnswerNo }))}
            </p>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || form.pending.get()>{t(Msg::SendAnswer)}</button>
            </div>
            <FormNotice notice/>
        </form>
    }
}
