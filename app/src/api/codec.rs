//! How every server function's result (and its error, [`AppError`](crate::error::AppError))
//! travels: JSON, exactly as server_fn's own `Json` sends it, but read in the browser from
//! text (`serde_json::from_str`) instead of from bytes (`from_slice`).
//!
//! The data a page was rendered with on the server is read from text when the page hydrates,
//! and serde_json writes a whole deserializer for each type and each kind of input it is
//! read from. With both kinds, every type a page reads was in the browser's wasm twice: the
//! size audit of the main wasm found 157 KB of code for bytes beside 151 KB for text (before
//! optimisation). Reading both from text keeps one.

use leptos::server_fn::codec::{JsonEncoding, Post};
use leptos::server_fn::{ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// JSON, read from text.
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = JsonEncoding::CONTENT_TYPE;
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    /// As server_fn's own JSON encoding writes it.
    fn encode(output: &T) -> Result<leptos::server_fn::Bytes, Self::Error> {
        <JsonEncoding as Encodes<T>>::encode(output)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: leptos::server_fn::Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

/// The output encoding every server function names: `output = crate::api::codec::Json`.
pub type Json = Post<JsonText>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes_and_refuses_what_is_not_json_text() {
        let value = (String::from("Nguyễn Văn A"), 2.5_f64, vec![Some(1), None]);
        let bytes = <JsonText as Encodes<_>>::encode(&value).unwrap();
        let back: (String, f64, Vec<Option<i32>>) = JsonText::decode(bytes).unwrap();
        assert_eq!(back, value);
        let bad: Result<String, _> = JsonText::decode(b"\"\xff\"".to_vec().into());
        assert!(bad.is_err());
        let bad: Result<String, _> = JsonText::decode(b"{".to_vec().into());
        assert!(bad.is_err());
    }

    /// A server function declared without this encoding would bring the second deserializer
    /// of its result (and of `AppError`) back into the browser's wasm, unseen.
    #[test]
    fn every_server_function_names_this_encoding() {
        let mut files = Vec::new();
        crate::text::rust_sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.len() > 20, "the sources were not found");
        let mut missing = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.starts_with("#[server(")
                    && !line.starts_with("#[server(default)]")
                    && !line.contains("output = crate::api::codec::Json")
                {
                    missing.push(format!("{}:{}", path.display(), n + 1));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "without `output = crate::api::codec::Json`: {missing:?}"
        );
    }
}
