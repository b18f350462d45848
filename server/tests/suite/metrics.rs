//! `/metrics` and request ids, black-box: the metrics address answers Prometheus text whose
//! counters move with requests and failed sign-ins; the application's address does not
//! serve it; every response carries an `X-Request-Id`.

use crate::common;

use std::collections::BTreeMap;
use std::net::SocketAddr;

use common::{backends, browser_for, call, TestDb, WorkerProcess};
use rubric_server::config::{NotifyArgs, ServeArgs};
use rubric_server::startup::Server;

/// A sample line's metric name, labels and value; panics on anything that is not
/// Prometheus text exposition format.
fn parse(text: &str) -> Vec<(String, BTreeMap<String, String>, f64)> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix("# ") {
            let mut parts = comment.splitn(3, ' ');
            let kind = parts.next().unwrap_or_default();
            assert!(kind == "HELP" || kind == "TYPE", "comment: {line}");
            let name = parts.next().unwrap_or_default();
            assert!(valid_name(name), "name in: {line}");
            if kind == "TYPE" {
                let t = parts.next().unwrap_or_default();
                assert!(
                    ["counter", "gauge", "histogram", "summary", "untyped"].contains(&t),
                    "type in: {line}"
                );
            }
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect("a value");
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("value in: {line}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series.to_string(), BTreeMap::new()),
            Some((name, rest)) => {
                let body = rest
                    .strip_suffix('}')
                    .unwrap_or_else(|| panic!("labels: {line}"));
                let mut labels = BTreeMap::new();
                let mut rest = body;
                while !rest.is_empty() {
                    let (key, after) = rest
                        .split_once("=\"")
                        .unwrap_or_else(|| panic!("label: {line}"));
                    assert!(valid_name(key), "label name in: {line}");
                    // The value runs to the next unescaped quote.
                    let mut value = String::new();
                    let mut chars = after.char_indices();
                    let mut end = None;
                    while let Some((i, c)) = chars.next() {
                        match c {
                            '\\' => {
                                let (_, e) =
                                    chars.next().unwrap_or_else(|| panic!("escape: {line}"));
                                value.push(match e {
                                    'n' => '\n',
                                    other => other,
                                });
                            }
                            '"' => {
                                end = Some(i);
                                break;
                            }
                            c => value.push(c),
                        }
                    }
                    let end = end.unwrap_or_else(|| panic!("unterminated label: {line}"));
                    labels.insert(key.to_string(), value);
                    rest = after[end + 1..].trim_start_matches(',');
                }
                (name.to_string(), labels)
            }
        };
        assert!(valid_name(&name), "name: {line}");
        out.push((name, labels, value));
    }
    out
}

fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

fn sum(
    samples: &[(String, BTreeMap<String, String>, f64)],
    name: &str,
    with: &[(&str, &str)],
) -> f64 {
    samples
        .iter()
        .filter(|(n, labels, _)| {
            n == name
                && with
                    .iter()
                    .all(|(k, v)| labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|(_, _, v)| v)
        .sum()
}

async fn scrape(addr: SocketAddr) -> Vec<(String, BTreeMap<String, String>, f64)> {
    let res = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .expect("scrape");
    assert_eq!(res.status(), 200);
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    parse(&res.text().await.expect("text"))
}

#[tokio::test]
async fn metrics_move_with_requests_on_their_own_address() {
    for backend in backends() {
        let name = backend.name();
        let db = TestDb::new(&backend).await;
        app::ssr::services::seed::seed_demo_if_empty(&db.db, &common::seed_pool())
            .await
            .expect("seed");
        let args = ServeArgs {
            addr: "127.0.0.1:0".parse().expect("addr"),
            site_root: Some(std::env::temp_dir()),
            metrics_addr: Some("127.0.0.1:0".parse().expect("addr")),
            notify: NotifyArgs {
                notify_every_minutes: 0,
                ..NotifyArgs::default()
            },
            ..ServeArgs::default()
        };
        let server = Server::build(&args, db.db.clone(), Default::default())
            .await
            .expect("build");
        let addr = server.local_addr().expect("addr");
        let metrics = server.metrics_addr().expect("metrics address");
        assert_ne!(addr, metrics);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));

        let before = scrape(metrics).await;
        let sign_in_page = [
            ("route", "/dang-nhap"),
            ("method", "GET"),
            ("status", "2xx"),
        ];
        let pages_before = sum(&before, "rubric_http_requests_total", &sign_in_page);
        let failures_before = sum(&before, "rubric_sign_in_failures_total", &[]);

        let browser = browser_for(addr);
        for _ in 0..3 {
            let res = browser
                .get(format!("http://{addr}/dang-nhap"))
                .send()
                .await
                .expect("page");
            assert_eq!(res.status(), 200, "{name}");
            let id = res
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            assert_eq!(id.len(), 16, "{name}: a request id on every response");
        }
        // A proxy's id is kept; an unfit one is replaced.
        let res = browser
            .get(format!("http://{addr}/healthz"))
            .header("x-request-id", "proxy-1234.ab")
            .send()
            .await
            .expect("healthz");
        assert_eq!(res.headers()["x-request-id"], "proxy-1234.ab");
        let res = browser
            .get(format!("http://{addr}/healthz"))
            .header("x-request-id", "<script>")
            .send()
            .await
            .expect("healthz");
        assert_ne!(res.headers()["x-request-id"], "<script>");

        let wrong = call(
            &browser,
            addr,
            "sign_in",
            &[("username", "admin"), ("password", "not the password")],
        )
        .await;
        assert!(!wrong.status.is_server_error(), "{name}: {wrong:?}");
        // Probing unknown paths does not add routes to the label set.
        for i in 0..5 {
            let _ = browser.get(format!("http://{addr}/probe-{i}")).send().await;
            let _ = browser
                .post(format!("http://{addr}/api/no_such_fn_{i}"))
                .send()
                .await;
        }

        let after = scrape(metrics).await;
        let pages_after = sum(&after, "rubric_http_requests_total", &sign_in_page);
        assert!(
            pages_after >= pages_before + 3.0,
            "{name}: {pages_before} → {pages_after}"
        );
        assert!(
            sum(&after, "rubric_sign_in_failures_total", &[]) >= failures_before + 1.0,
            "{name}: a failed sign-in is counted"
        );
        assert!(
            sum(
                &after,
                "rubric_http_request_duration_seconds_count",
                &[("route", "/dang-nhap")]
            ) >= 3.0,
            "{name}: durations per route"
        );
        let routes: Vec<&str> = after
            .iter()
            .filter(|(n, _, _)| n == "rubric_http_requests_total")
            .filter_map(|(_, l, _)| l.get("route").map(String::as_str))
            .collect();
        assert!(
            !routes
                .iter()
                .any(|r| r.contains("probe") || r.contains("no_such_fn")),
            "{name}: {routes:?}"
        );
        assert!(
            after
                .iter()
                .any(|(n, _, v)| n == "rubric_db_pool_connections" && *v >= 1.0),
            "{name}: the pool is reported"
        );

        // The application's own address does not serve the metrics.
        let res = browser
            .get(format!("http://{addr}/metrics"))
            .send()
            .await
            .expect("metrics on the app");
        assert_eq!(res.status(), 404, "{name}");
        let body = res.text().await.unwrap_or_default();
        assert!(!body.contains("rubric_http_requests_total"), "{name}");

        let _ = stop.send(());
        let _ = handle.await;
        db.cleanup().await;
    }
}

#[test]
fn the_parser_rejects_what_is_not_exposition_format() {
    let ok = parse("# HELP a_total Things\n# TYPE a_total counter\na_total{route=\"/x\",m=\"a\\\"b\"} 3\nb 1.5e3\n");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].1["m"], "a\"b");
    assert!(std::panic::catch_unwind(|| parse("a-b 1\n")).is_err());
    assert!(std::panic::catch_unwind(|| parse("a{x=1} 1\n")).is_err());
    assert!(std::panic::catch_unwind(|| parse("# TYPE a nonsense\n")).is_err());
}

/// `rubric worker --metrics-addr`: a worker process scrapes its own job parts and the
/// officers it scored.
#[tokio::test]
async fn a_worker_process_reports_its_job_parts() {
    use app::ssr::services::audit::Actor;
    use app::ssr::services::{jobs, scoring::Policy, seed};
    let backend = backends().remove(0);
    let db = TestDb::new(&backend).await;
    seed::generate_province(&db.db, &Default::default(), 60, 1, "2025-05")
        .await
        .expect("generate");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let _worker = WorkerProcess::start_with(&db, &["--metrics-addr", &addr.to_string()]);
    let code = app::models::PeriodCode::parse("2025-05").expect("code");
    let id = jobs::enqueue_score(&db.db, &Actor::system("test"), code, None, Policy::Full)
        .await
        .expect("enqueue");
    let job = jobs::wait(&db.db, id, std::time::Duration::from_secs(120))
        .await
        .expect("the worker runs the job");
    assert_eq!(job.status, app::models::JobStatus::Done, "{job:?}");
    let mut samples = Vec::new();
    for _ in 0..100 {
        if let Ok(res) = reqwest::get(format!("http://{addr}/metrics")).await {
            samples = parse(&res.text().await.expect("text"));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        sum(
            &samples,
            "rubric_job_part_duration_seconds_count",
            &[("kind", "score"), ("outcome", "done")]
        ) >= 1.0,
        "{samples:?}"
    );
    assert!(sum(&samples, "rubric_officers_scored_total", &[]) >= 60.0);
    db.cleanup().await;
}
