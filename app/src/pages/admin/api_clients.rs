//! The API clients page (/quan-tri/ket-noi): each agency's e-office system with its tokens
//! (first characters, scopes, issued, expires, last used, state; revoke), a form to issue a
//! token (its text shown this once), and a form to register a client.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::api_clients::{list_api_clients, CreateApiClient, IssueApiToken, RevokeApiToken};
use crate::api::org::list_units;
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_date, use_i18n, vietnam_date, Msg};
use crate::models::{ApiClientView, ApiScope, ApiTokenView, UnitKind};

#[component]
pub fn ApiClientsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateApiClient>::new();
    let issue = ServerAction::<IssueApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let clients = Resource::new(
        move || {
            (
                create.version().get(),
                issue.version().get(),
                revoke.version().get(),
            )
        },
        |_| list_api_clients(),
    );
    let agencies = Resource::new(|| (), |_| list_units());
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::ApiPageTitle)}</h1>
            <p class="muted">{i18n.t(Msg::ApiPageIntro)}</p>
            <p><a href="/api/v1/docs" rel="external" data-testid="api-docs">{i18n.t(Msg::ApiPageDocs)}</a></p>
            {move || issue.value().get().map(|r| match r {
                Ok(t) => view! {
                    <div class="notice ok" role="status" data-testid="api-token-issued">
                        <p>{i18n.t(Msg::ApiTokenShownOnce)}</p>
                        <p><code data-testid="api-token-value">{t.token}</code></p>
                    </div>
                }.into_any(),
                Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
            })}
            {move || revoke.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || clients.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-testid="api-none">{i18n.t(Msg::ApiPageNone)}</p> }.into_any(),
                    Ok(list) => list
                        .into_iter()
                        .map(|c| view! { <ClientCard c issue revoke /> })
                        .collect_view()
                        .into_any(),
                })}
            </Transition>
        </section>
        <section class="card">
            <h2>{i18n.t(Msg::ApiNewClient)}</h2>
            {move || create.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
            <ActionForm action=create attr:class="form" attr:data-testid="api-new-client">
                <label>
                    {i18n.t(Msg::ApiClientName)}
                    <input type="text" name="name" maxlength="128" required data-testid="api-client-name" />
                </label>
                <label>
                    {i18n.t(Msg::ApiClientAgency)}
                    <select name="agency" required data-testid="api-client-agency">
                        <Transition fallback=|| ()>
                            {move || agencies.get().and_then(|r| r.ok()).map(|units| units
                                .into_iter()
                                .filter(|u| u.kind != UnitKind::Department && u.closed_on.is_none())
                                .map(|u| view! { <option value=u.code.clone()>{format!("{} — {}", u.code, u.name)}</option> })
                                .collect_view())}
                        </Transition>
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" name="entries_submitted" value="1" data-testid="api-client-submitted" />
                    {i18n.t(Msg::ApiClientSubmitted)}
                </label>
                <button type="submit" class="primary" data-testid="api-client-create">{i18n.t(Msg::ApiClientCreate)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ClientCard(
    c: ApiClientView,
    issue: ServerAction<IssueApiToken>,
    revoke: ServerAction<RevokeApiToken>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.id;
    let tokens = c.tokens.clone();
    view! {
        <article class="card" data-testid="api-client">
            <h2 data-testid="api-client-title">{c.name.clone()}</h2>
            <p class="muted">
                {format!("{} — {}", c.agency_code, c.agency_name)}
                " · "
                {i18n.t(if c.entries_submitted { Msg::ApiEntriesSubmitted } else { Msg::ApiEntriesDraft })}
            </p>
            {if tokens.is_empty() {
                view! { <p class="muted">{i18n.t(Msg::ApiTokensNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table>
                            <thead>
                                <tr>
                                    <th>{i18n.t(Msg::ApiTokenPrefix)}</th>
                                    <th>{i18n.t(Msg::ApiTokenName)}</th>
                                    <th>{i18n.t(Msg::ApiTokenScopes)}</th>
                                    <th>{i18n.t(Msg::ApiTokenCreated)}</th>
                                    <th>{i18n.t(Msg::ApiTokenExpires)}</th>
                                    <th>{i18n.t(Msg::ApiTokenLastUsed)}</th>
                                    <th>{i18n.t(Msg::ApiTokenState)}</th>
                                    <th></th>
                                </tr>
                            </thead>
                            <tbody>
                                {tokens.into_iter().map(|t| view! { <TokenRow t revoke /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <details>
                <summary data-testid="api-new-token">{i18n.t(Msg::ApiNewToken)}</summary>
                <ActionForm action=issue attr:class="form">
                    <input type="hidden" name="client_id" value=id.to_string() />
                    <label>
                        {i18n.t(Msg::ApiTokenName)}
                        <input type="text" name="name" maxlength="128" required data-testid="api-token-name" />
                    </label>
                    <fieldset>
                        <legend>{i18n.t(Msg::ApiTokenScopes)}</legend>
                        {ApiScope::ALL.into_iter().map(|s| view! {
                            <label class="check">
                                <input type="checkbox" name="scopes[]" value=s.as_str() data-testid=format!("api-scope-{}", s.as_str()) />
                                <code>{s.as_str()}</code>
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <label>
                        {i18n.t(Msg::ApiTokenDaysLabel)}
                        <input type="number" name="days" min="1" max="365" value="90" required data-testid="api-token-days" />
                    </label>
                    <button type="submit" class="primary" data-testid="api-token-issue">{i18n.t(Msg::ApiTokenIssue)}</button>
                </ActionForm>
            </details>
        </article>
    }
}

#[component]
fn TokenRow(t: ApiTokenView, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    let i18n = use_i18n();
    let state = if t.revoked_at.is_some() {
        Msg::ApiTokenRevoked
    } else if t.expired {
        Msg::ApiTokenExpired
    } else {
        Msg::ApiTokenActive
    };
    let live = state == Msg::ApiTokenActive;
    let scopes = ApiScope::join(&t.scopes);
    let created = vietnam_date(t.created_at);
    let expires = vietnam_date(t.expires_at);
    let used = t.last_used_at.map(vietnam_date);
    view! {
        <tr data-testid="api-token">
            <td><code>{t.prefix.clone()}"…"</code></td>
            <td>{t.name.clone()}</td>
            <td>{scopes}</td>
            <td>{move || format_date(i18n.locale.get(), created)}</td>
            <td>{move || format_date(i18n.locale.get(), expires)}</td>
            <td>{move || used.map(|d| format_date(i18n.locale.get(), d)).unwrap_or_else(|| i18n.locale.get().t(Msg::ApiTokenNever).to_string())}</td>
            <td data-testid="api-token-state">{i18n.t(state)}</td>
            <td>
                {live.then(|| view! {
                    <ActionForm action=revoke>
                        <input type="hidden" name="id" value=t.id.to_string() />
                        <button type="submit" data-testid="api-token-revoke">{i18n.t(Msg::ApiTokenRevoke)}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
