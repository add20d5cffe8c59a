//! The message catalogue: every sentence a person reads comes from
//! `locales/<language>/*.ftl` (Fluent), looked up by message id with
//! arguments. Code never holds the words themselves, only a [`Message`]: the
//! id and its arguments, rendered in the reader's language at the edge.
//!
//! The catalogue is read from the `locales/` folder when the binary is
//! built, one folder per language; the test below fails when an id is
//! missing in any language or when the catalogue holds an id no code uses.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use crate::locale::Locale;

fluent_templates::static_loader! {
    static CATALOGUE = {
        locales: "./locales",
        fallback_language: "en",
        // Bidirectional isolation marks around arguments help right-to-left
        // scripts, but would show up as stray characters in plain-text
        // mail and in JSON; none of our languages needs them.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// One argument of a message: a number (Fluent picks plural forms by it) or text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Arg {
    /// A whole number.
    Number(i64),
    /// Text shown as given.
    Text(String),
}

macro_rules! number_arg {
    ($($t:ty),+) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )+};
}
number_arg!(i32, i64, u16, u32, u64, usize, u8);

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

/// A sentence to show someone: a catalogue id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message `id`, without arguments. Prefer the [`msg!`] macro, which
    /// the catalogue test reads to know which ids are used.
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The catalogue id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message as data, to keep and word later in another language.
    pub fn stored(&self) -> StoredMessage {
        StoredMessage {
            id: self.id.to_owned(),
            args: self
                .args
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect(),
        }
    }

    /// The sentence in `locale`.
    pub fn render(&self, locale: Locale) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Text(text) => FluentValue::from(text.as_str()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        CATALOGUE.lookup_complete(&language(locale), self.id, Some(&args))
    }
}

/// A [`Message`] kept as data (in an audit event's details): worded when
/// it is read, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredMessage {
    /// The catalogue id.
    pub id: String,
    /// Its arguments, by name.
    pub args: Vec<(String, Arg)>,
}

impl StoredMessage {
    /// The sentence in `locale`; `None` when the catalogue no longer has it.
    pub fn render(&self, locale: Locale) -> Option<String> {
        render_named(&self.id, &self.args, locale)
    }
}

/// The sentence `id` in `locale` with `args`, for templates that name
/// their sentences as text (`emails/`); `None` when the catalogue has no
/// such id in that language or its fallback.
pub fn render_named(id: &str, args: &[(String, Arg)], locale: Locale) -> Option<String> {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(text) => FluentValue::from(text.as_str()),
            };
            (Cow::Owned(name.clone()), value)
        })
        .collect();
    CATALOGUE.try_lookup_complete(&language(locale), id, Some(&args))
}

/// `t("id", name=value, …)` in a template (`emails/`, `pages/`): the
/// catalogue's sentence in the language the template's `locale` names; a
/// missing sentence fails the render rather than leaving a blank.
pub fn template_sentence(
    state: &minijinja::State,
    id: &str,
    kwargs: minijinja::value::Kwargs,
) -> Result<String, minijinja::Error> {
    let locale = state
        .lookup("locale")
        .and_then(|v| v.as_str().and_then(Locale::parse))
        .unwrap_or_default();
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: minijinja::Value = kwargs.get(name)?;
        if value.is_undefined() || value.is_none() {
            continue;
        }
        let arg = match i64::try_from(value.clone()) {
            Ok(n) if value.is_number() => Arg::Number(n),
            _ => Arg::Text(value.to_string()),
        };
        args.push((name.to_owned(), arg));
    }
    render_named(id, &args, locale).ok_or_else(|| {
        minijinja::Error::new(
            minijinja::ErrorKind::UndefinedError,
            format!("no sentence {id} in {}", locale.tag()),
        )
    })
}

/// A [`Message`]: `msg!("booking-slot-taken", left = 2, capacity = 10)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}

fn language(locale: Locale) -> LanguageIdentifier {
    // Tags are ours and well formed; the fallback covers the impossible case.
    locale
        .tag()
        .parse()
        .unwrap_or_else(|_| CATALOGUE.fallback().clone())
}

/// The languages the catalogue has a folder for.
pub fn languages() -> Vec<String> {
    let mut tags: Vec<String> = CATALOGUE.locales().map(ToString::to_string).collect();
    tags.sort();
    tags
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    /// Every id defined in a language's `.ftl` files. (The files themselves
    /// are parsed when the catalogue loads: a syntax error fails every test
    /// here.)
    fn catalogue_ids(language: &str) -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut paths = Vec::new();
        files(&root, "ftl", &mut paths);
        paths
            .iter()
            .flat_map(|p| {
                std::fs::read_to_string(p)
                    .expect("readable catalogue")
                    .lines()
                    .filter_map(|line| {
                        let (id, _) = line.split_once(" =")?;
                        let ok = !id.is_empty()
                            && id
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit());
                        ok.then(|| id.to_owned())
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Every id the code names with the `msg!` macro, and the email and
    /// page templates with `t(`.
    fn used_ids() -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = Vec::new();
        files(&root.join("src"), "rs", &mut code);
        let mut templates = Vec::new();
        files(&root.join("emails"), "jinja", &mut templates);
        files(&root.join("pages"), "html", &mut templates);
        let macro_marker = ["msg", "!("].concat();
        let sources = code
            .into_iter()
            .map(|path| (path, macro_marker.clone()))
            .chain(templates.into_iter().map(|path| (path, "t(".to_owned())));
        let mut ids = BTreeSet::new();
        for (path, marker) in sources {
            let text = std::fs::read_to_string(&path).expect("readable source");
            for piece in text.split(marker.as_str()).skip(1) {
                let quoted = piece.trim_start().strip_prefix('"');
                if let Some((id, _)) = quoted.and_then(|rest| rest.split_once('"')) {
                    ids.insert(id.to_owned());
                }
            }
        }
        ids
    }

    #[test]
    fn every_language_has_every_message_and_no_message_is_unused() {
        let used = used_ids();
        let languages = languages();
        assert!(languages.len() >= 2, "languages: {languages:?}");
        for language in &languages {
            let defined = catalogue_ids(language);
            let missing: Vec<_> = used.difference(&defined).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            let unused: Vec<_> = defined.difference(&used).collect();
            assert!(unused.is_empty(), "{language} defines unused {unused:?}");
        }
    }

    #[test]
    fn every_api_language_has_a_catalogue_folder() {
        for locale in [Locale::En, Locale::It] {
            assert!(languages().contains(&locale.tag().to_owned()), "{locale:?}");
        }
    }

    #[test]
    fn arguments_fill_the_sentence_and_pick_plural_forms() {
        let one = msg!("booking-slot-taken", left = 1, capacity = 10);
        assert!(one.render(Locale::En).contains("only one place is left"));
        let some = msg!("booking-slot-taken", left = 3, capacity = 10);
        assert!(some.render(Locale::En).contains("3 of 10 places"));
        assert!(some.render(Locale::It).contains("restano 3 posti su 10"));
        let none = msg!("booking-lead-time", minutes = 0);
        assert!(none.render(Locale::En).contains("already passed"));
    }
}
