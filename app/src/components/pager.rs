use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

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
        <nav class="pager" aria-label="pages">
            {(current > 1).then(|| view! { <a href=link(current - 1)>{i18n.t(Msg::UsersPrev)}</a> })}
            <span>{format!("{current}/{pages}")}</span>
            {(current < pages).then(|| view! { <a href=link(current + 1)>{i18n.t(Msg::UsersNext)}</a> })}
        </nav>
    }
}
