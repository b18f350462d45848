//! Help beside a form field: the KPI term's one-sentence explanation, opened by a "?"
//! button (a `<details>`, so it works by keyboard and before hydration), with a link to
//! the term's entry in the glossary (/thuat-ngu).

use leptos::prelude::*;

use crate::i18n::{glossary, use_i18n, Msg};

/// The help of the glossary term `term` (one of [`glossary::ids`]).
#[component]
pub fn HelpTip(term: &'static glossary::Entry) -> AnyView {
    let i18n = use_i18n();
    let tip = move || {
        let locale = i18n.locale.get();
        let t = term.get(locale);
        view! {
                <details class="help" data-testid=format!("help-{}", t.id)>
                    <summary aria-label=format!("{}: {}", locale.t(Msg::HelpWhat), t.name) title=t.name>
                        "?"
                    </summary>
                    <span class="help-text" role="note">
                        {t.short}
                        " "
                        <a href=format!("/thuat-ngu#{}", t.id)>{locale.t(Msg::HelpMore)}</a>
                    </span>
                </details>
        }
    };
    tip.into_any()
}
