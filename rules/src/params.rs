//! Named, typed parameters of a rule set: weights, thresholds, coefficients.
//!
//! `params.json` maps each name to a declaration
//! `{type: "number"|"integer"|"bool", default, min?, max?, label_vi, label_en?,
//! grade?, grade_strict?}`.
//! Values can be overridden per scoring run or per test case without touching
//! the script; every value is checked against its type and bounds.
//!
//! `grade` marks a grade threshold: `"grade": "HTXSNV"` says the parameter is
//! the minimum total for that grade (`total >= value`); with
//! `"grade_strict": true` the total must be above it (`total > value`).
//! [`crate::boundary`] uses them to propose cases on either side of each
//! threshold.

use crate::error::ParamError;
use rhai::{Dynamic, Map as RhaiMap};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    Number,
    Integer,
    Bool,
}

/// A parameter value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    Bool(bool),
    Integer(i64),
    Number(f64),
}

impl ParamValue {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(Self::Bool(*b)),
            Value::Number(n) => n
                .as_i64()
                .map(Self::Integer)
                .or_else(|| n.as_f64().map(Self::Number)),
            _ => None,
        }
    }

    fn to_dynamic(self) -> Dynamic {
        match self {
            Self::Bool(b) => Dynamic::from_bool(b),
            Self::Integer(i) => Dynamic::from_int(i),
            Self::Number(x) => Dynamic::from_float(x),
        }
    }
}

/// Overrides for a scoring run: parameter name → value.
pub type ParamValues = BTreeMap<String, ParamValue>;

/// One declared parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamDecl {
    #[serde(rename = "type")]
    pub kind: ParamType,
    pub default: ParamValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub label_vi: String,
    #[serde(default)]
    pub label_en: String,
    /// The grade this parameter is the threshold of (`HTXSNV`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// The grade needs a total above the value, not at least the value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grade_strict: bool,
}

impl ParamDecl {
    /// The grade threshold this parameter declares, if any.
    pub fn threshold(&self) -> Option<GradeThreshold<'_>> {
        self.grade.as_deref().map(|grade| GradeThreshold {
            grade,
            strict: self.grade_strict,
        })
    }
}

/// A parameter's meaning as a grade threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeThreshold<'a> {
    pub grade: &'a str,
    /// `total > value` rather than `total >= value`.
    pub strict: bool,
}

/// Longest grade code a parameter may name.
pub const MAX_GRADE_CODE_CHARS: usize = 16;

/// The parameter declarations of a rule set, by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParamDecls(pub BTreeMap<String, ParamDecl>);

const KNOWN_KEYS: [&str; 8] = [
    "type",
    "default",
    "min",
    "max",
    "label_vi",
    "label_en",
    "grade",
    "grade_strict",
];

impl ParamDecls {
    /// Parses and checks `params.json`.
    pub fn parse(json: &str) -> Result<Self, ParamError> {
        let value: Value = serde_json::from_str(json).map_err(|e| ParamError {
            name: None,
            message: format!(
                "params.json không phải JSON hợp lệ (dòng {}, cột {}): {e}",
                e.line(),
                e.column()
            ),
        })?;
        let Value::Object(map) = value else {
            return Err(ParamError {
                name: None,
                message: "params.json phải là một đối tượng: tên tham số → khai báo".into(),
            });
        };
        let mut decls = BTreeMap::new();
        let mut grades: BTreeMap<String, String> = BTreeMap::new();
        for (name, raw) in map {
            check_name(&name)?;
            let decl = parse_decl(&name, &raw)?;
            if let Some(grade) = &decl.grade {
                if let Some(other) = grades.insert(grade.clone(), name.clone()) {
                    return Err(ParamError::named(
                        &name,
                        format!("xếp loại `{grade}` đã là ngưỡng của tham số `{other}`"),
                    ));
                }
            }
            decls.insert(name, decl);
        }
        Ok(Self(decls))
    }

    /// Iterates over the declarations in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &ParamDecl)> {
        self.0.iter()
    }

    /// The effective values: defaults with `overrides` applied, all checked.
    pub fn resolve(&self, overrides: &ParamValues) -> Result<ParamValues, ParamError> {
        if let Some(unknown) = overrides.keys().find(|k| !self.0.contains_key(*k)) {
            return Err(ParamError::named(
                unknown,
                "không có trong khai báo tham số của bộ quy tắc",
            ));
        }
        let mut values = BTreeMap::new();
        for (name, decl) in &self.0 {
            let value = overrides.get(name).copied().unwrap_or(decl.default);
            values.insert(name.clone(), coerce(name, decl, value)?);
        }
        Ok(values)
    }

    /// Parses overrides given as JSON (test cases, CLI) and resolves them.
    pub fn resolve_json(
        &self,
        overrides: &serde_json::Map<String, Value>,
    ) -> Result<ParamValues, ParamError> {
        let mut values = ParamValues::new();
        for (name, raw) in overrides {
            let value = ParamValue::from_json(raw)
                .ok_or_else(|| ParamError::named(name, "giá trị phải là số hoặc true/false"))?;
            values.insert(name.clone(), value);
        }
        self.resolve(&values)
    }
}

/// The resolved values as the map a script receives as `params`.
pub(crate) fn to_rhai_map(values: &ParamValues) -> RhaiMap {
    values
        .iter()
        .map(|(name, value)| (name.as_str().into(), value.to_dynamic()))
        .collect()
}

fn check_name(name: &str) -> Result<(), ParamError> {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !starts_well || !rest_ok || name.len() > 64 {
        return Err(ParamError::named(
            name,
            "tên tham số chỉ gồm chữ thường a-z, chữ số và dấu _, bắt đầu bằng chữ, tối đa 64 ký tự",
        ));
    }
    Ok(())
}

fn parse_decl(name: &str, raw: &Value) -> Result<ParamDecl, ParamError> {
    let Value::Object(fields) = raw else {
        return Err(ParamError::named(name, "khai báo phải là một đối tượng"));
    };
    if let Some(unknown) = fields.keys().find(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        return Err(ParamError::named(
            name,
            format!(
                "khóa `{unknown}` không được hỗ trợ (chỉ dùng: {})",
                KNOWN_KEYS.join(", ")
            ),
        ));
    }
    let decl: ParamDecl = serde_json::from_value(raw.clone())
        .map_err(|e| ParamError::named(name, format!("khai báo không hợp lệ: {e}")))?;
    if decl.label_vi.trim().is_empty() {
        return Err(ParamError::named(name, "thiếu nhãn tiếng Việt `label_vi`"));
    }
    for bound in [decl.min, decl.max].into_iter().flatten() {
        if !bound.is_finite() {
            return Err(ParamError::named(name, "min/max phải là số hữu hạn"));
        }
    }
    if decl.kind == ParamType::Bool && (decl.min.is_some() || decl.max.is_some()) {
        return Err(ParamError::named(
            name,
            "tham số kiểu bool không có min/max",
        ));
    }
    check_grade(name, &decl)?;
    if let (Some(min), Some(max)) = (decl.min, decl.max) {
        if min > max {
            return Err(ParamError::named(
                name,
                format!("min ({min}) lớn hơn max ({max})"),
            ));
        }
    }
    coerce(name, &decl, decl.default)
        .map_err(|e| ParamError::named(name, format!("giá trị mặc định: {}", e.message)))?;
    Ok(decl)
}

fn check_grade(name: &str, decl: &ParamDecl) -> Result<(), ParamError> {
    let Some(grade) = &decl.grade else {
        if decl.grade_strict {
            return Err(ParamError::named(
                name,
                "`grade_strict` chỉ dùng cùng với `grade`",
            ));
        }
        return Ok(());
    };
    if decl.kind == ParamType::Bool {
        return Err(ParamError::named(
            name,
            "chỉ tham số kiểu number hoặc integer mới là ngưỡng xếp loại (`grade`)",
        ));
    }
    if grade.trim().is_empty() || grade.trim() != grade {
        return Err(ParamError::named(
            name,
            "`grade` phải là mã xếp loại không rỗng, không có khoảng trắng ở đầu hoặc cuối",
        ));
    }
    if grade.chars().count() > MAX_GRADE_CODE_CHARS {
        return Err(ParamError::named(
            name,
            format!("`grade` dài quá {MAX_GRADE_CODE_CHARS} ký tự"),
        ));
    }
    Ok(())
}

/// Checks a value against a declaration, converting integers to numbers where declared.
fn coerce(name: &str, decl: &ParamDecl, value: ParamValue) -> Result<ParamValue, ParamError> {
    let coerced = match (decl.kind, value) {
        (ParamType::Bool, ParamValue::Bool(b)) => return Ok(ParamValue::Bool(b)),
        (ParamType::Integer, ParamValue::Integer(i)) => ParamValue::Integer(i),
        (ParamType::Number, ParamValue::Integer(i)) => ParamValue::Number(i as f64),
        (ParamType::Number, ParamValue::Number(x)) if x.is_finite() => ParamValue::Number(x),
        (kind, _) => {
            let expected = match kind {
                ParamType::Bool => "true/false",
                ParamType::Integer => "số nguyên",
                ParamType::Number => "số hữu hạn",
            };
            return Err(ParamError::named(name, format!("phải là {expected}")));
        }
    };
    let numeric = match coerced {
        ParamValue::Integer(i) => i as f64,
        ParamValue::Number(x) => x,
        ParamValue::Bool(_) => return Ok(coerced),
    };
    if let Some(min) = decl.min.filter(|min| numeric < *min) {
        return Err(ParamError::named(
            name,
            format!("{numeric} nhỏ hơn mức tối thiểu {min}"),
        ));
    }
    if let Some(max) = decl.max.filter(|max| numeric > *max) {
        return Err(ParamError::named(
            name,
            format!("{numeric} lớn hơn mức tối đa {max}"),
        ));
    }
    Ok(coerced)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLS: &str = r#"{
        "weight_quantity": {"type": "number", "default": 1, "min": 0, "max": 10, "label_vi": "Trọng số số lượng"},
        "cap_percent": {"type": "integer", "default": 20, "min": 0, "max": 100, "label_vi": "Tỷ lệ"},
        "strict": {"type": "bool", "default": false, "label_vi": "Chặt"}
    }"#;

    #[test]
    fn defaults_resolve_with_declared_types() {
        let decls = ParamDecls::parse(DECLS).expect("valid");
        let values = decls.resolve(&ParamValues::new()).expect("defaults");
        assert_eq!(values["weight_quantity"], ParamValue::Number(1.0));
        assert_eq!(values["cap_percent"], ParamValue::Integer(20));
        assert_eq!(values["strict"], ParamValue::Bool(false));
    }

    #[test]
    fn overrides_are_checked() {
        let decls = ParamDecls::parse(DECLS).expect("valid");
        let with =
            |name: &str, v: ParamValue| decls.resolve(&ParamValues::from([(name.to_string(), v)]));
        assert!(with("weight_quantity", ParamValue::Number(2.5)).is_ok());
        assert!(with("weight_quantity", ParamValue::Number(11.0)).is_err());
        assert!(with("weight_quantity", ParamValue::Number(f64::NAN)).is_err());
        assert!(with("cap_percent", ParamValue::Number(20.5)).is_err());
        assert!(with("strict", ParamValue::Integer(1)).is_err());
        assert!(with("unknown", ParamValue::Integer(1)).is_err());
    }

    #[test]
    fn grade_thresholds_are_declared_on_numbers() {
        let decls = ParamDecls::parse(
            r#"{"top": {"type": "number", "default": 90, "grade": "HTXSNV", "label_vi": "x"},
                "good": {"type": "integer", "default": 80, "grade": "HTTNV", "grade_strict": true, "label_vi": "y"},
                "w": {"type": "number", "default": 1, "label_vi": "z"}}"#,
        )
        .expect("valid");
        let threshold = |name: &str| decls.0[name].threshold();
        assert_eq!(
            threshold("top"),
            Some(GradeThreshold {
                grade: "HTXSNV",
                strict: false
            })
        );
        assert_eq!(
            threshold("good"),
            Some(GradeThreshold {
                grade: "HTTNV",
                strict: true
            })
        );
        assert_eq!(threshold("w"), None);
        // Declarations without a grade serialize as before.
        let w = serde_json::to_value(&decls.0["w"]).expect("json");
        assert!(w.get("grade").is_none() && w.get("grade_strict").is_none());
    }

    #[test]
    fn bad_declarations_are_rejected() {
        for bad in [
            r#"[]"#,
            r#"{"W": {"type": "number", "default": 1, "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1}}"#,
            r#"{"w": {"type": "number", "default": 5, "max": 1, "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1, "maximum": 1, "label_vi": "x"}}"#,
            r#"{"w": {"type": "text", "default": 1, "label_vi": "x"}}"#,
            r#"{"w": {"type": "bool", "default": true, "min": 0, "label_vi": "x"}}"#,
            r#"{"w": "#,
            r#"{"w": {"type": "bool", "default": true, "grade": "HTNV", "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1, "grade": "", "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1, "grade": "HOANTHANHXUATSAC1", "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1, "grade": 1, "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1, "grade_strict": true, "label_vi": "x"}}"#,
            r#"{"w": {"type": "number", "default": 1, "grade": "A", "label_vi": "x"},
                "v": {"type": "number", "default": 2, "grade": "A", "label_vi": "y"}}"#,
        ] {
            assert!(ParamDecls::parse(bad).is_err(), "accepted {bad}");
        }
    }
}
