//! The auditor's page: the audit trail, newest first, and a check of its hash chain.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::audit::{audit_events, VerifyAudit};
use crate::components::auth::ErrorAlert;
use crate::components::pager::{page_param, Pager};
use crate::i18n::{format_number, use_i18n, Msg};
use crate::models::AuditCheck;

/// The name of a kind of object in the trail, when it has one.
fn entity_label(code: &str) -> Option<Msg> {
    Some(match code {
        "appeal" => Msg::EntityAppeal,
        "criteria_points" => Msg::EntityCriteriaPoints,
        "job_description_version" => Msg::EntityJobDescription,
        "period" => Msg::EntityPeriod,
        "rule_set" => Msg::EntityRuleSet,
        "rule_set_version" => Msg::EntityRuleSetVersion,
        "score_access" => Msg::EntityScoreAccess,
        "unit" => Msg::EntityUnit,
        "user" => Msg::EntityUser,
        "work_log_entry" => Msg::EntityWorkLogEntry,
        _ => return None,
    })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || page_param(query);
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let events = Resource::new(
        move || {
            (
                page(),
                param("doi-tuong"),
                param("nguoi"),
                param("tu"),
                param("den"),
            )
        },
        |(p, entity, actor, from, to)| audit_events(p - 1, entity, actor, from, to),
    );
    let verify = ServerAction::<VerifyAudit>::new();
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::AuditTitle)}</h1>
            <ActionForm action=verify attr:class="inline">
                <button type="submit" data-testid="verify-audit">{i18n.t(Msg::AuditVerify)}</button>
            </ActionForm>
            {move || {
                verify
                    .value()
                    .get()
                    .map(|r| match r {
                        Ok(AuditCheck::Intact { events }) => {
                            view! {
                                <p class="ok" role="status" data-testid="audit-result">
                                    {i18n.t(Msg::AuditIntact)}
                                    " "
                                    {move || format_number(i18n.locale.get(), events as f64, 0)}
                                    " "
                                    {i18n.t(Msg::AuditEvents)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(AuditCheck::Broken { seq, problem }) => {
                            view! {
                                <p class="error" role="alert" data-testid="audit-result">
                                    {i18n.t(Msg::AuditBroken)}
                                    {format!(" {seq}: {problem}")}
                                </p>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    })
            }}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    events
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(list) => {
                                let current = list.page + 1;
                                let (entity, actor, from, to) = (param("doi-tuong"), param("nguoi"), param("tu"), param("den"));
                                let filters = form_urlencoded::Serializer::new(String::new())
                                    .append_pair("doi-tuong", &entity)
                                    .append_pair("nguoi", &actor)
                                    .append_pair("tu", &from)
                                    .append_pair("den", &to)
                                    .finish();
                                view! {
                                    <form method="get" class="form inline-form" data-testid="audit-filter">
                                        <label>
                                            {i18n.t(Msg::AuditObject)}
                                            <select name="doi-tuong" data-testid="audit-entity">
                                                <option value="">{i18n.t(Msg::ReviewAllOfficers)}</option>
                                                {list
                                                    .entities
                                                    .iter()
                                                    .map(|e| {
                                                        let label = entity_label(e);
                                                        let code = e.clone();
                                                        view! {
                                                            <option value=e.clone() selected=*e == entity>
                                                                {move || label.map(|m| i18n.locale.get().t(m).to_string()).unwrap_or_else(|| code.clone())}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </label>
                                        <label>
                                            {i18n.t(Msg::AuditWho)}
                                            <input type="search" name="nguoi" value=actor.clone() data-testid="audit-actor" />
                                        </label>
                                        <label>
                                            {i18n.t(Msg::DiaryFrom)}
                                            <input type="date" name="tu" value=from.clone() data-testid="audit-from" />
                                        </label>
                                        <label>
                                            {i18n.t(Msg::DiaryTo)}
                                            <input type="date" name="den" value=to.clone() data-testid="audit-to" />
                                        </label>
                                        <button type="submit" data-testid="audit-apply">{i18n.t(Msg::ReviewFilter)}</button>
                                    </form>
                                    <p class="muted" data-testid="audit-count">{list.total} " " {i18n.t(Msg::AuditEvents)}</p>
                                    <div class="table-wrap" tabindex="0">
                                        <table data-testid="audit-events">
                                            <thead>
                                                <tr>
                                                    <th class="num">"#"</th>
                                                    <th>{i18n.t(Msg::AuditWhen)}</th>
                                                    <th>{i18n.t(Msg::AuditWho)}</th>
                                                    <th>{i18n.t(Msg::AuditAction)}</th>
                                                    <th>{i18n.t(Msg::AuditObject)}</th>
                                                    <th>{i18n.t(Msg::AuditChange)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {list
                                                    .events
                                                    .into_iter()
                                                    .map(|e| {
                                                        let at = crate::i18n::vietnam_time(e.at).format("%d/%m/%Y %H:%M:%S").to_string();
                                                        let has_change = e.before.is_some() || e.after.is_some();
                                                        view! {
                                                            <tr data-testid="audit-event">
                                                                <td class="num">{e.seq}</td>
                                                                <td>{at}</td>
                                                                <td>{e.actor_name}</td>
                                                                <td><code>{e.action}</code></td>
                                                                <td data-entity=e.entity.clone()>
                                                                    {entity_label(&e.entity).map(|m| view! { {i18n.t(m)} " " })}
                                                                    <small class="muted">{format!("{} {}", e.entity, e.entity_id)}</small>
                                                                </td>
                                                                <td>
                                                                    {has_change.then(|| view! {
                                                                        <details>
                                                                            <summary data-testid="audit-open-change">{i18n.t(Msg::AuditChange)}</summary>
                                                                            {e.before.map(|b| view! { <p class="muted">{i18n.t(Msg::AuditBefore)}</p> <pre class="json" data-testid="audit-before">{b}</pre> })}
                                                                            {e.after.map(|a| view! { <p class="muted">{i18n.t(Msg::AuditAfter)}</p> <pre class="json" data-testid="audit-after">{a}</pre> })}
                                                                        </details>
                                                                    })}
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager current=current total_items=list.total per_page=list.per_page link=move |p| format!("?trang={p}&{filters}") />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}
