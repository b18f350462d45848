//! A page built once per server render, however often the reactive closure around it runs.
//!
//! Rendering a `<Suspense>` or `<Transition>` on the server runs the closures inside it up to
//! three times: once to find the resources it must wait for, once more when they have loaded
//! (to find resources read only once others have loaded), and once to render. A page built
//! inside such a closure (the page behind [`Guarded`](crate::components::auth::Guarded)'s
//! `<Show>`) was built three times: each of its resources was created three times, so each
//! of its server functions ran three times and its data was written three times into the
//! HTML for hydration.
//!
//! [`BuiltOnce`] keeps the page the first run builds and hands the same view to the later
//! runs: the first two only walk it ([`RenderHtml::dry_resolve`] takes `&mut self`), the last
//! takes it to render. The page is therefore built at the point of the render where the
//! browser, which runs the closure once when it hydrates, builds it too: the resources keep
//! the ids the browser gives them, and hydration finds their data.

use std::sync::{Arc, Mutex, PoisonError};

use leptos::prelude::*;
use leptos::tachys::{
    html::attribute::{any_attribute::AnyAttribute, Attribute},
    hydration::Cursor,
    ssr::StreamBuilder,
    view::{
        add_attr::AddAnyAttr,
        any_view::{AnyViewState, AnyViewWithAttrs},
        Position, PositionState, Render, RenderHtml,
    },
};

type Slot = Arc<Mutex<Option<AnyView>>>;

/// The slot a page is kept in between the runs of one render, and how to build it.
#[derive(Clone)]
pub struct BuiltOnce {
    slot: Slot,
    build: Arc<dyn Fn() -> AnyView + Send + Sync>,
}

impl BuiltOnce {
    pub fn new(build: impl Fn() -> AnyView + Send + Sync + 'static) -> Self {
        Self {
            slot: Arc::default(),
            build: Arc::new(build),
        }
    }

    /// The page: built now if no earlier run of this render has built it (or the last one
    /// has already taken it to render), otherwise the one kept.
    pub fn view(&self) -> Kept {
        let empty = lock(&self.slot).is_none();
        if empty {
            // Built outside the lock: building runs the page's components, which may be slow
            // and must not hold it.
            let view = (self.build)();
            lock(&self.slot).get_or_insert(view);
        }
        Kept(Arc::clone(&self.slot))
    }
}

fn lock(slot: &Slot) -> std::sync::MutexGuard<'_, Option<AnyView>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A handle on the kept page: walking it leaves it in place, rendering takes it.
pub struct Kept(Slot);

impl Kept {
    fn take(&self) -> AnyView {
        lock(&self.0).take().unwrap_or_else(|| ().into_any())
    }
}

impl Render for Kept {
    type State = AnyViewState;

    fn build(self) -> Self::State {
        self.take().build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.take().rebuild(state)
    }
}

impl AddAnyAttr for Kept {
    type Output<SomeNewAttr: Attribute> = AnyViewWithAttrs;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        self.take().add_any_attr(attr)
    }
}

impl RenderHtml for Kept {
    type AsyncOutput = AnyView;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {
        if let Some(view) = lock(&self.0).as_mut() {
            view.dry_resolve();
        }
    }

    async fn resolve(self) -> Self::AsyncOutput {
        self.take().resolve().await
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.take()
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.take().to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        )
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.take().hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn builds_once_until_taken_to_render() {
        let owner = Owner::new();
        owner.with(|| {
            let builds = Arc::new(AtomicUsize::new(0));
            let counted = Arc::clone(&builds);
            let page = BuiltOnce::new(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                view! { <p>"trang"</p> }.into_any()
            });
            // Two walks, as a Suspense makes before it renders: one build.
            page.view().dry_resolve();
            page.view().dry_resolve();
            assert_eq!(builds.load(Ordering::SeqCst), 1);
            // Rendering takes the page kept; a later run builds a new one. (The markup as the
            // view renders itself: with `--cfg erase_components`, the test build's flag, the
            // text carries a hydration marker.)
            let html = view! { <p>"trang"</p> }.into_any().to_html();
            assert!(html.starts_with("<p>trang"), "{html}");
            assert_eq!(page.view().to_html(), html);
            assert_eq!(builds.load(Ordering::SeqCst), 1);
            assert_eq!(page.view().to_html(), html);
            assert_eq!(builds.load(Ordering::SeqCst), 2);
        });
    }
}
