//! Where the browser may go after signing in: a path on this site, by construction.
//!
//! `next` comes from the query string, so it is hostile until proven otherwise. It is
//! resolved the way a browser resolves a `Location` (the WHATWG URL parser, which drops tabs
//! and newlines and reads `\` as `/`) against a placeholder origin; only a result on that
//! origin is kept, and only its path and query are returned, with any run of leading
//! slashes folded to one so that the result can never be read as `//host`.

use url::Url;

/// A stand-in origin: nothing is ever fetched from it.
const PLACEHOLDER: &str = "http://rubric.invalid/";

/// The same-site path and query `next` names, or `/` when it names anything else.
pub fn same_site_path(next: Option<&str>) -> String {
    let Some(next) = next else {
        return "/".into();
    };
    let Ok(base) = Url::parse(PLACEHOLDER) else {
        return "/".into();
    };
    let Ok(target) = base.join(next) else {
        return "/".into();
    };
    if target.origin() != base.origin() || target.username() != "" || target.password().is_some() {
        return "/".into();
    }
    let path = format!("/{}", target.path().trim_start_matches(['/', '\\']));
    match target.query() {
        Some(q) => format!("{path}?{q}"),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_paths_are_kept() {
        assert_eq!(same_site_path(Some("/can-bo")), "/can-bo");
        assert_eq!(
            same_site_path(Some("/duyet?ky=2026-10")),
            "/duyet?ky=2026-10"
        );
        assert_eq!(
            same_site_path(Some("/don-vi/can-bo/3#x")),
            "/don-vi/can-bo/3"
        );
        assert_eq!(same_site_path(None), "/");
    }

    #[test]
    fn anything_off_site_becomes_home() {
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\\\\evil.example",
            "/\\evil.example",
            "https://evil.example/x",
            "http:evil.example",
            "javascript:alert(1)",
            "data:text/html,<script>",
            "http://rubric.invalid@evil.example/",
        ] {
            let got = same_site_path(Some(bad));
            let here = Url::parse("https://tinh.gov.vn/dang-nhap").unwrap();
            let went = here.join(&got).unwrap();
            assert_eq!(went.host_str(), Some("tinh.gov.vn"), "{bad:?} -> {got:?}");
            assert!(
                got.starts_with('/') && !got.starts_with("//"),
                "{bad:?} -> {got:?}"
            );
        }
        // Dot segments cannot build a protocol-relative path either.
        assert_eq!(same_site_path(Some("/.//evil.example")), "/evil.example");
        assert_eq!(same_site_path(Some("/a/..//evil.example")), "/evil.example");
    }

    #[test]
    fn control_characters_never_reach_the_header() {
        for s in ["/a\nb", "/a\rb", "/a\u{b}b", "/a\u{0}b", "/a b"] {
            let got = same_site_path(Some(s));
            assert!(
                axum::http::HeaderValue::from_str(&got).is_ok(),
                "{s:?} -> {got:?}"
            );
        }
    }

    proptest! {
        /// Whatever the input, the result is a header-safe path that every browser resolves
        /// to this site, whatever this site's address is.
        #[test]
        fn result_is_always_same_site(next in any::<String>(), host in "[a-z]{1,8}\\.example") {
            let got = same_site_path(Some(&next));
            prop_assert!(got.starts_with('/'));
            prop_assert!(!got.starts_with("//") && !got.starts_with("/\\"));
            prop_assert!(axum::http::HeaderValue::from_str(&got).is_ok());
            prop_assert!(!got.chars().any(|c| c.is_control() || c.is_whitespace()));
            let here = Url::parse(&format!("https://{host}/dang-nhap?next=x")).unwrap();
            let resolved = here.join(&got).unwrap();
            prop_assert_eq!(resolved.origin(), here.origin());
        }

        #[test]
        fn crafted_prefixes_stay_home(
            prefix in prop::sample::select(vec!["/", "//", "/\t/", "/\\", "\\/", "/./", "/../", " /", "\u{b}/"]),
            rest in "[a-z./\\\\:@\t\n]{0,20}",
        ) {
            let got = same_site_path(Some(&format!("{prefix}{rest}")));
            let here = Url::parse("https://tinh.gov.vn/dang-nhap").unwrap();
            let went = here.join(&got).unwrap();
            prop_assert_eq!(went.host_str(), Some("tinh.gov.vn"));
        }
    }
}
