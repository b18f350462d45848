//! The site's built assets (`<site-root>/pkg`: the wasm, its JS and the CSS), read once at
//! start and served from memory under a path that names their content:
//! `/pkg/<version>/rubric.wasm`, where `<version>` is a hash of every file. A new build gets
//! a new path, so a browser may keep what it fetched for a year (`immutable`) and never
//! needs to ask again. Each file is compressed once, with brotli and gzip, on a blocking
//! thread in the background (until that is done, it is sent as it is), and sent in the
//! encoding the browser accepts.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// The immutable assets of one build.
#[derive(Clone)]
pub struct Assets {
    inner: Arc<Inner>,
}

struct Inner {
    version: String,
    files: HashMap<String, Asset>,
}

/// A file with, when made, its brotli and gzip forms.
pub struct Packed {
    pub name: String,
    pub raw: Vec<u8>,
    pub br: Option<Vec<u8>>,
    pub gzip: Option<Vec<u8>>,
}

/// The files directly in `dir` (none when it does not exist), sorted by name.
pub fn read_pkg(dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            if let Some(name) = entry.file_name().to_str() {
                out.push((name.to_string(), std::fs::read(entry.path())?));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The brotli (at `quality`: [`brotli_quality`]) and gzip forms of a file, each only where
/// it is smaller.
pub fn compressed(raw: &[u8], quality: u32) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let br = brotli_of(raw, quality);
    let gz = gzip_of(raw);
    (
        (br.len() < raw.len()).then_some(br),
        (gz.len() < raw.len()).then_some(gz),
    )
}

struct Asset {
    content_type: &'static str,
    raw: Bytes,
    br: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

/// The file `cargo leptos build --split` writes beside the wasm chunks.
pub const SPLIT_MANIFEST: &str = "__wasm_split_manifest.json";

/// How long a browser keeps an asset: a year, without asking again.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "wasm" => "application/wasm",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

impl Assets {
    /// The files directly in `<site_root>/pkg`; `None` when there are none (a server run
    /// without a built site, as in the black-box tests).
    pub fn load(site_root: &Path) -> std::io::Result<Option<Assets>> {
        let files = read_pkg(&site_root.join("pkg"))?;
        if files.is_empty() {
            return Ok(None);
        }
        Ok(Some(Assets::from_files(
            files
                .into_iter()
                .map(|(name, raw)| Packed {
                    name,
                    raw,
                    br: None,
                    gzip: None,
                })
                .collect(),
        )))
    }

    /// The assets from their bytes, with their compressed forms when already made (an
    /// executable carrying its site: `rubric bundle`).
    pub fn from_files(mut files: Vec<Packed>) -> Assets {
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let mut hash = Sha256::new();
        let mut map = HashMap::new();
        for f in files {
            hash.update(f.name.as_bytes());
            hash.update([0]);
            hash.update((f.raw.len() as u64).to_le_bytes());
            hash.update(&f.raw);
            let asset = Asset {
                content_type: content_type(&f.name),
                raw: Bytes::from(f.raw),
                br: OnceLock::new(),
                gzip: OnceLock::new(),
            };
            if let Some(br) = f.br {
                let _ = asset.br.set(Bytes::from(br));
            }
            if let Some(gz) = f.gzip {
                let _ = asset.gzip.set(Bytes::from(gz));
            }
            map.insert(f.name, asset);
        }
        let version = hex(&hash.finalize()[..6]);
        Assets {
            inner: Arc::new(Inner {
                version,
                files: map,
            }),
        }
    }

    /// Every file's name and bytes, sorted by name.
    pub fn files(&self) -> Vec<(&str, &[u8])> {
        let mut v: Vec<(&str, &[u8])> = self
            .inner
            .files
            .iter()
            .map(|(n, a)| (n.as_str(), &a.raw[..]))
            .collect();
        v.sort();
        v
    }

    /// The split wasm's manifest and loader (see `app::ssr::split`), read once at start;
    /// `None`, with a warning, when the site was built without `--split` (the app's lazy
    /// routes import their chunk loader from a module only the split build writes: such a
    /// wasm fails to start and no page hydrates) or when the manifest does not read (then
    /// pages name no chunk to preload, and a lazy page still loads its chunks, after the
    /// main wasm).
    pub fn split_manifest(&self) -> Option<app::ssr::split::SplitManifest> {
        let Some(json) = self.inner.files.get(SPLIT_MANIFEST) else {
            tracing::warn!(
                "the site was built without --split: its wasm cannot load the lazy pages' \
                 chunks and no page will hydrate (build it with `cargo leptos build --split`)"
            );
            return None;
        };
        let loader = self
            .inner
            .files
            .keys()
            .find(|n| n.starts_with("__wasm_split.") && n.ends_with(".js"))?;
        match app::ssr::split::SplitManifest::parse(&json.raw, loader) {
            Ok(m) => Some(m),
            Err(e) => {
                tracing::warn!(error = %e, "the split wasm's manifest does not read");
                None
            }
        }
    }

    /// Whether `name` is a lazy page's wasm chunk: a wasm without a script of its own name
    /// (the main wasm, `rubric.wasm`, is loaded by `rubric.js`).
    fn is_chunk(&self, name: &str) -> bool {
        name.strip_suffix(".wasm")
            .is_some_and(|stem| !self.inner.files.contains_key(&format!("{stem}.js")))
    }

    /// The path segment naming this build's content.
    pub fn version(&self) -> &str {
        &self.inner.version
    }

    /// The site's package directory as pages name it: `pkg/<version>`.
    pub fn pkg_dir(&self) -> String {
        format!("pkg/{}", self.inner.version)
    }

    /// Compresses every file once, with brotli and gzip, on a thread of its own; the files
    /// are sent uncompressed until then. Not on tokio's blocking pool: a runtime waits for
    /// its blocking tasks when it shuts down, and a server stopped soon after it started
    /// would wait for the compression to end.
    pub fn compress_in_background(&self) {
        let assets = self.clone();
        let quality = brotli_quality(assets.inner.files.values().map(|a| a.raw.len()).sum());
        let spawned = std::thread::Builder::new()
            .name("asset-compression".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                // What every first visit downloads first (the style, the scripts, then the main
                // wasm), the lazy pages' chunks after.
                let mut files: Vec<_> = assets.inner.files.iter().collect();
                files.sort_by_cached_key(|(name, asset)| (assets.is_chunk(name), asset.raw.len()));
                for (name, asset) in files {
                    if asset.br.get().is_some() || asset.gzip.get().is_some() {
                        continue; // compressed when bundled
                    }
                    let (br, gz) = compressed(&asset.raw, quality);
                    // Kept only where it saves something.
                    if let Some(br) = br {
                        let _ = asset.br.set(Bytes::from(br));
                    }
                    if let Some(gz) = gz {
                        let _ = asset.gzip.set(Bytes::from(gz));
                    }
                    tracing::debug!(file = %name, "asset compressed");
                }
                tracing::info!(
                    version = %assets.inner.version,
                    files = assets.inner.files.len(),
                    quality,
                    ms = started.elapsed().as_millis() as u64,
                    "site assets compressed"
                );
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "cannot start compressing the site's assets: sent as they are");
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A site up to this size (all its files) is compressed with brotli's best quality (11): a
/// release build's (7 MB, 666 files) takes 38 s of one core, once, and its main wasm comes
/// out 12 % smaller than at quality 9 (581 → 510 KB). A larger site (only a debug build makes
/// one: 34 MB) would take minutes of a core at every start at 11, and gets 9 (9 s).
const BROTLI_BEST_UP_TO: usize = 16 << 20;

/// The brotli quality for the files of a site of `site_bytes` bytes in all.
pub fn brotli_quality(site_bytes: usize) -> u32 {
    if site_bytes <= BROTLI_BEST_UP_TO {
        11
    } else {
        9
    }
}

fn brotli_of(raw: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() / 3);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        let _ = w.write_all(raw);
    }
    out
}

fn gzip_of(raw: &[u8]) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(
        Vec::with_capacity(raw.len() / 3),
        flate2::Compression::best(),
    );
    let _ = w.write_all(raw);
    w.finish().unwrap_or_default()
}

/// Whether the request's `Accept-Encoding` allows `coding` (a q of 0 refuses it).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

/// `GET /pkg/{version}/{file}`: the asset in the best encoding the browser accepts, kept a
/// year; another build's version or an unknown file is 404.
pub async fn serve(
    State(assets): State<Assets>,
    UrlPath((version, file)): UrlPath<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if version != assets.inner.version {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(asset) = assets.inner.files.get(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (body, encoding) = match (asset.br.get(), asset.gzip.get()) {
        (Some(br), _) if accepts(&headers, "br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepts(&headers, "gzip") => (gz.clone(), Some("gzip")),
        _ => (asset.raw.clone(), None),
    };
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, accept.parse().unwrap());
        h
    }

    #[test]
    fn a_wasm_without_a_script_of_its_name_is_a_lazy_chunk() {
        let packed = |name: &str| Packed {
            name: name.into(),
            raw: vec![1],
            br: None,
            gzip: None,
        };
        let assets = Assets::from_files(
            [
                "rubric.js",
                "rubric.wasm",
                "rubric.css",
                "chunk_1.wasm",
                "split_x.wasm",
            ]
            .into_iter()
            .map(packed)
            .collect(),
        );
        assert!(!assets.is_chunk("rubric.wasm"));
        assert!(!assets.is_chunk("rubric.js"));
        assert!(!assets.is_chunk("rubric.css"));
        assert!(assets.is_chunk("chunk_1.wasm"));
        assert!(assets.is_chunk("split_x.wasm"));
    }

    #[test]
    fn a_release_site_gets_the_best_quality_and_a_debug_one_the_quicker() {
        assert_eq!(brotli_quality(7_134_186), 11);
        assert_eq!(brotli_quality(BROTLI_BEST_UP_TO), 11);
        assert_eq!(brotli_quality(BROTLI_BEST_UP_TO + 1), 9);
        assert_eq!(brotli_quality(34 << 20), 9);
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts(&with("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&with("gzip;q=1.0, br;q=0.5"), "br"));
        assert!(!accepts(&with("gzip, br;q=0"), "br"));
        assert!(accepts(&with("GZIP"), "gzip"));
        assert!(!accepts(&with("identity"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
        assert!(!accepts(&with("brotli"), "br"));
    }

    #[test]
    fn both_encodings_decode_to_the_file() {
        use std::io::Read;
        let raw: Vec<u8> = (0..100_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        for quality in [9, 11] {
            let br = brotli_of(&raw, quality);
            let mut back = Vec::new();
            brotli::Decompressor::new(&br[..], 4096)
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, raw);
            assert!(br.len() < raw.len() / 4);
        }
        let gz = gzip_of(&raw);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);
        assert!(gz.len() < raw.len() / 4);
    }

    #[test]
    fn the_version_names_the_content() {
        let dir = std::env::temp_dir().join(format!("rubric-assets-{}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("rubric.js"), "export default 1;").unwrap();
        let one = Assets::load(&dir).unwrap().unwrap();
        std::fs::write(pkg.join("rubric.js"), "export default 2;").unwrap();
        let two = Assets::load(&dir).unwrap().unwrap();
        assert_ne!(one.version(), two.version());
        assert_eq!(two.pkg_dir(), format!("pkg/{}", two.version()));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(Assets::load(&dir).unwrap().is_none());
    }
}
