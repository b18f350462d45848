//! The privacy notice (/quyen-rieng-tu): what Rubric holds about a person, why, who sees it,
//! how long, and their rights, for anyone (signed in or not); a signed-in person downloads
//! everything held about them here (`GET /api/du-lieu-ca-nhan`, a plain link: no script
//! needed). Static: rendered on the server.

use leptos::prelude::*;

use crate::components::auth::use_auth;
use crate::i18n::{use_i18n, Msg};

/// Where a signed-in person downloads their data.
pub const DOWNLOAD_PATH: &str = "/api/du-lieu-ca-nhan";

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let sections = [
        (Msg::PrivacyHeldTitle, Msg::PrivacyHeld),
        (Msg::PrivacyWhoTitle, Msg::PrivacyWho),
        (Msg::PrivacyKeepTitle, Msg::PrivacyKeep),
        (Msg::PrivacyRightsTitle, Msg::PrivacyRights),
    ];
    view! {
        <section class="card" data-testid="privacy">
            <h1>{i18n.t(Msg::PrivacyTitle)}</h1>
            <p>{i18n.t(Msg::PrivacyIntro)}</p>
            {sections
                .into_iter()
                .map(|(title, text)| {
                    view! {
                        <h2>{i18n.t(title)}</h2>
                        <p>{i18n.t(text)}</p>
                    }
                })
                .collect_view()}
            <Transition fallback=|| ()>
                {move || {
                    if auth.current().is_some() {
                        view! {
                            <p>
                                <a class="button" href=DOWNLOAD_PATH download data-testid="personal-data-download">
                                    {i18n.t(Msg::PrivacyDownload)}
                                </a>
                            </p>
                        }
                            .into_any()
                    } else {
                        view! { <p class="muted">{i18n.t(Msg::PrivacyDownloadHint)}</p> }.into_any()
                    }
                }}
            </Transition>
        </section>
    }
}
