//! `rubric backup` and `rubric restore`, on SQLite and PostgreSQL: a backup taken while a
//! scoring job writes restores into an empty database with every table's count and the audit
//! chain verified and every row identical; a database with data, a truncated file and a
//! damaged file are refused with nothing written; the binary's commands end to end.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use app::models::PeriodCode;
use app::ssr::services::audit::{self, Actor, Verification};
use app::ssr::services::jobs;
use app::ssr::services::scoring::Policy;
use app::ssr::services::seed;
use common::{backends, Backend, TestDb};
use rubric_server::backup;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) FROM \"{table}\""),
        ))
        .await
        .expect("count")
        .expect("row");
    row.try_get_by_index::<i64>(0).expect("count")
}

/// Every line of a backup file.
fn lines_of(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).expect("open");
    BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .collect::<Result<_, _>>()
        .expect("read")
}

/// The lines of a backup file but its header (which holds the time it was made) and its end
/// line (the hash of what the header holds).
fn rows_of(path: &Path) -> Vec<String> {
    let lines = lines_of(path);
    lines[1..lines.len() - 1].to_vec()
}

fn rewrite(from: &Path, to: &Path, edit: impl Fn(Vec<String>) -> Vec<String>) {
    let lines = lines_of(from);
    let mut out = flate2::write::GzEncoder::new(
        std::fs::File::create(to).expect("create"),
        flate2::Compression::fast(),
    );
    for line in edit(lines) {
        writeln!(out, "{line}").expect("write");
    }
    out.finish().expect("finish");
}

/// An empty database that has never been migrated (SQLite), or migrated with no data
/// (PostgreSQL: a fresh schema): restore takes both.
async fn empty(backend: &Backend, dir: &Path, name: &str) -> (DatabaseConnection, Option<TestDb>) {
    match backend {
        Backend::Sqlite => {
            let url = format!("sqlite://{}/{name}.db", dir.display());
            (app::ssr::db::open(&url, None).await.expect("open"), None)
        }
        Backend::Postgres(_) => {
            let t = TestDb::new(backend).await;
            (t.db.clone(), Some(t))
        }
    }
}

async fn all_empty(db: &DatabaseConnection, header: &backup::Header) -> bool {
    for (table, _) in &header.tables {
        let exists = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) FROM \"{table}\""),
            ))
            .await
            .is_ok();
        if exists && table != "audit_head" && count(db, table).await > 0 {
            return false;
        }
    }
    true
}

#[tokio::test]
async fn a_backup_taken_while_a_job_scores_restores_whole_and_verified() {
    std::env::set_var("RUBRIC_JOB_PART_OFFICERS", "25");
    for backend in backends() {
        let name = backend.name();
        let dir = tempfile::tempdir().expect("dir");
        let source = TestDb::new(&backend).await;
        seed::generate_province(&source.db, &Default::default(), 300, 1, "2025-05")
            .await
            .expect("generate");
        // A unit moved under a newer one: its parent's id is higher than its own.
        let older = common::add_unit(&source.db, "don-vi-cu", None).await;
        let newer = common::add_unit(&source.db, "don-vi-moi", None).await;
        source
            .db
            .execute_raw(Statement::from_string(
                source.db.get_database_backend(),
                format!("UPDATE units SET parent_id = {newer} WHERE id = {older}"),
            ))
            .await
            .expect("move the unit");
        let code = PeriodCode::parse("2025-05").expect("code");
        let job = jobs::enqueue_score(&source.db, &Actor::system("test"), code, None, Policy::Full)
            .await
            .expect("enqueue");
        let worker = jobs::Worker::new(source.db.clone(), Default::default());
        let scoring = tokio::spawn(async move { worker.run_until_done(job).await });

        // Back up once the job has written some scores and before it ends.
        let started = Instant::now();
        while count(&source.db, "period_scores").await == 0 {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{name}: no scores"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let file = dir.path().join("rubric.backup.gz");
        let summary = backup::backup(&source.db, &file).await.expect("backup");
        let done = scoring.await.expect("join").expect("job");
        assert_eq!(done.status, app::models::JobStatus::Done, "{name}");
        let scores_in_backup = summary
            .header
            .tables
            .iter()
            .find(|(t, _)| t == "period_scores")
            .map(|(_, n)| *n)
            .expect("scores counted");
        let scores_now = count(&source.db, "period_scores").await as u64;
        eprintln!("{name}: the backup holds {scores_in_backup} scores of {scores_now}");
        assert!(
            scores_in_backup > 0 && scores_in_backup <= scores_now,
            "{name}"
        );
        assert!(
            !summary.header.tables.iter().any(|(t, _)| t == "sessions"),
            "{name}: sessions are not backed up"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "{name}: the file is its owner's only");
        }
        assert!(!dir.path().join("rubric.backup.gz.partial").exists());

        // Restore into an empty database: counts, audit chain, identical rows.
        let (restored, guard) = empty(&backend, dir.path(), "restored").await;
        let r = backup::restore(&restored, &file).await.expect("restore");
        assert_eq!(r.rows, summary.rows, "{name}");
        backup::check_counts(&restored, &summary.header)
            .await
            .expect("counts");
        let events = summary
            .header
            .tables
            .iter()
            .find(|(t, _)| t == "audit_events")
            .map(|(_, n)| *n)
            .expect("audit counted");
        assert!(events > 0, "{name}");
        match audit::verify(&restored).await.expect("verify") {
            Verification::Intact { events: n } => assert_eq!(n, events, "{name}"),
            broken => panic!("{name}: {broken:?}"),
        }
        let again = dir.path().join("again.gz");
        backup::backup(&restored, &again)
            .await
            .expect("backup again");
        let (a, b) = (rows_of(&file), rows_of(&again));
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{name}: a row differs after the round trip");
        }
        // The ids go on after the restored ones.
        let unit = common::add_unit(&restored, "sau-khoi-phuc", None).await;
        assert!(unit > 0, "{name}");

        // Onto a database with data: refused, nothing written.
        let units_before = count(&source.db, "units").await;
        let err = backup::restore(&source.db, &file)
            .await
            .expect_err("non-empty refused");
        assert!(err.to_string().contains("not empty"), "{name}: {err:#}");
        assert_eq!(count(&source.db, "units").await, units_before, "{name}");

        // A truncated file and a damaged one: refused, the database left empty.
        let truncated = dir.path().join("truncated.gz");
        rewrite(&file, &truncated, |lines| lines[..lines.len() / 2].to_vec());
        let (target, guard2) = empty(&backend, dir.path(), "truncated").await;
        let err = backup::restore(&target, &truncated)
            .await
            .expect_err("truncated refused");
        assert!(err.to_string().contains("truncated"), "{name}: {err:#}");
        assert!(all_empty(&target, &summary.header).await, "{name}");
        let damaged = dir.path().join("damaged.gz");
        rewrite(&file, &damaged, |mut lines| {
            let i = lines.len() / 2;
            lines[i] = lines[i].replacen("1", "2", 1);
            lines
        });
        let err = backup::restore(&target, &damaged)
            .await
            .expect_err("damaged refused");
        assert!(
            err.to_string().contains("damaged") || err.to_string().contains("restoring"),
            "{name}: {err:#}"
        );
        assert!(all_empty(&target, &summary.header).await, "{name}");

        if let Some(g) = guard {
            g.cleanup().await;
        }
        if let Some(g) = guard2 {
            g.cleanup().await;
        }
        source.cleanup().await;
    }
}

/// The binary: `rubric backup` then `rubric restore` into a new SQLite file, which prints
/// the counts check and the audit verification; a second restore onto it is refused (exit 2).
#[test]
fn the_commands_back_up_and_restore_the_demo_province() {
    let dir = tempfile::tempdir().expect("dir");
    let url = |n: &str| format!("sqlite://{}/{n}.db", dir.path().display());
    let rubric = |db: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rubric"))
            .env("RUST_LOG", "warn")
            .env_remove("RUBRIC_DATABASE_URL")
            .args(["--database-url", db])
            .args(args)
            .output()
            .expect("run")
    };
    let out = rubric(&url("source"), &["seed-demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.path().join("demo.backup.gz");
    let file_arg = file.to_str().expect("utf-8");
    let out = rubric(&url("source"), &["backup", "--to", file_arg]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("backup written to"), "{stdout}");

    let out = rubric(&url("copy"), &["restore", "--from", file_arg]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("counts check: every table"), "{stdout}");
    assert!(stdout.contains("audit trail intact"), "{stdout}");

    let out = rubric(&url("copy"), &["restore", "--from", file_arg]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nothing restored") && stderr.contains("not empty"),
        "{stderr}"
    );

    let out = rubric(&url("other"), &["restore", "--from", "/no/such/backup.gz"]);
    assert_eq!(out.status.code(), Some(2));
}
