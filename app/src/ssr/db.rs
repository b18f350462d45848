//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Which database a URL points at, checked before connecting so that a typo gets a clear
/// message instead of a driver error.
pub fn backend_of(url: &str) -> Result<DbBackend, String> {
    if url.starts_with("sqlite:") {
        Ok(DbBackend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(DbBackend::Postgres)
    } else {
        Err(format!(
            "unsupported database URL '{url}': use sqlite://PATH or postgres://USER@HOST/DB"
        ))
    }
}

/// SQLite file URLs get `mode=rwc` (create the file if missing) and their folder is created.
fn prepare_sqlite_url(url: &str) -> std::io::Result<String> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
    }
    Ok(if query.contains("mode=") || path == ":memory:" {
        url.to_string()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// Connects and runs the migrations. `schema` (PostgreSQL only) puts every table in that
/// schema, creating it if needed: the tests use one schema per test for isolation.
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, DbErr> {
    let db = open(url, schema).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// Connects without touching the schema (`rubric restore` brings it to the backup's
/// migrations itself).
pub async fn open(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, DbErr> {
    let backend = backend_of(url).map_err(DbErr::Custom)?;
    let url = match backend {
        DbBackend::Sqlite => prepare_sqlite_url(url)
            .map_err(|e| DbErr::Custom(format!("cannot create the database folder: {e}")))?,
        _ => url.to_string(),
    };
    if let Some(schema) = schema {
        let valid = !schema.is_empty()
            && schema.len() <= 63
            && schema
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(DbErr::Custom(format!(
                "invalid schema name '{schema}': use lower-case letters, digits and underscores"
            )));
        }
    }
    if let (DbBackend::Postgres, Some(schema)) = (backend, schema) {
        let admin = Database::connect(&url).await?;
        admin
            .execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\""))
            .await?;
        admin.close().await?;
    }
    let mut opts = ConnectOptions::new(url);
    opts.connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false);
    match backend {
        // One writer at a time is SQLite's model; a small pool avoids "database is locked".
        DbBackend::Sqlite => {
            // On every connection the pool opens (a PRAGMA run through the pool reaches one).
            opts.max_connections(4)
                .min_connections(1)
                .map_sqlx_sqlite_opts(|o| {
                    o.foreign_keys(true).busy_timeout(Duration::from_secs(5))
                });
        }
        _ => {
            opts.max_connections(16);
        }
    }
    if let (DbBackend::Postgres, Some(schema)) = (backend, schema) {
        opts.set_schema_search_path(schema);
    }
    let db = Database::connect(opts).await?;
    if backend == DbBackend::Sqlite {
        // WAL lets readers proceed while a writer works (kept in the file: set once for every
        // connection); memory databases do not support it.
        let _ = db.execute_unprepared("PRAGMA journal_mode = WAL;").await;
    }
    Ok(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join("rubric-db-url-test");
        let url = format!("sqlite://{}/x.db", dir.display());
        assert_eq!(
            prepare_sqlite_url(&url).expect("url"),
            format!("{url}?mode=rwc")
        );
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:").expect("url"),
            "sqlite::memory:"
        );
        assert!(backend_of("mysql://x").is_err());
        assert_eq!(backend_of("postgres://a@b/c"), Ok(DbBackend::Postgres));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_sqlite_connection_enforces_foreign_keys_and_waits_when_busy() {
        use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
        let dir = std::env::temp_dir().join(format!("rubric-db-pragma-{}", std::process::id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        let db = open(&url, None).await.expect("open");
        // Four transactions at once hold the pool's four connections.
        let mut held = Vec::new();
        for _ in 0..4 {
            held.push(db.begin().await.expect("begin"));
        }
        for txn in &held {
            for (pragma, expected) in [("foreign_keys", 1), ("busy_timeout", 5000)] {
                let row = txn
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        format!("PRAGMA {pragma}"),
                    ))
                    .await
                    .expect("pragma")
                    .expect("a row");
                let value: i64 = row.try_get_by_index(0).expect("value");
                assert_eq!(value, expected, "{pragma}");
            }
        }
        drop(held);
        db.close().await.expect("close");
        let _ = std::fs::remove_dir_all(dir);
    }
}
