//! The units page (/quan-tri/don-vi): the organisation tree, indented, each unit with its
//! code, name, kind, heads, people and closing date; a unit picked in the tree
//! (`?chon={id}`) opens its editor — rename, move, close or reopen, heads — and a form at the
//! bottom adds a unit. Every form is an `ActionForm`, so the page also works without
//! JavaScript.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::org::{
    list_units, unit_head_candidates, AddUnitHead, CloseUnit, CreateUnit, MoveUnit, RemoveUnitHead,
    RenameUnit, ReopenUnit,
};
use crate::components::auth::ErrorAlert;
use crate::error::AppError;
use crate::i18n::{format_date, use_i18n, Msg};
use crate::models::{Choice, UnitKind, UnitNode};

pub const PATH: &str = "/quan-tri/don-vi";

/// The page's actions: every one refreshes the tree.
#[derive(Clone, Copy)]
struct Edits {
    create: ServerAction<CreateUnit>,
    rename: ServerAction<RenameUnit>,
    moving: ServerAction<MoveUnit>,
    close: ServerAction<CloseUnit>,
    reopen: ServerAction<ReopenUnit>,
    add_head: ServerAction<AddUnitHead>,
    remove_head: ServerAction<RemoveUnitHead>,
}

impl Edits {
    fn new() -> Edits {
        Edits {
            create: ServerAction::new(),
            rename: ServerAction::new(),
            moving: ServerAction::new(),
            close: ServerAction::new(),
            reopen: ServerAction::new(),
            add_head: ServerAction::new(),
            remove_head: ServerAction::new(),
        }
    }

    fn versions(self) -> [usize; 7] {
        [
            self.create.version().get(),
            self.rename.version().get(),
            self.moving.version().get(),
            self.close.version().get(),
            self.reopen.version().get(),
            self.add_head.version().get(),
            self.remove_head.version().get(),
        ]
    }

    /// Keeps the outcome of the latest edit in `latest`, as each action ends (in the
    /// browser: effects do not run on the server).
    fn follow(self, latest: RwSignal<Option<Result<(), AppError>>>) {
        follow(self.create, latest);
        follow(self.rename, latest);
        follow(self.moving, latest);
        follow(self.close, latest);
        follow(self.reopen, latest);
        follow(self.add_head, latest);
        follow(self.remove_head, latest);
    }

    /// The outcome as a page rendered on the server sees it (after a form posted without
    /// JavaScript, the refusal comes back in the URL): a refusal first, else a success.
    fn settled(self) -> Option<Result<(), AppError>> {
        let results = [
            self.create.value().get().map(|r| r.map(|_| ())),
            self.rename.value().get(),
            self.moving.value().get(),
            self.close.value().get(),
            self.reopen.value().get(),
            self.add_head.value().get(),
            self.remove_head.value().get(),
        ];
        let results: Vec<Result<(), AppError>> = results.into_iter().flatten().collect();
        results
            .iter()
            .find(|r| r.is_err())
            .or_else(|| results.first())
            .cloned()
    }
}

fn follow<S>(action: ServerAction<S>, latest: RwSignal<Option<Result<(), AppError>>>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(r) = action.value().get() {
            latest.set(Some(r.map(|_| ())));
        }
    });
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = move || query.read().get("chon").and_then(|v| v.parse::<i32>().ok());
    let edits = Edits::new();
    let units = Resource::new(move || edits.versions(), |_| list_units());
    let candidates = Resource::new(
        move || (chosen(), edits.versions()),
        |(id, _)| async move {
            match id {
                Some(id) => unit_head_candidates(id).await,
                None => Ok(Vec::new()),
            }
        },
    );
    let latest = RwSignal::new(None);
    edits.follow(latest);
    let outcome = move || match latest.get().or_else(|| edits.settled()) {
        Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
        Some(Ok(())) => view! {
            <p class="ok" role="status" data-testid="unit-saved">{i18n.t(Msg::UnitsSaved)}</p>
        }
        .into_any(),
        None => ().into_any(),
    };
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::UnitsTitle)}</h1>
            <p class="muted">{i18n.t(Msg::UnitsIntro)}</p>
            {outcome}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || units.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(list) => {
                        let picked = chosen().and_then(|id| list.iter().find(|u| u.id == id).cloned());
                        view! {
                            {picked.map(|u| view! { <UnitEditor u list=list.clone() edits candidates /> })}
                            <UnitTable list=list.clone() chosen=chosen() />
                            <CreateForm list edits />
                        }
                            .into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// `u`'s heads as the tree shows them: "Full name (user name)", deactivated ones marked.
fn heads_text(u: &UnitNode, inactive: &str, none: &str) -> String {
    if u.heads.is_empty() {
        return none.to_string();
    }
    u.heads
        .iter()
        .map(|h| {
            let mut s = format!("{} ({})", h.full_name, h.username);
            if !h.is_active {
                s.push_str(&format!(" — {inactive}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn UnitTable(list: Vec<UnitNode>, chosen: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    let codes: std::collections::HashMap<i32, String> =
        list.iter().map(|u| (u.id, u.code.clone())).collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="unit-tree">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::UnitsCode)}</th>
                        <th>{i18n.t(Msg::UnitsName)}</th>
                        <th>{i18n.t(Msg::UnitsKind)}</th>
                        <th>{i18n.t(Msg::UnitsHeads)}</th>
                        <th class="num">{i18n.t(Msg::UnitsMembers)}</th>
                        <th>{i18n.t(Msg::UnitsClosedOn)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|u| {
                            let closed = u.closed_on;
                            let heads = u.clone();
                            view! {
                                <tr
                                    data-testid="unit-row"
                                    data-code=u.code.clone()
                                    data-parent=u.parent_id.and_then(|p| codes.get(&p).cloned()).unwrap_or_default()
                                    data-closed=closed.is_some().to_string()
                                    class:muted=closed.is_some()
                                    class:current=chosen == Some(u.id)
                                >
                                    <td style=format!("padding-left: {}rem", 0.5 + 1.25 * f64::from(u.depth))>
                                        <a href=format!("{PATH}?chon={}", u.id) data-testid="unit-code">{u.code.clone()}</a>
                                    </td>
                                    <td data-testid="unit-name">{u.name.clone()}</td>
                                    <td>{i18n.t(u.kind.label())}</td>
                                    <td data-testid="unit-heads">
                                        {move || {
                                            let l = i18n.locale.get();
                                            heads_text(&heads, l.t(Msg::UnitsInactive), l.t(Msg::UnitsNoHeads))
                                        }}
                                    </td>
                                    <td class="num" data-testid="unit-members">{u.members}</td>
                                    <td data-testid="unit-closed">
                                        {move || closed.map(|d| format!("{} · {}", i18n.locale.get().t(Msg::UnitsClosedBadge), format_date(i18n.locale.get(), d)))}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The ids of `id` and every unit below it (the list is depth first).
fn subtree(list: &[UnitNode], id: i32) -> Vec<i32> {
    let Some(start) = list.iter().position(|u| u.id == id) else {
        return Vec::new();
    };
    let depth = list[start].depth;
    std::iter::once(id)
        .chain(
            list[start + 1..]
                .iter()
                .take_while(|u| u.depth > depth)
                .map(|u| u.id),
        )
        .collect()
}

/// The open units as `<option>`s, indented by depth; `selected` is preselected.
fn unit_options(units: Vec<UnitNode>, selected: Option<i32>) -> impl IntoView {
    units
        .into_iter()
        .map(|u| {
            let label = format!("{}{} — {}", "· ".repeat(u.depth as usize), u.code, u.name);
            view! { <option value=u.id.to_string() selected=selected == Some(u.id)>{label}</option> }
        })
        .collect_view()
}

#[component]
fn UnitEditor(
    u: UnitNode,
    list: Vec<UnitNode>,
    edits: Edits,
    candidates: Resource<Result<Vec<Choice>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = u.id.to_string();
    let below = subtree(&list, u.id);
    // Where it may move: open units outside its own subtree (the server checks again).
    let parents: Vec<UnitNode> = list
        .iter()
        .filter(|p| p.closed_on.is_none() && !below.contains(&p.id))
        .cloned()
        .collect();
    let closed = u.closed_on;
    let province = u.kind == UnitKind::Province;
    let heads = u.heads.clone();
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <section class="editor" data-testid="unit-editor" data-code=u.code.clone()>
            <h2 data-testid="unit-editor-title">
                {format!("{} — {} ", u.code, u.name)}
                {closed.map(|d| view! { <span class="badge" data-testid="unit-closed-badge">{i18n.t(Msg::UnitsClosedBadge)} " " {move || format_date(i18n.locale.get(), d)}</span> })}
            </h2>
            <p><a href=PATH>{i18n.t(Msg::UnitsBack)}</a></p>
            <ActionForm action=edits.rename attr:class="form inline-form" attr:data-testid="unit-rename-form">
                <input type="hidden" name="id" value=id1 />
                <label>
                    {i18n.t(Msg::UnitsName)}
                    <input type="text" name="name" value=u.name.clone() required maxlength="255" data-testid="unit-rename-name" />
                </label>
                <button type="submit" data-testid="unit-rename">{i18n.t(Msg::UnitsRename)}</button>
            </ActionForm>
            {(!province).then(|| view! {
                <ActionForm action=edits.moving attr:class="form inline-form" attr:data-testid="unit-move-form">
                    <input type="hidden" name="id" value=id2.clone() />
                    <label>
                        {i18n.t(Msg::UnitsMove)}
                        <select name="parent_id" data-testid="unit-move-parent">
                            {unit_options(parents.clone(), u.parent_id)}
                        </select>
                    </label>
                    <button type="submit" data-testid="unit-move">{i18n.t(Msg::UnitsMoveButton)}</button>
                </ActionForm>
            })}
            {(!province).then(|| match closed {
                Some(_) => view! {
                    <ActionForm action=edits.reopen attr:class="form inline-form" attr:data-testid="unit-reopen-form">
                        <input type="hidden" name="id" value=id3.clone() />
                        <button type="submit" data-testid="unit-reopen">{i18n.t(Msg::UnitsReopen)}</button>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=edits.close attr:class="form inline-form" attr:data-testid="unit-close-form">
                        <input type="hidden" name="id" value=id3.clone() />
                        <label>
                            {i18n.t(Msg::UnitsClosedOn)}
                            <input type="date" name="closed_on" required data-testid="unit-close-date" />
                        </label>
                        <button type="submit" data-testid="unit-close">{i18n.t(Msg::UnitsClose)}</button>
                        <small class="muted">{i18n.t(Msg::UnitsCloseHint)}</small>
                    </ActionForm>
                }.into_any(),
            })}
            <h3>{i18n.t(Msg::UnitsHeads)}</h3>
            {heads.is_empty().then(|| view! { <p class="muted">{i18n.t(Msg::UnitsNoHeads)}</p> })}
            <ul class="entries" data-testid="unit-head-list">
                {heads
                    .into_iter()
                    .map(|h| {
                        let unit = id4.clone();
                        view! {
                            <li data-testid="unit-head" data-username=h.username.clone()>
                                {format!("{} ({}) ", h.full_name, h.username)}
                                {(!h.is_active).then(|| view! { <span class="muted">{i18n.t(Msg::UnitsInactive)} " "</span> })}
                                <ActionForm action=edits.remove_head attr:class="inline">
                                    <input type="hidden" name="id" value=unit />
                                    <input type="hidden" name="user_id" value=h.user_id.to_string() />
                                    <button type="submit" class="link" data-testid="unit-remove-head">{i18n.t(Msg::UnitsRemoveHead)}</button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {closed.is_none().then(|| view! {
                <ActionForm action=edits.add_head attr:class="form inline-form" attr:data-testid="unit-add-head-form">
                    <input type="hidden" name="id" value=id.clone() />
                    <label>
                        {i18n.t(Msg::UnitsHeadUsername)}
                        <input type="text" name="username" list="unit-head-candidates" required autocapitalize="none" data-testid="unit-head-username" />
                    </label>
                    <datalist id="unit-head-candidates">
                        <Transition fallback=|| ()>
                            {move || candidates.get().and_then(|r| r.ok()).map(|people| {
                                people
                                    .into_iter()
                                    .map(|p| view! { <option value=p.code.clone()>{format!("{} ({})", p.name, p.code)}</option> })
                                    .collect_view()
                            })}
                        </Transition>
                    </datalist>
                    <button type="submit" data-testid="unit-add-head">{i18n.t(Msg::UnitsAddHead)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn CreateForm(list: Vec<UnitNode>, edits: Edits) -> impl IntoView {
    let i18n = use_i18n();
    let open: Vec<UnitNode> = list.into_iter().filter(|u| u.closed_on.is_none()).collect();
    view! {
        <h2>{i18n.t(Msg::UnitsCreateTitle)}</h2>
        <ActionForm action=edits.create attr:class="form" attr:data-testid="unit-create-form">
            <label>
                {i18n.t(Msg::UnitsCode)}
                <input type="text" name="input[code]" required maxlength="64" autocapitalize="none" data-testid="unit-new-code" />
                <small class="muted">{i18n.t(Msg::UnitsCodeHint)}</small>
            </label>
            <label>
                {i18n.t(Msg::UnitsName)}
                <input type="text" name="input[name]" required maxlength="255" data-testid="unit-new-name" />
            </label>
            <label>
                {i18n.t(Msg::UnitsKind)}
                <select name="input[kind]" data-testid="unit-new-kind">
                    <option value=UnitKind::Department.as_str()>{i18n.t(Msg::UnitsKindDepartment)}</option>
                    <option value=UnitKind::Agency.as_str()>{i18n.t(Msg::UnitsKindAgency)}</option>
                </select>
            </label>
            <label>
                {i18n.t(Msg::UnitsParent)}
                <select name="input[parent_id]" data-testid="unit-new-parent">
                    {unit_options(open, None)}
                </select>
            </label>
            <button type="submit" class="primary" data-testid="unit-create">{i18n.t(Msg::UnitsCreate)}</button>
        </ActionForm>
    }
}
