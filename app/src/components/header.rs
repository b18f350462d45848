use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale, Msg};

/// The product name, the navigation for the three audiences and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.locale.get() {
        Locale::Vi => Locale::En,
        Locale::En => Locale::Vi,
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/" data-testid="brand">
                {i18n.t(Msg::AppName)}
            </a>
            <nav aria-label="main">
                <a href="/">{i18n.t(Msg::NavHome)}</a>
                <a href="/can-bo">{i18n.t(Msg::NavOfficer)}</a>
                <a href="/quan-tri">{i18n.t(Msg::NavAdmin)}</a>
                <a href="/ban-chi-dao">{i18n.t(Msg::NavCommittee)}</a>
            </nav>
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
