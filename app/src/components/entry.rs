use leptos::prelude::*;

use crate::i18n::{format_number, use_i18n, Msg};
use crate::models::DiaryEntry;

/// An entry's task (or off-catalog description), quantity, standard hours, document number
/// and missing-evidence flag, as the diary and the review queue show it.
#[component]
pub fn EntrySummary(entry: DiaryEntry) -> impl IntoView {
    let i18n = use_i18n();
    let title = match (&entry.task_code, &entry.task_name) {
        (Some(c), Some(n)) => format!("{c} — {n}"),
        _ => entry.off_catalog_description.clone().unwrap_or_default(),
    };
    let (hours, qty) = (entry.standard_hours, entry.completed_qty);
    view! {
        <div class="entry-title">{title}</div>
        <div class="muted">
            {move || format_number(i18n.locale.get(), qty, if qty.fract() == 0.0 { 0 } else { 2 })}
            " "
            {entry.unit_of_measure.clone().unwrap_or_default()}
            " · "
            {move || format_number(i18n.locale.get(), hours, 2)}
            " "
            {i18n.t(Msg::DiaryHours)}
            {entry.source_document.clone().map(|d| format!(" · {d}"))}
        </div>
        {entry.evidence_missing.then(|| view! { <div class="warn">{i18n.t(Msg::DiaryWarnEvidence)}</div> })}
    }
}
