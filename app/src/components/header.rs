use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::authz::{navigation, SIGN_IN_PATH};
use crate::components::auth::use_auth;
use crate::i18n::{use_i18n, Locale, Msg};

/// The product name, the navigation the user's roles allow, the user menu and the
/// language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let other = move || match i18n.locale.get() {
        Locale::Vi => Locale::En,
        Locale::En => Locale::Vi,
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/" data-testid="brand">
                {i18n.t(Msg::AppName)}
            </a>
            <Transition fallback=|| ()>
                <nav aria-label="main" data-testid="main-nav">
                    {move || {
                        let subject = auth.subject();
                        navigation(subject.as_ref())
                            .into_iter()
                            .filter_map(|p| p.nav.map(|label| (p.path, label)))
                            .map(|(path, label)| view! { <a href=path>{i18n.t(label)}</a> })
                            .collect_view()
                    }}
                </nav>
                <div class="user-menu" data-testid="user-menu">
                    {move || match auth.current() {
                        Some(user) => {
                            view! {
                                <span class="who" data-testid="signed-in-user" title=user.username.clone()>
                                    {user.full_name.clone()}
                                </span>
                                <a href="/doi-mat-khau">{i18n.t(Msg::ChangePassword)}</a>
                                <ActionForm action=auth.sign_out attr:class="inline">
                                    <button type="submit" class="link" data-testid="sign-out">
                                        {i18n.t(Msg::SignOut)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <a href=SIGN_IN_PATH data-testid="sign-in-link">
                                    {i18n.t(Msg::SignIn)}
                                </a>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </Transition>
            <button
                type="button"
                class="lang"
                data-testid="lang-switch"
                lang=move || other().code()
                aria-label=i18n.t(Msg::SwitchLanguageLabel)
                on:click=move |_| i18n.set(other())
            >
                {i18n.t(Msg::SwitchLanguage)}
            </button>
        </header>
    }
}
