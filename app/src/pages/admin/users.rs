//! User administration: the list (admins and auditors), creating a user, editing roles,
//! units and position, resetting a password, deactivating.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::users::{
    get_user, get_user_form_options, list_users, ConfirmPasswordReset, CreateUser,
    ResetUserPassword, SetUserActive, UpdateUser,
};
use crate::authz::Role;
use crate::components::auth::{use_auth, ErrorAlert};
use crate::components::pager::{page_param, Pager};
use crate::error::AppError;
use crate::i18n::{format_number, use_i18n, Msg};
use crate::models::{PasswordResetOutcome, UserDetail, UserFormOptions};

const LIST_PATH: &str = "/quan-tri/nguoi-dung";

fn can_manage() -> bool {
    use_auth()
        .subject()
        .is_some_and(|s| s.has(Role::Admin) && !s.must_change_password)
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || page_param(query);
    let users = Resource::new(move || (q(), page()), |(q, page)| list_users(q, page - 1));
    let page_link = move |p: u64| format!("{LIST_PATH}?q={}&trang={p}", q());
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::UsersTitle)}</h1>
            <div class="toolbar">
                <form method="get" action=LIST_PATH class="search" role="search">
                    <input
                        type="search"
                        name="q"
                        value=q
                        aria-label=i18n.t(Msg::UsersSearch)
                        placeholder=i18n.t(Msg::UsersSearch)
                        data-testid="user-search"
                    />
                    <button type="submit">{i18n.t(Msg::UsersSearchButton)}</button>
                </form>
                <Transition fallback=|| ()>
                    {move || {
                        can_manage()
                            .then(|| {
                                view! {
                                    <a class="button primary" href="/quan-tri/nguoi-dung/moi" data-testid="new-user">
                                        {i18n.t(Msg::UsersNew)}
                                    </a>
                                }
                            })
                    }}
                </Transition>
            </div>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    users
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(list) if list.users.is_empty() => {
                                view! { <p>{i18n.t(Msg::UsersEmpty)}</p> }.into_any()
                            }
                            Ok(list) => {
                                let current = list.page + 1;
                                view! {
                                    <p class="muted" data-testid="user-count">
                                        {move || format_number(i18n.locale.get(), list.total as f64, 0)}
                                        " "
                                        {i18n.t(Msg::UsersCount)}
                                    </p>
                                    <div class="table-wrap" tabindex="0">
                                        <table data-testid="users">
                                            <thead>
                                                <tr>
                                                    <th>{i18n.t(Msg::UserUsername)}</th>
                                                    <th>{i18n.t(Msg::UserFullName)}</th>
                                                    <th>{i18n.t(Msg::UserUnit)}</th>
                                                    <th>{i18n.t(Msg::UserRoles)}</th>
                                                    <th>{i18n.t(Msg::UserStatus)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {list
                                                    .users
                                                    .into_iter()
                                                    .map(|u| {
                                                        let roles = u
                                                            .roles
                                                            .iter()
                                                            .filter_map(|r| Role::parse(r))
                                                            .collect::<Vec<_>>();
                                                        let active = u.is_active;
                                                        let must = u.must_change_password;
                                                        view! {
                                                            <tr>
                                                                <td>
                                                                    <a href=format!("{LIST_PATH}/{}", u.id)>{u.username}</a>
                                                                </td>
                                                                <td>{u.full_name}</td>
                                                                <td>{u.unit_name.unwrap_or_default()}</td>
                                                                <td>
                                                                    {move || {
                                                                        roles
                                                                            .iter()
                                                                            .map(|r| i18n.locale.get().t(r.label()))
                                                                            .collect::<Vec<_>>()
                                                                            .join(", ")
                                                                    }}
                                                                </td>
                                                                <td>
                                                                    {move || {
                                                                        let mut s = i18n
                                                                            .locale
                                                                            .get()
                                                                            .t(if active { Msg::UserActive } else { Msg::UserInactive })
                                                                            .to_string();
                                                                        if must {
                                                                            s.push_str(" · ");
                                                                            s.push_str(i18n.locale.get().t(Msg::UserMustChange));
                                                                        }
                                                                        s
                                                                    }}
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager current=current total_items=list.total per_page=list.per_page link=page_link />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

/// The fields shared by the create and edit forms, named for `UserInput`.
#[component]
fn UserFields(options: UserFormOptions, user: Option<UserDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let has = |role: Role| {
        user.as_ref()
            .is_some_and(|u| u.grants.iter().any(|g| g.role == role))
    };
    let reviewed: Vec<i32> = user
        .as_ref()
        .map(|u| {
            u.grants
                .iter()
                .filter(|g| g.role == Role::Reviewer)
                .filter_map(|g| g.unit_id)
                .collect()
        })
        .unwrap_or_default();
    let unit_id = user.as_ref().and_then(|u| u.unit_id);
    let position_id = user.as_ref().and_then(|u| u.position_id);
    let full_name = user
        .as_ref()
        .map(|u| u.full_name.clone())
        .unwrap_or_default();
    let unit_options = |selected: &dyn Fn(i32) -> bool| {
        options
            .units
            .iter()
            .map(|u| {
                view! {
                    <option value=u.id.to_string() selected=selected(u.id)>
                        {format!("{} — {}", u.code, u.name)}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label>
            {i18n.t(Msg::UserFullName)}
            <input type="text" name="input[full_name]" value=full_name required maxlength="255" data-testid="full-name" />
        </label>
        <label>
            {i18n.t(Msg::UserUnit)}
            <select name="input[unit_id]" data-testid="unit">
                <option value="">{i18n.t(Msg::UserNone)}</option>
                {unit_options(&|id| Some(id) == unit_id)}
            </select>
        </label>
        <label>
            {i18n.t(Msg::UserPosition)}
            <select name="input[position_id]" data-testid="position">
                <option value="">{i18n.t(Msg::UserNone)}</option>
                {options
                    .positions
                    .iter()
                    .map(|p| {
                        view! {
                            <option value=p.id.to_string() selected=Some(p.id) == position_id>
                                {format!("{} — {}", p.code, p.name)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
        <fieldset>
            <legend>{i18n.t(Msg::UserRoles)}</legend>
            {Role::ALL
                .into_iter()
                .map(|role| {
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                name="input[roles][]"
                                value=role.code()
                                checked=has(role)
                                data-testid=format!("role-{}", role.code())
                            />
                            {i18n.t(role.label())}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <label>
            {i18n.t(Msg::UserReviewerUnits)}
            <select name="input[reviewer_units][]" multiple size="5" data-testid="reviewer-units">
                {unit_options(&|id| reviewed.contains(&id))}
            </select>
        </label>
    }
}

#[component]
pub fn NewUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let options = Resource::new(|| (), |_| get_user_form_options());
    let create = ServerAction::<CreateUser>::new();
    let result = create.value();
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::UsersNew)}</h1>
            <a href=LIST_PATH>{i18n.t(Msg::UserBackToList)}</a>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    options
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(options) => {
                                view! {
                                    <ActionForm action=create attr:class="form" attr:data-testid="user-form">
                                        <label>
                                            {i18n.t(Msg::UserUsername)}
                                            <input type="text" name="input[username]" required autocapitalize="none" data-testid="new-username" />
                                        </label>
                                        <UserFields options=options user=None />
                                        <label>
                                            {i18n.t(Msg::UserInitialPassword)}
                                            <input type="password" name="input[password]" required minlength="10" autocomplete="new-password" data-testid="new-password" />
                                        </label>
                                        {move || result.get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
                                        <button type="submit" class="primary" data-testid="save-user">
                                            {i18n.t(Msg::UserCreate)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn EditUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::components::route_id();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let confirm = ServerAction::<ConfirmPasswordReset>::new();
    let activate = ServerAction::<SetUserActive>::new();
    let user = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                reset.version().get(),
                confirm.version().get(),
                activate.version().get(),
            )
        },
        |(id, ..)| get_user(id),
    );
    let options = Resource::new(|| (), |_| get_user_form_options());
    let outcome = move |ok: Msg, value: Signal<Option<Result<(), AppError>>>| {
        move || match value.get() {
            Some(Ok(())) => Some(
                view! { <p class="ok" role="status" data-testid="form-ok">{i18n.t(ok)}</p> }
                    .into_any(),
            ),
            Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
            None => None,
        }
    };
    let update_done = Signal::derive(move || update.value().get().map(|r| r.map(|_| ())));
    let reset_done = Signal::derive(move || reset.value().get().map(|r| r.map(|_| ())));
    let reset_ok = move || match reset.value().get() {
        Some(Ok(PasswordResetOutcome::AwaitingSecondAdmin)) => Msg::SodResetRequested,
        _ => Msg::UserPasswordReset,
    };
    let confirm_done = Signal::derive(move || confirm.value().get());
    let active_done = Signal::derive(move || activate.value().get());
    let update_outcome = outcome(Msg::UserSaved, update_done);
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::UserEditTitle)}</h1>
            <a href=LIST_PATH>{i18n.t(Msg::UserBackToList)}</a>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    let manage = can_manage();
                    match (user.get(), options.get()) {
                        (Some(Err(e)), _) | (_, Some(Err(e))) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                        (Some(Ok(u)), Some(Ok(options))) => {
                            let uid = u.id;
                            let active = u.is_active;
                            let pending = u.pending_reset.clone();
                            Some(
                                view! {
                                    <p>
                                        <strong data-testid="edit-username">{u.username.clone()}</strong>
                                        " · "
                                        <span data-testid="user-state">
                                            {move || i18n.locale.get().t(if active { Msg::UserActive } else { Msg::UserInactive })}
                                        </span>
                                    </p>
                                    {(!manage).then(|| view! { <p class="muted">{i18n.t(Msg::UserReadOnly)}</p> })}
                                    <ActionForm action=update attr:class="form" attr:data-testid="user-form">
                                        <fieldset class="plain" disabled=!manage>
                                            <input type="hidden" name="id" value=uid.to_string() />
                                            <UserFields options=options user=Some(u) />
                                            {update_outcome}
                                            <button type="submit" class="primary" data-testid="save-user">
                                                {i18n.t(Msg::UserSave)}
                                            </button>
                                        </fieldset>
                                    </ActionForm>
                                    {manage
                                        .then(|| {
                                            view! {
                                                <h2>{i18n.t(Msg::UserResetPassword)}</h2>
                                                <ActionForm action=reset attr:class="form" attr:data-testid="reset-form">
                                                    <input type="hidden" name="id" value=uid.to_string() />
                                                    <label>
                                                        {i18n.t(Msg::UserTemporaryPassword)}
                                                        <input type="password" name="password" required minlength="10" autocomplete="new-password" data-testid="temporary-password" />
                                                    </label>
                                                    {move || outcome(reset_ok(), reset_done)()}
                                                    <button type="submit" data-testid="reset-password">
                                                        {i18n.t(Msg::UserResetPassword)}
                                                    </button>
                                                </ActionForm>
                                                {pending.clone().map(|p| view! {
                                                    <ActionForm action=confirm attr:class="form" attr:data-testid="confirm-reset-form">
                                                        <input type="hidden" name="id" value=uid.to_string() />
                                                        <p class="warn" data-testid="pending-reset">
                                                            {i18n.t(Msg::SodPendingReset)} " " {p.requested_by_name.clone()} " ("
                                                            {crate::i18n::vietnam_time(p.requested_at).format("%d/%m/%Y %H:%M").to_string()} ")."
                                                        </p>
                                                        <button type="submit" data-testid="confirm-reset">
                                                            {i18n.t(Msg::SodConfirmReset)}
                                                        </button>
                                                    </ActionForm>
                                                })}
                                                <div data-testid="confirm-outcome">{outcome(Msg::SodResetConfirmed, confirm_done)}</div>
                                                <h2>{i18n.t(Msg::UserStatus)}</h2>
                                                <ActionForm action=activate attr:class="form" attr:data-testid="active-form">
                                                    <input type="hidden" name="id" value=uid.to_string() />
                                                    <input type="hidden" name="active" value=(!active).to_string() />
                                                    {outcome(if active { Msg::UserDeactivated } else { Msg::UserActivated }, active_done)}
                                                    <button type="submit" data-testid="toggle-active">
                                                        {i18n.t(if active { Msg::UserDeactivate } else { Msg::UserActivate })}
                                                    </button>
                                                </ActionForm>
                                            }
                                        })}
                                }
                                    .into_any(),
                            )
                        }
                        _ => None,
                    }
                }}
            </Transition>
        </section>
    }
}
