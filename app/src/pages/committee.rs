//! The committee's dashboard (/ban-chi-dao): a period's results for the province by agency,
//! or (`?co-quan=ID`) for one agency by unit with its officers and the quantities far above
//! the median. Charts are SVG drawn on the server, each with its table; the period form is
//! a plain GET form, so the page works before hydration and prints as it shows.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::dashboard::get_dashboard;
use crate::components::auth::ErrorAlert;
use crate::components::chart::StackedBars;
use crate::i18n::{
    figures, format_date, format_number, format_period, format_score, use_i18n, Locale, Msg,
};
use crate::models::{Dashboard, FigureRow};

const PATH: &str = "/ban-chi-dao";

#[component]
pub fn CommitteePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let dashboard = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("ky").unwrap_or_default(),
                q.get("co-quan").unwrap_or_default(),
            )
        },
        |(period, agency)| get_dashboard(period, agency),
    );
    view! {
        <section class="card" data-testid="dashboard">
            <h1>{i18n.t(Msg::DashTitle)}</h1>
            <p class="muted">{i18n.t(Msg::DashIntro)}</p>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    dashboard
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(d) => {
                                // Drawn again in the other language when it changes.
                                let _ = i18n.locale.get();
                                view! { <Board d /> }.into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

fn hours(locale: Locale, h: Option<f64>) -> String {
    h.map(|h| format_number(locale, h, 1))
        .unwrap_or_else(|| "—".into())
}

fn share(locale: Locale, s: Option<f64>) -> String {
    s.map(|s| format!("{} %", format_number(locale, s * 100.0, 1)))
        .unwrap_or_else(|| "—".into())
}

fn row_name(row: &FigureRow, locale: Locale) -> String {
    if row.id.is_none() {
        locale.t(Msg::DashUnassigned).to_string()
    } else {
        row.name.clone()
    }
}

#[component]
fn Board(d: Dashboard) -> AnyView {
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    let period = d.period.clone();
    let agency_param = d
        .agency
        .as_ref()
        .map(|a| a.0.to_string())
        .unwrap_or_default();
    let drill = d.agency.is_none();
    let days = d.working_days;
    let status = match d.period_status {
        Some(s) => i18n.t(s.label())(),
        None => i18n.t(Msg::DashNoPeriod)(),
    };
    let report = format!("/api/bao-cao/thang?ky={}", d.period);
    // The classification lists: the committee and auditors (administrators see figures
    // only); of the agency looked at, if any.
    let lists = d.reads_scores.then(|| {
        format!(
            "/bao-cao/xep-loai?ky={}{}",
            d.period,
            d.agency
                .as_ref()
                .map(|a| format!("&co-quan={}", a.0))
                .unwrap_or_default()
        )
    });
    let heading = match &d.agency {
        Some((_, code, name)) => format!("{code} — {name}"),
        None => i18n.t(Msg::DashProvince)().to_string(),
    };
    let label_header = if drill {
        i18n.t(Msg::DashAgency)().to_string()
    } else {
        i18n.t(Msg::DashUnit)().to_string()
    };
    let has_data = d.totals.with_score() > 0;

    let chart_rows: Vec<&FigureRow> = d.rows.iter().filter(|r| r.scored > 0).collect();
    let grades_chart = view! {
        <StackedBars
            title=i18n.t(Msg::DashGradesTitle)().to_string()
            summary=figures::grades_summary(locale, &d.grades, &d.totals.grades)
            label_header=label_header.clone()
            labels=chart_rows.iter().map(|r| row_name(r, locale)).collect()
            series=d.grades.clone()
            values=chart_rows.iter().map(|r| r.grades.clone()).collect()
            testid="grades-chart"
        />
    }
    .into_any();
    let trend_chart = (d.trend.len() > 1).then(|| {
        let first = &d.trend[0];
        let last = &d.trend[d.trend.len() - 1];
        let top = d.grades.first().cloned().unwrap_or_default();
        let summary = figures::trend_summary(
            locale,
            (&first.period, first.grades[0], first.grades.iter().sum()),
            (&last.period, last.grades[0], last.grades.iter().sum()),
            &top,
        );
        view! {
            <StackedBars
                title=i18n.t(Msg::DashTrendTitle)().to_string()
                summary
                label_header=i18n.t(Msg::DashPeriod)().to_string()
                labels=d.trend.iter().map(|t| format_period(locale, &t.period)).collect()
                series=d.grades.clone()
                values=d.trend.iter().map(|t| t.grades.clone()).collect()
                testid="trend-chart"
            />
        }
        .into_any()
    });

    // Anti-inflation: rows with hours, most hours per day first.
    let mut by_hours: Vec<FigureRow> = d
        .rows
        .iter()
        .filter(|r| r.with_hours > 0)
        .cloned()
        .collect();
    by_hours.sort_by(|a, b| {
        b.hours_per_day(days)
            .unwrap_or(0.0)
            .total_cmp(&a.hours_per_day(days).unwrap_or(0.0))
    });
    let flagged = by_hours.iter().filter(|r| r.inflated(days)).count();
    let highest = by_hours
        .first()
        .and_then(|r| r.hours_per_day(days).map(|h| (row_name(r, locale), h)));
    let inflation_summary = figures::inflation_summary(
        locale,
        flagged,
        by_hours.len(),
        highest.as_ref().map(|(n, h)| (n.as_str(), *h)),
    );
    let period_for_links = period.clone();
    let inflation_rows = by_hours
        .into_iter()
        .map(|r| {
            let name = row_name(&r, locale);
            let flag = r.inflated(days);
            let link = (drill && r.id.is_some()).then(|| {
                format!("{PATH}?ky={}&co-quan={}", period_for_links, r.id.unwrap_or_default())
            });
            view! {
                <tr data-testid="inflation-row" data-code=r.code.clone() data-flagged=flag.to_string() class:flagged=flag>
                    <th scope="row">
                        {match link {
                            Some(href) => view! { <a href=href data-testid="drill-link">{name}</a> }.into_any(),
                            None => view! { <span>{name}</span> }.into_any(),
                        }}
                    </th>
                    <td class="num" data-testid="hours-per-day">{hours(locale, r.hours_per_day(days))}</td>
                    <td class="num">{r.officers_over_norm}" / "{r.with_hours}" ("{share(locale, r.over_norm_share())}")"</td>
                    <td class="num">{r.days_over_norm}</td>
                    <td>{flag.then(|| view! { <strong class="badge flag">{i18n.t(Msg::DashInflated)}</strong> })}</td>
                </tr>
            }
        })
        .collect_view();

    let grade_heads = d.grades.clone();
    let period_for_rows = period.clone();
    let rows = d
        .rows
        .iter()
        .map(|r| {
            let name = row_name(r, locale);
            let link = (drill && r.id.is_some()).then(|| {
                format!("{PATH}?ky={}&co-quan={}", period_for_rows, r.id.unwrap_or_default())
            });
            let closing = if r.late {
                Msg::DashLate
            } else if r.closed {
                Msg::DashClosed
            } else {
                Msg::DashOpen
            };
            view! {
                <tr
                    data-testid="dash-row"
                    data-code=r.code.clone()
                    data-headcount=r.headcount.to_string()
                    data-scored=r.scored.to_string()
                    data-not-scored=r.not_scored.to_string()
                    class:late=r.late
                >
                    <td>{r.code.clone()}</td>
                    <th scope="row">
                        {match link {
                            Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                            None => view! { <span>{name}</span> }.into_any(),
                        }}
                    </th>
                    <td class="num">{r.headcount}</td>
                    <td class="num">{r.scored}</td>
                    {r.grades.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                    <td class="num">{r.not_scored}</td>
                    <td class="num">{r.without_score()}</td>
                    <td class="num">{r.average_total().map(|a| format_score(locale, a)).unwrap_or_else(|| "—".into())}</td>
                    <td>{i18n.t(closing)}</td>
                </tr>
            }
        })
        .collect_view();
    let t = d.totals.clone();
    let totals_row = view! {
        <tr data-testid="dash-totals" data-headcount=t.headcount.to_string() data-scored=t.scored.to_string() data-not-scored=t.not_scored.to_string()>
            <td></td>
            <th scope="row">{heading.clone()}</th>
            <td class="num">{t.headcount}</td>
            <td class="num">{t.scored}</td>
            {t.grades.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
            <td class="num">{t.not_scored}</td>
            <td class="num">{t.without_score()}</td>
            <td class="num">{t.average_total().map(|a| format_score(locale, a)).unwrap_or_else(|| "—".into())}</td>
            <td></td>
        </tr>
    };

    let reasons = d
        .rows
        .iter()
        .flat_map(|r| {
            let name = row_name(r, locale);
            r.reasons
                .iter()
                .map(move |(reason, n)| (name.clone(), reason.clone(), *n))
        })
        .map(|(name, reason, n)| {
            view! {
                <tr data-testid="reason-row">
                    <td>{name}</td>
                    <td>{reason}</td>
                    <td class="num">{n}</td>
                </tr>
            }
        })
        .collect_view();
    let any_reason = d.rows.iter().any(|r| !r.reasons.is_empty());

    let officers_period = period.clone();
    let officers = (!d.officers.is_empty()).then(|| {
        let rows = d
            .officers
            .iter()
            .map(|o| {
                let href = format!("/don-vi/can-bo/{}?ky={}", o.id, officers_period);
                view! {
                    <tr data-testid="officer-row" data-days-over=o.days_over_norm.to_string()>
                        <th scope="row"><a href=href>{o.name.clone()}</a></th>
                        <td>{o.unit.clone()}</td>
                        <td class="num">{hours(locale, o.hours_per_day(days))}</td>
                        <td class="num">{o.days_over_norm}</td>
                        <td class="num">{o.entries}</td>
                        <td class="num">{o.total.map(|t| format_score(locale, t)).unwrap_or_else(|| "—".into())}</td>
                        <td>{o.grade.clone().unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2>{i18n.t(Msg::DashOfficersTitle)}</h2>
            <p class="muted">{i18n.t(Msg::DashOfficersHint)}</p>
            <div class="table-wrap" tabindex="0">
                <table data-testid="officers-table">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t(Msg::DashOfficer)}</th>
                            <th scope="col">{i18n.t(Msg::DashUnit)}</th>
                            <th scope="col">{i18n.t(Msg::DashHoursPerDay)}</th>
                            <th scope="col">{i18n.t(Msg::DashDaysOverNorm)}</th>
                            <th scope="col">{i18n.t(Msg::DashEntries)}</th>
                            <th scope="col">{i18n.t(Msg::DashTotal)}</th>
                            <th scope="col">{i18n.t(Msg::DashGrade)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    });
    let outliers_period = period.clone();
    let outliers = (d.agency.is_some() && d.reads_scores).then(|| {
        let empty = d.outliers.is_empty();
        let rows = d
            .outliers
            .iter()
            .map(|o| {
                let href = format!("/don-vi/can-bo/{}?ky={}", o.officer_id, outliers_period);
                view! {
                    <tr data-testid="outlier-row">
                        <th scope="row"><a href=href>{o.officer.clone()}</a></th>
                        <td>{o.outlier.task_code.clone()}</td>
                        <td class="num">{format_number(locale, o.outlier.quantity, 1)}</td>
                        <td class="num">{format_number(locale, o.outlier.median, 1)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2>{i18n.t(Msg::DashOutliersTitle)}</h2>
            <p class="muted">{i18n.t(Msg::DashOutliersHint)}</p>
            {if empty {
                view! { <p data-testid="no-outliers">{i18n.t(Msg::DashNoOutliers)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.t(Msg::DashOfficer)}</th>
                                    <th scope="col">{i18n.t(Msg::DashTask)}</th>
                                    <th scope="col">{i18n.t(Msg::DashQuantity)}</th>
                                    <th scope="col">{i18n.t(Msg::DashMedian)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        }
        .into_any()
    });

    let formulas = d
        .formulas
        .iter()
        .map(|f| {
            let href = format!("/quan-tri/cong-thuc/{}", f.id);
            let from = f.effective_from.map(|d| format_date(locale, d)).unwrap_or_default();
            view! {
                <tr data-testid="formula-row">
                    <th scope="row"><a href=href>{format!("{} v{}", f.rule_set, f.version_no)}</a></th>
                    <td>{from}</td>
                    <td class="num">{f.officers}</td>
                </tr>
            }
        })
        .collect_view();
    let pending_count: u64 = d.pending.iter().map(|p| p.count).sum();
    let pending = d
        .pending
        .iter()
        .cloned()
        .flat_map(|c| c.examples)
        .map(|e| {
            view! {
                <li data-testid="pending">
                    {match e.href {
                        Some(href) => view! { <a href=href>{e.label}</a> }.into_any(),
                        None => view! { <span>{e.label}</span> }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();

    let top = view! {
        {d.agency.is_some().then(|| view! { <p><a href=format!("{PATH}?ky={}", period) data-testid="back-to-province">{i18n.t(Msg::DashBack)}</a></p> })}
        <form method="get" action=PATH class="inline-form" data-testid="dash-period-form">
            <label>
                {i18n.t(Msg::DashPeriod)}
                " "
                <input type="text" name="ky" value=d.period.clone() data-testid="dash-period" size="10" />
            </label>
            {(!agency_param.is_empty()).then(|| view! { <input type="hidden" name="co-quan" value=agency_param.clone() /> })}
            " "
            <button type="submit">{i18n.t(Msg::DashShow)}</button>
        </form>
        <h2 data-testid="dash-heading">{heading.clone()}" — "{format_period(locale, &d.period)}</h2>
        <p>
            {i18n.t(Msg::DashPeriodStatus)}": "<strong data-testid="dash-status">{status}</strong>
            " · "{i18n.t(Msg::DashWorkingDays)}": "{days}
        </p>
        <p class="actions">
            <a href=report data-testid="download-monthly" download="">{i18n.t(Msg::DashDownloadMonthly)}</a>
            " "
            {lists.map(|href| view! { <a href=href data-testid="classification-link">{i18n.t(Msg::ListNav)}</a> })}
        </p>
        {(!has_data).then(|| view! { <p data-testid="dash-no-data">{i18n.t(Msg::DashNoData)}</p> })}
    }
    .into_any();
    let table = view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="dash-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::ReportCode)}</th>
                        <th scope="col">{label_header.clone()}</th>
                        <th scope="col">{i18n.t(Msg::DashHeadcount)}</th>
                        <th scope="col">{i18n.t(Msg::DashScored)}</th>
                        {grade_heads.into_iter().map(|g| view! { <th scope="col">{g}</th> }).collect_view()}
                        <th scope="col">{i18n.t(Msg::DashNotScored)}</th>
                        <th scope="col">{i18n.t(Msg::DashWithoutScore)}</th>
                        <th scope="col">{i18n.t(Msg::DashAverage)}</th>
                        <th scope="col">{i18n.t(Msg::DashClosing)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{totals_row}</tfoot>
            </table>
        </div>
    }
    .into_any();
    let inflation = view! {
        <h2>{i18n.t(Msg::DashInflationTitle)}</h2>
        <p class="muted">{i18n.t(Msg::DashInflationHint)}</p>
        <p data-testid="inflation-summary">{inflation_summary}</p>
        <div class="table-wrap" tabindex="0">
            <table data-testid="inflation-table">
                <thead>
                    <tr>
                        <th scope="col">{label_header}</th>
                        <th scope="col">{i18n.t(Msg::DashHoursPerDay)}</th>
                        <th scope="col">{i18n.t(Msg::DashOverNorm)}</th>
                        <th scope="col">{i18n.t(Msg::DashDaysOverNorm)}</th>
                        <th scope="col">{i18n.t(Msg::DashFlag)}</th>
                    </tr>
                </thead>
                <tbody>{inflation_rows}</tbody>
            </table>
        </div>
    }
    .into_any();
    let reasons = any_reason
        .then(|| {
            view! {
                <h2>{i18n.t(Msg::DashReasons)}</h2>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t(Msg::DashAgency)}</th>
                                <th scope="col">{i18n.t(Msg::DashReason)}</th>
                                <th scope="col">{i18n.t(Msg::DashCount)}</th>
                            </tr>
                        </thead>
                        <tbody>{reasons}</tbody>
                    </table>
                </div>
            }
        })
        .into_any();
    let decisions = view! {
        <h2>{i18n.t(Msg::DashFormulasTitle)}</h2>
        <div class="table-wrap" tabindex="0">
            <table data-testid="formulas-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::NavFormulas)}</th>
                        <th scope="col">{i18n.t(Msg::DashEffectiveFrom)}</th>
                        <th scope="col">{i18n.t(Msg::DashFormulaOfficers)}</th>
                    </tr>
                </thead>
                <tbody>{formulas}</tbody>
            </table>
        </div>
        <h2>{i18n.t(Msg::DashPendingTitle)}</h2>
        {if pending_count == 0 {
            view! { <p>{i18n.t(Msg::DashNothingPending)}</p> }.into_any()
        } else {
            view! { <ul data-testid="pending-list">{pending}</ul> }.into_any()
        }}
    }
    .into_any();
    view! {
        {top}
        {table}
        {has_data.then_some(grades_chart)}
        {trend_chart}
        {inflation}
        {officers}
        {outliers}
        {reasons}
        {decisions}
    }
    .into_any()
}
