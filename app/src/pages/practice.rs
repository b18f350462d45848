//! Practice mode (/can-bo/thuc-hanh): a new officer logs and "submits" practice entries
//! with the diary's own form and catalog, and sees what the month's score would be. Nothing
//! here reaches a reviewer or a score; the page says so at the top.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::practice::{
    my_practice, AddPracticeEntry, ClearPractice, DeletePracticeEntry, SubmitPractice,
};
use crate::components::auth::ErrorAlert;
use crate::components::entry::EntrySummary;
use crate::components::pager::MonthNav;
use crate::i18n::{format_date, format_number, format_score, use_i18n, Msg};
use crate::models::{EntryStatus, Practice, PracticePreview};
use crate::pages::diary::{blank_entry, EntryFields};
use crate::pages::score::{grade_name, ComponentList};

pub const PATH: &str = "/can-bo/thuc-hanh";

#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddPracticeEntry>,
    submit: ServerAction<SubmitPractice>,
    delete: ServerAction<DeletePracticeEntry>,
    clear: ServerAction<ClearPractice>,
}

#[component]
pub fn PracticePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let actions = Actions {
        add: ServerAction::<AddPracticeEntry>::new(),
        submit: ServerAction::<SubmitPractice>::new(),
        delete: ServerAction::<DeletePracticeEntry>::new(),
        clear: ServerAction::<ClearPractice>::new(),
    };
    let practice = Resource::new(
        move || {
            (
                (param("ky"), param("chung")),
                actions.add.version().get(),
                actions.submit.version().get(),
                actions.delete.version().get(),
                actions.clear.version().get(),
            )
        },
        |((period, general), ..)| my_practice(period, general),
    );
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::PracticeTitle)}</h1>
            <p class="notice" data-testid="practice-banner">{i18n.t(Msg::PracticeIntro)}</p>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    practice
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(p) => view! { <PracticeMonth p actions /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn PracticeMonth(p: Practice, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let d = p.diary.clone();
    let first = blank_entry(d.today.clamp(d.from, d.to));
    let period = d.period.clone();
    let period2 = d.period.clone();
    let general = p
        .general
        .map(|g| format_number(crate::i18n::Locale::Vi, g, 2))
        .unwrap_or_default();
    let has_entries = !d.entries.is_empty();
    view! {
        <MonthNav from=d.from to=d.to link=|code| format!("{PATH}?ky={code}") />
        <h2>{i18n.t(Msg::PracticeAdd)}</h2>
        <ActionForm action=actions.add attr:class="form" attr:data-testid="practice-form">
            <EntryFields catalog=d.catalog.clone() e=first editing=false />
            {move || match actions.add.value().get() {
                Some(Ok(_)) => Some(view! { <p class="ok" role="status" data-testid="practice-saved">{i18n.t(Msg::PracticeSaved)}</p> }.into_any()),
                Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                None => None,
            }}
            <button type="submit" class="primary" data-testid="save-practice">{i18n.t(Msg::PracticeSave)}</button>
        </ActionForm>

        <h2>{i18n.t(Msg::PracticeEntries)}</h2>
        <p class="muted">{i18n.t(Msg::PracticeSubmitHelp)}</p>
        <ActionForm action=actions.submit attr:class="inline" attr:data-testid="practice-submit-form">
            <input type="hidden" name="period" value=period />
            <button type="submit" data-testid="submit-practice">{i18n.t(Msg::PracticeSubmit)}</button>
        </ActionForm>
        {move || match actions.submit.value().get() {
            Some(Ok(n)) => Some(view! { <p class="ok" role="status" data-testid="practice-submitted">{i18n.t(Msg::PracticeSubmitted)} " " {n}</p> }.into_any()),
            Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
            None => None,
        }}
        {move || actions.delete.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
        {if has_entries {
            view! {
                <ul class="entries" data-testid="practice-entries">
                    {d.entries
                        .clone()
                        .into_iter()
                        .map(|e| {
                            let date = e.work_date;
                            let submitted = e.status == EntryStatus::Submitted;
                            let id = e.id.to_string();
                            view! {
                                <li class=format!("entry status-{}", e.status) data-testid="practice-entry" data-submitted=submitted.to_string()>
                                    <div class="entry-head">
                                        <span class="date">{move || format_date(i18n.locale.get(), date)}</span>
                                        <span class="badge" data-testid="practice-status">
                                            {i18n.t(if submitted { Msg::PracticeSubmittedBadge } else { Msg::StatusDraft })}
                                        </span>
                                    </div>
                                    <EntrySummary line=e.line() />
                                    <div class="actions">
                                        <ActionForm action=actions.delete attr:class="inline">
                                            <input type="hidden" name="id" value=id />
                                            <button type="submit" class="link" data-testid="delete-practice">{i18n.t(Msg::DiaryDelete)}</button>
                                        </ActionForm>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        } else {
            view! { <p data-testid="practice-empty">{i18n.t(Msg::PracticeNoEntries)}</p> }.into_any()
        }}

        <h2>{i18n.t(Msg::PracticePreviewTitle)}</h2>
        <section data-testid="practice-preview" aria-live="polite">
            <p class="muted">{i18n.t(Msg::PracticePreviewHelp)}</p>
            <form method="get" action=PATH class="form inline-form" data-testid="practice-general-form">
                <input type="hidden" name="ky" value=period2 />
                <label>
                    {i18n.t(Msg::PracticeGeneral)}
                    <input type="text" inputmode="decimal" name="chung" value=general data-testid="practice-general" />
                </label>
                <crate::components::help::HelpTip term=crate::i18n::glossary::ids::GENERAL />
                <button type="submit" data-testid="practice-show">{i18n.t(Msg::PracticeShow)}</button>
            </form>
            {match p.preview {
                Some(pv) => view! { <Preview pv /> }.into_any(),
                None => view! { <p class="notice" data-testid="practice-no-preview">{i18n.t(Msg::PracticeNoPreview)}</p> }.into_any(),
            }}
        </section>

        <h2>{i18n.t(Msg::PracticeStartOver)}</h2>
        <ActionForm action=actions.clear attr:class="inline" attr:data-testid="practice-clear-form">
            <button type="submit" class="danger" data-testid="clear-practice">{i18n.t(Msg::PracticeClear)}</button>
        </ActionForm>
        {move || match actions.clear.value().get() {
            Some(Ok(n)) => Some(view! { <p class="ok" role="status" data-testid="practice-cleared">{i18n.t(Msg::PracticeCleared)} " " {n}</p> }.into_any()),
            Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
            None => None,
        }}
        <p class="muted">
            <a href="/can-bo" data-testid="practice-to-diary">{i18n.t(Msg::PracticeToDiary)}</a>
        </p>
    }
}

#[component]
fn Preview(pv: PracticePreview) -> impl IntoView {
    let i18n = use_i18n();
    let grade = pv.grade.clone();
    let hours = pv.standard_hours;
    let entries = pv.entries;
    view! {
        <p class="muted" data-testid="practice-counted">
            {i18n.t(Msg::PracticeCounted)}
            " "
            {entries}
            " · "
            {move || format_number(i18n.locale.get(), hours, 2)}
            " "
            {i18n.t(Msg::DiaryUnitHours)}
        </p>
        {match pv.total {
            Some(t) => view! {
                <dl class="stats">
                    <div>
                        <dt>{i18n.t(Msg::PracticeTotal)}</dt>
                        <dd data-testid="practice-total">{move || format_score(i18n.locale.get(), t)}</dd>
                    </div>
                    <div>
                        <dt>{i18n.t(Msg::ScoreGrade)}</dt>
                        <dd class="grade" data-testid="practice-grade">
                            {grade.clone().unwrap_or_default()}
                            <small>{grade.as_deref().map(grade_name)}</small>
                        </dd>
                    </div>
                </dl>
            }
                .into_any(),
            None => view! {
                <p class="notice" data-testid="practice-not-scored">
                    {i18n.t(Msg::ScoreNotScored)}
                    ": "
                    {pv.reason.clone().unwrap_or_default()}
                </p>
            }
                .into_any(),
        }}
        <ComponentList components=pv.components.clone() />
        <p class="muted">{i18n.t(Msg::PracticeCapNote)}</p>
        <p class="muted">
            {i18n.t(Msg::ScoreFormula)}
            ": "
            <a href=format!("/cong-thuc/{}", pv.rule_version_id) data-testid="practice-formula">
                {format!("{} — v{}", pv.rule_set_name, pv.rule_version_no)}
            </a>
        </p>
    }
}
