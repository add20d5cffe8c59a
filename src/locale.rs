//! The two languages portineria speaks, and the caller's choice of one.

use async_graphql::Enum;

/// A language a hub, a user or a request can ask for.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Italian.
    It,
}

impl Locale {
    /// The stored form: a lower-case BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::It => "it",
        }
    }

    /// Reads a stored or user-given tag (`it`, `it-IT`, `EN`).
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "it" => Some(Locale::It),
            _ => None,
        }
    }

    /// The best language of an `Accept-Language` header, by q-value; `None`
    /// when it names neither of ours.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Locale::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0).then_some((locale, quality))
            })
            .fold(None::<(Locale, f32)>, |best, (locale, q)| match best {
                Some((_, best_q)) if best_q >= q => best,
                _ => Some((locale, q)),
            })
            .map(|(locale, _)| locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality_known_language() {
        assert_eq!(
            Locale::from_accept_language("de-DE, it;q=0.8, en;q=0.5"),
            Some(Locale::It)
        );
        assert_eq!(
            Locale::from_accept_language("en-GB,it;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("fr, de;q=0.3"), None);
        assert_eq!(Locale::from_accept_language("it;q=0"), None);
    }

    #[test]
    fn tags_parse_case_insensitively_with_regions() {
        assert_eq!(Locale::parse("IT-it"), Some(Locale::It));
        assert_eq!(Locale::parse("en_US"), Some(Locale::En));
        assert_eq!(Locale::parse("es"), None);
    }
}
