//! The headers that let a mail program offer "unsubscribe" itself:
//! `List-Unsubscribe: <https://…/unsubscribe/<token>>` (RFC 2369) and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), which
//! says a `POST` of that body to the link unsubscribes with no further
//! step. Only an HTTPS (or, locally, HTTP) link is offered, never `mailto:`.

use lettre::message::header::{Header, HeaderName, HeaderValue};

type ParseError = Box<dyn std::error::Error + Send + Sync>;

/// `List-Unsubscribe`, holding the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListUnsubscribe(pub String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        let link = s
            .trim()
            .strip_prefix('<')
            .and_then(|rest| rest.strip_suffix('>'))
            .ok_or("List-Unsubscribe holds <link>")?;
        Ok(ListUnsubscribe(link.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListUnsubscribePost;

/// The one value RFC 8058 defines, also the body of the `POST`.
pub const ONE_CLICK: &str = "List-Unsubscribe=One-Click";

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        if s.trim() == ONE_CLICK {
            Ok(ListUnsubscribePost)
        } else {
            Err("List-Unsubscribe-Post holds List-Unsubscribe=One-Click".into())
        }
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), ONE_CLICK.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lettre::message::header::Headers;

    #[test]
    fn the_headers_read_back_as_written() {
        let link = ListUnsubscribe("https://example.org/unsubscribe/ptn_1".into());
        let mut headers = Headers::new();
        headers.set(link.clone());
        headers.set(ListUnsubscribePost);
        assert_eq!(
            headers.get_raw("List-Unsubscribe"),
            Some("<https://example.org/unsubscribe/ptn_1>")
        );
        assert_eq!(headers.get::<ListUnsubscribe>(), Some(link));
        assert_eq!(
            headers.get_raw("List-Unsubscribe-Post"),
            Some("List-Unsubscribe=One-Click")
        );
        assert!(ListUnsubscribe::parse("https://example.org").is_err());
        assert!(ListUnsubscribePost::parse("List-Unsubscribe=Later").is_err());
    }
}
