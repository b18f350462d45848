//! Column values: a script computes over all of an officer's entries at once.
//!
//! `officer.entries` is an [`EntryList`]; its properties (`norm_minutes`,
//! `completed_qty`, `late`, …) are [`Column`]s, one number per entry in input
//! order. Arithmetic (`+ - * /`), `min`, `max` and `choose` work element-wise
//! between columns and with plain numbers; `sum` folds a column. This keeps a
//! formula written once per officer instead of once per entry, which is what
//! makes a province-month fast, and a column of weights is exactly what
//! `award` needs to attribute points to entries. `entries.rows()` gives the
//! same data as an array of maps for scripts that prefer loops.

use crate::host::{self, host_error};
use crate::input::Entry;
use rhai::{Array, Dynamic, Engine, EvalAltResult, Map as RhaiMap, INT};
use std::sync::Arc;

type Fallible<T> = Result<T, Box<EvalAltResult>>;

/// One number per entry.
#[derive(Debug, Clone)]
pub struct Column(pub(crate) Arc<[f64]>);

impl Column {
    /// Builds a column, charging its size to the evaluation's column budget:
    /// Rhai's own size limits do not see inside custom types.
    fn new(values: impl ExactSizeIterator<Item = f64>) -> Fallible<Column> {
        host::charge_column(values.len())?;
        Ok(Column(values.collect()))
    }

    pub(crate) fn values(&self) -> &[f64] {
        &self.0
    }

    fn map(&self, f: impl Fn(f64) -> f64) -> Fallible<Column> {
        Column::new(self.0.iter().map(|&x| f(x)))
    }

    fn same_len(&self, other: &Column) -> Fallible<()> {
        if self.0.len() != other.0.len() {
            return Err(host_error(format!(
                "hai cột có độ dài khác nhau ({} và {} phần tử)",
                self.0.len(),
                other.0.len()
            )));
        }
        Ok(())
    }

    fn zip(&self, other: &Column, f: impl Fn(f64, f64) -> f64) -> Fallible<Column> {
        self.same_len(other)?;
        Ok(Column(
            self.0
                .iter()
                .zip(other.0.iter())
                .map(|(&a, &b)| f(a, b))
                .collect(),
        ))
    }

    fn describe(&self) -> String {
        let shown: Vec<String> = self.0.iter().take(8).map(|x| x.to_string()).collect();
        let more = if self.0.len() > 8 { ", …" } else { "" };
        format!("cột[{}]({}{more})", self.0.len(), shown.join(", "))
    }
}

/// An officer's entries, as a script sees them.
#[derive(Debug, Clone)]
pub struct EntryList(pub(crate) Arc<[Entry]>);

impl EntryList {
    fn column(&self, f: impl Fn(&Entry) -> f64) -> Fallible<Column> {
        Column::new(self.0.iter().map(f))
    }

    fn rows(&self) -> Array {
        self.0
            .iter()
            .map(|e| Dynamic::from_map(entry_map(e)))
            .collect()
    }
}

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn entry_map(e: &Entry) -> RhaiMap {
    let text = |s: Option<String>| s.map_or(Dynamic::UNIT, |s| s.into());
    let mut map = RhaiMap::new();
    map.insert("id".into(), e.id.to_string().into());
    map.insert("date".into(), text(e.date.map(|d| d.to_string())));
    map.insert("task".into(), text(e.task.clone()));
    map.insert("norm_minutes".into(), e.norm_minutes.into());
    map.insert("coefficient".into(), e.coefficient.into());
    map.insert("assigned_qty".into(), e.assigned_qty.into());
    map.insert("completed_qty".into(), e.completed_qty.into());
    map.insert("deadline".into(), text(e.deadline.map(|d| d.to_string())));
    map.insert(
        "completed_on".into(),
        text(e.completed_on.map(|d| d.to_string())),
    );
    map.insert(
        "quality_failures".into(),
        INT::from(e.quality_failures).into(),
    );
    map.insert("delays".into(), INT::from(e.delays).into());
    map.insert("objective_cause".into(), e.objective_cause.into());
    map.insert("late".into(), e.completed_late().into());
    map
}

fn number(value: &Dynamic) -> Option<f64> {
    value
        .as_float()
        .ok()
        .or_else(|| value.as_int().ok().map(|i| i as f64))
}

/// A column or a number broadcast to the mask's length.
fn operand(value: &Dynamic, len: usize) -> Fallible<Column> {
    if let Some(column) = value.clone().try_cast::<Column>() {
        return Ok(column);
    }
    number(value)
        .ok_or_else(|| {
            host_error(format!(
                "choose cần cột hoặc số, nhận `{}`",
                value.type_name()
            ))
        })
        .and_then(|x| Column::new(std::iter::repeat_n(x, len)))
}

fn column_from_array(items: &mut Array) -> Fallible<Column> {
    items
        .iter()
        .map(|v| {
            number(v).ok_or_else(|| {
                host_error(format!(
                    "column(...) cần mảng số, có phần tử `{}`",
                    v.type_name()
                ))
            })
        })
        .collect::<Fallible<Vec<f64>>>()
        .and_then(|v| Column::new(v.into_iter()))
}

fn register_binary(engine: &mut Engine, name: &str, op: fn(f64, f64) -> f64) {
    engine.register_fn(name, move |a: Column, b: Column| a.zip(&b, op));
    engine.register_fn(name, move |a: Column, b: f64| a.map(|x| op(x, b)));
    engine.register_fn(name, move |a: f64, b: Column| b.map(|y| op(a, y)));
    engine.register_fn(name, move |a: Column, b: INT| a.map(|x| op(x, b as f64)));
    engine.register_fn(name, move |a: INT, b: Column| b.map(|y| op(a as f64, y)));
}

/// Registers the column and entry-list types and their functions.
pub(crate) fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Column>("Column");
    engine.register_type_with_name::<EntryList>("Entries");

    register_binary(engine, "+", |a, b| a + b);
    register_binary(engine, "-", |a, b| a - b);
    register_binary(engine, "*", |a, b| a * b);
    register_binary(engine, "/", |a, b| a / b);
    register_binary(engine, "max", f64::max);
    register_binary(engine, "min", f64::min);
    engine.register_fn("-", |a: Column| a.map(|x| -x));
    engine.register_fn("sum", |a: Column| a.values().iter().sum::<f64>());
    engine.register_fn("len", |a: &mut Column| a.values().len() as INT);
    engine.register_get("len", |a: &mut Column| a.values().len() as INT);
    engine.register_indexer_get(|a: &mut Column, i: INT| -> Fallible<f64> {
        usize::try_from(i)
            .ok()
            .and_then(|i| a.values().get(i).copied())
            .ok_or_else(|| {
                host_error(format!(
                    "chỉ số {i} nằm ngoài cột {} phần tử",
                    a.values().len()
                ))
            })
    });
    engine.register_fn(
        "choose",
        |mask: Column, a: Dynamic, b: Dynamic| -> Fallible<Column> {
            let len = mask.values().len();
            let (a, b) = (operand(&a, len)?, operand(&b, len)?);
            mask.same_len(&a)?;
            mask.same_len(&b)?;
            let (m, a, b) = (mask.values(), a.values(), b.values());
            Column::new((0..len).map(|i| if m[i] != 0.0 { a[i] } else { b[i] }))
        },
    );
    engine.register_fn("column", column_from_array);
    engine.register_fn("to_array", |a: Column| -> Array {
        a.values().iter().map(|&x| Dynamic::from_float(x)).collect()
    });
    engine.register_fn("to_string", |a: &mut Column| a.describe());
    engine.register_fn("to_debug", |a: &mut Column| a.describe());

    engine.register_get("norm_minutes", |e: &mut EntryList| {
        e.column(|x| x.norm_minutes)
    });
    engine.register_get("coefficient", |e: &mut EntryList| {
        e.column(|x| x.coefficient)
    });
    engine.register_get("assigned_qty", |e: &mut EntryList| {
        e.column(|x| x.assigned_qty)
    });
    engine.register_get("completed_qty", |e: &mut EntryList| {
        e.column(|x| x.completed_qty)
    });
    engine.register_get("quality_failures", |e: &mut EntryList| {
        e.column(|x| f64::from(x.quality_failures))
    });
    engine.register_get("delays", |e: &mut EntryList| {
        e.column(|x| f64::from(x.delays))
    });
    engine.register_get("objective_cause", |e: &mut EntryList| {
        e.column(|x| flag(x.objective_cause))
    });
    engine.register_get("late", |e: &mut EntryList| {
        e.column(|x| flag(x.completed_late()))
    });
    engine.register_get("completed", |e: &mut EntryList| {
        e.column(|x| flag(x.completed_on.is_some()))
    });
    engine.register_get("has_deadline", |e: &mut EntryList| {
        e.column(|x| flag(x.deadline.is_some()))
    });
    engine.register_get("ids", |e: &mut EntryList| -> Array {
        e.0.iter()
            .map(|x| Dynamic::from(x.id.to_string()))
            .collect()
    });
    engine.register_get("len", |e: &mut EntryList| e.0.len() as INT);
    engine.register_fn("len", |e: &mut EntryList| e.0.len() as INT);
    engine.register_fn("rows", |e: &mut EntryList| e.rows());
    engine.register_fn("to_string", |e: &mut EntryList| {
        format!("Entries[{}]", e.0.len())
    });
    engine.register_fn("to_debug", |e: &mut EntryList| {
        format!("Entries[{}]", e.0.len())
    });
}
