//! The cookies pages keep in a browser: the session, the language, the
//! form token and a one-time notice. Every one is `HttpOnly` (no script of
//! ours reads them), `SameSite=Lax` (a cross-site form post carries none)
//! and `Secure` when the public address is https.

use axum::http::{HeaderMap, HeaderValue, header};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The session token `logIn` gave, the same as the API's bearer token.
pub const SESSION: &str = "portineria_session";
/// The language the visitor chose (`it`, `en`).
pub const LANGUAGE: &str = "portineria_lang";
/// The form token every form repeats (`csrf`).
pub const FORM_TOKEN: &str = "portineria_csrf";
/// A notice shown once, on the page a form redirects to.
pub const NOTICE: &str = "portineria_notice";

/// A year, for the language choice.
const YEAR: i64 = 365 * 24 * 3600;

/// The value of the cookie `name` the request carries, decoded.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| percent_decode_str(value).decode_utf8().ok())
        .map(|value| value.into_owned())
        .filter(|value| !value.is_empty())
}

/// How long a cookie lives.
#[derive(Debug, Clone, Copy)]
pub enum Lifetime {
    /// Until the browser closes.
    Browser,
    /// This many seconds.
    Seconds(i64),
    /// A year (a preference).
    Year,
    /// Removed now.
    Gone,
}

/// A `Set-Cookie` value for `name` = `value`.
pub fn set(name: &str, value: &str, lifetime: Lifetime, secure: bool) -> HeaderValue {
    let value = utf8_percent_encode(value, NON_ALPHANUMERIC);
    let age = match lifetime {
        Lifetime::Browser => String::new(),
        Lifetime::Seconds(seconds) => format!("; Max-Age={}", seconds.max(0)),
        Lifetime::Year => format!("; Max-Age={YEAR}"),
        Lifetime::Gone => "; Max-Age=0".to_owned(),
    };
    let secure = if secure { "; Secure" } else { "" };
    let text = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}{secure}");
    // Names are ours and values are percent-encoded: always a valid header.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("x=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded_and_read_back() {
        let cookie = set(NOTICE, "Fatto; è così", Lifetime::Browser, true);
        let text = cookie.to_str().unwrap_or_default();
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax"));
        assert!(text.ends_with("; Secure"));
        let pair = text.split(';').next().unwrap_or_default();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=1; {pair}")).unwrap_or(HeaderValue::from_static("")),
        );
        assert_eq!(read(&headers, NOTICE).as_deref(), Some("Fatto; è così"));
        assert_eq!(read(&headers, "missing"), None);
    }
}
