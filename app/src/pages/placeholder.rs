use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// An area whose pages later issues build; says so plainly instead of pretending.
#[component]
pub fn Placeholder(title: Msg, text: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{i18n.t(title)}</h1>
            <p>{i18n.t(text)}</p>
            <p class="muted">{i18n.t(Msg::UnderConstruction)}</p>
        </section>
    }
}
