use leptos::prelude::*;

use crate::api::home::province_overview;
use crate::i18n::{format_date, format_number, use_i18n, Msg};
use crate::models::ProvinceOverview;

/// `2026-10` → `10/2026` (month first, as Vietnamese write it); other codes as they are.
fn period_label(code: &str) -> String {
    match code.split_once('-') {
        Some((y, m)) if m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()) => format!("{m}/{y}"),
        _ => code.to_string(),
    }
}

/// Agencies, periods and the formula in force, read from the database.
#[component]
pub fn ProvinceOverviewCard() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| province_overview());
    view! {
        <section class="card" aria-labelledby="overview-heading" data-testid="overview">
            <h2 id="overview-heading">{i18n.t(Msg::OverviewHeading)}</h2>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    data.get()
                        .map(|r| match r {
                            Ok(o) => overview_view(o).into_any(),
                            Err(e) => {
                                view! {
                                    <p class="error" role="alert">
                                        {move || e.user_message(i18n.locale.get())}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

fn overview_view(o: ProvinceOverview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let formula = o.formula.clone();
    view! {
        <Show when={
            let empty = o.agencies.is_empty();
            move || empty
        }>
            <p>{i18n.t(Msg::OverviewEmpty)}</p>
        </Show>
        {o.province.clone().map(|p| view! { <p class="province" data-testid="province-name">{p}</p> })}
        <div class="table-wrap" tabindex="0">
            <table data-testid="agencies">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::OverviewAgency)}</th>
                        <th scope="col" class="num">{i18n.t(Msg::OverviewDepartments)}</th>
                        <th scope="col" class="num">{i18n.t(Msg::OverviewOfficers)}</th>
                    </tr>
                </thead>
                <tbody>
                    {o
                        .agencies
                        .into_iter()
                        .map(|a| {
                            view! {
                                <tr>
                                    <td>{a.name}</td>
                                    <td class="num">{move || format_number(locale.get(), a.departments as f64, 0)}</td>
                                    <td class="num">{move || format_number(locale.get(), a.officers as f64, 0)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <div class="table-wrap" tabindex="0">
            <table data-testid="periods">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::OverviewPeriod)}</th>
                        <th scope="col">{i18n.t(Msg::OverviewFrom)}</th>
                        <th scope="col">{i18n.t(Msg::OverviewTo)}</th>
                        <th scope="col">{i18n.t(Msg::OverviewStatus)}</th>
                    </tr>
                </thead>
                <tbody>
                    {o
                        .periods
                        .into_iter()
                        .map(|p| {
                            let status = p.status.label();
                            view! {
                                <tr>
                                    <td>{period_label(&p.code)}</td>
                                    <td>{move || format_date(locale.get(), p.starts_on)}</td>
                                    <td>{move || format_date(locale.get(), p.ends_on)}</td>
                                    <td>{i18n.t(status)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p data-testid="formula">
            {match formula {
                Some(f) => {
                    view! {
                        <span>
                            {i18n.t(Msg::OverviewFormula)}": "<strong>{f.rule_set}</strong>", "
                            {i18n.t(Msg::OverviewFormulaVersion)}" "{f.version_no}" ("<code>{f.hash}</code>")"
                            {f
                                .effective_from
                                .map(|d| {
                                    view! {
                                        ", "{i18n.t(Msg::OverviewFormulaFrom)}" "
                                        {move || format_date(locale.get(), d)}
                                    }
                                })}
                        </span>
                    }
                        .into_any()
                }
                None => view! { <span>{i18n.t(Msg::OverviewNoFormula)}</span> }.into_any(),
            }}
        </p>
    }
}
