use leptos::prelude::*;

use crate::api::notifications::unread_notifications;
use crate::authz::{navigation, SIGN_IN_PATH};
use crate::components::auth::use_auth;
use crate::i18n::{use_i18n, Locale, Msg};

/// Bumped when notifications are marked read, so the header's count is fetched again.
#[derive(Clone, Copy)]
pub struct NotificationsEpoch(pub RwSignal<u32>);

/// The product name, the navigation the user's roles allow, the user menu and the
/// language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let epoch = use_context::<NotificationsEpoch>().map(|NotificationsEpoch(e)| e);
    // The unread count, for a signed-in user only; fetched again on each page, when the user
    // changes and when the notification centre marks some read.
    let location = leptos_router::hooks::use_location();
    let unread = Resource::new(
        move || {
            (
                auth.current().map(|u| u.id),
                epoch.map(|e| e.get()),
                location.pathname.get(),
            )
        },
        |(user, _, _)| async move {
            match user {
                Some(_) => unread_notifications().await.unwrap_or(0),
                None => 0,
            }
        },
    );
    let other = move || match i18n.locale.get() {
        Locale::Vi => Locale::En,
        Locale::En => Locale::Vi,
    };
    // On a phone the navigation and the user menu sit behind a menu button (a <details>, so
    // it opens before hydration too); following a link closes it.
    let menu = NodeRef::<leptos::html::Details>::new();
    let close_menu = move |_| {
        if let Some(details) = menu.get() {
            let _ = details.remove_attribute("open");
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/" data-testid="brand">
                {i18n.t(Msg::AppName)}
            </a>
            <details class="site-menu" node_ref=menu data-testid="site-menu">
            <summary class="menu-button" data-testid="menu-button">{i18n.t(Msg::MenuButton)}</summary>
            <div class="site-menu-body" on:click=close_menu>
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
                                <a href="/thong-bao" data-testid="notifications-link">
                                    {i18n.t(Msg::NotifyNav)}
                                    {move || {
                                        let count = unread.get().unwrap_or(0);
                                        let shown = count > 0;
                                        shown
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <span class="badge" data-testid="unread-count" aria-label=i18n.t(Msg::NotifyUnreadLabel)>
                                                        {count}
                                                    </span>
                                                }
                                            })
                                    }}
                                </a>
                                <a href="/tro-giup" data-testid="help-link">{i18n.t(Msg::HelpNav)}</a>
                                <a href="/doi-mat-khau">{i18n.t(Msg::ChangePassword)}</a>
                                <crate::components::form::Form action=auth.sign_out attr:class="inline">
                                    <button type="submit" class="link" data-testid="sign-out">
                                        {i18n.t(Msg::SignOut)}
                                    </button>
                                </crate::components::form::Form>
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
            </div>
            </details>
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
