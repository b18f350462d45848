//! Rows as JSON, read by the database itself, on SQLite and PostgreSQL alike: the backup
//! (`rubric backup`) and an officer's download of their personal data read tables this way.
//!
//! PostgreSQL writes a row with `row_to_json` (or `to_jsonb` less some columns); SQLite with
//! `json_object` over the table's columns, blobs as `\x` + hex as PostgreSQL writes `bytea`,
//! and, for an exact copy, reals as text of 17 significant digits (`json_object` keeps 15).

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// A quoted SQL identifier.
pub fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// A statement of this connection's dialect.
pub fn stmt(db: &impl ConnectionTrait, sql: impl Into<String>) -> Statement {
    Statement::from_string(db.get_database_backend(), sql.into())
}

/// The first column of every row, as text.
pub async fn strings(db: &impl ConnectionTrait, sql: &str) -> Result<Vec<String>, DbErr> {
    db.query_all_raw(stmt(db, sql))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect()
}

/// How many rows a table holds.
pub async fn count(db: &impl ConnectionTrait, table: &str) -> Result<u64, DbErr> {
    let sql = format!("SELECT COUNT(*) FROM {}", quote(table));
    let row = db
        .query_one_raw(stmt(db, sql))
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no count for {table}")))?;
    Ok(row.try_get_by_index::<i64>(0)? as u64)
}

/// A SQLite column and its declared type, upper-cased.
pub struct Column {
    pub name: String,
    pub kind: String,
}

impl Column {
    pub fn is_real(&self) -> bool {
        ["REAL", "DOUB", "FLOA"]
            .iter()
            .any(|k| self.kind.contains(k))
    }

    pub fn is_blob(&self) -> bool {
        self.kind.contains("BLOB")
    }
}

/// A SQLite table's columns, in order.
pub async fn sqlite_columns(db: &impl ConnectionTrait, table: &str) -> Result<Vec<Column>, DbErr> {
    let sql = format!(
        "SELECT name, upper(type) FROM pragma_table_info('{}') ORDER BY cid",
        table.replace('\'', "''")
    );
    db.query_all_raw(stmt(db, sql))
        .await?
        .iter()
        .map(|r| {
            Ok(Column {
                name: r.try_get_by_index(0)?,
                kind: r.try_get_by_index(1)?,
            })
        })
        .collect()
}

/// A table's primary-key columns, in order.
pub async fn primary_key(db: &impl ConnectionTrait, table: &str) -> Result<Vec<String>, DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => format!(
            "SELECT name FROM pragma_table_info('{}') WHERE pk > 0 ORDER BY pk",
            table.replace('\'', "''")
        ),
        _ => format!(
            "SELECT a.attname::text FROM pg_index i \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
             WHERE i.indrelid = '{}'::regclass AND i.indisprimary ORDER BY a.attnum",
            quote(table).replace('\'', "''")
        ),
    };
    strings(db, &sql).await
}

/// A query that reads a table's rows as one JSON object (text) each, in primary-key order.
pub struct JsonRows<'a> {
    table: &'a str,
    /// SQL condition on the table's columns (built by the caller from trusted parts only).
    filter: Option<String>,
    /// Columns left out (secrets: password hashes, token hashes).
    without: &'a [&'a str],
    /// Reals as exact text (a backup) rather than JSON numbers (a person's download).
    exact: bool,
}

impl<'a> JsonRows<'a> {
    /// Every row, every column, exactly (a backup).
    pub fn exact(table: &'a str) -> Self {
        JsonRows {
            table,
            filter: None,
            without: &[],
            exact: true,
        }
    }

    /// The rows matching `filter`, without the columns `without`.
    pub fn matching(table: &'a str, filter: String, without: &'a [&'a str]) -> Self {
        JsonRows {
            table,
            filter: Some(filter),
            without,
            exact: false,
        }
    }

    /// The SQL, for this connection's dialect.
    pub async fn sql(&self, db: &impl ConnectionTrait) -> Result<String, DbErr> {
        let pk = primary_key(db, self.table).await?;
        let order = if pk.is_empty() {
            String::new()
        } else {
            format!(
                " ORDER BY {}",
                pk.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
            )
        };
        let filter = self
            .filter
            .as_ref()
            .map(|f| format!(" WHERE {f}"))
            .unwrap_or_default();
        let table = quote(self.table);
        Ok(match db.get_database_backend() {
            DbBackend::Sqlite => {
                let fields: Vec<String> = sqlite_columns(db, self.table)
                    .await?
                    .iter()
                    .filter(|c| !self.without.contains(&c.name.as_str()))
                    .map(|c| {
                        let q = quote(&c.name);
                        let value = if self.exact && c.is_real() {
                            format!("CASE WHEN typeof({q}) = 'real' THEN printf('%!.17g', {q}) ELSE {q} END")
                        } else if c.is_blob() {
                            format!("CASE WHEN typeof({q}) = 'blob' THEN '\\x' || lower(hex({q})) ELSE {q} END")
                        } else {
                            q
                        };
                        format!("'{}', {value}", c.name.replace('\'', "''"))
                    })
                    .collect();
                format!(
                    "SELECT json_object({}) FROM {table}{filter}{order}",
                    fields.join(", ")
                )
            }
            _ if self.without.is_empty() => {
                format!("SELECT row_to_json(t)::text FROM {table} t{filter}{order}")
            }
            _ => {
                let drop: Vec<String> = self
                    .without
                    .iter()
                    .map(|c| format!("'{}'", c.replace('\'', "''")))
                    .collect();
                format!(
                    "SELECT (to_jsonb(t) - ARRAY[{}]::text[])::text FROM {table} t{filter}{order}",
                    drop.join(", ")
                )
            }
        })
    }

    /// The rows, as JSON texts.
    pub async fn read(&self, db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
        let sql = self.sql(db).await?;
        strings(db, &sql).await
    }
}
