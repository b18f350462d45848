//! One file to deploy: `rubric bundle` writes the executable with the site inside; the copy,
//! alone in an empty folder (no `target/site`), serves the site's files precompressed under
//! their content's version, and pages name that version.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

struct Killed(std::process::Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_bundled_executable_serves_its_site_from_an_empty_folder() {
    let work = tempfile::tempdir().expect("dir");
    let site = work.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).expect("pkg");
    let js = "export function hydrate() { return 'xin chào'; }\n".repeat(400);
    std::fs::write(site.join("pkg/rubric.js"), &js).expect("js");
    std::fs::write(site.join("pkg/rubric.wasm"), vec![0u8; 50_000]).expect("wasm");
    std::fs::write(
        site.join("pkg/rubric.css"),
        "body { margin: 0 }\n".repeat(100),
    )
    .expect("css");

    let empty = tempfile::tempdir().expect("empty");
    let bundled = empty.path().join("rubric");
    let out = Command::new(env!("CARGO_BIN_EXE_rubric"))
        .args(["bundle", "--site-root"])
        .arg(&site)
        .arg("--out")
        .arg(&bundled)
        .output()
        .expect("bundle");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&site).expect("the site is gone");
    let listing: Vec<_> = std::fs::read_dir(empty.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(listing, vec![std::ffi::OsString::from("rubric")]);

    let data = tempfile::tempdir().expect("data");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let _server = Killed(
        Command::new(&bundled)
            .current_dir(empty.path())
            .env_remove("LEPTOS_SITE_ROOT")
            .env("RUST_LOG", "warn")
            .env(
                "RUBRIC_DATABASE_URL",
                format!("sqlite://{}/rubric.db", data.path().display()),
            )
            .args(["serve", "--addr", &addr])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the bundled rubric"),
    );
    let client = reqwest::Client::new();
    let mut ready = false;
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("http://{addr}/readyz")).send().await {
            if r.status().is_success() {
                ready = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "the bundled rubric did not start");

    let page = client
        .get(format!("http://{addr}/dang-nhap"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let at = page.find("/pkg/").expect("the page names the site's files");
    let version: String = page[at + 5..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    assert_eq!(version.len(), 12, "{}", &page[at..at + 40]);

    let res = client
        .get(format!("http://{addr}/pkg/{version}/rubric.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("js");
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    assert_eq!(
        headers
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("br"),
        "compressed when bundled, so from the first request"
    );
    assert_eq!(
        headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("public, max-age=31536000, immutable")
    );
    let body = res.bytes().await.expect("body");
    let mut decoded = String::new();
    brotli::Decompressor::new(&body[..], 4096)
        .read_to_string(&mut decoded)
        .expect("brotli");
    assert_eq!(decoded, js);

    let res = client
        .get(format!("http://{addr}/pkg/{version}/rubric.wasm"))
        .header("accept-encoding", "identity")
        .send()
        .await
        .expect("wasm");
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.expect("wasm").len(), 50_000);
    let res = client
        .get(format!("http://{addr}/pkg/000000000000/rubric.js"))
        .send()
        .await
        .expect("other version");
    assert_eq!(res.status(), 404);
}
