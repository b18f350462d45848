//! The API's reference page (`/api/v1/docs`), rendered on the server from the OpenAPI
//! document itself: every operation with its scope, parameters, body and answers, every
//! schema with its fields, and every problem `type` with its Vietnamese and English title.
//! No script and nothing from elsewhere: it works offline and under the strictest policy.

use std::fmt::Write;

use serde_json::Value;

use super::problem::Kind;
use crate::i18n::Locale;
use crate::text::escape_html as esc;

/// The page's own policy: inline styles only.
pub const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:1rem;color:#1b1b1b}\
code,pre{font-family:ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}\
pre{padding:.6em;overflow:auto}h2{border-bottom:1px solid #ccc;margin-top:2em}\
.op{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}\
.m{font-weight:700;text-transform:uppercase;margin-right:.5em}table{border-collapse:collapse;width:100%}\
td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}";

/// A schema's type, named as a reader would (`Problem`, `array of TaskOut`, `string (date)`).
fn type_of(s: &Value) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("<a href=\"#schema-{0}\">{0}</a>", esc(name));
    }
    if let Some(all) = s
        .get("oneOf")
        .or_else(|| s.get("anyOf"))
        .or_else(|| s.get("allOf"))
        .and_then(Value::as_array)
    {
        return all.iter().map(type_of).collect::<Vec<_>>().join(" | ");
    }
    let t = match s.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "any".into(),
    };
    if t.starts_with("array") {
        if let Some(items) = s.get("items") {
            return format!("array of {}", type_of(items));
        }
    }
    match s.get("format").and_then(Value::as_str) {
        Some(f) => format!("{} ({})", esc(&t), esc(f)),
        None => esc(&t),
    }
}

fn text(v: Option<&Value>) -> String {
    esc(v.and_then(Value::as_str).unwrap_or(""))
}

/// The page for `doc`.
pub fn page(doc: &utoipa::openapi::OpenApi) -> String {
    let doc = serde_json::to_value(doc).unwrap_or(Value::Null);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} — tài liệu API</title><style>{STYLE}</style></head><body>\
<h1>{title} <small>{version}</small></h1><p>{desc}</p>\
<p>Tài liệu OpenAPI 3.1 / OpenAPI 3.1 document: <a href=\"{json}\"><code>{json}</code></a>. \
Máy chủ / server: <code>{prefix}</code>.</p>\
<nav><a href=\"#operations\">Các thao tác / Operations</a> · <a href=\"#schemas\">Cấu trúc dữ liệu / Schemas</a> · \
<a href=\"#problems\">Lỗi / Problems</a></nav>",
        title = text(doc.pointer("/info/title")),
        version = text(doc.pointer("/info/version")),
        desc = text(doc.pointer("/info/description")),
        json = super::OPENAPI_PATH,
        prefix = super::PREFIX,
    );
    h.push_str("<h2 id=\"operations\">Các thao tác / Operations</h2>");
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                let _ = write!(
                    h,
                    "<section class=\"op\" id=\"op-{id}\"><h3><span class=\"m\">{m}</span><code>{prefix}{p}</code></h3><p>{d}</p>",
                    id = text(op.get("operationId")),
                    m = esc(method),
                    prefix = super::PREFIX,
                    p = esc(path),
                    d = text(op.get("description")),
                );
                if let Some(params) = op.get("parameters").and_then(Value::as_array) {
                    h.push_str("<table><tr><th>Tham số / Parameter</th><th>Ở / In</th><th>Kiểu / Type</th><th>Bắt buộc / Required</th><th>Mô tả / Description</th></tr>");
                    for p in params {
                        let _ = write!(
                            h,
                            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            text(p.get("name")),
                            text(p.get("in")),
                            p.get("schema").map(type_of).unwrap_or_default(),
                            if p.get("required").and_then(Value::as_bool).unwrap_or(false) { "✓" } else { "" },
                            text(p.get("description")),
                        );
                    }
                    h.push_str("</table>");
                }
                if let Some(body) = op.pointer("/requestBody/content/application~1json/schema") {
                    let _ = write!(h, "<p>Nội dung gửi / Request body: {}</p>", type_of(body));
                }
                h.push_str("<table><tr><th>Mã / Status</th><th>Nghĩa / Meaning</th><th>Nội dung / Body</th></tr>");
                if let Some(res) = op.get("responses").and_then(Value::as_object) {
                    for (status, r) in res {
                        let body = r
                            .get("content")
                            .and_then(Value::as_object)
                            .and_then(|c| c.iter().next())
                            .map(|(ct, m)| {
                                format!(
                                    "<code>{}</code> {}",
                                    esc(ct),
                                    m.get("schema").map(type_of).unwrap_or_default()
                                )
                            })
                            .unwrap_or_default();
                        let _ = write!(
                            h,
                            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                            esc(status),
                            text(r.get("description")),
                            body
                        );
                    }
                }
                h.push_str("</table></section>");
            }
        }
    }
    h.push_str("<h2 id=\"schemas\">Cấu trúc dữ liệu / Schemas</h2>");
    if let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for (name, s) in schemas {
            let _ = write!(
                h,
                "<section id=\"schema-{n}\"><h3><code>{n}</code></h3><p>{d}</p>",
                n = esc(name),
                d = text(s.get("description")),
            );
            if let Some(values) = s.get("enum").and_then(Value::as_array) {
                let list: Vec<String> = values
                    .iter()
                    .map(|v| format!("<code>{}</code>", esc(&v.to_string())))
                    .collect();
                let _ = write!(h, "<p>Một trong / One of: {}</p>", list.join(", "));
            }
            if let Some(props) = s.get("properties").and_then(Value::as_object) {
                let required: Vec<&str> = s
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                h.push_str("<table><tr><th>Trường / Field</th><th>Kiểu / Type</th><th>Bắt buộc / Required</th><th>Mô tả / Description</th></tr>");
                for (field, p) in props {
                    let _ = write!(
                        h,
                        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(field),
                        type_of(p),
                        if required.contains(&field.as_str()) {
                            "✓"
                        } else {
                            ""
                        },
                        text(p.get("description")),
                    );
                }
                h.push_str("</table>");
            }
            h.push_str("</section>");
        }
    }
    h.push_str(
        "<h2 id=\"problems\">Lỗi / Problems</h2><p>Mọi lỗi trả về <code>application/problem+json</code> (RFC 9457); \
<code>type</code> trỏ tới mục dưới đây. Every error is <code>application/problem+json</code> (RFC 9457) whose \
<code>type</code> links to its entry below. The title is Vietnamese unless the request sends \
<code>Accept-Language: en</code>.</p><table><tr><th>type</th><th>HTTP</th><th>Tiếng Việt</th><th>English</th></tr>",
    );
    for k in Kind::ALL {
        let _ = write!(
            h,
            "<tr id=\"problem-{code}\"><td><code>{uri}</code></td><td>{status}</td><td>{vi}</td><td>{en}</td></tr>",
            code = k.code(),
            uri = esc(&k.type_uri()),
            status = k.status().as_u16(),
            vi = esc(Locale::Vi.t(k.msg())),
            en = esc(Locale::En.t(k.msg())),
        );
    }
    h.push_str("</table></body></html>");
    h
}
