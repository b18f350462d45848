//! Turns Rhai's errors into [`RuleError`]s a rule author can act on.

use crate::error::{LimitError, RuleError, ScriptError, Stage};
use crate::host::HostError;
use crate::limits::{LimitKind, Limits};
use rhai::{EvalAltResult, LexError, ParseError, ParseErrorType, Position};

/// Who was being evaluated when an error happened.
#[derive(Clone, Copy)]
pub(crate) struct Subject<'a> {
    pub stage: Stage,
    pub officer: Option<&'a str>,
    pub cohort: Option<&'a str>,
}

fn line_col(pos: Position) -> (Option<u32>, Option<u32>) {
    let convert = |v: Option<usize>| v.and_then(|v| u32::try_from(v).ok());
    (convert(pos.line()), convert(pos.position()))
}

fn limit(kind: LimitKind, pos: Position, who: Subject, limits: &Limits) -> RuleError {
    let (line, column) = line_col(pos);
    RuleError::Limit(LimitError {
        limit: kind,
        value: limits.value_of(kind),
        stage: who.stage,
        line,
        column,
        officer: who.officer.map(str::to_string),
        cohort: who.cohort.map(str::to_string),
    })
}

fn script_error(message: String, pos: Position, who: Subject) -> ScriptError {
    let (line, column) = line_col(pos);
    ScriptError {
        stage: who.stage,
        line,
        column,
        message,
        officer: who.officer.map(str::to_string),
        cohort: who.cohort.map(str::to_string),
    }
}

/// Translates a compile error.
pub(crate) fn from_parse(err: &ParseError, limits: &Limits) -> RuleError {
    let who = Subject {
        stage: Stage::Compile,
        officer: None,
        cohort: None,
    };
    let pos = err.position();
    let message = match err.err_type() {
        ParseErrorType::ExprTooDeep => return limit(LimitKind::ExpressionDepth, pos, who, limits),
        ParseErrorType::TooManyFunctions => return limit(LimitKind::Functions, pos, who, limits),
        ParseErrorType::LiteralTooLarge(what, _) => {
            return limit(size_limit(what), pos, who, limits)
        }
        ParseErrorType::BadInput(LexError::StringTooLong(_)) => {
            return limit(LimitKind::StringSize, pos, who, limits)
        }
        other => parse_message(other),
    };
    RuleError::Compile(script_error(message, pos, who))
}

/// Which size limit Rhai's description of a too-large value or literal names.
fn size_limit(what: &str) -> LimitKind {
    if what.contains("array") {
        LimitKind::ArraySize
    } else if what.contains("map") {
        LimitKind::MapSize
    } else {
        LimitKind::StringSize
    }
}

fn forbidden(word: &str) -> Option<String> {
    let why = match word {
        "eval" => "chạy mã động bằng eval",
        "print" | "debug" => "in ra màn hình",
        "import" | "export" => "nạp module từ bên ngoài",
        _ => return None,
    };
    Some(format!(
        "`{word}` không được phép trong kịch bản chấm điểm (không cho phép {why})"
    ))
}

fn parse_message(err: &ParseErrorType) -> String {
    match err {
        ParseErrorType::BadInput(LexError::ImproperSymbol(word, _)) => {
            forbidden(word).unwrap_or_else(|| format!("ký hiệu không hợp lệ `{word}`"))
        }
        ParseErrorType::BadInput(LexError::UnterminatedString) => {
            "chuỗi chưa được đóng bằng dấu nháy".into()
        }
        ParseErrorType::BadInput(LexError::MalformedNumber(n)) => format!("số viết sai `{n}`"),
        ParseErrorType::BadInput(LexError::UnexpectedInput(s)) => {
            format!("ký tự không mong đợi `{s}`")
        }
        ParseErrorType::BadInput(other) => format!("lỗi từ vựng: {other}"),
        ParseErrorType::Reserved(word) => forbidden(word)
            .unwrap_or_else(|| format!("`{word}` là từ khóa dành riêng, không dùng làm tên")),
        ParseErrorType::UnexpectedEOF => {
            "kịch bản kết thúc đột ngột (thiếu dấu đóng ngoặc hoặc dấu `;`?)".into()
        }
        ParseErrorType::MissingToken(token, context) => {
            format!("thiếu `{token}` {}", translate_context(context))
        }
        ParseErrorType::MissingSymbol(symbol) => format!("thiếu ký hiệu `{symbol}`"),
        ParseErrorType::UnknownOperator(op) => format!("toán tử không hợp lệ `{op}`"),
        ParseErrorType::VariableUndefined(name) => {
            format!("biến `{name}` chưa được khai báo (dùng `let {name} = ...;` trước khi dùng)")
        }
        ParseErrorType::VariableExists(name) => format!("biến `{name}` đã được khai báo"),
        ParseErrorType::FnDuplicatedDefinition(name, n) => {
            format!("hàm `{name}` với {n} tham số được định nghĩa hai lần")
        }
        ParseErrorType::FnMissingBody(name) => format!("hàm `{name}` thiếu thân hàm {{ ... }}"),
        ParseErrorType::FnDuplicatedParam(f, p) => {
            format!("hàm `{f}` có hai tham số cùng tên `{p}`")
        }
        ParseErrorType::AssignmentToConstant(name) => {
            format!("không thể gán lại hằng `{name}`")
        }
        ParseErrorType::ExprExpected(what) => format!("cần một biểu thức ({what})"),
        other => format!("lỗi cú pháp: {other}"),
    }
}

fn translate_context(context: &str) -> String {
    if context.is_empty() {
        String::new()
    } else {
        format!("({context})")
    }
}

/// Translates a runtime error, following nested function calls to the line that failed.
pub(crate) fn from_eval(err: &EvalAltResult, who: Subject, limits: &Limits) -> RuleError {
    let mut current = err;
    let mut pos = err.position();
    let mut functions = Vec::new();
    while let EvalAltResult::ErrorInFunctionCall(name, _, inner, call_pos) = current {
        if !call_pos.is_none() {
            pos = *call_pos;
        }
        if name != "score" && name != "cohort" && !name.starts_with("anon$") {
            functions.push(name.clone());
        }
        current = inner;
    }
    if !current.position().is_none() {
        pos = current.position();
    }
    let kind = match current {
        EvalAltResult::ErrorTooManyOperations(_) => Some(LimitKind::Operations),
        EvalAltResult::ErrorStackOverflow(_) => Some(LimitKind::CallDepth),
        EvalAltResult::ErrorTooManyVariables(_) => Some(LimitKind::Variables),
        EvalAltResult::ErrorTooManyModules(_) => Some(LimitKind::Modules),
        EvalAltResult::ErrorTerminated(..) => Some(LimitKind::Deadline),
        EvalAltResult::ErrorDataTooLarge(what, _) => Some(size_limit(what)),
        EvalAltResult::ErrorRuntime(value, _) => value
            .clone()
            .try_cast::<HostError>()
            .and_then(|host| host.limit),
        _ => None,
    };
    if let Some(kind) = kind {
        return limit(kind, pos, who, limits);
    }
    let mut message = runtime_message(current);
    if let Some(innermost) = functions.last() {
        message.push_str(&format!(" (trong hàm `{innermost}`)"));
    }
    RuleError::Runtime(script_error(message, pos, who))
}

fn arithmetic(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("division by zero") || lower.contains("modulo") {
        format!("phép chia cho 0 ({message})")
    } else if lower.contains("overflow") {
        format!("tràn số nguyên ({message}); hãy dùng số thực, ví dụ 1.0 thay cho 1")
    } else {
        format!("lỗi số học: {message}")
    }
}

fn runtime_message(err: &EvalAltResult) -> String {
    match err {
        EvalAltResult::ErrorRuntime(value, _) => match value.clone().try_cast::<HostError>() {
            Some(host) => host.message,
            None => format!("kịch bản báo lỗi (throw): {value}"),
        },
        EvalAltResult::ErrorVariableNotFound(name, _) => {
            format!("biến `{name}` chưa được khai báo")
        }
        EvalAltResult::ErrorPropertyNotFound(name, _) => format!(
            "không có thuộc tính `{name}` (kiểm tra tên tham số, tiêu chí hoặc trường dữ liệu; \
             dùng `\"{name}\" in ...` để kiểm tra trước)"
        ),
        EvalAltResult::ErrorFunctionNotFound(signature, _) => format!(
            "không có hàm `{signature}` cho các kiểu tham số này (kiểm tra tên hàm, số và kiểu tham số)"
        ),
        EvalAltResult::ErrorIndexNotFound(index, _) => format!("không có phần tử `{index}`"),
        EvalAltResult::ErrorArrayBounds(len, index, _) => {
            format!("chỉ số {index} nằm ngoài mảng có {len} phần tử")
        }
        EvalAltResult::ErrorStringBounds(len, index, _) => {
            format!("chỉ số {index} nằm ngoài chuỗi có {len} ký tự")
        }
        EvalAltResult::ErrorMismatchDataType(expected, actual, _)
        | EvalAltResult::ErrorMismatchOutputType(expected, actual, _) => {
            format!("sai kiểu dữ liệu: cần `{expected}`, nhận `{actual}`")
        }
        EvalAltResult::ErrorArithmetic(message, _) => arithmetic(message),
        EvalAltResult::ErrorFor(_) => {
            "vòng lặp for chỉ dùng với mảng, khoảng số (a..b) hoặc chuỗi".into()
        }
        EvalAltResult::ErrorIndexingType(kind, _) => {
            format!("không lấy phần tử theo chỉ số được trên kiểu `{kind}`")
        }
        EvalAltResult::ErrorDotExpr(message, _) => format!("lỗi truy cập thuộc tính: {message}"),
        EvalAltResult::ErrorAssignmentToConstant(name, _) => {
            format!("không thể gán lại hằng `{name}`")
        }
        EvalAltResult::ErrorModuleNotFound(name, _) => {
            format!("không được nạp module `{name}` trong kịch bản chấm điểm")
        }
        EvalAltResult::ErrorUnboundThis(_) => "`this` không dùng được ở đây".into(),
        EvalAltResult::Exit(..) => "kịch bản không được dừng chương trình (exit)".into(),
        other => format!("lỗi khi chạy kịch bản: {other}"),
    }
}
