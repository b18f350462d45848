//! One formula version (/quan-tri/cong-thuc/{id}): the rule editor for a draft (script with
//! highlighting, line numbers and compile errors while typing; parameters; test cases and
//! their results), "try it" on an officer's period, simulations, the committee's approval
//! with its evidence packet, activation, retirement and the explicit re-score; and one
//! simulation's results (/quan-tri/cong-thuc/mo-phong/{id}).

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::rules::{
    explain_simulation_change, get_rule_version, get_simulation, AcceptBoundaryCases,
    ActivateRuleVersion, ApproveRuleVersion, NewRuleDraft, ProposeBoundaryCases, RescorePeriod,
    RetireRuleVersion, ReturnRuleVersion, RunRuleChecks, SaveRuleDraft, StartSimulation,
    SubmitRuleVersion, TryRuleVersion,
};
use crate::components::auth::ErrorAlert;
use crate::components::job::JobProgress;
use crate::components::route_id;
use crate::i18n::{format_date, format_number, format_score, use_i18n, Msg};
use crate::models::{
    highlight, CaseRunView, Evidence, GroupEffect, JobStatus, RuleStatus, RuleVersionPage,
    ScriptProblem, SimulationBrief, SimulationChange, SimulationSummary, SimulationView, TryResult,
};
use crate::pages::score::TraceRow;

pub const PATH: &str = "/quan-tri/cong-thuc";

#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveRuleDraft>,
    submit: ServerAction<SubmitRuleVersion>,
    new_draft: ServerAction<NewRuleDraft>,
    approve: ServerAction<ApproveRuleVersion>,
    give_back: ServerAction<ReturnRuleVersion>,
    activate: ServerAction<ActivateRuleVersion>,
    retire: ServerAction<RetireRuleVersion>,
    rescore: ServerAction<RescorePeriod>,
    simulate: ServerAction<StartSimulation>,
    try_it: ServerAction<TryRuleVersion>,
    run_checks: ServerAction<RunRuleChecks>,
    propose: ServerAction<ProposeBoundaryCases>,
    accept: ServerAction<AcceptBoundaryCases>,
}

#[component]
pub fn RuleVersionPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    let a = Actions {
        save: ServerAction::new(),
        submit: ServerAction::new(),
        new_draft: ServerAction::new(),
        approve: ServerAction::new(),
        give_back: ServerAction::new(),
        activate: ServerAction::new(),
        retire: ServerAction::new(),
        rescore: ServerAction::new(),
        simulate: ServerAction::new(),
        try_it: ServerAction::new(),
        run_checks: ServerAction::new(),
        propose: ServerAction::new(),
        accept: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id(),
                a.save.version().get(),
                a.submit.version().get(),
                a.approve.version().get(),
                a.give_back.version().get(),
                a.activate.version().get(),
                a.retire.version().get(),
                a.run_checks.version().get(),
                a.accept.version().get(),
            )
        },
        |(id, ..)| get_rule_version(id),
    );
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(new_id)) = a.new_draft.value().get() {
            navigate(&format!("{PATH}/{new_id}"), Default::default());
        }
    });
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(sim)) = a.simulate.value().get() {
            navigate(&format!("{PATH}/mo-phong/{sim}"), Default::default());
        }
    });
    let outcome = move || {
        let e = a
            .submit
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| a.new_draft.value().get().and_then(|r| r.err()))
            .or_else(|| a.approve.value().get().and_then(|r| r.err()))
            .or_else(|| a.give_back.value().get().and_then(|r| r.err()))
            .or_else(|| a.activate.value().get().and_then(|r| r.err()))
            .or_else(|| a.retire.value().get().and_then(|r| r.err()))
            .or_else(|| a.rescore.value().get().and_then(|r| r.err()))
            .or_else(|| a.simulate.value().get().and_then(|r| r.err()));
        let rescored = a.rescore.value().get().and_then(|r| r.ok());
        view! {
            {e.map(|e| view! { <ErrorAlert error=e /> })}
            {rescored.map(|job| view! { <JobProgress id=job /> })}
        }
    };
    view! {
        <section class="card">
            <p><a href=PATH>{i18n.t(Msg::RuleTitle)}</a></p>
            {outcome}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    data.get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(p) => view! { <VersionView p a /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn VersionView(p: RuleVersionPage, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let effective = p.effective_from;
    let previous = p
        .versions
        .iter()
        .find(|(_, no, _)| *no < p.version_no)
        .map(|(_, no, _)| *no);
    let compare =
        previous.map(|prev| format!("{PATH}?bo={}&tu={prev}&den={}", p.rule_set_id, p.version_no));
    let status = p.status;
    let steer = p.can_steer;
    let (id, lock, set_lock) = (p.id, p.lock_version, p.set_lock_version);
    let suggested = p.suggested_effective;
    let rescorable = p.rescorable.clone();
    view! {
        <h1 data-testid="rule-title">
            {p.rule_set_name.clone()} {format!(" — v{}", p.version_no)} " "
            <span class="badge" data-testid="rule-status" data-status=p.status.as_str()>{i18n.t(p.status.label())}</span>
        </h1>
        <dl class="facts">
            <div><dt>{i18n.t(Msg::ReScope)}</dt><dd>{p.position.clone().unwrap_or_else(|| i18n.locale.get_untracked().t(Msg::ReProvinceDefault).to_string())}</dd></div>
            <div><dt>{i18n.t(Msg::RuleHash)}</dt><dd><code>{p.content_hash.chars().take(12).collect::<String>()}</code></dd></div>
            <div><dt>{i18n.t(Msg::PosEffective)}</dt><dd data-testid="rule-effective">{move || effective.map(|d| format_date(i18n.locale.get(), d))}</dd></div>
            <div><dt>{i18n.t(Msg::ReAuthor)}</dt><dd>{p.author.clone()}</dd></div>
            <div><dt>{i18n.t(Msg::ReApprover)}</dt><dd>{p.approver.clone()}</dd></div>
        </dl>
        <p class="actions-row">
            {compare.map(|href| view! { <a href=href data-testid="rule-compare-link">{i18n.t(Msg::ReCompareWithPrevious)}</a> })}
            {(p.can_draft && status != RuleStatus::Draft).then(|| view! {
                <ActionForm action=a.new_draft attr:class="inline">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" data-testid="new-rule-draft">{i18n.t(Msg::ReNewDraft)}</button>
                </ActionForm>
            })}
        </p>
        {p.evidence.clone().map(|e| view! { <EvidencePacket e /> })}
        {if p.can_edit {
            view! { <Editor p=p.clone() a /> }.into_any()
        } else {
            view! { <ReadOnly p=p.clone() a /> }.into_any()
        }}
        <TryIt p=p.clone() a />
        <Simulations p=p.clone() a />
        {(steer && status == RuleStatus::Submitted).then(|| view! {
            <section class="panel" data-testid="rule-decision">
                <h2>{i18n.t(Msg::ReDecision)}</h2>
                <ActionForm action=a.approve attr:class="form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="lock_version" value=lock.to_string() />
                    <label>{i18n.t(Msg::ReApprovalNote)}
                        <textarea name="note" rows="3" required data-testid="approval-note"></textarea>
                    </label>
                    <button type="submit" data-testid="approve-rule">{i18n.t(Msg::ReApprove)}</button>
                </ActionForm>
                <ActionForm action=a.give_back attr:class="form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="lock_version" value=lock.to_string() />
                    <label>{i18n.t(Msg::ReReturnReason)}
                        <input type="text" name="reason" required data-testid="return-reason" />
                    </label>
                    <button type="submit" class="secondary" data-testid="return-rule">{i18n.t(Msg::ReReturn)}</button>
                </ActionForm>
            </section>
        })}
        {(steer && matches!(status, RuleStatus::Approved | RuleStatus::Retired)).then(|| {
            let rollback = status == RuleStatus::Retired;
            view! {
                <section class="panel" data-testid="rule-activation">
                    <h2>{i18n.t(if rollback { Msg::ReRollback } else { Msg::ReActivate })}</h2>
                    <ActionForm action=a.activate attr:class="form inline-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="lock_version" value=lock.to_string() />
                        <input type="hidden" name="set_lock_version" value=set_lock.to_string() />
                        <label>{i18n.t(Msg::ReEffectiveFrom)}
                            <input type="date" name="effective_from" required value=suggested.to_string() data-testid="effective-from" />
                        </label>
                        <button type="submit" data-testid="activate-rule">{i18n.t(if rollback { Msg::ReRollback } else { Msg::ReActivate })}</button>
                    </ActionForm>
                    <p class="muted">{i18n.t(Msg::ReActivateHint)}</p>
                </section>
            }
        })}
        {(steer && status == RuleStatus::Active).then(move || view! {
            <section class="panel" data-testid="rule-active">
                <ActionForm action=a.retire attr:class="inline">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="lock_version" value=lock.to_string() />
                    <button type="submit" class="secondary" data-testid="retire-rule">{i18n.t(Msg::ReRetire)}</button>
                </ActionForm>
                {(!rescorable.is_empty()).then(move || view! {
                    <h2>{i18n.t(Msg::ReRescoreTitle)}</h2>
                    <p class="muted">{i18n.t(Msg::ReRescoreHint)}</p>
                    {rescorable.into_iter().map(|code| view! {
                        <ActionForm action=a.rescore attr:class="inline">
                            <input type="hidden" name="period" value=code.clone() />
                            <button type="submit" data-testid="rescore-period">{i18n.t(Msg::ReRescore)} {format!(" {code}")}</button>
                        </ActionForm>
                    }).collect_view()}
                })}
            </section>
        })}
    }
}

/// The approval's evidence: note, simulation, tests and comparison.
#[component]
fn EvidencePacket(e: Evidence) -> impl IntoView {
    let i18n = use_i18n();
    let day = crate::i18n::vietnam_date(e.approved_at);
    view! {
        <section class="panel evidence" data-testid="evidence">
            <h2>{i18n.t(Msg::ReEvidence)}</h2>
            <blockquote data-testid="evidence-note">{e.note.clone()}</blockquote>
            <p class="muted">{e.approved_by.clone()} " · " {move || format_date(i18n.locale.get(), day)}</p>
            <ul>
                {e.simulation.clone().map(|s| view! {
                    <li data-testid="evidence-simulation">
                        {i18n.t(Msg::ReEvidenceSimulation)} " "
                        <a href=format!("{PATH}/mo-phong/{}", s.id)>{format!("#{} · {}", s.id, s.period)}</a>
                        {s.officers.map(|n| format!(" · {n} "))} {s.officers.map(|_| i18n.t(Msg::SimOfficers))}
                        {s.changed_grade.map(|n| format!(" · {n} "))} {s.changed_grade.map(|_| i18n.t(Msg::SimChangedGrade))}
                    </li>
                })}
                <li data-testid="evidence-tests">
                    {i18n.t(Msg::ReEvidenceTests)} {format!(": {}/{}", e.cases_passed, e.cases_passed + e.cases_failed)}
                </li>
                <li data-testid="evidence-diff">
                    {i18n.t(Msg::ReEvidenceDiff)}
                    {e.compared_with.map(|v| format!(" v{v}: +{} / −{} ", e.script_added, e.script_removed))}
                    {e.compared_with.map(|_| i18n.t(Msg::ReLines))}
                    {(!e.params_changed.is_empty()).then(|| format!(" · {}", e.params_changed.join("; ")))}
                </li>
            </ul>
        </section>
    }
}

/// A script with line numbers and colours, read-only.
#[component]
fn ScriptView(script: String, #[prop(optional)] problem: Option<ScriptProblem>) -> impl IntoView {
    let bad = problem.as_ref().and_then(|p| p.line);
    let lines = script.lines().count().max(1);
    view! {
        <div class="editor readonly" data-testid="script-view">
            <pre class="gutter" aria-hidden="true">
                {(1..=lines).map(|n| view! { <span id=format!("L{n}") class:bad=Some(n as u32) == bad>{n}"\n"</span> }).collect_view()}
            </pre>
            <pre class="code">{render_tokens(&script)}</pre>
        </div>
    }
}

fn render_tokens(script: &str) -> impl IntoView {
    highlight(script)
        .into_iter()
        .map(|(t, s)| {
            let class = t.class();
            if class.is_empty() {
                view! { <span>{s}</span> }.into_any()
            } else {
                view! { <span class=class>{s}</span> }.into_any()
            }
        })
        .collect_view()
}

#[component]
fn ReadOnly(p: RuleVersionPage, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{i18n.t(Msg::ReScript)}</h2>
        <ScriptView script=p.script.clone() />
        <h2>{i18n.t(Msg::ReParams)}</h2>
        <ParamsTable p=p.clone() editable=false />
        <h2>{i18n.t(Msg::ReCases)}</h2>
        <CasesTable p=p.clone() editable=false />
        <StoredResults run=p.case_run.clone() id=p.id can_run=p.can_run_checks a />
    }
}

/// The editor of a draft: script, parameters and expected results, saved together.
#[component]
fn Editor(p: RuleVersionPage, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let (id, lock) = (p.id, p.lock_version);
    let stored = p.case_run.clone();
    let can_run = p.can_run_checks;
    // What the last save ran, else what is stored.
    let results = move || match a.save.value().get() {
        Some(Ok(run)) => view! { <CaseResults run /> }.into_any(),
        Some(Err(_)) => ().into_any(),
        None => view! { <StoredResults run=stored.clone() id can_run a /> }.into_any(),
    };
    let save_error = move || a.save.value().get().and_then(|r| r.err());
    let saved = move || a.save.value().get().is_some_and(|r| r.is_ok());
    view! {
        <ActionForm action=a.save attr:class="form rule-editor" attr:data-testid="rule-editor">
            <input type="hidden" name="form[id]" value=id.to_string() />
            <input type="hidden" name="form[lock_version]" value=lock.to_string() />
            <h2>{i18n.t(Msg::ReScript)}</h2>
            <ScriptEditor id script=p.script.clone() problem=p.case_run.as_ref().and_then(|r| r.problem.clone()) />
            <h2>{i18n.t(Msg::ReParams)}</h2>
            <ParamsTable p=p.clone() editable=true />
            <h2>{i18n.t(Msg::ReCases)}</h2>
            <p class="muted">{i18n.t(Msg::ReCasesHint)}</p>
            <CasesTable p=p.clone() editable=true />
            {move || save_error().map(|e| view! { <ErrorAlert error=e /> })}
            {move || saved().then(|| view! { <p class="ok" role="status" data-testid="rule-saved">{i18n.t(Msg::ReSaved)}</p> })}
            <button type="submit" data-testid="save-rule">{i18n.t(Msg::ReSaveAndTest)}</button>
        </ActionForm>
        {results}
        <Boundaries id lock a />
        <ActionForm action=a.submit attr:class="inline">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="lock_version" value=lock.to_string() />
            <button type="submit" data-testid="submit-rule">{i18n.t(Msg::ReSubmit)}</button>
        </ActionForm>
    }
}

/// Proposed test cases at the grade thresholds: ask, choose, add to the draft.
#[component]
fn Boundaries(id: i32, lock: i32, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let proposal = move || {
        a.propose.value().get().map(|r| match r {
            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
            Ok(p) => {
                let fresh = p.cases.iter().any(|c| !c.already);
                view! {
                    {p.problem.clone().map(|m| view! { <p class="error" role="alert" data-testid="boundary-problem">{m}</p> })}
                    <ActionForm action=a.accept attr:class="form" attr:data-testid="boundary-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="lock_version" value=lock.to_string() />
                        <ul class="entries" data-testid="boundary-cases">
                            {p.cases.iter().map(|c| {
                                let total = c.total;
                                view! {
                                    <li data-testid="boundary-case">
                                        <label>
                                            <input type="checkbox" name="names[]" value=c.name.clone() checked=!c.already disabled=c.already />
                                            " " {c.name.clone()} " → "
                                            {move || format_score(i18n.locale.get(), total)} " · " <strong>{c.grade.clone()}</strong>
                                            {c.already.then(|| view! { " (" {i18n.t(Msg::BoundaryAlready)} ")" })}
                                        </label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(!p.unreachable.is_empty()).then(|| view! {
                            <p class="muted">{i18n.t(Msg::BoundaryUnreachable)}</p>
                            <ul>{p.unreachable.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()}</ul>
                        })}
                        {fresh.then(|| view! { <button type="submit" data-testid="boundary-accept">{i18n.t(Msg::BoundaryAccept)}</button> })}
                    </ActionForm>
                }
                .into_any()
            }
        })
    };
    let accepted = move || {
        a.accept.value().get().map(|r| match r {
            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
            Ok(run) => view! { <CaseResults run /> }.into_any(),
        })
    };
    view! {
        <section class="boundaries" data-testid="boundaries">
            <h2>{i18n.t(Msg::BoundaryTitle)}</h2>
            <p class="muted">{i18n.t(Msg::BoundaryHint)}</p>
            <ActionForm action=a.propose attr:class="inline">
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" data-testid="boundary-propose">{i18n.t(Msg::BoundaryPropose)}</button>
            </ActionForm>
            {proposal}
            {accepted}
        </section>
    }
}

/// The script's textarea over its coloured copy, with line numbers; while typing, the script
/// is compiled on the server (after a pause) and a failure is shown at its line.
#[component]
fn ScriptEditor(id: i32, script: String, problem: Option<ScriptProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(script.clone());
    let problem = RwSignal::new(problem);
    let live = RwSignal::new(false);
    let checked = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let typed = RwSignal::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        let n = typed.get_untracked() + 1;
        typed.set(n);
        #[cfg(feature = "hydrate")]
        set_timeout(
            move || {
                if typed.get_untracked() != n {
                    return;
                }
                let script = text.get_untracked();
                leptos::task::spawn_local(async move {
                    if let Ok(found) = crate::api::rules::check_rule_script(id, script).await {
                        if typed.get_untracked() == n {
                            problem.set(found);
                            checked.set(true);
                        }
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (n, id, checked);
    };
    let lines =
        move || text.read().lines().count().max(1) + usize::from(text.read().ends_with('\n'));
    let bad = move || problem.read().as_ref().and_then(|p| p.line);
    let width = move || {
        let longest = text
            .read()
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        format!("{}ch", longest.max(60) + 4)
    };
    view! {
        <div class="editor" class:live=live data-testid="script-editor">
            <pre class="gutter" aria-hidden="true">
                {move || (1..=lines()).map(|n| view! { <span class:bad=Some(n as u32) == bad()>{n}"\n"</span> }).collect_view()}
            </pre>
            <div class="code-wrap">
                <pre class="code" aria-hidden="true">{move || render_tokens(&text.read())}"\n"</pre>
                <textarea
                    name="form[script]"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    rows=move || lines().to_string()
                    style:width=width
                    aria-label=i18n.t(Msg::ReScript)
                    data-testid="script-input"
                    on:input=on_input
                    prop:value=move || text.get()
                    inner_html=crate::text::escape_html(&script)
                ></textarea>
            </div>
        </div>
        <p class="script-status" aria-live="polite" data-testid="script-problem">
            {move || match problem.get() {
                Some(p) => view! {
                    <span class="error" role="alert">
                        {p.line.map(|l| format!("{} {l}", i18n.locale.get().t(Msg::ReLine)))}
                        {p.column.map(|c| format!(", {} {c}", i18n.locale.get().t(Msg::ReColumn)))}
                        {p.line.map(|_| ": ")}
                        {p.message.clone()}
                    </span>
                }.into_any(),
                None => checked.get().then(|| view! { <span class="ok" data-testid="script-ok">{i18n.t(Msg::ReCompiles)}</span> }).into_any(),
            }}
        </p>
    }
}

#[component]
fn ParamsTable(p: RuleVersionPage, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="params">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::ReParam)}</th>
                        <th>{i18n.t(Msg::ReValue)}</th>
                        <th>{i18n.t(Msg::ReRange)}</th>
                    </tr>
                </thead>
                <tbody>
                    {p.params.into_iter().enumerate().map(|(i, f)| {
                        let (vi, en) = (f.label_vi.clone(), f.label_en.clone());
                        let label = move || if i18n.locale.get() == crate::i18n::Locale::En && !en.is_empty() { en.clone() } else { vi.clone() };
                        let range = match (f.min, f.max) {
                            (Some(a), Some(b)) => format!("{a} – {b}"),
                            (Some(a), None) => format!("≥ {a}"),
                            (None, Some(b)) => format!("≤ {b}"),
                            _ => String::new(),
                        };
                        let shown = f.value.replace('.', ",");
                        view! {
                            <tr data-testid="param" data-name=f.name.clone()>
                                <td>{label} <br /><code class="muted">{f.name.clone()}</code></td>
                                <td>
                                    {if editable {
                                        view! {
                                            <input type="hidden" name=format!("form[params][{i}][name]") value=f.name.clone() />
                                            <input type="text" inputmode="decimal" class="num" name=format!("form[params][{i}][value]") value=shown aria-label=f.label_vi.clone() data-testid=format!("param-{}", f.name) />
                                        }.into_any()
                                    } else {
                                        view! { <span class="num">{shown}</span> }.into_any()
                                    }}
                                </td>
                                <td class="muted">{range}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CasesTable(p: RuleVersionPage, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let mut k = 0usize;
    let rows = p
        .cases
        .into_iter()
        .enumerate()
        .flat_map(|(c, case)| {
            let n = case.expects.len();
            case.expects
                .into_iter()
                .enumerate()
                .map(|(j, e)| (c, j, n, case.name.clone(), case.officers, case.entries, e))
                .collect::<Vec<_>>()
        })
        .map(|(c, j, n, name, officers, entries, e)| {
            let i = k;
            k += 1;
            let total = e.total.map(|t| format_number(crate::i18n::Locale::Vi, t, 2)).unwrap_or_default();
            let grade = e.grade.clone().unwrap_or_default();
            let components = crate::models::components_text(&e.components);
            view! {
                <tr data-testid="case-row" data-case=c.to_string()>
                    {(j == 0).then(|| view! {
                        <td rowspan=n.to_string()>
                            {format!("{}. {name}", c + 1)}
                            <br /><small class="muted">{format!("{officers} ")} {i18n.t(Msg::SimOfficers)} {format!(" · {entries} ")} {i18n.t(Msg::ScoreEntries)}</small>
                        </td>
                    })}
                    <td><code>{e.officer.clone()}</code></td>
                    <td>{e.status.clone()}</td>
                    {if editable {
                        view! {
                            <td>
                                <input type="hidden" name=format!("form[expects][{i}][case]") value=c.to_string() />
                                <input type="hidden" name=format!("form[expects][{i}][index]") value=j.to_string() />
                                <input type="text" inputmode="decimal" class="num" name=format!("form[expects][{i}][total]") value=total aria-label=i18n.t(Msg::ReExpectedTotal) data-testid="expect-total" />
                            </td>
                            <td><input type="text" name=format!("form[expects][{i}][grade]") value=grade aria-label=i18n.t(Msg::ReExpectedGrade) data-testid="expect-grade" size="7" /></td>
                            <td><input type="text" name=format!("form[expects][{i}][components]") value=components aria-label=i18n.t(Msg::ReExpectedComponents) data-testid="expect-components" size="36" /></td>
                        }.into_any()
                    } else {
                        view! { <td class="num">{total}</td><td>{grade}</td><td><small>{components}</small></td> }.into_any()
                    }}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="cases">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::ReCase)}</th>
                        <th>{i18n.t(Msg::ReOfficer)}</th>
                        <th>{i18n.t(Msg::DiaryStatus)}</th>
                        <th>{i18n.t(Msg::ReExpectedTotal)}</th>
                        <th>{i18n.t(Msg::ReExpectedGrade)}</th>
                        <th>{i18n.t(Msg::ReExpectedComponents)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The stored results of the version's tests, or that they have not been run yet (a page
/// view runs no script); those who may run them (again) get a button.
#[component]
fn StoredResults(run: Option<CaseRunView>, id: i32, can_run: bool, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || a.run_checks.value().get().and_then(|r| r.err());
    let button = can_run.then(|| {
        view! {
            <ActionForm action=a.run_checks attr:class="inline">
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" data-testid="run-checks">{i18n.t(Msg::ReRunChecks)}</button>
            </ActionForm>
            {move || error().map(|e| view! { <ErrorAlert error=e /> })}
        }
    });
    match run {
        Some(run) => view! { <CaseResults run /> {button} }.into_any(),
        None => view! {
            <section class="case-results" data-testid="case-results-not-run">
                <h3>{i18n.t(Msg::ReResults)}</h3>
                <p class="muted" data-testid="cases-not-run">{i18n.t(Msg::ReNotRun)}</p>
                {button}
            </section>
        }
        .into_any(),
    }
}

/// Each case's outcome; a failure as expected vs actual.
#[component]
fn CaseResults(run: CaseRunView) -> impl IntoView {
    let i18n = use_i18n();
    let all = run.all_passed();
    view! {
        <section class="case-results" data-testid="case-results" data-passed=all.to_string()>
            <h3>{i18n.t(Msg::ReResults)}</h3>
            {run.problem.clone().map(|p| view! {
                <p class="error" role="alert" data-testid="compile-error">
                    {p.line.map(|l| format!("{} {l}: ", i18n.locale.get_untracked().t(Msg::ReLine)))}
                    {p.message}
                </p>
            })}
            {run.problem.is_none().then(|| view! {
                <p class=if all { "ok" } else { "error" } data-testid="case-summary">
                    {format!("{}/{} ", run.passed, run.passed + run.failed)} {i18n.t(Msg::ReCasesPassed)}
                </p>
            })}
            <ul class="entries">
                {run.cases.into_iter().map(|c| view! {
                    <li data-testid="case-result" class:failed=!c.passed data-passed=c.passed.to_string()>
                        <strong>{if c.passed { "✓ " } else { "✗ " }} {c.name.clone()}</strong>
                        {c.error.clone().map(|e| view! { <p class="error">{e}</p> })}
                        {(!c.failures.is_empty()).then(|| view! {
                            <table class="failures" data-testid="case-failures">
                                <thead><tr>
                                    <th>{i18n.t(Msg::ReOfficer)}</th>
                                    <th>{i18n.t(Msg::ReField)}</th>
                                    <th>{i18n.t(Msg::ReExpected)}</th>
                                    <th>{i18n.t(Msg::ReActual)}</th>
                                </tr></thead>
                                <tbody>
                                    {c.failures.into_iter().map(|f| view! {
                                        <tr data-testid="case-failure">
                                            <td>{f.officer}</td><td>{f.field}</td>
                                            <td class="num">{f.expected}</td><td class="num">{f.actual}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// "Try it": the version applied to one officer's period, with the trace it gives.
#[component]
fn TryIt(p: RuleVersionPage, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let id = p.id;
    let result = move || a.try_it.value().get();
    view! {
        <section class="panel" data-testid="try-it">
            <h2>{i18n.t(Msg::ReTryTitle)}</h2>
            <ActionForm action=a.try_it attr:class="form inline-form">
                <input type="hidden" name="id" value=id.to_string() />
                <label>{i18n.t(Msg::ReOfficer)}
                    <select name="officer_id" data-testid="try-officer">
                        {p.officers.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>{i18n.t(Msg::RePeriod)}
                    <select name="period" data-testid="try-period">
                        {p.periods.iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" data-testid="try-run">{i18n.t(Msg::ReTry)}</button>
            </ActionForm>
            {move || result().map(|r| match r {
                Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                Ok(t) => view! { <TryView t id /> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn TryView(t: TryResult, id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let (total, current) = (t.total, t.current_total);
    view! {
        <div data-testid="try-result">
            <p>
                <strong>{t.officer_name.clone()}</strong> {format!(" · {} · v{}: ", t.period, t.version_no)}
                <strong data-testid="try-total">{move || total.map(|x| format_score(i18n.locale.get(), x)).unwrap_or_else(|| i18n.locale.get().t(Msg::ScoreNotScored).to_string())}</strong>
                {format!(" {}", t.grade.clone().unwrap_or_default())}
                {t.reason.clone().map(|r| format!(" — {r}"))}
            </p>
            {current.map(|c| view! {
                <p class="muted" data-testid="try-current">
                    {i18n.t(Msg::ReCurrentScore)} ": " {move || format_score(i18n.locale.get(), c)} {format!(" {}", t.current_grade.clone().unwrap_or_default())}
                </p>
            })}
            <ol class="trace" data-testid="trace">
                {t.trace.into_iter().map(|line| view! { <TraceRow line version=id /> }).collect_view()}
            </ol>
        </div>
    }
}

#[component]
fn Simulations(p: RuleVersionPage, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let can_run = p.can_simulate;
    let id = p.id;
    view! {
        <section class="panel" data-testid="simulations">
            <h2>{i18n.t(Msg::SimTitle)}</h2>
            {if p.simulations.is_empty() {
                view! { <p class="muted">{i18n.t(Msg::SimNone)}</p> }.into_any()
            } else {
                view! { <ul class="entries">{p.simulations.iter().cloned().map(|s| view! { <SimulationLine s /> }).collect_view()}</ul> }.into_any()
            }}
            {can_run.then(|| view! {
                <ActionForm action=a.simulate attr:class="form" attr:data-testid="simulate-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <label>{i18n.t(Msg::RePeriod)}
                        <select name="period" data-testid="sim-period">
                            {p.periods.iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <details>
                        <summary>{i18n.t(Msg::SimScopeUnits)}</summary>
                        <div class="checks">
                            {p.units.iter().enumerate().map(|(i, (uid, name))| view! {
                                <label><input type="checkbox" name=format!("units[{i}]") value=uid.to_string() /> {name.clone()}</label>
                            }).collect_view()}
                        </div>
                    </details>
                    <details>
                        <summary>{i18n.t(Msg::SimScopePositions)}</summary>
                        <div class="checks">
                            {p.positions.iter().enumerate().map(|(i, (pid, name))| view! {
                                <label><input type="checkbox" name=format!("positions[{i}]") value=pid.to_string() /> {name.clone()}</label>
                            }).collect_view()}
                        </div>
                    </details>
                    <button type="submit" data-testid="simulate">{i18n.t(Msg::SimRun)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn SimulationLine(s: SimulationBrief) -> impl IntoView {
    let i18n = use_i18n();
    let day = crate::i18n::vietnam_date(s.started_at);
    view! {
        <li data-testid="simulation">
            <a href=format!("{PATH}/mo-phong/{}", s.id)>{format!("#{} · {}", s.id, s.period)}</a>
            " · " {i18n.t(s.status.label())}
            {s.officers.map(|n| format!(" · {n} "))} {s.officers.map(|_| i18n.t(Msg::SimOfficers))}
            {s.changed_grade.map(|n| format!(" · {n} "))} {s.changed_grade.map(|_| i18n.t(Msg::SimChangedGrade))}
            " · " {s.started_by.clone()} " · " {move || format_date(i18n.locale.get(), day)}
        </li>
    }
}

#[component]
pub fn SimulationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    let tick = RwSignal::new(0u32);
    let data = Resource::new(move || (id(), tick.get()), |(id, _)| get_simulation(id));
    // While it runs, read it again every second.
    Effect::new(move |_| {
        let running = data
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|s| s.brief.status.is_live());
        #[cfg(feature = "hydrate")]
        if running {
            set_timeout(
                move || tick.update(|t| *t += 1),
                std::time::Duration::from_millis(800),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = running;
    });
    // `?can-bo=ID`: why that officer's result moves (both traces compared).
    let query = leptos_router::hooks::use_query_map();
    let officer = move || {
        query
            .read()
            .get("can-bo")
            .and_then(|v| v.parse::<i32>().ok())
    };
    let change = Resource::new(
        move || (id(), officer()),
        |(id, officer)| async move {
            match officer {
                Some(o) => Some(explain_simulation_change(id, o).await),
                None => None,
            }
        },
    );
    view! {
        <section class="card">
            <p><a href=PATH>{i18n.t(Msg::RuleTitle)}</a></p>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || change.get().flatten().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(c) => view! { <ChangeExplained c /> }.into_any(),
                })}
            </Transition>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || data.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(s) => view! { <SimulationResult s /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Why one officer's result moves: the rules whose points differ (with the script lines of
/// each formula), then the entries that drive the change most.
#[component]
fn ChangeExplained(c: SimulationChange) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    let side = |t: Option<f64>, g: &Option<String>| {
        format!(
            "{} {}",
            score_or_dash(locale, t),
            g.clone().unwrap_or_default()
        )
    };
    let (before, after) = (
        side(c.active_total, &c.active_grade),
        side(c.draft_total, &c.draft_grade),
    );
    let line = |l: Option<u32>| l.map(|l| format!("{l}")).unwrap_or_default();
    let rules = c
        .rules
        .iter()
        .map(|r| {
            let delta = r.delta();
            view! {
                <tr data-testid="change-rule" data-rule=r.rule.clone() data-delta=format!("{delta:.2}")>
                    <th scope="row">{r.label.clone()} <br /><small class="muted">{r.explanation.clone()}</small></th>
                    <td class="num">{score_or_dash(locale, r.active)}</td>
                    <td class="num">{score_or_dash(locale, r.draft)}</td>
                    <td class="num" class:negative=delta < 0.0>{signed(locale, Some(delta))}</td>
                    <td class="num">{line(r.active_line)} " → " {line(r.draft_line)}</td>
                </tr>
            }
        })
        .collect_view();
    let entries = c
        .entries
        .iter()
        .map(|e| {
            let delta = e.delta();
            view! {
                <tr data-testid="change-entry">
                    <td>{e.work_date.map(|d| format_date(locale, d)).unwrap_or_default()}</td>
                    <td>{e.task.clone().unwrap_or_default()}</td>
                    <td class="num">{format_score(locale, e.active)}</td>
                    <td class="num">{format_score(locale, e.draft)}</td>
                    <td class="num" class:negative=delta < 0.0>{signed(locale, Some(delta))}</td>
                </tr>
            }
        })
        .collect_view();
    let no_rules = c.rules.is_empty();
    let no_entries = c.entries.is_empty();
    view! {
        <section id="thay-doi" class="notice" data-testid="sim-change" aria-live="polite">
            <h2>{i18n.t(Msg::SimChangeTitle)} ": " {c.officer_name.clone()}</h2>
            <p data-testid="sim-change-totals">
                {i18n.t(Msg::SimActive)} ": " <strong>{before}</strong>
                " → " {i18n.t(Msg::SimDraft)} {format!(" v{}", c.version_no)} ": " <strong>{after}</strong>
            </p>
            {if no_rules {
                view! { <p>{i18n.t(Msg::SimChangeNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="change-rules">
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.t(Msg::SimChangeRule)}</th>
                                    <th scope="col">{i18n.t(Msg::SimActive)}</th>
                                    <th scope="col">{i18n.t(Msg::SimDraft)}</th>
                                    <th scope="col">{i18n.t(Msg::SimDelta)}</th>
                                    <th scope="col">{i18n.t(Msg::SimChangeLine)}</th>
                                </tr>
                            </thead>
                            <tbody>{rules}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            {(!no_entries).then(|| view! {
                <h3>{i18n.t(Msg::SimChangeEntries)}</h3>
                <div class="table-wrap" tabindex="0">
                    <table data-testid="change-entries">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t(Msg::SimChangeDate)}</th>
                                <th scope="col">{i18n.t(Msg::SimChangeTask)}</th>
                                <th scope="col">{i18n.t(Msg::SimActive)}</th>
                                <th scope="col">{i18n.t(Msg::SimDraft)}</th>
                                <th scope="col">{i18n.t(Msg::SimDelta)}</th>
                            </tr>
                        </thead>
                        <tbody>{entries}</tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

fn score_or_dash(locale: crate::i18n::Locale, x: Option<f64>) -> String {
    x.map(|x| format_score(locale, x))
        .unwrap_or_else(|| "—".into())
}

fn signed(locale: crate::i18n::Locale, x: Option<f64>) -> String {
    match x {
        Some(x) if x > 0.0 => format!("+{}", format_score(locale, x)),
        Some(x) => format_score(locale, x),
        None => "—".into(),
    }
}

#[component]
fn SimulationResult(s: SimulationView) -> impl IntoView {
    let i18n = use_i18n();
    let b = s.brief.clone();
    let percent = (b.progress * 100.0).round();
    view! {
        <h1 data-testid="sim-title">
            {i18n.t(Msg::SimTitle)} {format!(" #{} — ", b.id)}
            <a href=format!("{PATH}/{}", s.version_id)>{format!("{} v{}", s.rule_set_name, s.version_no)}</a>
            {format!(" · {}", b.period)}
        </h1>
        <p data-testid="sim-status" data-status=b.status.as_str()>
            {i18n.t(b.status.label())}
            {(b.status == JobStatus::Running).then(|| view! {
                " " <progress max="100" value=percent.to_string() data-testid="sim-progress">{format!("{percent} %")}</progress>
            })}
        </p>
        {s.job_id.filter(|_| b.status.is_live()).map(|id| view! { <JobProgress id /> })}
        {s.error.clone().map(|e| view! { <p class="error" role="alert" data-testid="sim-error">{move || e.user_message(i18n.locale.get())}</p> })}
        {s.summary.clone().map(|sum| view! { <Summary sum rows=s.rows.clone() id=b.id hidden=s.people_hidden /> })}
    }
}

#[component]
fn Summary(
    sum: SimulationSummary,
    rows: Vec<crate::models::SimulationRow>,
    id: i32,
    /// The reader sees aggregates only (see `SimulationView::without_people`).
    hidden: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (mean, up, down) = (sum.mean_delta, sum.max_up, sum.max_down);
    let seconds = sum.duration_ms as f64 / 1000.0;
    let scope = [sum.scope_units.join(", "), sum.scope_positions.join(", ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let grades = sum.grades.clone();
    let most = sum
        .dist_active
        .iter()
        .chain(&sum.dist_draft)
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let shown = rows.len().min(200);
    view! {
        <p class="muted">
            {i18n.t(Msg::SimScope)} ": "
            {if scope.is_empty() { i18n.locale.get_untracked().t(Msg::SimScopeAll).to_string() } else { scope }}
            {(!hidden).then(|| view! { " · " <a href=format!("/api/xuat-mo-phong/{id}") rel="external" download="" data-testid="sim-export">{i18n.t(Msg::SimExport)}</a> })}
        </p>
        <dl class="stats" data-testid="sim-stats">
            <div><dt>{i18n.t(Msg::SimOfficers)}</dt><dd data-testid="sim-officers">{sum.officers}</dd></div>
            <div><dt>{i18n.t(Msg::SimChangedGrade)}</dt><dd data-testid="sim-changed">{sum.changed_grade}</dd></div>
            <div><dt>{i18n.t(Msg::SimUp)}</dt><dd>{sum.moved_up}</dd></div>
            <div><dt>{i18n.t(Msg::SimDown)}</dt><dd>{sum.moved_down}</dd></div>
            <div><dt>{i18n.t(Msg::SimMeanDelta)}</dt><dd>{move || signed(i18n.locale.get(), mean)}</dd></div>
            <div><dt>{i18n.t(Msg::SimMaxUp)}</dt><dd>{move || signed(i18n.locale.get(), up)}</dd></div>
            <div><dt>{i18n.t(Msg::SimMaxDown)}</dt><dd>{move || signed(i18n.locale.get(), down)}</dd></div>
            <div><dt>{i18n.t(Msg::SimDuration)}</dt><dd data-testid="sim-duration">{move || format!("{} s", format_number(i18n.locale.get(), seconds, 2))}</dd></div>
        </dl>
        <h2>{i18n.t(Msg::SimMatrix)}</h2>
        <p class="muted">{i18n.t(Msg::SimMatrixHint)}</p>
        <div class="table-wrap" tabindex="0">
            <table class="matrix" data-testid="transition-matrix">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::SimActiveDraft)}</th>
                        {grades.iter().map(|g| view! { <th scope="col">{g.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {sum.matrix.iter().enumerate().map(|(i, row)| view! {
                        <tr>
                            <th scope="row">{grades[i].clone()}</th>
                            {row.iter().enumerate().map(|(j, n)| view! {
                                <td class="num" class:diagonal=i == j class:moved=(i != j && *n > 0) data-testid=format!("cell-{}-{}", grades[i], grades[j])>{*n}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>{i18n.t(Msg::SimDistribution)}</h2>
        <div class="dist" data-testid="dist-chart">
            {grades.iter().enumerate().map(|(i, g)| {
                let (a, d) = (sum.dist_active[i], sum.dist_draft[i]);
                view! {
                    <div class="dist-row">
                        <span class="dist-grade">{g.clone()}</span>
                        <span class="dist-bars">
                            <span class="bar active" style=format!("width: {}%", a * 100 / most) title=format!("{a}")></span>
                            <span class="bar draft" style=format!("width: {}%", d * 100 / most) title=format!("{d}")></span>
                        </span>
                        <span class="num">{format!("{a} → {d}")}</span>
                    </div>
                }
            }).collect_view()}
            <p class="legend"><span class="bar active"></span> {i18n.t(Msg::SimActive)} " " <span class="bar draft"></span> {i18n.t(Msg::SimDraft)}</p>
        </div>
        <h2>{i18n.t(Msg::SimCrossings)}</h2>
        <ul class="entries" data-testid="crossings">
            {sum.crossings.iter().map(|c| {
                let t = c.threshold;
                let names = |v: &Vec<(i32, String, f64, f64)>| v.iter().map(|(_, n, a, d)| format!("{n} ({} → {})", format_score(crate::i18n::Locale::Vi, *a), format_score(crate::i18n::Locale::Vi, *d))).collect::<Vec<_>>().join("; ");
                let (up, down) = (names(&c.up), names(&c.down));
                view! {
                    <li data-testid="crossing">
                        <strong>{format!("{} ", c.grade)} {move || format!("(≥ {})", format_score(i18n.locale.get(), t))}</strong>
                        ": ↑ " {c.up.len()} " · ↓ " {c.down.len()}
                        {(!hidden && !up.is_empty()).then(|| view! { <br /><small>{"↑ "}{up}</small> })}
                        {(!hidden && !down.is_empty()).then(|| view! { <br /><small>{"↓ "}{down}</small> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <h2>{i18n.t(Msg::SimByUnit)}</h2>
        <Groups groups=sum.by_unit.clone() testid="by-unit" />
        <h2>{i18n.t(Msg::SimByPosition)}</h2>
        <Groups groups=sum.by_position.clone() testid="by-position" />
        <h2>{i18n.t(Msg::SimRows)}</h2>
        {hidden.then(|| view! { <p class="muted" data-testid="sim-people-hidden">{i18n.t(Msg::SimPeopleHidden)}</p> })}
        {(rows.len() > shown).then(|| view! { <p class="muted">{format!("{shown}/{} ", rows.len())} {i18n.t(Msg::SimRowsCut)}</p> })}
        <div class="table-wrap" tabindex="0">
            <table data-testid="sim-rows">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::ReOfficer)}</th>
                        <th>{i18n.t(Msg::SimUnit)}</th>
                        <th class="num">{i18n.t(Msg::SimActive)}</th>
                        <th class="num">{i18n.t(Msg::SimDraft)}</th>
                        <th class="num">{i18n.t(Msg::SimDelta)}</th>
                        <th class="num">{i18n.t(Msg::SimRank)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().take(shown).map(|r| {
                        let (at, dt, dl) = (r.active_total, r.draft_total, r.delta);
                        let rank = match (r.rank_active, r.rank_draft) {
                            (Some(a), Some(d)) => format!("{a} → {d}"),
                            _ => "—".into(),
                        };
                        view! {
                            <tr data-testid="sim-row" data-officer=r.officer_id.to_string()>
                                <td>
                                    {r.name.clone()} <br /><small class="muted">{r.position.clone()}</small>
                                    {(r.active_grade != r.draft_grade || dl.is_some_and(|d| d.abs() >= 0.005)).then(|| view! {
                                        " " <a href=format!("{PATH}/mo-phong/{id}?can-bo={}#thay-doi", r.officer_id) data-testid="sim-why">{i18n.t(Msg::SimWhy)}</a>
                                    })}
                                </td>
                                <td>{r.unit.clone()}</td>
                                <td class="num">{move || score_or_dash(i18n.locale.get(), at)} " " {r.active_grade.clone()}</td>
                                <td class="num">{move || score_or_dash(i18n.locale.get(), dt)} " " {r.draft_grade.clone()}</td>
                                <td class="num" class:negative=dl.is_some_and(|d| d < 0.0)>{move || signed(i18n.locale.get(), dl)}</td>
                                <td class="num">{rank}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Groups(groups: Vec<GroupEffect>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid=testid>
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::SimGroupName)}</th>
                        <th class="num">{i18n.t(Msg::SimOfficers)}</th>
                        <th class="num">{i18n.t(Msg::SimActive)}</th>
                        <th class="num">{i18n.t(Msg::SimDraft)}</th>
                        <th class="num">{i18n.t(Msg::SimDelta)}</th>
                        <th class="num">{i18n.t(Msg::SimChangedGrade)}</th>
                    </tr>
                </thead>
                <tbody>
                    {groups.into_iter().map(|g| {
                        let (a, d, x) = (g.mean_active, g.mean_draft, g.mean_delta);
                        view! {
                            <tr>
                                <td>{g.name.clone()} " " <small class="muted">{g.code.clone()}</small></td>
                                <td class="num">{g.officers}</td>
                                <td class="num">{move || score_or_dash(i18n.locale.get(), a)}</td>
                                <td class="num">{move || score_or_dash(i18n.locale.get(), d)}</td>
                                <td class="num">{move || signed(i18n.locale.get(), x)}</td>
                                <td class="num">{g.changed_grade}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
