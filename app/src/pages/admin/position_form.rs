//! A position's settings as administrators set them: the form that creates a position (on
//! /quan-tri/vi-tri) and the one that changes its name, group, cohort group and agencies
//! (on /quan-tri/vi-tri/{id}; the code never changes).

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::org::{get_position_setup, CreatePosition, UpdatePosition};
use crate::components::auth::ErrorAlert;
use crate::i18n::{use_i18n, Msg};
use crate::models::{PositionKind, PositionSettings, PositionSetup};

/// The fields shared by both forms, named for `PositionInput`.
#[component]
fn Fields(setup: PositionSetup) -> impl IntoView {
    let i18n = use_i18n();
    let current = setup.position.clone();
    let kind = current
        .as_ref()
        .and_then(|p| PositionKind::parse(&p.kind))
        .unwrap_or(PositionKind::Professional);
    let chosen: Vec<i32> = current
        .as_ref()
        .map(|p| p.agency_ids.clone())
        .unwrap_or_default();
    let (name, cohort) = current
        .map(|p: PositionSettings| (p.name, p.cohort_group))
        .unwrap_or_default();
    view! {
        <label>
            {i18n.t(Msg::PosName)}
            <input type="text" name="input[name]" value=name required maxlength="255" data-testid="position-form-name" />
        </label>
        <label>
            {i18n.t(Msg::PosFormGroup)}
            <select name="input[kind]" data-testid="position-form-kind">
                {PositionKind::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.as_str() selected=k == kind>{i18n.t(k.label())}</option> })
                    .collect_view()}
            </select>
        </label>
        <label>
            {i18n.t(Msg::PosFormCohort)}
            <input type="text" name="input[cohort_group]" value=cohort maxlength="64" list="cohort-groups" autocapitalize="none" data-testid="position-form-cohort" />
            <small class="muted">{i18n.t(Msg::PosFormCohortHint)}</small>
        </label>
        <datalist id="cohort-groups">
            {setup.cohort_groups.into_iter().map(|g| view! { <option value=g></option> }).collect_view()}
        </datalist>
        <label>
            {i18n.t(Msg::PosFormAgencies)}
            <select name="input[agencies][]" multiple size="6" data-testid="position-form-agencies">
                {setup
                    .agencies
                    .into_iter()
                    .map(|a| {
                        view! {
                            <option value=a.id.to_string() selected=chosen.contains(&a.id)>
                                {format!("{} — {}", a.code, a.name)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <small class="muted">{i18n.t(Msg::PosFormAgenciesHint)}</small>
        </label>
    }
}

/// Creates a position; the server opens its page.
#[component]
pub fn NewPositionForm() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreatePosition>::new();
    let setup = Resource::new(|| (), |_| get_position_setup(0));
    view! {
        <section class="editor" data-testid="position-create">
            <h2>{i18n.t(Msg::PosFormNew)}</h2>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || setup.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(setup) => view! {
                        <ActionForm action=create attr:class="form" attr:data-testid="position-create-form">
                            <label>
                                {i18n.t(Msg::PosCode)}
                                <input type="text" name="input[code]" required maxlength="64" autocapitalize="none" data-testid="position-form-code" />
                                <small class="muted">{i18n.t(Msg::PosFormCodeFixed)}</small>
                            </label>
                            <Fields setup />
                            <button type="submit" class="primary" data-testid="position-create-submit">{i18n.t(Msg::PosFormCreate)}</button>
                        </ActionForm>
                    }.into_any(),
                })}
            </Transition>
            {move || create.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
        </section>
    }
}

/// Changes position `id`'s settings; `action` is the page's, so that the page reloads the
/// position after a change.
#[component]
pub fn PositionSettingsForm(id: i32, action: ServerAction<UpdatePosition>) -> impl IntoView {
    let i18n = use_i18n();
    let setup = Resource::new(
        move || action.version().get(),
        move |_| get_position_setup(id),
    );
    view! {
        <section class="editor" data-testid="position-settings">
            <h2>{i18n.t(Msg::PosFormEdit)}</h2>
            {move || match action.value().get() {
                Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                Some(Ok(())) => Some(view! { <p class="ok" role="status" data-testid="position-settings-saved">{i18n.t(Msg::PosFormSaved)}</p> }.into_any()),
                None => None,
            }}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || setup.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(setup) => {
                        let code = setup.position.as_ref().map(|p| p.code.clone()).unwrap_or_default();
                        view! {
                            <ActionForm action attr:class="form" attr:data-testid="position-settings-form">
                                <input type="hidden" name="id" value=id.to_string() />
                                <p>
                                    {i18n.t(Msg::PosCode)} ": " <strong data-testid="position-form-code-fixed">{code}</strong>
                                    " " <small class="muted">{i18n.t(Msg::PosFormCodeFixed)}</small>
                                </p>
                                <Fields setup />
                                <button type="submit" data-testid="position-settings-save">{i18n.t(Msg::PosFormSave)}</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
