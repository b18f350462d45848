//! Comparing two versions: the lines of a text compared, and the version pickers of the
//! comparison form (job descriptions and formulas share them).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::models::LineChange;

/// Compared lines: unchanged, added (`+`), removed (`-`); "no changes" when nothing moved.
#[component]
pub fn LineDiff(lines: Vec<LineChange>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    if lines.iter().all(|l| matches!(l, LineChange::Same(_))) {
        return view! { <p class="muted" data-testid=testid>{i18n.t(Msg::PosNoChanges)}</p> }
            .into_any();
    }
    view! {
        <pre class="diff" data-testid=testid>
            {lines
                .into_iter()
                .map(|l| match l {
                    LineChange::Same(t) => view! { <span class="same">{format!("  {t}\n")}</span> }.into_any(),
                    LineChange::Added(t) => view! { <ins data-testid="line-added">{format!("+ {t}\n")}</ins> }.into_any(),
                    LineChange::Removed(t) => view! { <del data-testid="line-removed">{format!("- {t}\n")}</del> }.into_any(),
                })
                .collect_view()}
        </pre>
    }
    .into_any()
}

/// A select of version numbers named `name` ("tu" or "den"), `picked` selected.
#[component]
pub fn VersionPicker(
    name: &'static str,
    versions: Vec<i32>,
    picked: i32,
    testid: String,
) -> impl IntoView {
    view! {
        <select name=name data-testid=testid>
            {versions
                .into_iter()
                .map(|no| view! { <option value=no.to_string() selected=no == picked>{format!("v{no}")}</option> })
                .collect_view()}
        </select>
    }
}
