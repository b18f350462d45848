//! The one i18n mechanism of Rubric: every user-facing string is a [`Msg`], translated by
//! [`Locale::t`]. Vietnamese is the default; English is the second language.
//!
//! The chosen language lives in the `rubric_lang` cookie so that the server renders the same
//! language the browser will hydrate with. Numbers and dates are formatted here too:
//! Vietnamese uses a decimal comma and dd/mm/yyyy.

pub mod figures;
mod format;
pub mod glossary;
mod labels;
mod messages;
mod notice;
mod notification;
pub mod walkthrough;

pub use format::{
    format_date, format_number, format_period, format_score, parse_date, parse_number,
    vietnam_date, vietnam_day_start, vietnam_time,
};
pub use messages::{wire as msg_wire, Msg};
pub use notice::{wire as notice_wire, Act, Notice, Record, State};
pub use notification::notification_text;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers the language.
pub const LANG_COOKIE: &str = "rubric_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Vi,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Vi, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
        }
    }

    /// Parses a language code; anything unknown falls back to Vietnamese.
    pub fn from_code(code: &str) -> Locale {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Locale::En,
            _ => Locale::Vi,
        }
    }

    /// The language named in a `Cookie` header value, if any.
    pub fn from_cookie_header(header: &str) -> Option<Locale> {
        header.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LANG_COOKIE).then(|| Locale::from_code(value))
        })
    }

    pub fn t(self, msg: Msg) -> &'static str {
        let (vi, en) = msg.text();
        match self {
            Locale::Vi => vi,
            Locale::En => en,
        }
    }
}

/// The language signal shared by every component.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// A reactive translation, for use inside `view!`. Read after its owner is gone (the
    /// server renders the page's `<Title>` after the body, and a disposed signal would panic
    /// the request), it falls back to Vietnamese.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.locale.try_get().unwrap_or_default().t(msg)
    }

    /// Switches the language and remembers it in the cookie.
    pub fn set(self, locale: Locale) {
        self.locale.set(locale);
        #[cfg(feature = "hydrate")]
        write_cookie(locale);
    }
}

/// Creates the language signal from the request (server) or the document cookie (browser)
/// and provides it to the component tree.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        locale: RwSignal::new(Locale::default()),
    })
}

#[cfg(feature = "ssr")]
fn initial_locale() -> Locale {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get_all(axum::http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(Locale::from_cookie_header)
        })
        .unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn initial_locale() -> Locale {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .and_then(|c| Locale::from_cookie_header(&c))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn initial_locale() -> Locale {
    Locale::default()
}

#[cfg(feature = "hydrate")]
fn write_cookie(locale: Locale) {
    use wasm_bindgen::JsCast;
    if let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let cookie = format!(
            "{LANG_COOKIE}={}; path=/; max-age=31536000; SameSite=Lax",
            locale.code()
        );
        // A refused cookie only means the choice is not remembered across reloads.
        let _ = doc.set_cookie(&cookie);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_selects_language() {
        assert_eq!(
            Locale::from_cookie_header("a=1; rubric_lang=en; b=2"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_cookie_header("rubric_lang=vi"),
            Some(Locale::Vi)
        );
        assert_eq!(Locale::from_cookie_header("other=en"), None);
        assert_eq!(Locale::from_code("xx"), Locale::Vi);
    }

    #[test]
    fn messages_serialise_as_their_names_and_read_back() {
        for msg in Msg::ALL {
            let json = serde_json::to_string(msg).unwrap();
            assert_eq!(json, format!("\"{msg:?}\""));
            assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), *msg);
        }
        let in_a_list: Vec<Msg> = serde_json::from_str(r#"["PrivacyLink","AppName"]"#).unwrap();
        assert_eq!(in_a_list, [Msg::PrivacyLink, Msg::AppName]);
        for bad in [
            r#""NoSuchMessage""#,
            r#""""#,
            "1",
            "null",
            r#"{"NavHome":null}"#,
        ] {
            assert!(serde_json::from_str::<Msg>(bad).is_err(), "{bad} was read");
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        for msg in Msg::ALL {
            let (vi, en) = msg.text();
            assert!(!vi.trim().is_empty(), "{msg:?} has no Vietnamese text");
            assert!(!en.trim().is_empty(), "{msg:?} has no English text");
        }
    }
}
