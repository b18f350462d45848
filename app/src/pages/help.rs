//! Help (/tro-giup), from the header's user menu: the first-use guides of the caller's roles,
//! each opened again on its page, the glossary, and for an officer "my score" with its
//! step-by-step explanation.

use leptos::prelude::*;

use crate::components::auth::use_auth;
use crate::i18n::{use_i18n, Msg};
use crate::models::{Guide, GUIDE_QUERY};

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let guides = move || {
        let subject = auth.subject();
        Guide::ALL
            .into_iter()
            .filter(|g| subject.as_ref().is_some_and(|s| s.has(g.role())))
            .collect::<Vec<_>>()
    };
    let officer = move || {
        auth.subject()
            .is_some_and(|s| s.has(crate::authz::Role::Officer))
    };
    view! {
        <section class="card" data-testid="help">
            <h1>{i18n.t(Msg::HelpTitle)}</h1>
            <p class="muted">{i18n.t(Msg::HelpIntro)}</p>
            <Transition fallback=|| ()>
                <h2>{i18n.t(Msg::HelpGuides)}</h2>
                <ul data-testid="help-guides">
                    {move || {
                        guides()
                            .into_iter()
                            .map(|g| {
                                view! {
                                    <li>
                                        {i18n.t(g.title())}
                                        " — "
                                        <a
                                            href=format!("{}?{GUIDE_QUERY}=1", g.page())
                                            data-testid="open-guide"
                                            data-guide=g.code()
                                        >
                                            {i18n.t(Msg::HelpOpenGuide)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <ul>
                    <li>
                        <a href="/thuat-ngu">{i18n.t(Msg::HelpGlossary)}</a>
                    </li>
                    {move || {
                        officer()
                            .then(|| {
                                view! {
                                    <li>
                                        <a href="/can-bo/diem">{i18n.t(Msg::HelpScore)}</a>
                                    </li>
                                    <li>
                                        <a href=crate::pages::practice::PATH data-testid="help-practice">
                                            {i18n.t(Msg::HelpPractice)}
                                        </a>
                                    </li>
                                }
                            })
                    }}
                </ul>
            </Transition>
        </section>
    }
}
