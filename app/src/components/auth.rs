//! The signed-in user for every component: one context with the current user and the
//! sign-in, sign-out and change-password actions, and the guard around protected pages.

use leptos::prelude::*;

use crate::api::auth::{get_current_user, ChangePassword, SignIn, SignOut};
use crate::authz::{page_access, Decision, Subject, SIGN_IN_PATH};
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::models::CurrentUser;

#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
    pub change_password: ServerAction<ChangePassword>,
}

impl Auth {
    /// The current user once loaded (`None` while loading or when anonymous).
    pub fn current(self) -> Option<CurrentUser> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }

    pub fn subject(self) -> Option<Subject> {
        self.current().map(|u| u.subject)
    }
}

/// Creates the context; the user is fetched again after each sign-in, sign-out and
/// password change.
pub fn provide_auth() -> Auth {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let user = Resource::new(
        move || {
            (
                sign_in.version().get(),
                sign_out.version().get(),
                change_password.version().get(),
            )
        },
        |_| get_current_user(),
    );
    let auth = Auth {
        user,
        sign_in,
        sign_out,
        change_password,
    };
    provide_context(auth);
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Shows `children` only to users who may open the page at `path` (the same rule the
/// server's page guard applies); others see why not.
#[component]
pub fn Guarded(path: &'static str, children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
            {move || {
                auth.user
                    .get()
                    .map(|result| {
                        let subject = result.ok().flatten().map(|u| u.subject);
                        match page_access(subject.as_ref(), path) {
                            Decision::Allow => children.with_value(|c| c()).into_any(),
                            Decision::SignIn => {
                                view! {
                                    <section class="card" data-testid="sign-in-required">
                                        <p>{i18n.t(Msg::SignInRequired)}</p>
                                        <a href=format!("{SIGN_IN_PATH}?next={path}")>
                                            {i18n.t(Msg::SignIn)}
                                        </a>
                                    </section>
                                }
                                    .into_any()
                            }
                            Decision::ChangePassword => {
                                view! {
                                    <section class="card">
                                        <p>{i18n.t(Msg::ChangePasswordForced)}</p>
                                        <a href="/doi-mat-khau">{i18n.t(Msg::ChangePassword)}</a>
                                    </section>
                                }
                                    .into_any()
                            }
                            Decision::Forbidden => {
                                view! {
                                    <section class="card" data-testid="forbidden">
                                        <h1>{i18n.t(Msg::ForbiddenTitle)}</h1>
                                        <p>{i18n.t(Msg::ForbiddenText)}</p>
                                        <a href="/">{i18n.t(Msg::BackHome)}</a>
                                    </section>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
        </Transition>
    }
}

/// A server function's error as a translated alert.
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="error" role="alert" data-testid="form-error">
            {move || error.user_message(i18n.locale.get())}
        </p>
    }
}
