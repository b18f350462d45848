//! The signed-in user for every component: one context with the current user and the
//! sign-in, sign-out and change-password actions, and the guard around protected pages.

use leptos::prelude::*;

use crate::api::auth::{get_current_user, SignOut};
use crate::authz::{page_access, Decision, Subject, SIGN_IN_PATH};
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::models::CurrentUser;

#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub sign_out: crate::components::form::FormAction<SignOut>,
    /// Bumped after a sign-in or a password change: the user is fetched again.
    epoch: RwSignal<u32>,
}

impl Auth {
    /// The current user once loaded (`None` while loading or when anonymous).
    pub fn current(self) -> Option<CurrentUser> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }

    pub fn subject(self) -> Option<Subject> {
        self.current().map(|u| u.subject)
    }

    /// Fetches the user again once `version` (an action's) moves.
    pub fn refresh_after(self, version: impl Fn() -> usize + Send + Sync + 'static) {
        Effect::watch(
            version,
            move |v, prev, _| {
                if prev.is_some_and(|p| p != v) || (prev.is_none() && *v > 0) {
                    self.epoch.update(|e| *e += 1);
                }
            },
            false,
        );
    }
}

/// Creates the context; the user is fetched again after each sign-out, and after a sign-in
/// or password change (whose forms, in their pages, call [`Auth::refresh_after`]).
pub fn provide_auth() -> Auth {
    let sign_out = crate::components::form::FormAction::<SignOut>::new();
    let epoch = RwSignal::new(0u32);
    let user = Resource::new(
        move || (sign_out.version().get(), epoch.get()),
        |_| get_current_user(),
    );
    let auth = Auth {
        user,
        sign_out,
        epoch,
    };
    provide_context(auth);
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Shows `children` only to users who may open the page at `path` (the same rule the
/// server's page guard applies); others see why not. The children are rendered once and
/// kept while the decision stays "allow", so refreshing the user (after a password change,
/// say) does not reset the page's forms.
#[component]
pub fn Guarded(path: &'static str, children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let decision = move || {
        auth.user.get().map(|result| {
            let subject = result.ok().flatten().map(|u| u.subject);
            page_access(subject.as_ref(), path)
        })
    };
    let refusal = move || match decision() {
        None | Some(Decision::Allow) => None,
        Some(Decision::SignIn) => Some(
            view! {
                <section class="card" data-testid="sign-in-required">
                    <p>{i18n.t(Msg::SignInRequired)}</p>
                    <a href=format!("{SIGN_IN_PATH}?next={path}")>{i18n.t(Msg::SignIn)}</a>
                </section>
            }
            .into_any(),
        ),
        Some(Decision::ChangePassword) => Some(
            view! {
                <section class="card">
                    <p>{i18n.t(Msg::ChangePasswordForced)}</p>
                    <a href="/doi-mat-khau">{i18n.t(Msg::ChangePassword)}</a>
                </section>
            }
            .into_any(),
        ),
        Some(Decision::Forbidden) => Some(
            view! {
                <section class="card" data-testid="forbidden">
                    <h1>{i18n.t(Msg::ForbiddenTitle)}</h1>
                    <p>{i18n.t(Msg::ForbiddenText)}</p>
                    <a href="/">{i18n.t(Msg::BackHome)}</a>
                </section>
            }
            .into_any(),
        ),
    };
    let page = move || {
        view! {
            {crate::models::Guide::of_page(path)
                .map(|guide| view! { <crate::components::guide::GuidePanel guide /> })}
            {children()}
        }
        .into_any()
    };
    // The server runs the closure that shows the page up to three times in one render; the
    // page (its resources, so its queries) is built on the first run only.
    #[cfg(feature = "ssr")]
    let page = {
        let once = crate::ssr::built_once::BuiltOnce::new(page);
        move || once.view()
    };
    view! {
        <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
            <Show when=move || decision() == Some(Decision::Allow) fallback=refusal>
                {page()}
            </Show>
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
