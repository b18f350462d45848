use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::NotFoundTitle)}</h1>
            <a href="/">{i18n.t(Msg::BackHome)}</a>
        </section>
    }
}
