//! The three texts of a rule set and their version hash.

use crate::error::RuleError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

/// File names of a rule set directory.
pub const SCRIPT_FILE: &str = "rule.rhai";
pub const PARAMS_FILE: &str = "params.json";
pub const CASES_FILE: &str = "cases.json";

/// A rule set as stored: the script, its parameter declarations, its test cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetSource {
    pub script: String,
    pub params_json: String,
    pub cases_json: String,
}

impl RuleSetSource {
    pub fn new(
        script: impl Into<String>,
        params_json: impl Into<String>,
        cases_json: impl Into<String>,
    ) -> Self {
        Self {
            script: script.into(),
            params_json: params_json.into(),
            cases_json: cases_json.into(),
        }
    }

    /// Reads `rule.rhai`, `params.json` and `cases.json` from a directory.
    pub fn from_dir(dir: &Path) -> Result<Self, RuleError> {
        Ok(Self {
            script: read_text(&dir.join(SCRIPT_FILE))?,
            params_json: read_text(&dir.join(PARAMS_FILE))?,
            cases_json: read_text(&dir.join(CASES_FILE))?,
        })
    }

    /// The version hash stored with every score: SHA-256 (hex) over the script
    /// text as is and the two JSON texts in canonical form (sorted keys, no
    /// insignificant whitespace), each length-prefixed. Reformatting a JSON file
    /// keeps the hash; any change to the script changes it.
    pub fn content_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"rubric-rules/v1\n");
        for (name, text) in [
            ("script", self.script.clone()),
            ("params", canonical_json(&self.params_json)),
            ("cases", canonical_json(&self.cases_json)),
        ] {
            hasher.update(format!("{name}:{}:", text.len()).as_bytes());
            hasher.update(text.as_bytes());
            hasher.update(b"\n");
        }
        hex::encode(hasher.finalize())
    }
}

/// Hex SHA-256 of a script's text: the key of the compiled-AST cache.
pub(crate) fn script_hash(script: &str) -> String {
    hex::encode(Sha256::digest(script.as_bytes()))
}

/// Reads a UTF-8 text file, with a typed error naming the file.
pub fn read_text(path: &Path) -> Result<String, RuleError> {
    let bytes = std::fs::read(path).map_err(|e| RuleError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| RuleError::Io {
        path: path.display().to_string(),
        message: format!(
            "tệp không phải UTF-8 hợp lệ (lỗi ở byte thứ {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Sorted-key, compact JSON; text that is not JSON is kept as is (tagged so it
/// cannot collide with a canonical form).
fn canonical_json(text: &str) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            let mut out = String::new();
            write_canonical(&value, &mut out);
            out
        }
        Err(_) => format!("\u{0}raw\u{0}{text}"),
    }
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_json_formatting_but_not_content() {
        let a = RuleSetSource::new("fn score(o, p, q) {}", r#"{"a": 1, "b": 2}"#, "[]");
        let b = RuleSetSource::new("fn score(o, p, q) {}", "{ \"b\": 2,\n \"a\": 1 }", "[ ]");
        assert_eq!(a.content_hash(), b.content_hash());
        assert_eq!(a.content_hash().len(), 64);
        let c = RuleSetSource::new("fn score(o, p, q) {}", r#"{"a": 1, "b": 3}"#, "[]");
        assert_ne!(a.content_hash(), c.content_hash());
        let d = RuleSetSource::new("fn score(o, p, q) { }", r#"{"a": 1, "b": 2}"#, "[]");
        assert_ne!(a.content_hash(), d.content_hash());
    }

    #[test]
    fn texts_cannot_shift_between_fields() {
        let a = RuleSetSource::new("x", "not json", "");
        let b = RuleSetSource::new("xnot json", "", "");
        assert_ne!(a.content_hash(), b.content_hash());
    }
}
