//! The glossary (/thuat-ngu): the KPI terms of Decree 335/2025 and the province's
//! guidance, in the reader's language, each with its anchor, for anyone (signed in or not:
//! officers read it before their first sign-in). Static: rendered on the server.

use leptos::prelude::*;

use crate::i18n::{glossary, use_i18n, Msg};

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-testid="glossary">
            <h1>{i18n.t(Msg::GlossaryTitle)}</h1>
            <p class="muted">{i18n.t(Msg::GlossaryIntro)}</p>
            {move || {
                let locale = i18n.locale.get();
                let terms = glossary::terms(locale);
                view! {
                    <nav aria-label=locale.t(Msg::GlossaryIndex)>
                        <ul class="glossary-index">
                            {terms
                                .clone()
                                .map(|t| view! { <li><a href=format!("#{}", t.id)>{t.name}</a></li> })
                                .collect_view()}
                        </ul>
                    </nav>
                    <dl class="glossary">
                        {terms
                            .map(|t| {
                                view! {
                                    <dt id=t.id data-testid="glossary-term">{t.name}</dt>
                                    <dd>
                                        <p><strong>{t.short}</strong></p>
                                        <p>{t.text}</p>
                                    </dd>
                                }
                            })
                            .collect_view()}
                    </dl>
                }
            }}
        </section>
    }
}
