//! Charts drawn on the server as SVG: readable before hydration, without JavaScript and on
//! paper. Each has a title, a sentence that sums it up (also the image's accessible name)
//! and its figures as a table. The series' fills differ in lightness and the last one is
//! hatched, so they stay apart in greyscale.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// Fills of the series in order: dark, middle, light, hatched; then grey.
const FILLS: [&str; 3] = ["#0b2545", "#2f7f79", "#a8d5cf"];
const OTHER_FILL: &str = "#c8c8c8";

const WIDTH: f64 = 720.0;
const LABEL: f64 = 230.0;
const BAR: f64 = 18.0;
const STEP: f64 = 26.0;
const TOP: f64 = 34.0;

/// The fill of series `i`; the fourth is the chart's own hatch pattern (ids stay unique
/// when a page shows several charts).
/// A coordinate as an attribute value.
fn n(v: f64) -> String {
    format!("{v:.1}")
}

fn fill(i: usize, chart: &str) -> String {
    match i {
        0..=2 => FILLS[i].to_string(),
        3 => format!("url(#hatch-{chart})"),
        _ => OTHER_FILL.to_string(),
    }
}

/// One horizontal bar per label, split by series in proportion to the row's total.
#[component]
pub fn StackedBars(
    title: String,
    summary: String,
    /// What the label column is (the table's first header).
    label_header: String,
    labels: Vec<String>,
    series: Vec<String>,
    /// One row per label, one value per series.
    values: Vec<Vec<u32>>,
    testid: &'static str,
) -> AnyView {
    let i18n = use_i18n();
    let height = TOP + STEP * labels.len() as f64 + 8.0;
    let plot = WIDTH - LABEL - 10.0;
    let legend_step = plot / series.len().max(1) as f64;
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = LABEL + legend_step * i as f64;
            view! {
                <rect x=n(x) y="4" width="14" height="14" fill=fill(i, testid) stroke="#333" stroke-width="0.5" />
                <text x=n(x + 18.0) y="15" font-size="12">{s.clone()}</text>
            }
        })
        .collect_view();
    let bars = labels
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(row, (label, vals))| {
            let y = TOP + STEP * row as f64;
            let total: u32 = vals.iter().sum();
            let mut x = LABEL;
            let segments = vals
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(i, v)| {
                    let w = plot * *v as f64 / total.max(1) as f64;
                    let at = x;
                    x += w;
                    view! {
                        <rect x=n(at) y=n(y) width=n(w) height=n(BAR) fill=fill(i, testid) stroke="#333" stroke-width="0.5" />
                    }
                })
                .collect_view();
            let short: String = label.chars().take(34).collect();
            view! {
                <text x=n(LABEL - 6.0) y=n(y + 13.0) font-size="12" text-anchor="end">{short}</text>
                <rect x=n(LABEL) y=n(y) width=n(plot) height=n(BAR) fill="none" stroke="#999" stroke-width="0.5" />
                {segments}
            }
        })
        .collect_view();
    let head = series.clone();
    let rows = labels
        .into_iter()
        .zip(values)
        .map(|(label, vals)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    {vals.into_iter().map(|v| view! { <td class="num">{v}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let view_box = format!("0 0 {WIDTH} {height}");
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>
                <strong>{title}</strong>
                " "
                <span data-testid="chart-summary">{summary.clone()}</span>
            </figcaption>
            <svg viewBox=view_box role="img" aria-label=summary xmlns="http://www.w3.org/2000/svg">
                <defs>
                    <pattern id=format!("hatch-{testid}") width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" fill="#ffffff" />
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#111" stroke-width="2.5" />
                    </pattern>
                </defs>
                {legend}
                {bars}
            </svg>
            <details>
                <summary>{i18n.t(Msg::DashTableAlt)}</summary>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{label_header}</th>
                                {head.into_iter().map(|s| view! { <th scope="col">{s}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
    .into_any()
}
