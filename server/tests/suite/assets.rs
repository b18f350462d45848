//! The built site's assets (#18 "serve it well"), black-box against the real server: they
//! are served under a path naming their content, compressed (brotli or gzip, by what the
//! browser accepts) and kept a year (`immutable`); pages are compressed and always checked
//! again (`no-cache`); another build's path is 404.

use crate::common;

use std::io::Read;

use common::{backends, TestApp};
use reqwest::header;

/// A site root with a `pkg` folder like cargo-leptos builds, compressible contents.
fn site() -> (tempfile::TempDir, Vec<u8>) {
    let root = tempfile::tempdir().expect("site root");
    let pkg = root.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    let wasm: Vec<u8> = (0..200_000u32)
        .flat_map(|i| (i % 97).to_le_bytes())
        .collect();
    std::fs::write(pkg.join("rubric.wasm"), &wasm).expect("wasm");
    std::fs::write(
        pkg.join("rubric.js"),
        "export default function init() {}\n".repeat(2000),
    )
    .expect("js");
    std::fs::write(pkg.join("rubric.css"), "body { margin: 0 }\n".repeat(2000)).expect("css");
    (root, wasm)
}

async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut req = app.browser().get(app.url(path));
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_ENCODING, a);
    }
    req.send().await.expect("get")
}

fn header_of(res: &reqwest::Response, name: header::HeaderName) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn assets_are_compressed_and_kept_a_year_pages_are_compressed_and_checked_again() {
    for backend in backends() {
        let name = backend.name();
        let (root, wasm) = site();
        let app = TestApp::spawn_site(&backend, false, 1200, root.path().to_path_buf()).await;

        // The page names the build's assets and is compressed, never kept unchecked.
        let page = get(&app, "/", Some("br, gzip")).await;
        assert_eq!(page.status(), 200, "{name}");
        assert_eq!(
            header_of(&page, header::CACHE_CONTROL),
            "private, no-cache",
            "{name}"
        );
        assert_eq!(header_of(&page, header::CONTENT_ENCODING), "br", "{name}");
        let mut html = String::new();
        brotli::Decompressor::new(&page.bytes().await.expect("body")[..], 4096)
            .read_to_string(&mut html)
            .expect("brotli page");
        let at = html.find("/pkg/").expect("the page links its assets");
        let version: String = html[at + 5..].chars().take_while(|c| *c != '/').collect();
        assert_eq!(version.len(), 12, "{name}: {version}");
        for file in ["rubric.css", "rubric.js", "rubric.wasm"] {
            assert!(
                html.contains(&format!("/pkg/{version}/{file}")),
                "{name}: {file}"
            );
        }
        let wasm_path = format!("/pkg/{version}/rubric.wasm");

        // Compressed once in the background: until then sent as it is.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let res = get(&app, &wasm_path, Some("gzip, deflate, br")).await;
            if header_of(&res, header::CONTENT_ENCODING) == "br" {
                break;
            }
            assert_eq!(res.bytes().await.expect("body").to_vec(), wasm, "{name}");
            assert!(
                std::time::Instant::now() < until,
                "{name}: never compressed"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let br = get(&app, &wasm_path, Some("gzip, deflate, br")).await;
        assert_eq!(br.status(), 200, "{name}");
        assert_eq!(
            header_of(&br, header::CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{name}"
        );
        assert_eq!(
            header_of(&br, header::CONTENT_TYPE),
            "application/wasm",
            "{name}"
        );
        assert_eq!(header_of(&br, header::VARY), "accept-encoding", "{name}");
        let body = br.bytes().await.expect("body");
        assert!(body.len() < wasm.len() / 4, "{name}: {} bytes", body.len());
        let mut back = Vec::new();
        brotli::Decompressor::new(&body[..], 4096)
            .read_to_end(&mut back)
            .expect("brotli");
        assert_eq!(back, wasm, "{name}");

        let gz = get(&app, &wasm_path, Some("gzip")).await;
        assert_eq!(header_of(&gz, header::CONTENT_ENCODING), "gzip", "{name}");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz.bytes().await.expect("body")[..])
            .read_to_end(&mut back)
            .expect("gzip");
        assert_eq!(back, wasm, "{name}");

        let plain = get(&app, &wasm_path, None).await;
        assert_eq!(header_of(&plain, header::CONTENT_ENCODING), "", "{name}");
        assert_eq!(
            header_of(&plain, header::CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{name}"
        );
        assert_eq!(plain.bytes().await.expect("body").to_vec(), wasm, "{name}");
        let refused = get(&app, &wasm_path, Some("br;q=0, gzip;q=0")).await;
        assert_eq!(header_of(&refused, header::CONTENT_ENCODING), "", "{name}");

        // Another build's path, or a file that is not there: 404, nothing cached.
        for path in [
            "/pkg/000000000000/rubric.wasm".to_string(),
            format!("/pkg/{version}/nope.js"),
            format!("/pkg/{version}/..%2F..%2Fetc%2Fpasswd"),
        ] {
            let res = get(&app, &path, Some("br")).await;
            assert_eq!(res.status(), 404, "{name}: {path}");
            assert!(
                !header_of(&res, header::CACHE_CONTROL).contains("immutable"),
                "{name}: {path}"
            );
        }
        app.stop().await;
    }
}
