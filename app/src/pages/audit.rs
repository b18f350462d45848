//! The auditor's page: the audit trail, newest first, and a check of its hash chain.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::audit::{audit_events, VerifyAudit};
use crate::components::auth::ErrorAlert;
use crate::components::pager::Pager;
use crate::i18n::{format_number, use_i18n, Msg};
use crate::models::AuditCheck;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("trang")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let events = Resource::new(page, |p| audit_events(p - 1));
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
                                view! {
                                    <div class="table-wrap">
                                        <table data-testid="audit-events">
                                            <thead>
                                                <tr>
                                                    <th class="num">"#"</th>
                                                    <th>{i18n.t(Msg::AuditWhen)}</th>
                                                    <th>{i18n.t(Msg::AuditWho)}</th>
                                                    <th>{i18n.t(Msg::AuditAction)}</th>
                                                    <th>{i18n.t(Msg::AuditObject)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {list
                                                    .events
                                                    .into_iter()
                                                    .map(|e| {
                                                        view! {
                                                            <tr>
                                                                <td class="num">{e.seq}</td>
                                                                <td>{e.at.format("%d/%m/%Y %H:%M:%S").to_string()}</td>
                                                                <td>{e.actor_name}</td>
                                                                <td><code>{e.action}</code></td>
                                                                <td>{format!("{} {}", e.entity, e.entity_id)}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager current=current total_items=list.total per_page=list.per_page link=|p| format!("?trang={p}") />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}
