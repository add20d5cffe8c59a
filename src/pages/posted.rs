//! A form a page posted: its fields, accepted only with the form token the
//! page carried (the same as the visitor's cookie) and from a page of this
//! server. A cross-site post, which `SameSite=Lax` already strips of the
//! session, is refused before anything runs.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use crate::http::AppState;
use crate::msg;

use super::render::message;
use super::visitor::Visitor;

/// The most a page's form may send.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The fields of a posted form, as the browser sent them (every value a string).
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, trimmed; `""` when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.trim())
    }

    /// Every value of `name` (checkboxes), trimmed.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .collect()
    }

    /// `name` when given and not empty.
    pub fn optional(&self, name: &str) -> Option<&str> {
        Some(self.get(name)).filter(|v| !v.is_empty())
    }
}

impl FromIterator<(String, String)> for Fields {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        Fields(pairs.into_iter().collect())
    }
}

/// A posted form and who posted it.
pub struct Posted(pub Visitor, pub Fields);

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let Ok(visitor) = Visitor::from_request_parts(&mut parts, state).await;
        let refuse = |status: StatusCode| {
            let locale = visitor.locale();
            message(
                &msg!("page-form-refused-title").render(locale),
                &msg!("page-form-refused").render(locale),
                status,
            )
            .show(&visitor, None)
        };
        if !same_site(&parts.headers, &state.services.settings.public_url) {
            return Err(refuse(StatusCode::FORBIDDEN));
        }
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE));
        }
        let request = Request::from_parts(parts, body);
        let bytes = match axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES).await {
            Ok(bytes) => bytes,
            Err(_) => return Err(refuse(StatusCode::PAYLOAD_TOO_LARGE)),
        };
        let fields = parse(&bytes);
        if !same_token(fields.get("csrf"), &visitor) {
            return Err(refuse(StatusCode::FORBIDDEN));
        }
        Ok(Posted(visitor, fields))
    }
}

fn parse(bytes: &Bytes) -> Fields {
    Fields(
        url::form_urlencoded::parse(bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
    )
}

/// Whether the form repeats the token of the visitor's cookie. A visitor
/// whose cookie is new (none came) has no form to post yet.
fn same_token(posted: &str, visitor: &Visitor) -> bool {
    visitor.has_form_token()
        && posted.len() == visitor.form_token.len()
        && posted
            .bytes()
            .zip(visitor.form_token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Whether the browser says the post comes from a page of this server:
/// `Sec-Fetch-Site` when sent, else `Origin` when sent (and equal to the
/// request's own host or the public address); a client that sends neither
/// is not a browser a cross-site page could drive.
fn same_site(headers: &HeaderMap, public_url: &str) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = header("origin") else {
        return true;
    };
    let host = header("host").unwrap_or_default();
    origin.trim_end_matches('/') == public_url.trim_end_matches('/')
        || origin
            .split_once("://")
            .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_posts_from_our_own_pages_are_accepted() {
        let public = "https://hub.example";
        assert!(same_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            public
        ));
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            public
        ));
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            public
        ));
        assert!(same_site(
            &headers(&[("origin", "https://hub.example")]),
            public
        ));
        assert!(same_site(
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            public
        ));
        assert!(!same_site(
            &headers(&[("origin", "https://evil.example"), ("host", "hub.example")]),
            public
        ));
        assert!(!same_site(
            &headers(&[("origin", "null"), ("host", "hub.example")]),
            public
        ));
        assert!(same_site(&headers(&[]), public));
    }

    #[test]
    fn fields_are_read_trimmed_and_repeated_ones_kept() {
        let fields = parse(&Bytes::from_static(b"a=+1+&b=x&b=y&c="));
        assert_eq!(fields.get("a"), "1");
        assert_eq!(fields.all("b"), vec!["x", "y"]);
        assert_eq!(fields.optional("c"), None);
        assert_eq!(fields.get("missing"), "");
    }
}
