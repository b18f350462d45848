//! The `rubric` binary, black-box: the rules commands on the shipped profiles and the
//! DOMAIN.md sample, and `audit verify` on a database edited by hand.

use std::path::PathBuf;
use std::process::Command;

fn rubric() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rubric"));
    cmd.env("RUST_LOG", "warn")
        .env_remove("RUBRIC_DATABASE_URL");
    cmd
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

#[test]
fn both_profiles_pass_their_cases() {
    for profile in ["rules/profiles/decree-335", "rules/profiles/khanh-hoa-2025"] {
        let out = rubric()
            .args(["rules", "test"])
            .arg(repo(profile))
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{profile}: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let last = stdout.lines().last().unwrap_or_default();
        assert!(last.ends_with(" passed, 0 failed"), "{profile}: {last}");
        let passed: usize = last
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(passed >= 20, "{profile}: only {passed} cases");
    }
}

#[test]
fn eval_json_on_the_domain_sample_prints_only_json() {
    let out = rubric()
        .args(["rules", "eval", "--json", "--rules"])
        .arg(repo("rules/profiles/decree-335"))
        .arg("--input")
        .arg(repo("rules/examples/domain-sample.json"))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is JSON and nothing else");
    let r = &doc["results"][0];
    assert_eq!(r["id"], "cb-0001");
    assert_eq!(r["status"], "scored");
    // 27.5 general + 70 task (every ratio at 100 %).
    assert_eq!(r["total"], 97.5);
    assert!(r["trace"].as_array().is_some_and(|t| !t.is_empty()));
    assert!(r["components"]["a"].is_number());
}

#[test]
fn check_locates_a_broken_script() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("bad.rhai");
    std::fs::write(
        &file,
        "fn score(officer, params, period) {\n  let x = ;\n}\n",
    )
    .expect("write");
    let out = rubric()
        .args(["rules", "check"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains('2'), "the error names line 2: {err}");
    let ok = rubric()
        .args(["rules", "check"])
        .arg(repo("rules/profiles/decree-335/rule.rhai"))
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// `rubric seed-demo` into a new SQLite file of `dir`: its URL and what the command printed.
fn seed_demo(dir: &tempfile::TempDir) -> (String, std::process::Output) {
    let url = format!("sqlite://{}/demo.db", dir.path().display());
    let seeded = rubric()
        .args(["--database-url", &url, "seed-demo"])
        .output()
        .expect("seed");
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    (url, seeded)
}

#[test]
fn audit_verify_passes_on_the_demo_and_fails_after_a_hand_edit() {
    let dir = tempfile::tempdir().expect("tmp");
    let (url, seeded) = seed_demo(&dir);
    let stdout = String::from_utf8_lossy(&seeded.stdout);
    for login in ["admin", "bcd", "thanhtra", "tp.snv.tccb", "cb.snv.tccb.02"] {
        assert!(
            stdout.contains(login),
            "login {login} not printed: {stdout}"
        );
    }
    let ok = rubric()
        .args(["--database-url", &url, "audit", "verify"])
        .output()
        .expect("verify");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    let score = rubric()
        .args(["--database-url", &url, "score", "--period", "2019-01"])
        .output()
        .expect("score");
    assert!(!score.status.success(), "no formula was active in 2019");
    assert!(String::from_utf8_lossy(&score.stderr).contains("Không có công thức"));

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect(&url).await.expect("connect");
        db.execute_unprepared("UPDATE audit_events SET after_json = '{}' WHERE seq = 2")
            .await
            .expect("tamper");
    });
    let broken = rubric()
        .args(["--database-url", &url, "audit", "verify"])
        .output()
        .expect("verify");
    assert_eq!(broken.status.code(), Some(1));
    let said = String::from_utf8_lossy(&broken.stdout);
    assert!(said.contains("BROKEN at event 2"), "{said}");
}

/// `rubric create-admin`: the policy applies, the account is created once, and it can
/// sign in; `serve` on a database without an administrator says how to create one.
#[test]
fn create_admin_makes_the_first_administrator() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}/rubric.db", dir.path().display());
    let run = |password: &str| {
        rubric()
            .args([
                "--database-url",
                &url,
                "create-admin",
                "--username",
                "quantri",
                "--full-name",
                "Trần Văn Quản",
            ])
            .env("RUBRIC_ADMIN_PASSWORD", password)
            .output()
            .expect("run")
    };
    let weak = run("quantri123");
    assert!(!weak.status.success());
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("Mật khẩu"), "{stderr}");

    let ok = run("Nha-Trang-bien-xanh");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("quantri"));

    let again = run("Nha-Trang-bien-xanh");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có người dùng"));

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let db = app::ssr::db::connect(&url, None).await.expect("db");
        assert_eq!(
            app::ssr::services::accounts::active_admins(&db)
                .await
                .expect("count"),
            1
        );
        let user = app::ssr::services::accounts::sign_in(
            &db,
            "quantri",
            "Nha-Trang-bien-xanh",
            "cli-test",
        )
        .await
        .expect("sign in");
        assert!(!user.must_change_password);
    });
}

/// `rubric notify`: a sweep raises the deadlines due, a second one nothing; the digest needs
/// an SMTP server.
#[test]
fn notify_sweeps_once_and_the_digest_needs_smtp() {
    let dir = tempfile::tempdir().expect("tmp");
    let (url, _) = seed_demo(&dir);
    let sweep = || {
        let out = rubric()
            .env_remove("RUBRIC_SMTP_URL")
            .args(["--database-url", &url, "notify", "--today", "2026-12-04"])
            .args(["--deadline-notice-days", "6"])
            .output()
            .expect("notify");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let first = sweep();
    let raised: u64 = first
        .split(" and ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    assert!(
        raised > 0,
        "the heads are reminded to approve November: {first}"
    );
    assert_eq!(
        sweep(),
        "2026-12-04: 0 queue and 0 deadline notifications raised"
    );
    let digest = rubric()
        .env_remove("RUBRIC_SMTP_URL")
        .args(["--database-url", &url, "notify", "--digest"])
        .output()
        .expect("notify");
    assert!(!digest.status.success());
    assert!(String::from_utf8_lossy(&digest.stderr).contains("--smtp-url"));
}

/// `rubric report monthly`: the workbook of the latest scored month, which reads back; a bad
/// period is refused with a message and exit 1.
#[test]
fn report_monthly_writes_the_workbook() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tmp");
    let (url, _) = seed_demo(&dir);
    let file = dir.path().join("bao-cao.xlsx");
    let out = rubric()
        .args(["--database-url", &url, "report", "monthly", "--to"])
        .arg(&file)
        .output()
        .expect("report");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("figures in") && stdout.contains("workbook in"),
        "{stdout}"
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&file).expect("a valid xlsx");
    let range = book
        .worksheet_range("Theo cơ quan")
        .expect("the agencies' sheet");
    assert!(range.rows().any(|r| r.iter().any(|c| *c == "Toàn tỉnh")));

    let bad = rubric()
        .args([
            "--database-url",
            &url,
            "report",
            "monthly",
            "--period",
            "2026-13",
            "--to",
        ])
        .arg(&file)
        .output()
        .expect("report");
    assert!(!bad.status.success());
    assert!(!String::from_utf8_lossy(&bad.stderr).trim().is_empty());
}

/// `rubric report classification`: an agency's list by its code, which reads back with
/// both sheets; an unknown agency code is refused with a message and exit 1.
#[test]
fn report_classification_writes_an_agency_s_list() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tmp");
    let (url, _) = seed_demo(&dir);
    let file = dir.path().join("xep-loai.xlsx");
    let out = rubric()
        .args(["--database-url", &url, "report", "classification", "--to"])
        .arg(&file)
        .output()
        .expect("report");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("officers, list in"), "{stdout}");
    let mut book: Xlsx<_> = calamine::open_workbook(&file).expect("a valid xlsx");
    assert_eq!(book.sheet_names(), ["Danh sách", "Theo vị trí việc làm"]);
    let range = book.worksheet_range("Danh sách").expect("the list");
    assert!(range
        .rows()
        .any(|r| r.iter().any(|c| *c == "Thủ trưởng cơ quan")));

    let bad = rubric()
        .args([
            "--database-url",
            &url,
            "report",
            "classification",
            "--agency",
            "KHONG-CO",
            "--to",
        ])
        .arg(&file)
        .output()
        .expect("report");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("KHONG-CO"));
}
