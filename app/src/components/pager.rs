use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use crate::i18n::{use_i18n, Msg};

/// The page a paged list shows: the URL's `trang` (1-based), 1 when absent or not a number.
pub fn page_param(query: Memo<ParamsMap>) -> u64 {
    query
        .read()
        .get("trang")
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// "Previous · 3/12 · Next" under a paged list; `link(page)` gives the URL of a page
/// (1-based), so paging works without JavaScript too.
#[component]
pub fn Pager(
    /// The current page, 1-based.
    current: u64,
    total_items: u64,
    per_page: u64,
    link: impl Fn(u64) -> String + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = total_items.div_ceil(per_page.max(1)).max(1);
    view! {
        <nav class="pager" aria-label=i18n.t(Msg::PagerLabel)>
            {(current > 1).then(|| view! { <a href=link(current - 1)>{i18n.t(Msg::UsersPrev)}</a> })}
            <span>{format!("{current}/{pages}")}</span>
            {(current < pages).then(|| view! { <a href=link(current + 1)>{i18n.t(Msg::UsersNext)}</a> })}
        </nav>
    }
}

/// The month code (`2026-10`) of a date.
pub fn month_code(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The first day of the month `months` away from `d`'s month.
pub fn shift_month(d: chrono::NaiveDate, months: i32) -> chrono::NaiveDate {
    use chrono::Datelike;
    let total = d.year() * 12 + d.month0() as i32 + months;
    chrono::NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(d)
}

/// "Previous month · dd/mm/yyyy – dd/mm/yyyy · Next month"; `link(code)` gives the URL of
/// a month, so it works without JavaScript too.
#[component]
pub fn MonthNav(
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    link: impl Fn(&str) -> String + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let prev = link(&month_code(shift_month(from, -1)));
    let next = link(&month_code(shift_month(from, 1)));
    view! {
        <nav class="pager" aria-label=i18n.t(Msg::DiaryPeriod)>
            <a href=prev data-testid="prev-month">{i18n.t(Msg::DiaryPrevMonth)}</a>
            <strong data-testid="period-shown">
                {move || {
                    format!(
                        "{} – {}",
                        crate::i18n::format_date(i18n.locale.get(), from),
                        crate::i18n::format_date(i18n.locale.get(), to),
                    )
                }}
            </strong>
            <a href=next data-testid="next-month">{i18n.t(Msg::DiaryNextMonth)}</a>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::{month_code, shift_month};
    use chrono::NaiveDate;

    #[test]
    fn months_shift_across_years() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 15).expect("date");
        assert_eq!(month_code(shift_month(d, -1)), "2025-12");
        assert_eq!(month_code(shift_month(d, 12)), "2027-01");
        assert_eq!(
            shift_month(d, 0),
            NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
        );
    }
}
