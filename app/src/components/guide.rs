//! The first-use guide of a role's main page: a few steps, one at a time, each pointing at
//! the part of the page it explains; "Got it" hides it for good (a form, so it works before
//! hydration), and `?huong-dan=1` (from the help page) opens it again.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::guides::{guide_state, DismissGuide};
use crate::components::form::{Form, FormAction};
use crate::i18n::{use_i18n, Msg};
use crate::models::{Guide, GUIDE_QUERY};

/// The rule that marks the element the current step points at. A style rule rather than a
/// change to the element: it holds before hydration and when the page redraws the element.
fn target_style(target: &str) -> String {
    format!("[data-testid={target}]{{outline:3px solid var(--accent);outline-offset:3px}}")
}

#[component]
pub fn GuidePanel(guide: Guide) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let dismiss = FormAction::<DismissGuide>::new();
    let state = Resource::new(
        move || dismiss.version().get(),
        move |_| guide_state(guide.code().to_string()),
    );
    let step = RwSignal::new(0usize);
    let steps = guide.steps();
    let last = steps.len() - 1;
    let shown = move || {
        let dismissed = dismiss.value().get().is_some_and(|r| r.is_ok());
        let wanted = query.read().get(GUIDE_QUERY).is_some()
            || state.get().and_then(Result::ok).unwrap_or(false);
        wanted && !dismissed
    };
    let target = move || {
        let selector = format!("[data-testid=\"{}\"]", steps[step.get()].target);
        document().query_selector(&selector).ok().flatten()
    };
    view! {
        <Transition fallback=|| ()>
            {move || {
                shown()
                    .then(|| {
                        view! {
                            <section
                                class="guide card"
                                aria-labelledby="guide-title"
                                data-testid="guide"
                                data-guide=guide.code()
                            >
                                <style data-testid="guide-mark">{move || target_style(steps[step.get()].target)}</style>
                                <h2 id="guide-title">{i18n.t(guide.title())}</h2>
                                <p class="muted" data-testid="guide-progress">
                                    {move || {
                                        format!(
                                            "{} {}/{}",
                                            i18n.locale.get().t(Msg::GuideStep),
                                            step.get() + 1,
                                            last + 1,
                                        )
                                    }}
                                </p>
                                <div aria-live="polite" data-testid="guide-step">
                                    <h3>{move || i18n.locale.get().t(steps[step.get()].title)}</h3>
                                    <p>{move || i18n.locale.get().t(steps[step.get()].text)}</p>
                                </div>
                                <div class="actions">
                                    <button
                                        type="button"
                                        data-testid="guide-prev"
                                        disabled=move || step.get() == 0
                                        on:click=move |_| step.update(|s| *s = s.saturating_sub(1))
                                    >
                                        {i18n.t(Msg::GuidePrev)}
                                    </button>
                                    <button
                                        type="button"
                                        data-testid="guide-next"
                                        disabled=move || step.get() == last
                                        on:click=move |_| step.update(|s| *s = (*s + 1).min(last))
                                    >
                                        {i18n.t(Msg::GuideNext)}
                                    </button>
                                    <button
                                        type="button"
                                        class="link"
                                        data-testid="guide-show"
                                        on:click=move |_| {
                                            if let Some(el) = target() {
                                                el.scroll_into_view();
                                            }
                                        }
                                    >
                                        {i18n.t(Msg::GuideShow)}
                                    </button>
                                    <Form action=dismiss attr:class="inline">
                                        <input type="hidden" name="guide" value=guide.code() />
                                        <button type="submit" class="primary" data-testid="guide-dismiss">
                                            {i18n.t(Msg::GuideDismiss)}
                                        </button>
                                    </Form>
                                </div>
                            </section>
                        }
                    })
            }}
        </Transition>
    }
    .into_any()
}
