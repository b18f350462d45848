use leptos::prelude::*;

use crate::api::home::home_stats;
use crate::components::overview::ProvinceOverviewCard;
use crate::i18n::{format_number, use_i18n, Msg};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| home_stats());
    let (show_formula, set_show_formula) = signal(false);

    view! {
        <section class="hero">
            <h1 data-testid="home-title">{i18n.t(Msg::AppTagline)}</h1>
            <p>{i18n.t(Msg::HomeIntro)}</p>
        </section>
        <section class="card" aria-labelledby="stats-heading">
            <h2 id="stats-heading">{i18n.t(Msg::StatsHeading)}</h2>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    stats
                        .get()
                        .map(|result| match result {
                            Ok(s) => {
                                let locale = i18n.locale;
                                view! {
                                    <dl class="stats">
                                        <div>
                                            <dt>{i18n.t(Msg::StatsUnits)}</dt>
                                            <dd data-testid="stat-units">
                                                {move || format_number(locale.get(), s.units as f64, 0)}
                                            </dd>
                                        </div>
                                        <div>
                                            <dt>{i18n.t(Msg::StatsUsers)}</dt>
                                            <dd data-testid="stat-users">
                                                {move || format_number(locale.get(), s.users as f64, 0)}
                                            </dd>
                                        </div>
                                    </dl>
                                }
                                    .into_any()
                            }
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
        <ProvinceOverviewCard />
        <section class="audiences">
            <a class="card" href="/can-bo">
                <h2>{i18n.t(Msg::NavOfficer)}</h2>
                <p>{i18n.t(Msg::AudienceOfficerText)}</p>
            </a>
            <a class="card" href="/quan-tri">
                <h2>{i18n.t(Msg::NavAdmin)}</h2>
                <p>{i18n.t(Msg::AudienceAdminText)}</p>
            </a>
            <a class="card" href="/ban-chi-dao">
                <h2>{i18n.t(Msg::NavCommittee)}</h2>
                <p>{i18n.t(Msg::AudienceCommitteeText)}</p>
            </a>
        </section>
        <section class="card">
            <button
                type="button"
                data-testid="toggle-formula"
                aria-expanded=move || show_formula.get().to_string()
                on:click=move |_| set_show_formula.update(|v| *v = !*v)
            >
                {move || {
                    if show_formula.get() {
                        i18n.t(Msg::HideDecreeFormula)()
                    } else {
                        i18n.t(Msg::ShowDecreeFormula)()
                    }
                }}
            </button>
            <Show when=move || show_formula.get()>
                <p data-testid="decree-formula">{i18n.t(Msg::DecreeFormula)}</p>
            </Show>
        </section>
    }
}
