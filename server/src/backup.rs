//! `rubric backup` and `rubric restore`: a consistent, online, logical copy of every table.
//!
//! The file is gzip-compressed JSON lines, the same on both databases:
//! 1. a header: format, backend, Rubric's version, when, the migrations the schema is at and
//!    every table's row count — all read in the one snapshot the rows come from;
//! 2. per table, in foreign-key order (a table after the tables it refers to): a line
//!    `["table", NAME]`, then one JSON object per row, in primary-key order;
//! 3. an end line `["end", SHA-256 of every line before it]`, so a truncated or altered file
//!    is refused before anything is committed.
//!
//! The rows are read inside one read transaction (PostgreSQL: `REPEATABLE READ, READ ONLY`;
//! SQLite in WAL mode: a read transaction's snapshot), so the server can keep writing while
//! a backup runs and the copy is of one instant. PostgreSQL writes each row with
//! `row_to_json` and reads it back with `json_populate_recordset`, so its types round-trip
//! exactly; SQLite writes `json_object` with reals as 17 significant digits and blobs as
//! `\x` + hex, as PostgreSQL writes `bytea`.
//!
//! Left out: the sign-in sessions (secrets, and a restored system should sign everyone in
//! again) and the migrations table (the restore runs the migrations itself).
//!
//! A restore goes into an empty database only, in one transaction: it brings the schema to
//! the backup's migrations, inserts every row, checks the end line's hash and every table's
//! count against the header, sets PostgreSQL's id sequences past the highest id, commits,
//! then runs any newer migrations and verifies the audit chain.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use futures::TryStreamExt;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    IsolationLevel, Statement, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use app::ssr::rows::{count, quote, sqlite_columns, stmt, strings, JsonRows};

pub const FORMAT: &str = "rubric-backup/1";

/// Tables never copied: secrets that should not outlive the system they were issued by, and
/// the migrations' own bookkeeping.
const SKIPPED: &[&str] = &["sessions", "seaql_migrations"];
/// Rows inserted per statement on restore.
const BATCH: usize = 500;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    pub format: String,
    pub backend: String,
    pub rubric_version: String,
    pub created_at: String,
    pub migrations: Vec<String>,
    /// Every copied table with its row count, in the order the file holds them.
    pub tables: Vec<(String, u64)>,
}

/// What a backup or a restore did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub header: Header,
    pub rows: u64,
    pub bytes: u64,
}

fn backend_name(b: DbBackend) -> &'static str {
    match b {
        DbBackend::Postgres => "postgres",
        DbBackend::Sqlite => "sqlite",
        _ => "other",
    }
}

/// Every table of the current schema, the migrations' own included.
async fn all_tables(db: &impl ConnectionTrait) -> Result<Vec<String>> {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        _ => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
    };
    Ok(strings(db, sql).await?)
}

/// The data tables of the current schema.
async fn tables(db: &impl ConnectionTrait) -> Result<Vec<String>> {
    Ok(all_tables(db)
        .await?
        .into_iter()
        .filter(|t| !SKIPPED.contains(&t.as_str()))
        .collect())
}

/// (table, table it refers to) for every foreign key of the current schema.
async fn foreign_keys(
    db: &impl ConnectionTrait,
    tables: &[String],
) -> Result<Vec<(String, String)>> {
    let mut edges = Vec::new();
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            for t in tables {
                let sql = format!(
                    "SELECT \"table\" FROM pragma_foreign_key_list('{}')",
                    t.replace('\'', "''")
                );
                for parent in strings(db, &sql).await? {
                    edges.push((t.clone(), parent));
                }
            }
        }
        _ => {
            let sql = "SELECT cl.relname::text, pa.relname::text FROM pg_constraint c \
                       JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid \
                       WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace";
            for r in db.query_all_raw(stmt(db, sql)).await? {
                edges.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?));
            }
        }
    }
    Ok(edges)
}

/// The tables ordered so that each comes after the tables it refers to (a table referring to
/// itself is ordered by its own primary key instead); ties by name.
pub fn dependency_order(tables: &[String], edges: &[(String, String)]) -> Result<Vec<String>> {
    let set: BTreeSet<&str> = tables.iter().map(String::as_str).collect();
    let mut parents: BTreeMap<&str, BTreeSet<&str>> = tables
        .iter()
        .map(|t| (t.as_str(), BTreeSet::new()))
        .collect();
    for (child, parent) in edges {
        if child != parent && set.contains(child.as_str()) && set.contains(parent.as_str()) {
            parents
                .get_mut(child.as_str())
                .expect("child is a table")
                .insert(parent.as_str());
        }
    }
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut order = Vec::with_capacity(tables.len());
    while order.len() < tables.len() {
        let ready: Vec<&str> = parents
            .iter()
            .filter(|(t, ps)| !done.contains(*t) && ps.iter().all(|p| done.contains(p)))
            .map(|(t, _)| *t)
            .collect();
        if ready.is_empty() {
            let left: Vec<&str> = parents
                .keys()
                .filter(|t| !done.contains(*t))
                .copied()
                .collect();
            bail!("the tables' foreign keys form a cycle: {}", left.join(", "));
        }
        for t in ready {
            done.insert(t);
            order.push(t.to_string());
        }
    }
    Ok(order)
}

/// The migrations applied to this database, in order (none on a database never migrated).
async fn applied_migrations(db: &impl ConnectionTrait) -> Result<Vec<String>> {
    let exists = all_tables(db)
        .await?
        .iter()
        .any(|t| t == "seaql_migrations");
    if !exists {
        return Ok(Vec::new());
    }
    Ok(strings(db, "SELECT version FROM seaql_migrations ORDER BY version").await?)
}

fn known_migrations() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect()
}

/// Writes the lines it is given to a gzip file, hashing them, on its own thread.
struct Writer {
    tx: std::sync::mpsc::SyncSender<String>,
    handle: std::thread::JoinHandle<Result<u64>>,
}

impl Writer {
    fn start(path: PathBuf) -> Result<Writer> {
        let file =
            create_private(&path).with_context(|| format!("cannot create {}", path.display()))?;
        let (tx, rx) = std::sync::mpsc::sync_channel::<String>(1024);
        let handle = std::thread::spawn(move || -> Result<u64> {
            let mut out = flate2::write::GzEncoder::new(
                BufWriter::with_capacity(1 << 20, file),
                flate2::Compression::new(6),
            );
            let mut hash = Sha256::new();
            for line in rx {
                hash.update(line.as_bytes());
                hash.update(b"\n");
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
            }
            let end = serde_json::to_string(&("end", hex::encode(hash.finalize())))?;
            out.write_all(end.as_bytes())?;
            out.write_all(b"\n")?;
            let file = out.finish()?.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            Ok(file.metadata()?.len())
        });
        Ok(Writer { tx, handle })
    }

    fn send(&self, line: String) -> Result<()> {
        self.tx
            .send(line)
            .map_err(|_| anyhow!("the backup file's writer stopped"))
    }

    fn finish(self) -> Result<u64> {
        drop(self.tx);
        self.handle
            .join()
            .map_err(|_| anyhow!("the backup file's writer panicked"))?
    }
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::create(path)
}

/// Writes a backup of `db` to `to`: first to `to` + `.partial`, renamed when complete, so a
/// failed backup never replaces a good one. The file is readable by its owner only (it holds
/// password hashes and personal data).
pub async fn backup(db: &DatabaseConnection, to: &Path) -> Result<Summary> {
    let backend = db.get_database_backend();
    let txn = match backend {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        _ => db.begin().await?,
    };
    // The first read fixes the snapshot: everything below reads the same instant.
    let migrations = applied_migrations(&txn).await?;
    let names = tables(&txn).await?;
    let edges = foreign_keys(&txn, &names).await?;
    let order = dependency_order(&names, &edges)?;
    let mut counted = Vec::with_capacity(order.len());
    for t in &order {
        counted.push((t.clone(), count(&txn, t).await?));
    }
    let header = Header {
        format: FORMAT.to_string(),
        backend: backend_name(backend).to_string(),
        rubric_version: env!("CARGO_PKG_VERSION").to_string(),
        created_at: chrono::Utc::now().to_rfc3339(),
        migrations,
        tables: counted,
    };
    let partial = partial_path(to);
    let writer = Writer::start(partial.clone())?;
    let rows = write_rows(&txn, &header, &writer).await;
    txn.rollback().await.ok();
    let result = match rows {
        Ok(rows) => writer.finish().map(|bytes| (rows, bytes)),
        Err(e) => {
            let _ = writer.finish();
            Err(e)
        }
    };
    match result {
        Ok((rows, bytes)) => {
            std::fs::rename(&partial, to).with_context(|| {
                format!("cannot rename {} to {}", partial.display(), to.display())
            })?;
            Ok(Summary {
                header,
                rows,
                bytes,
            })
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn partial_path(to: &Path) -> PathBuf {
    let mut name = to.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    to.with_file_name(name)
}

async fn write_rows(txn: &DatabaseTransaction, header: &Header, writer: &Writer) -> Result<u64> {
    use sea_orm::StreamTrait;
    writer.send(serde_json::to_string(header)?)?;
    let mut total = 0u64;
    for (table, expected) in &header.tables {
        writer.send(serde_json::to_string(&("table", table))?)?;
        let sql = JsonRows::exact(table).sql(txn).await?;
        let mut stream = txn.stream_raw(stmt(txn, sql)).await?;
        let mut n = 0u64;
        while let Some(row) = stream.try_next().await? {
            writer.send(row.try_get_by_index::<String>(0)?)?;
            n += 1;
        }
        if n != *expected {
            bail!("{table}: counted {expected} rows but read {n} in the same snapshot");
        }
        total += n;
    }
    Ok(total)
}

/// One line of a backup file, as the reader thread hands it over.
enum Item {
    Table(String),
    Row(String),
}

/// Reads a backup file on its own thread: the header first, then tables and rows, checking
/// that each row is a JSON object and, at the end, the hash.
struct Reader {
    rx: tokio::sync::mpsc::Receiver<Result<Item>>,
    handle: std::thread::JoinHandle<()>,
}

fn open_backup(path: &Path) -> Result<impl BufRead> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(BufReader::with_capacity(
        1 << 20,
        flate2::read::GzDecoder::new(BufReader::new(file)),
    ))
}

fn read_line(input: &mut impl BufRead, buf: &mut String) -> Result<bool> {
    buf.clear();
    let n = input
        .read_line(buf)
        .context("the backup file cannot be read (not a Rubric backup, or damaged)")?;
    if n == 0 {
        return Ok(false);
    }
    if buf.ends_with('\n') {
        buf.pop();
    } else {
        bail!("the backup file is truncated (its last line is incomplete)");
    }
    Ok(true)
}

/// The header of a backup file.
pub fn read_header(path: &Path) -> Result<Header> {
    let mut input = open_backup(path)?;
    let mut line = String::new();
    if !read_line(&mut input, &mut line)? {
        bail!("the backup file is empty");
    }
    parse_header(&line)
}

fn parse_header(line: &str) -> Result<Header> {
    let header: Header = serde_json::from_str(line)
        .map_err(|_| anyhow!("not a Rubric backup file (its first line is not a backup header)"))?;
    if header.format != FORMAT {
        bail!(
            "unsupported backup format '{}' (this Rubric reads '{FORMAT}')",
            header.format
        );
    }
    Ok(header)
}

impl Reader {
    fn start(path: &Path) -> Result<(Header, Reader)> {
        let mut input = open_backup(path)?;
        let mut line = String::new();
        if !read_line(&mut input, &mut line)? {
            bail!("the backup file is empty");
        }
        let header = parse_header(&line)?;
        let mut hash = Sha256::new();
        hash.update(line.as_bytes());
        hash.update(b"\n");
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<Item>>(4096);
        let handle = std::thread::spawn(move || {
            let result = (|| -> Result<()> {
                let mut line = String::new();
                loop {
                    if !read_line(&mut input, &mut line)? {
                        bail!("the backup file is truncated (no end line)");
                    }
                    // Rows are JSON objects; the table and end lines are pairs.
                    let item = if line.starts_with('[') {
                        let (kind, value): (String, String) = serde_json::from_str(&line)
                            .context("the backup file has a bad table or end line")?;
                        if kind == "table" {
                            Item::Table(value)
                        } else if kind != "end" {
                            bail!("the backup file has a line of unknown kind '{kind}'");
                        } else if value != hex::encode(hash.clone().finalize()) {
                            bail!("the backup file is damaged: its content does not match its checksum");
                        } else if read_line(&mut input, &mut line)? {
                            bail!("the backup file has data after its end line");
                        } else {
                            return Ok(());
                        }
                    } else {
                        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&line)
                            .context("the backup file has a row that is not a JSON object")?;
                        Item::Row(line.clone())
                    };
                    hash.update(line.as_bytes());
                    hash.update(b"\n");
                    if tx.blocking_send(Ok(item)).is_err() {
                        return Ok(());
                    }
                }
            })();
            if let Err(e) = result {
                let _ = tx.blocking_send(Err(e));
            }
        });
        Ok((header, Reader { rx, handle }))
    }
}

/// Restores `from` into `db`, which must be empty (never migrated, or migrated with no data).
/// Nothing is kept unless everything is: one transaction.
pub async fn restore(db: &DatabaseConnection, from: &Path) -> Result<Summary> {
    let backend = db.get_database_backend();
    let bytes = std::fs::metadata(from)
        .with_context(|| format!("cannot open {}", from.display()))?
        .len();
    let (header, mut reader) = Reader::start(from)?;
    if header.backend != backend_name(backend) {
        bail!(
            "this backup is of a {} database; it restores into {} only",
            header.backend,
            header.backend
        );
    }
    let known = known_migrations();
    if header.migrations.len() > known.len()
        || known[..header.migrations.len()] != header.migrations[..]
    {
        bail!(
            "this backup was made by a newer or different Rubric (its schema has migrations this one does not know); restore it with the Rubric that made it ({})",
            header.rubric_version
        );
    }
    let applied = applied_migrations(db).await?;
    if applied.is_empty() {
        Migrator::up(db, Some(header.migrations.len() as u32)).await?;
    } else if applied != header.migrations {
        bail!(
            "the database is not empty: its schema is at {} migrations, the backup's at {}; restore into an empty database",
            applied.len(),
            header.migrations.len()
        );
    }

    let txn = db.begin().await?;
    if backend == DbBackend::Sqlite {
        // Rows of a table referring to itself may come in any order; checked at commit.
        txn.execute_unprepared("PRAGMA defer_foreign_keys = ON")
            .await?;
    }
    let present = tables(&txn).await?;
    for t in &present {
        // The migrations put the audit trail's head row in; the backup's replaces it.
        if t != "audit_head" && count(&txn, t).await? > 0 {
            bail!("the database is not empty ({t} has rows): a backup is restored into an empty database only");
        }
    }
    let wanted: BTreeSet<&str> = header.tables.iter().map(|(t, _)| t.as_str()).collect();
    let missing: Vec<&str> = present
        .iter()
        .map(String::as_str)
        .filter(|t| !wanted.contains(t))
        .collect();
    let unknown: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|t| !present.iter().any(|p| p == t))
        .collect();
    if !unknown.is_empty() {
        bail!(
            "the backup has tables this schema does not: {}",
            unknown.join(", ")
        );
    }
    if !missing.is_empty() {
        bail!(
            "the backup lacks tables this schema has: {}",
            missing.join(", ")
        );
    }
    txn.execute_unprepared("DELETE FROM audit_head").await?;
    // A table referring to itself (units: their parent) is inserted in one statement, so
    // that PostgreSQL checks its rows' references once all of them are in, whatever their
    // order (a unit moved under a newer one has a higher id than its children).
    let self_referencing: BTreeSet<String> = foreign_keys(&txn, &present)
        .await?
        .into_iter()
        .filter(|(child, parent)| child == parent)
        .map(|(t, _)| t)
        .collect();

    let mut current: Option<Inserter> = None;
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = 0u64;
    while let Some(item) = reader.rx.recv().await {
        match item? {
            Item::Table(t) => {
                if let Some(ins) = current.take() {
                    ins.flush(&txn).await?;
                }
                if !wanted.contains(t.as_str()) || seen.contains_key(&t) {
                    bail!("the backup file names table {t} where the header does not");
                }
                seen.insert(t.clone(), 0);
                current = Some(Inserter::new(&txn, t).await?);
            }
            Item::Row(row) => {
                let ins = current
                    .as_mut()
                    .ok_or_else(|| anyhow!("the backup file has a row before any table"))?;
                *seen.get_mut(&ins.table).expect("seen") += 1;
                total += 1;
                ins.rows.push(row);
                if ins.rows.len() >= BATCH && !self_referencing.contains(&ins.table) {
                    ins.flush_batch(&txn).await?;
                }
            }
        }
    }
    if let Some(ins) = current.take() {
        ins.flush(&txn).await?;
    }
    // The reader ends its channel after the end line, or after sending its error.
    let _ = reader.handle.join();

    for (table, expected) in &header.tables {
        let in_file = seen.get(table).copied().unwrap_or(0);
        let in_db = count(&txn, table).await?;
        if in_file != *expected || in_db != *expected {
            bail!("{table}: the header counts {expected} rows, the file holds {in_file}, the database now {in_db}");
        }
    }
    if backend == DbBackend::Postgres {
        for (table, _) in &header.tables {
            let has_id = !strings(
                &txn,
                &format!(
                    "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() \
                     AND table_name = '{}' AND column_name = 'id'",
                    table.replace('\'', "''")
                ),
            )
            .await?
            .is_empty();
            if has_id {
                let t = quote(table).replace('\'', "''");
                txn.execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {q}), 0) + 1, false) \
                     WHERE pg_get_serial_sequence('{t}', 'id') IS NOT NULL",
                    q = quote(table)
                ))
                .await?;
            }
        }
    }
    txn.commit().await?;
    if header.migrations.len() < known.len() {
        Migrator::up(db, None).await?;
    }
    Ok(Summary {
        header,
        rows: total,
        bytes,
    })
}

/// Every table of the header holds the header's row count.
pub async fn check_counts(db: &impl ConnectionTrait, header: &Header) -> Result<()> {
    let mut wrong = Vec::new();
    for (table, expected) in &header.tables {
        let n = count(db, table).await?;
        if n != *expected {
            wrong.push(format!("{table}: {n} rows, the backup {expected}"));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        bail!("{}", wrong.join("; "))
    }
}

struct Inserter {
    table: String,
    sql: String,
    rows: Vec<String>,
}

impl Inserter {
    async fn new(txn: &DatabaseTransaction, table: String) -> Result<Inserter> {
        let sql = match txn.get_database_backend() {
            DbBackend::Sqlite => {
                let columns = sqlite_columns(txn, &table).await?;
                let names: Vec<String> = columns.iter().map(|c| quote(&c.name)).collect();
                let values: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        let path = format!("'$.\"{}\"'", c.name.replace('\'', "''").replace('"', "\\\""));
                        let v = format!("json_extract(value, {path})");
                        if c.is_blob() {
                            format!("CASE WHEN json_type(value, {path}) = 'text' AND substr({v}, 1, 2) = '\\x' THEN unhex(substr({v}, 3)) ELSE {v} END")
                        } else {
                            v
                        }
                    })
                    .collect();
                format!(
                    "INSERT INTO {} ({}) SELECT {} FROM json_each(?) ORDER BY key",
                    quote(&table),
                    names.join(", "),
                    values.join(", ")
                )
            }
            _ => format!(
                "INSERT INTO {q} SELECT * FROM json_populate_recordset(NULL::{q}, $1::json)",
                q = quote(&table)
            ),
        };
        Ok(Inserter {
            table,
            sql,
            rows: Vec::with_capacity(BATCH),
        })
    }

    async fn flush_batch(&mut self, txn: &DatabaseTransaction) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let json = format!("[{}]", self.rows.join(","));
        self.rows.clear();
        txn.execute_raw(Statement::from_sql_and_values(
            txn.get_database_backend(),
            self.sql.clone(),
            [json.into()],
        ))
        .await
        .with_context(|| format!("restoring {}", self.table))?;
        Ok(())
    }

    async fn flush(mut self, txn: &DatabaseTransaction) -> Result<()> {
        self.flush_batch(txn).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn tables_come_after_what_they_refer_to() {
        let tables = s(&["scores", "units", "users", "entries"]);
        let edges = vec![
            ("users".into(), "units".into()),
            ("units".into(), "units".into()),
            ("entries".into(), "users".into()),
            ("scores".into(), "users".into()),
            ("scores".into(), "entries".into()),
        ];
        let order = dependency_order(&tables, &edges).expect("order");
        assert_eq!(order, s(&["units", "users", "entries", "scores"]));
        let cycle = vec![("a".into(), "b".into()), ("b".into(), "a".into())];
        let err = dependency_order(&s(&["a", "b"]), &cycle).expect_err("cycle");
        assert!(err.to_string().contains("cycle"), "{err}");
    }

    #[test]
    fn a_partial_file_sits_beside_the_target() {
        assert_eq!(
            partial_path(Path::new("/var/backups/rubric.gz")),
            PathBuf::from("/var/backups/rubric.gz.partial")
        );
    }

    #[test]
    fn a_header_of_another_format_is_refused() {
        let mut h = Header {
            format: FORMAT.into(),
            backend: "sqlite".into(),
            rubric_version: "0.1.0".into(),
            created_at: "2026-12-04T00:00:00Z".into(),
            migrations: vec![],
            tables: vec![("units".into(), 3)],
        };
        let line = serde_json::to_string(&h).expect("json");
        assert_eq!(parse_header(&line).expect("header"), h);
        h.format = "rubric-backup/9".into();
        let line = serde_json::to_string(&h).expect("json");
        assert!(parse_header(&line).is_err());
        assert!(parse_header("{\"units\": 1}").is_err());
        assert!(parse_header("PK\u{3}\u{4}").is_err());
    }
}
