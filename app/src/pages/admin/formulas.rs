//! Formulas (/quan-tri/cong-thuc): every rule set with its versions, and the comparison of
//! two versions' scripts and parameters.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::positions::list_rule_sets;
use crate::api::rules::{formula_choices, CreateFormula};
use crate::components::auth::ErrorAlert;
use crate::components::diff::{LineDiff, VersionPicker};
use crate::i18n::{format_date, use_i18n, Msg};
use crate::models::{text_diff, FormulaTemplate, LineChange, RuleSetView, RuleVersionView};

const PATH: &str = "/quan-tri/cong-thuc";

#[component]
pub fn FormulasPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sets = Resource::new(|| (), |_| list_rule_sets());
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::RuleTitle)}</h1>
            <Transition fallback=|| ()>
                {move || is_admin().then(|| view! { <NewFormula /> })}
            </Transition>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    sets.get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(sets) => {
                                let number = |k: &str| query.read().get(k).and_then(|v| v.parse::<i32>().ok());
                                let (picked, from, to) = (number("bo"), number("tu"), number("den"));
                                sets.into_iter()
                                    .map(|s| {
                                        let compare = picked.is_none_or(|p| p == s.id);
                                        view! { <RuleSet s from=from.filter(|_| compare) to=to.filter(|_| compare) /> }
                                    })
                                    .collect_view()
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

fn is_admin() -> bool {
    crate::components::auth::use_auth()
        .subject()
        .is_some_and(|s| s.has(crate::authz::Role::Admin))
}

/// An administrator's form: a position's own formula from a template, or an agency's
/// parameters on the default. Others (the committee, auditors) do not see it.
#[component]
fn NewFormula() -> impl IntoView {
    let i18n = use_i18n();
    let choices = Resource::new(|| (), |_| formula_choices());
    let create = ServerAction::<CreateFormula>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("{PATH}/{id}"), Default::default());
        }
    });
    let template_label = |t: FormulaTemplate| match t {
        FormulaTemplate::Default => Msg::FormulaFromDefault,
        FormulaTemplate::Decree335 => Msg::FormulaFromDecree335,
        FormulaTemplate::KhanhHoa2025 => Msg::FormulaFromKhanhHoa,
        FormulaTemplate::Leader => Msg::FormulaFromLeader,
    };
    view! {
        <Transition fallback=|| ()>
            {move || {
                choices.get().and_then(|r| r.ok()).map(|c| {
                    let positions = c.positions.clone();
                    let agencies = c.agencies.clone();
                    view! {
                        <details class="card" data-testid="new-formula">
                            <summary>{i18n.t(Msg::FormulaNew)}</summary>
                            <p class="muted">{i18n.t(Msg::FormulaOrder)}</p>
                            <ActionForm action=create>
                                <input type="hidden" name="target" value="vi-tri" />
                                <label>
                                    {i18n.t(Msg::FormulaForPosition)}
                                    <select name="id" required data-testid="new-formula-position">
                                        {positions.iter().map(|p| view! {
                                            <option value=p.id.to_string()>{format!("{} — {}", p.code, p.name)}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label>
                                    {i18n.t(Msg::FormulaTemplateLabel)}
                                    <select name="template" data-testid="new-formula-template">
                                        {FormulaTemplate::ALL.into_iter().map(|t| view! {
                                            <option value=t.code()>{i18n.t(template_label(t))}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <button type="submit" data-testid="new-formula-position-submit">{i18n.t(Msg::FormulaCreatePosition)}</button>
                            </ActionForm>
                            <ActionForm action=create>
                                <input type="hidden" name="target" value="co-quan" />
                                <input type="hidden" name="template" value=FormulaTemplate::Default.code() />
                                <label>
                                    {i18n.t(Msg::FormulaForAgency)}
                                    <select name="id" required data-testid="new-formula-agency">
                                        {agencies.iter().map(|a| view! {
                                            <option value=a.id.to_string()>{format!("{} — {}", a.code, a.name)}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <button type="submit" data-testid="new-formula-agency-submit">{i18n.t(Msg::FormulaCreateAgency)}</button>
                            </ActionForm>
                            {move || create.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
                        </details>
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn RuleSet(s: RuleSetView, from: Option<i32>, to: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    let pick =
        |no: Option<i32>| no.and_then(|n| s.versions.iter().find(|v| v.version_no == n).cloned());
    let newer = pick(to).or_else(|| s.versions.first().cloned());
    let older = pick(from).or_else(|| s.versions.get(1).cloned());
    let scope = s.position.clone().or_else(|| s.agency.clone());
    view! {
        <section class="rule-set" data-testid="rule-set" data-code=s.code.clone()>
            <h2>
                {s.name.clone()} " "
                {scope.map(|code| view! { <small class="muted">{code}</small> })}
            </h2>
            <div class="table-wrap" tabindex="0">
                <table data-testid="rule-versions">
                    <thead>
                        <tr>
                            <th>{i18n.t(Msg::PosVersion)}</th>
                            <th>{i18n.t(Msg::DiaryStatus)}</th>
                            <th>{i18n.t(Msg::PosEffective)}</th>
                            <th>{i18n.t(Msg::RuleHash)}</th>
                            <th>{i18n.t(Msg::RuleNote)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {s.versions
                            .iter()
                            .map(|v| {
                                let effective = v.effective_from;
                                view! {
                                    <tr data-testid="rule-version">
                                        <td>
                                            <a href=format!("/cong-thuc/{}", v.id)>{format!("v{}", v.version_no)}</a>
                                            " · "
                                            <a href=format!("{PATH}/{}", v.id) data-testid="rule-version-open">{i18n.t(Msg::RuleOpen)}</a>
                                        </td>
                                        <td>{i18n.t(v.status.label())}</td>
                                        <td>{move || effective.map(|d| format_date(i18n.locale.get(), d))}</td>
                                        <td><code>{v.content_hash.chars().take(12).collect::<String>()}</code></td>
                                        <td>{v.approval_note.clone()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {match (older, newer) {
                (Some(older), Some(newer)) => view! { <Compare set=s.id versions=s.versions.clone() older newer /> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

/// Lines of a unified comparison (unchanged lines far from a change are folded away).
fn diff_lines(old: &str, new: &str) -> Vec<LineChange> {
    let all = text_diff(old, new);
    let near = |i: usize| {
        let lo = i.saturating_sub(2);
        let hi = (i + 3).min(all.len());
        all[lo..hi]
            .iter()
            .any(|l| !matches!(l, LineChange::Same(_)))
    };
    let mut out = Vec::new();
    let mut folded = false;
    for (i, l) in all.iter().enumerate() {
        if matches!(l, LineChange::Same(_)) && !near(i) {
            if !folded {
                out.push(LineChange::Same("…".into()));
                folded = true;
            }
        } else {
            out.push(l.clone());
            folded = false;
        }
    }
    out
}

#[component]
fn Compare(
    set: i32,
    versions: Vec<RuleVersionView>,
    older: RuleVersionView,
    newer: RuleVersionView,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers: Vec<i32> = versions.iter().map(|v| v.version_no).collect();
    let choices = move |name: &'static str, picked: i32| {
        view! { <VersionPicker name versions=numbers.clone() picked testid=format!("rule-compare-{name}") /> }
    };
    view! {
        <details class="compare" open=true>
            <summary>{i18n.t(Msg::PosCompare)} {format!(" (v{} → v{})", older.version_no, newer.version_no)}</summary>
            <form method="get" action=PATH class="form inline-form" data-testid="rule-compare-form">
                <input type="hidden" name="bo" value=set.to_string() />
                <label>{i18n.t(Msg::PosFrom)} {choices("tu", older.version_no)}</label>
                <label>{i18n.t(Msg::PosTo)} {choices("den", newer.version_no)}</label>
                <button type="submit">{i18n.t(Msg::PosCompare)}</button>
            </form>
            <h3>{i18n.t(Msg::RuleScriptChanges)}</h3>
            <LineDiff lines=diff_lines(&older.script, &newer.script) testid="script-diff" />
            <h3>{i18n.t(Msg::RuleParamChanges)}</h3>
            <LineDiff lines=diff_lines(&older.params, &newer.params) testid="params-diff" />
        </details>
    }
}
