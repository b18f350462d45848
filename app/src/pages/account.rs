//! Signing in and changing one's password.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{has_admin, ActivateAccount, ChangePassword, SignIn};
use crate::components::auth::{use_auth, ErrorAlert};
use crate::i18n::{use_i18n, Msg};

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let admin_exists = Resource::new(|| (), |_| has_admin());
    // Created here, below the router, so that without JavaScript the error the server put
    // into the URL shows in the form.
    let sign_in = ServerAction::<SignIn>::new();
    auth.refresh_after(move || sign_in.version().get());
    let result = sign_in.value();
    view! {
        <section class="card narrow">
            <h1>{i18n.t(Msg::SignInTitle)}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    admin_exists
                        .get()
                        .and_then(|r| r.ok())
                        .filter(|exists| !exists)
                        .map(|_| {
                            view! {
                                <p class="notice" data-testid="no-admin">{i18n.t(Msg::SignInNoAdmin)}</p>
                            }
                        })
                }}
            </Suspense>
            <ActionForm action=sign_in attr:class="form" attr:data-testid="sign-in-form">
                <input type="hidden" name="next" value=next />
                <label>
                    {i18n.t(Msg::SignInUsername)}
                    <input
                        type="text"
                        name="username"
                        autocomplete="username"
                        autocapitalize="none"
                        required
                        data-testid="username"
                    />
                </label>
                <label>
                    {i18n.t(Msg::SignInPassword)}
                    <input
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        data-testid="password"
                    />
                </label>
                {move || result.get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
                <button type="submit" class="primary" data-testid="sign-in-submit">
                    {i18n.t(Msg::SignInSubmit)}
                </button>
            </ActionForm>
            <p><a href=crate::authz::ACTIVATION_PATH data-testid="activation-link">{i18n.t(Msg::ActivationLink)}</a></p>
        </section>
    }
}

/// A new person's first password, set with their one-time activation code.
#[component]
pub fn ActivationPage() -> impl IntoView {
    let i18n = use_i18n();
    let activate = ServerAction::<ActivateAccount>::new();
    let result = activate.value();
    view! {
        <section class="card narrow">
            <h1>{i18n.t(Msg::ActivationTitle)}</h1>
            <p class="muted">{i18n.t(Msg::ActivationIntro)}</p>
            <Show
                when=move || result.get().is_some_and(|r| r.is_ok())
                fallback=move || view! {
                    <ActionForm action=activate attr:class="form" attr:data-testid="activation-form">
                        <label>
                            {i18n.t(Msg::SignInUsername)}
                            <input type="text" name="username" autocomplete="username" autocapitalize="none" required data-testid="username" />
                        </label>
                        <label>
                            {i18n.t(Msg::ActivationCode)}
                            <input type="text" name="code" autocomplete="one-time-code" autocapitalize="characters" required data-testid="activation-code" />
                        </label>
                        <label>
                            {i18n.t(Msg::PasswordNew)}
                            <input type="password" name="password" autocomplete="new-password" required data-testid="new-password" />
                        </label>
                        <label>
                            {i18n.t(Msg::PasswordConfirm)}
                            <input type="password" name="confirm" autocomplete="new-password" required data-testid="confirm-password" />
                        </label>
                        <p class="muted">{i18n.t(Msg::PasswordRules)}</p>
                        {move || result.get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
                        <button type="submit" class="primary" data-testid="activate-submit">{i18n.t(Msg::ActivationSubmit)}</button>
                    </ActionForm>
                }
            >
                <p class="ok" role="status" data-testid="activated">{i18n.t(Msg::ActivationDone)}</p>
                <a href=crate::authz::SIGN_IN_PATH>{i18n.t(Msg::SignIn)}</a>
            </Show>
        </section>
    }
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let change = ServerAction::<ChangePassword>::new();
    auth.refresh_after(move || change.version().get());
    let result = change.value();
    let forced = move || {
        auth.current()
            .is_some_and(|u| u.subject.must_change_password)
    };
    view! {
        <section class="card narrow">
            <h1>{i18n.t(Msg::ChangePassword)}</h1>
            <Transition fallback=|| ()>
                {move || {
                    forced()
                        .then(|| {
                            view! {
                                <p class="notice" data-testid="must-change">
                                    {i18n.t(Msg::ChangePasswordForced)}
                                </p>
                            }
                        })
                }}
            </Transition>
            <p class="muted">{i18n.t(Msg::PasswordRules)}</p>
            <ActionForm action=change attr:class="form" attr:data-testid="change-password-form">
                <label>
                    {i18n.t(Msg::PasswordCurrent)}
                    <input type="password" name="current" autocomplete="current-password" required data-testid="current" />
                </label>
                <label>
                    {i18n.t(Msg::PasswordNew)}
                    <input type="password" name="new" autocomplete="new-password" required minlength="10" data-testid="new" />
                </label>
                <label>
                    {i18n.t(Msg::PasswordConfirm)}
                    <input type="password" name="confirm" autocomplete="new-password" required data-testid="confirm" />
                </label>
                {move || match result.get() {
                    Some(Ok(())) => {
                        Some(
                            view! {
                                <p class="ok" role="status" data-testid="form-ok">
                                    {i18n.t(Msg::PasswordChanged)}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                    None => None,
                }}
                <button type="submit" class="primary" data-testid="change-password-submit">
                    {i18n.t(Msg::ChangePassword)}
                </button>
            </ActionForm>
        </section>
    }
}
