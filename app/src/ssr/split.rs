//! The split wasm (`cargo leptos build --split`): which chunk files each lazy route needs, so
//! that a page the server renders names them in `<link rel="preload">` and the browser
//! fetches them beside the main wasm instead of after it (hydration waits for them).
//!
//! Leptos reads the manifest from `<site-root>/<site-pkg-dir>`, which does not exist here
//! (the assets are served from memory under `pkg/<content hash>`, or carried by the
//! executable), and its own preload step runs outside the render's reactive owner, so it
//! never finds the manifest; the lazy routes name their chunks themselves (`app::lazy_pages`).

use std::collections::HashMap;

use leptos::prelude::*;

/// The chunks of every lazy route, read once from `__wasm_split_manifest.json`.
#[derive(Debug, Default)]
pub struct SplitManifest {
    /// The chunk loader module (`__wasm_split.<…>.js`).
    loader: String,
    /// A lazy route's type name in snake case (`my_score_route`) → the chunk files its view
    /// needs, without `.wasm`. The manifest names that view `__my_score_route_view_<hash>`;
    /// its other lazy functions (none today) are left out.
    routes: HashMap<String, Vec<String>>,
}

impl SplitManifest {
    /// The manifest `json`, and the name of the loader module beside it.
    pub fn parse(json: &[u8], loader: &str) -> Result<SplitManifest, serde_json::Error> {
        let chunks: HashMap<String, Vec<String>> = serde_json::from_slice(json)?;
        let routes = chunks
            .into_iter()
            .filter_map(|(name, files)| Some((route_of_view(&name)?.to_string(), files)))
            .collect();
        Ok(SplitManifest {
            loader: loader.to_string(),
            routes,
        })
    }

    /// The chunk files of the lazy route whose type is `route` (`MyScoreRoute`).
    pub fn route_chunks(&self, route: &str) -> &[String] {
        self.routes.get(&snake(route)).map_or(&[], |files| files)
    }
}

/// `__my_score_route_view_12180908911047740166` → `my_score_route`: the route of a view
/// function `#[lazy_route]` made; `None` for any other name.
fn route_of_view(name: &str) -> Option<&str> {
    let (stem, hash) = name.strip_prefix("__")?.rsplit_once('_')?;
    let route = stem.strip_suffix("_view")?;
    (!route.is_empty() && !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit()))
        .then_some(route)
}

/// `MyScoreRoute` → `my_score_route`.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// While the server renders the lazy route `route`, adds a preload link to the page's head
/// for each of its chunks and for the loader (nothing when the site is not split).
pub fn preload(route: &str) {
    use leptos_meta::Link;
    let Some(state) = use_context::<crate::ssr::state::AppState>() else {
        return;
    };
    let Some(split) = state.split.as_deref() else {
        return;
    };
    let files = split.route_chunks(route);
    if files.is_empty() {
        return;
    }
    let pkg = format!("/{}", state.leptos_options.site_pkg_dir);
    for file in files {
        let _ = view! {
            <Link
                rel="preload"
                href=format!("{pkg}/{file}.wasm")
                as_="fetch"
                type_="application/wasm"
                crossorigin="anonymous"
            />
        }
        .to_html();
    }
    let _ = view! { <Link rel="modulepreload" href=format!("{pkg}/{}", split.loader) /> }.to_html();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_finds_its_own_chunks_only() {
        let json = br#"{
            "__my_score_route_view_121809": ["chunk_1", "split___my_score_route_view_121809"],
            "__score_route_view_121809": ["chunk_2"],
            "__my_score_route_view_extra_121809": ["chunk_3"]
        }"#;
        let m = SplitManifest::parse(json, "__wasm_split.x.js").unwrap();
        assert_eq!(
            m.route_chunks("MyScoreRoute"),
            ["chunk_1", "split___my_score_route_view_121809"]
        );
        assert_eq!(m.route_chunks("ScoreRoute"), ["chunk_2"]);
        assert!(m.route_chunks("UnitRoute").is_empty());
        assert_eq!(snake("ApiClientsRoute"), "api_clients_route");
        assert!(SplitManifest::parse(b"[1,2]", "x").is_err());
    }
}
