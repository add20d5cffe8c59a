//! Who publishes the calendars and in which language they speak: the server
//! as people reach it (`PORTINERIA_PUBLIC_URL`).

use crate::locale::Locale;

/// The publisher of events and feeds, and the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    public_url: String,
    host: String,
    organizer: String,
    locale: Locale,
}

impl Issuer {
    /// The server at `public_url` (validated at start: `http(s)://host[:port][/path]`),
    /// writing in `locale`. The organizer of emailed events is
    /// `noreply@<host>` until the mail sender names its own address.
    pub fn new(public_url: &str, locale: Locale) -> Issuer {
        let public_url = public_url.trim_end_matches('/').to_owned();
        let host = host_of(&public_url);
        Issuer {
            organizer: format!("noreply@{host}"),
            public_url,
            host,
            locale,
        }
    }

    /// The same issuer with the organizer's email address set.
    pub fn with_organizer(mut self, email: &str) -> Issuer {
        email.clone_into(&mut self.organizer);
        self
    }

    /// The host that makes every `UID` unique to this server.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The organizer's email address.
    pub fn organizer(&self) -> &str {
        &self.organizer
    }

    /// The reader's language.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The address of the feed whose secret is `token`.
    pub fn feed_url(&self, token: &str) -> String {
        format!("{}/calendar/{token}.ics", self.public_url)
    }
}

/// The host name of `url`, lower-case, without scheme, credentials, port or path.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let host = if authority.starts_with('[') {
        // An IPv6 literal keeps its brackets; its colons are not a port.
        authority
            .split_once(']')
            .map_or(authority.to_owned(), |(inner, _)| format!("{inner}]"))
    } else {
        authority
            .split_once(':')
            .map_or(authority, |(host, _)| host)
            .to_owned()
    };
    if host.is_empty() {
        "localhost".to_owned()
    } else {
        host.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_is_the_public_urls_without_scheme_port_or_path() {
        for (url, host) in [
            ("https://Portineria.Example.org", "portineria.example.org"),
            ("https://portineria.example.org/", "portineria.example.org"),
            ("http://127.0.0.1:8080", "127.0.0.1"),
            ("https://user@hub.example.org:8443/app", "hub.example.org"),
            ("http://[::1]:8080", "[::1]"),
        ] {
            assert_eq!(Issuer::new(url, Locale::En).host(), host, "{url}");
        }
    }

    #[test]
    fn feed_addresses_hang_off_the_public_url() {
        let issuer = Issuer::new("https://hub.example.org/app/", Locale::It);
        assert_eq!(
            issuer.feed_url("abc"),
            "https://hub.example.org/app/calendar/abc.ics"
        );
        assert_eq!(issuer.organizer(), "noreply@hub.example.org");
        assert_eq!(
            issuer.with_organizer("casa@example.org").organizer(),
            "casa@example.org"
        );
    }
}
