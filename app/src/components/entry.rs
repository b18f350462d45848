use leptos::prelude::*;

use crate::i18n::{format_number, use_i18n, Msg};
use crate::models::EntryLine;

/// An entry's task (or off-catalog description), quantity, standard hours, document number
/// and missing-evidence flag, as the diary and the review queue show it.
#[component]
pub fn EntrySummary(line: EntryLine) -> impl IntoView {
    let i18n = use_i18n();
    let (hours, qty) = (line.standard_hours, line.completed_qty);
    view! {
        <div class="entry-title">{line.title}</div>
        <div class="muted">
            {move || format_number(i18n.locale.get(), qty, if qty.fract() == 0.0 { 0 } else { 2 })}
            " "
            {line.unit_of_measure.unwrap_or_default()}
            " · "
            {move || format_number(i18n.locale.get(), hours, 2)}
            " "
            {i18n.t(Msg::DiaryHours)}
            {line.source_document.map(|d| format!(" · {d}"))}
        </div>
        {line.evidence_missing.then(|| view! { <div class="warn">{i18n.t(Msg::DiaryWarnEvidence)}</div> })}
    }
}
