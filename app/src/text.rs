//! Text helpers shared by the browser and the server.

/// Lower-cases and strips Vietnamese diacritics, so that "bao cao" finds "Báo cáo" and
/// "dang ky" finds "Đăng ký".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            other => other,
        })
        .collect()
}

/// Whether every word of `query` occurs in `text`, ignoring case and diacritics.
pub fn matches(text: &str, query: &str) -> bool {
    let text = fold(text);
    fold(query)
        .split_whitespace()
        .all(|word| text.contains(word))
}

/// Escapes text for HTML: for the one place the renderer does not, a `<textarea>`'s
/// content, which views set with `inner_html=escape_html(..)` (see the test below).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, that some spreadsheets strip before looking for one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, past any apostrophes, starts as a formula would.
fn formula_like(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell for an export (CSV or XLSX): a cell that a spreadsheet would read as a
/// formula gets a leading apostrophe, which spreadsheets show as text and hide. A text that
/// already starts with apostrophes before such a character gets one more, so that
/// [`from_spreadsheet_cell`] gives every text back as it was.
pub fn spreadsheet_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The inverse of [`spreadsheet_cell`] for imports: a cell that was neutralised on export
/// reads back as it was.
pub fn from_spreadsheet_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => s,
    }
}

/// The Rust files under `dir`, at any depth, added to `out` (for the tests that read the
/// crate's own sources).
#[cfg(test)]
pub(crate) fn rust_sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(
            spreadsheet_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(spreadsheet_cell("+1"), "'+1");
        assert_eq!(spreadsheet_cell("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_cell("\t=1"), "'\t=1");
        assert_eq!(spreadsheet_cell("\r=1"), "'\r=1");
        assert_eq!(spreadsheet_cell("Báo cáo = 2"), "Báo cáo = 2");
        assert_eq!(spreadsheet_cell(""), "");
        assert_eq!(from_spreadsheet_cell("'=1"), "=1");
        assert_eq!(from_spreadsheet_cell("'abc"), "'abc");
        assert_eq!(spreadsheet_cell("'+"), "''+");
        assert_eq!(from_spreadsheet_cell("''+"), "'+");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("</textarea><script>alert('x')</script>&"),
            "&lt;/textarea&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
    }

    /// The renderer escapes text everywhere except inside `<textarea>` (and `<script>`,
    /// `<style>`): no view may give a textarea children; its text goes through
    /// `inner_html` escaped by [`escape_html`], or `prop:value`.
    #[test]
    fn no_textarea_has_children_in_any_view() {
        // Every view: pages, components and the shell.
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src.join("app.rs")];
        super::rust_sources(&src.join("pages"), &mut files);
        super::rust_sources(&src.join("components"), &mut files);
        assert!(files.len() > 20, "the sources were not found");
        let mut bad = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for (i, _) in text.match_indices("</textarea>") {
                if !text[..i].trim_end().ends_with('>') {
                    bad.push(format!(
                        "{}: {}",
                        f.display(),
                        &text[i.saturating_sub(60)..i]
                    ));
                }
            }
            for tag in ["<script", "<style"] {
                for (i, _) in text.match_indices(tag) {
                    let rest = &text[i..];
                    if rest.starts_with(&format!("{tag}>{{")) {
                        bad.push(format!("{}: {tag} with dynamic children", f.display()));
                    }
                }
            }
        }
        assert!(
            bad.is_empty(),
            "textareas with unescaped children: {bad:#?}"
        );
    }

    proptest! {
        #[test]
        fn no_exported_cell_starts_a_formula(s in any::<String>()) {
            let cell = spreadsheet_cell(&s);
            prop_assert!(!cell.starts_with(FORMULA_STARTS));
            prop_assert_eq!(from_spreadsheet_cell(&cell), s.as_str());
        }

        #[test]
        fn formula_like_text_round_trips(
            head in prop::sample::select(FORMULA_STARTS.to_vec()),
            rest in ".{0,20}",
        ) {
            let s = format!("{head}{rest}");
            let cell = spreadsheet_cell(&s);
            prop_assert!(cell.starts_with('\''));
            prop_assert_eq!(from_spreadsheet_cell(&cell), s.as_str());
        }
    }

    #[test]
    fn diacritics_and_case_are_ignored() {
        assert_eq!(fold("Báo cáo định kỳ THÁNG"), "bao cao dinh ky thang");
        assert_eq!(
            fold("Đăng ký, số hóa văn bản đến"),
            "dang ky, so hoa van ban den"
        );
        assert!(matches("B03 Báo cáo định kỳ tháng", "bao cao"));
        assert!(matches("B03 Báo cáo định kỳ tháng", "b03"));
        assert!(matches("Tiếp nhận, đăng ký văn bản đến", "dang ky den"));
        assert!(!matches("Dự họp, hội nghị", "bao cao"));
        assert!(matches("anything", "  "));
    }
}
