//! The readable Vietnamese table and traces of `rubric rules eval`.

use crate::engine::CompiledRuleSet;
use crate::input::ScoringInput;
use crate::numbers::format_vn;
use crate::result::{OfficerResult, Status, TraceItem};
use std::fmt::Write as _;
use std::path::Path;

/// Entries listed per trace item before summarising the rest.
const ENTRIES_SHOWN: usize = 5;

fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    if len >= width {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(width - len))
    }
}

fn pad_left(text: &str, width: usize) -> String {
    let len = text.chars().count();
    if len >= width {
        text.to_string()
    } else {
        format!("{}{text}", " ".repeat(width - len))
    }
}

fn period_kind(kind: &str) -> &str {
    match kind {
        "month" => "tháng",
        "quarter" => "quý",
        "half_year" | "half-year" => "sáu tháng",
        "year" => "năm",
        other => other,
    }
}

fn signed(points: f64) -> String {
    let text = format_vn(points, 2);
    if points >= 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

pub(super) fn render(
    rules_dir: &Path,
    rules: &CompiledRuleSet,
    input: &ScoringInput,
    results: &[OfficerResult],
) -> String {
    let mut s = String::new();
    let p = &input.period;
    let _ = writeln!(
        s,
        "Bộ quy tắc: {} (phiên bản {})",
        rules_dir.display(),
        &rules.content_hash()[..12]
    );
    let _ = writeln!(
        s,
        "Kỳ đánh giá: {} từ {} đến {} · {} cán bộ\n",
        period_kind(&p.kind),
        p.start,
        p.end,
        results.len()
    );
    let id_width = results
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    let _ = writeln!(
        s,
        "{}  {}  {}  {}  Xếp loại",
        pad("Mã cán bộ", id_width),
        pad("Họ tên", 24),
        pad("Trạng thái", 10),
        pad_left("Tổng điểm", 9)
    );
    for (officer, result) in input.officers.iter().zip(results) {
        let (status, total) = match (result.status, result.total) {
            (Status::Scored, Some(total)) => ("đã chấm", format_vn(total, 2)),
            _ => ("không chấm", "—".to_string()),
        };
        let _ = writeln!(
            s,
            "{}  {}  {}  {}  {}",
            pad(&result.id, id_width),
            pad(officer.name.as_deref().unwrap_or(""), 24),
            pad(status, 10),
            pad_left(&total, 9),
            result.grade.as_deref().unwrap_or("—")
        );
    }
    for (officer, result) in input.officers.iter().zip(results) {
        render_trace(&mut s, officer.name.as_deref(), result);
    }
    s
}

fn render_trace(s: &mut String, name: Option<&str>, result: &OfficerResult) {
    let who = match name {
        Some(name) => format!("{} — {name}", result.id),
        None => result.id.clone(),
    };
    let _ = writeln!(s, "\nGiải thích: {who}");
    if let Some(reason) = &result.reason {
        let _ = writeln!(s, "  Không chấm điểm: {reason}");
    }
    for item in result.trace.items() {
        render_item(s, item);
    }
    if let (Some(total), Some(grade)) = (result.total, &result.grade) {
        let _ = writeln!(
            s,
            "  Tổng cộng: {} điểm · xếp loại {grade}",
            format_vn(total, 2)
        );
    }
}

fn render_item(s: &mut String, item: &TraceItem) {
    let line = item
        .line
        .map_or_else(|| "        ".to_string(), |l| pad(&format!("dòng {l}"), 8));
    let _ = writeln!(
        s,
        "  {line}  {}  {}  {}",
        pad(&item.label, 28),
        pad_left(&signed(item.points), 8),
        item.explanation
    );
    if item.entries.is_empty() {
        return;
    }
    let shown: Vec<String> = item
        .entries
        .iter()
        .take(ENTRIES_SHOWN)
        .map(|e| {
            if item.points == 0.0 {
                e.id.to_string()
            } else {
                format!("{} ({})", e.id, signed(e.contribution))
            }
        })
        .collect();
    let rest = item.entries.len().saturating_sub(ENTRIES_SHOWN);
    let more = if rest > 0 {
        format!(" và {rest} công việc khác")
    } else {
        String::new()
    };
    let _ = writeln!(s, "            công việc: {}{more}", shown.join(", "));
}
