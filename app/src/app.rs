//! The HTML shell, the router and the providers every page relies on.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::auth::{provide_auth, Guarded};
use crate::components::header::{Header, NotificationsEpoch};
use crate::i18n::{provide_i18n, Msg};
use crate::pages::account::{ActivationPage, ChangePasswordPage, SignInPage};
use crate::pages::admin::api_clients::ApiClientsPage;
use crate::pages::admin::formulas::FormulasPage;
use crate::pages::admin::home::AdminHomePage;
use crate::pages::admin::org::{ImportPage, OrgPage};
use crate::pages::admin::positions::{PositionPage, PositionsPage};
use crate::pages::admin::rules::{RuleVersionPage, SimulationPage};
use crate::pages::admin::units::UnitsPage;
use crate::pages::admin::users::{EditUserPage, NewUserPage, UsersPage};
use crate::pages::audit::AuditPage;
use crate::pages::closing::ClosingPage;
use crate::pages::diary::DiaryPage;
use crate::pages::notifications::NotificationsPage;
use crate::pages::practice::PracticePage;
use crate::pages::review::ReviewPage;
use crate::pages::score::{FormulaPage, MyScorePage};
use crate::pages::unit::{OfficerScorePage, UnitPage};
use crate::pages::{home::HomePage, not_found::NotFound};

/// The document the server renders around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::headers::set_page_policy();
    // The stylesheet sits beside the wasm and the JS, under the server's package directory
    // (`pkg/<version>`, a path that names the build, so browsers keep it for a year).
    let stylesheet = format!("/{}/rubric.css", options.site_pkg_dir);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" id="leptos" href=stylesheet />
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
        <Html attr:lang=move || i18n.locale.try_get().unwrap_or_default().code() />
        <Title text=i18n.t(Msg::PageTitleHome) />
        <Router>
            <Layout hydrated />
        </Router>
    }
}

/// Everything inside the router. The auth actions are created here, below the router, so
/// that a form posted without JavaScript finds its error in the URL the server redirected to.
#[component]
fn Layout(hydrated: RwSignal<bool>) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    provide_auth();
    provide_context(NotificationsEpoch(RwSignal::new(0)));
    view! {
            <div class="app" data-testid="app-root" data-hydrated=move || hydrated.get().to_string()>
                <Header />
                <main>
                    <Routes fallback=NotFound>
                        <Route ssr=SsrMode::Async path=path!("") view=HomePage />
                        <Route ssr=SsrMode::Async path=path!("dang-nhap") view=SignInPage />
                        <Route path=path!("kich-hoat") view=ActivationPage />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("doi-mat-khau")
                            view=|| view! { <Guarded path="/doi-mat-khau"><ChangePasswordPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("can-bo")
                            view=|| {
                                view! { <Guarded path="/can-bo"><DiaryPage /></Guarded> }
                            }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("can-bo/diem")
                            view=|| view! { <Guarded path="/can-bo/diem"><MyScorePage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("can-bo/thuc-hanh")
                            view=|| view! { <Guarded path="/can-bo/thuc-hanh"><PracticePage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("cong-thuc/:id")
                            view=|| view! { <Guarded path="/cong-thuc"><FormulaPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("duyet")
                            view=|| {
                                view! { <Guarded path="/duyet"><ReviewPage /></Guarded> }
                            }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("don-vi")
                            view=|| view! { <Guarded path="/don-vi"><UnitPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("thong-bao")
                            view=|| view! { <Guarded path="/thong-bao"><NotificationsPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("chot-ky")
                            view=|| view! { <Guarded path="/chot-ky"><ClosingPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("don-vi/can-bo/:id")
                            view=|| view! { <Guarded path="/don-vi/can-bo"><OfficerScorePage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri")
                            view=|| {
                                view! { <Guarded path="/quan-tri"><AdminHomePage /></Guarded> }
                            }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/nguoi-dung")
                            view=|| view! { <Guarded path="/quan-tri/nguoi-dung"><UsersPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/cong-thuc")
                            view=|| view! { <Guarded path="/quan-tri/cong-thuc"><FormulasPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/cong-thuc/mo-phong/:id")
                            view=|| view! { <Guarded path="/quan-tri/cong-thuc"><SimulationPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/cong-thuc/:id")
                            view=|| view! { <Guarded path="/quan-tri/cong-thuc"><RuleVersionPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/to-chuc")
                            view=|| view! { <Guarded path="/quan-tri/to-chuc"><OrgPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/to-chuc/nhap/:id")
                            view=|| view! { <Guarded path="/quan-tri/to-chuc"><ImportPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/don-vi")
                            view=|| view! { <Guarded path="/quan-tri/don-vi"><UnitsPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/ket-noi")
                            view=|| view! { <Guarded path="/quan-tri/ket-noi"><ApiClientsPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/vi-tri")
                            view=|| view! { <Guarded path="/quan-tri/vi-tri"><PositionsPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/vi-tri/:id")
                            view=|| view! { <Guarded path="/quan-tri/vi-tri"><PositionPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/nguoi-dung/moi")
                            view=|| view! { <Guarded path="/quan-tri/nguoi-dung/moi"><NewUserPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("quan-tri/nguoi-dung/:id")
                            view=|| view! { <Guarded path="/quan-tri/nguoi-dung/:id"><EditUserPage /></Guarded> }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("ban-chi-dao")
                            view=|| {
                                view! { <Guarded path="/ban-chi-dao"><crate::pages::committee::CommitteePage /></Guarded> }
                            }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("bao-cao/xep-loai")
                            view=|| {
                                view! { <Guarded path="/bao-cao/xep-loai"><crate::pages::reports::ClassificationPage /></Guarded> }
                            }
                        />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("phieu-danh-gia/:id")
                            view=|| {
                                view! { <Guarded path="/phieu-danh-gia/:id"><crate::pages::reports::ScoreSheetPage /></Guarded> }
                            }
                        />
                        <Route path=path!("thuat-ngu") view=crate::pages::glossary::GlossaryPage />
                        <Route ssr=SsrMode::Async path=path!("quyen-rieng-tu") view=crate::pages::privacy::PrivacyPage />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("tro-giup")
                            view=|| view! { <Guarded path="/tro-giup"><crate::pages::help::HelpPage /></Guarded> }
                        />
                        <Route ssr=SsrMode::Async path=path!("thanh-tra") view=|| view! { <Guarded path="/thanh-tra"><AuditPage /></Guarded> } />
                    </Routes>
                </main>
                <footer class="site-footer">
                    <a href="/thuat-ngu" data-testid="glossary-link">{i18n.t(Msg::GlossaryTitle)}</a>
                    " · "
                    <a href="/quyen-rieng-tu" data-testid="privacy-link">{i18n.t(Msg::PrivacyLink)}</a>
                </footer>
            </div>
    }
}
