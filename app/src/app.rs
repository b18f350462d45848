//! The HTML shell, the router and the providers every page relies on.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    lazy_route, path, Lazy, LazyRoute, SsrMode,
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
use crate::pages::committee::CommitteePage;
use crate::pages::diary::DiaryPage;
use crate::pages::glossary::GlossaryPage;
use crate::pages::help::HelpPage;
use crate::pages::notifications::NotificationsPage;
use crate::pages::practice::PracticePage;
use crate::pages::privacy::PrivacyPage;
use crate::pages::reports::{ClassificationPage, ScoreSheetPage};
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
                        <Route ssr=SsrMode::Async path=path!("") view={Lazy::<HomeRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("dang-nhap") view={Lazy::<SignInRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("kich-hoat") view={Lazy::<ActivationRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("doi-mat-khau") view={Lazy::<ChangePasswordRoute>::new()} />
                        <Route
                            ssr=SsrMode::Async
                            path=path!("can-bo")
                            view=|| {
                                view! { <Guarded path="/can-bo"><DiaryPage /></Guarded> }
                            }
                        />
                        <Route ssr=SsrMode::Async path=path!("can-bo/diem") view={Lazy::<MyScoreRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("can-bo/thuc-hanh") view={Lazy::<PracticeRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("cong-thuc/:id") view={Lazy::<FormulaRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("duyet") view={Lazy::<ReviewRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("don-vi") view={Lazy::<UnitRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("thong-bao") view={Lazy::<NotificationsRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("chot-ky") view={Lazy::<ClosingRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("don-vi/can-bo/:id") view={Lazy::<OfficerScoreRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri") view={Lazy::<AdminHomeRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/nguoi-dung") view={Lazy::<UsersRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/cong-thuc") view={Lazy::<FormulasRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/cong-thuc/mo-phong/:id") view={Lazy::<SimulationRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/cong-thuc/:id") view={Lazy::<RuleVersionRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/to-chuc") view={Lazy::<OrgRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/to-chuc/nhap/:id") view={Lazy::<ImportRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/don-vi") view={Lazy::<UnitsRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/ket-noi") view={Lazy::<ApiClientsRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/vi-tri") view={Lazy::<PositionsRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/vi-tri/:id") view={Lazy::<PositionRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/nguoi-dung/moi") view={Lazy::<NewUserRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quan-tri/nguoi-dung/:id") view={Lazy::<EditUserRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("ban-chi-dao") view={Lazy::<CommitteeRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("bao-cao/xep-loai") view={Lazy::<ClassificationRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("phieu-danh-gia/:id") view={Lazy::<ScoreSheetRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("thuat-ngu") view={Lazy::<GlossaryRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("quyen-rieng-tu") view={Lazy::<PrivacyRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("tro-giup") view={Lazy::<HelpRoute>::new()} />
                        <Route ssr=SsrMode::Async path=path!("thanh-tra") view={Lazy::<AuditRoute>::new()} />
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

/// Declares each page that an officer's first visit does not need as a lazy route: its code
/// (and whatever only it uses) is split out of the main wasm by `cargo leptos build --split`
/// into chunks the browser fetches the first time the page is opened, or, when the page is
/// the one the server rendered, beside the main wasm and before hydration (the server names
/// them in preload links: `ssr::split`). The page's data is loaded by the page itself, as before: a lazy route's `data()`
/// would only save one round trip on client-side navigation, and the server has already
/// rendered the data of the page a visit starts on.
///
/// Every build of the hydrate wasm must be split once a lazy route exists: without `--split`
/// the wasm imports the chunk loader from a module that is never written, and no page
/// hydrates (the server warns at start when the site it serves has no split manifest).
///
/// A page everyone may open is declared `public`; the others name the path their guard
/// sends back to after signing in.
macro_rules! lazy_pages {
    (@view public $page:ident) => {
        view! { <$page /> }.into_any()
    };
    (@view $guard:literal $page:ident) => {
        view! { <Guarded path=$guard><$page /></Guarded> }.into_any()
    };
    ($($route:ident: $guard:tt => $page:ident;)*) => {$(
        #[doc = concat!("The lazily loaded route of `", stringify!($page), "`.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                #[cfg(feature = "ssr")]
                crate::ssr::split::preload(stringify!($route));
                lazy_pages!(@view $guard $page)
            }
        }
    )*};
}

lazy_pages! {
    HomeRoute: public => HomePage;
    SignInRoute: public => SignInPage;
    ActivationRoute: public => ActivationPage;
    GlossaryRoute: public => GlossaryPage;
    PrivacyRoute: public => PrivacyPage;
    ChangePasswordRoute: "/doi-mat-khau" => ChangePasswordPage;
    NotificationsRoute: "/thong-bao" => NotificationsPage;
    HelpRoute: "/tro-giup" => HelpPage;
    MyScoreRoute: "/can-bo/diem" => MyScorePage;
    PracticeRoute: "/can-bo/thuc-hanh" => PracticePage;
    FormulaRoute: "/cong-thuc" => FormulaPage;
    ReviewRoute: "/duyet" => ReviewPage;
    UnitRoute: "/don-vi" => UnitPage;
    ClosingRoute: "/chot-ky" => ClosingPage;
    OfficerScoreRoute: "/don-vi/can-bo" => OfficerScorePage;
    AdminHomeRoute: "/quan-tri" => AdminHomePage;
    UsersRoute: "/quan-tri/nguoi-dung" => UsersPage;
    FormulasRoute: "/quan-tri/cong-thuc" => FormulasPage;
    SimulationRoute: "/quan-tri/cong-thuc" => SimulationPage;
    RuleVersionRoute: "/quan-tri/cong-thuc" => RuleVersionPage;
    OrgRoute: "/quan-tri/to-chuc" => OrgPage;
    ImportRoute: "/quan-tri/to-chuc" => ImportPage;
    UnitsRoute: "/quan-tri/don-vi" => UnitsPage;
    ApiClientsRoute: "/quan-tri/ket-noi" => ApiClientsPage;
    PositionsRoute: "/quan-tri/vi-tri" => PositionsPage;
    PositionRoute: "/quan-tri/vi-tri" => PositionPage;
    NewUserRoute: "/quan-tri/nguoi-dung/moi" => NewUserPage;
    EditUserRoute: "/quan-tri/nguoi-dung/:id" => EditUserPage;
    CommitteeRoute: "/ban-chi-dao" => CommitteePage;
    ClassificationRoute: "/bao-cao/xep-loai" => ClassificationPage;
    ScoreSheetRoute: "/phieu-danh-gia/:id" => ScoreSheetPage;
    AuditRoute: "/thanh-tra" => AuditPage;
}
