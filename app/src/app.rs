//! The HTML shell, the router and the providers every page relies on.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::header::Header;
use crate::i18n::{provide_i18n, Msg};
use crate::pages::{home::HomePage, not_found::NotFound, placeholder::Placeholder};

/// The document the server renders around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n();
    // Effects run only in the browser: this marks the page as hydrated for tests and CSS.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Html attr:lang=move || i18n.locale.get().code() />
        <Stylesheet id="leptos" href="/pkg/rubric.css" />
        <Title text=i18n.t(Msg::PageTitleHome) />
        <Router>
            <div class="app" data-testid="app-root" data-hydrated=move || hydrated.get().to_string()>
                <Header />
                <main>
                    <Routes fallback=NotFound>
                        <Route path=path!("") view=HomePage />
                        <Route
                            path=path!("can-bo")
                            view=|| view! { <Placeholder title=Msg::NavOfficer text=Msg::AudienceOfficerText /> }
                        />
                        <Route
                            path=path!("quan-tri")
                            view=|| view! { <Placeholder title=Msg::NavAdmin text=Msg::AudienceAdminText /> }
                        />
                        <Route
                            path=path!("ban-chi-dao")
                            view=|| {
                                view! { <Placeholder title=Msg::NavCommittee text=Msg::AudienceCommitteeText /> }
                            }
                        />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
