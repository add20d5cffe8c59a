//! The email templates of `emails/`, compiled into the binary, rendered
//! with minijinja. Templates hold no words: `t("id", name=value)` takes
//! each sentence from the message catalogue in the recipient's language,
//! so a missing sentence is an error, never an empty line.

use std::sync::OnceLock;

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};

use crate::error::{AppError, AppResult};
use crate::i18n::{Arg, render_named};
use crate::locale::Locale;

use super::kinds::Kind;

macro_rules! templates {
    ($($name:literal),+ $(,)?) => {
        &[
            ("layout/text.jinja", include_str!("../../emails/layout/text.jinja")),
            ("layout/html.jinja", include_str!("../../emails/layout/html.jinja")),
            $(
                (concat!($name, "/subject.jinja"), include_str!(concat!("../../emails/", $name, "/subject.jinja"))),
                (concat!($name, "/text.jinja"), include_str!(concat!("../../emails/", $name, "/text.jinja"))),
                (concat!($name, "/html.jinja"), include_str!(concat!("../../emails/", $name, "/html.jinja"))),
            )+
        ]
    };
}

const TEMPLATES: &[(&str, &str)] = templates!(
    "booking-requested",
    "booking-confirmed",
    "booking-declined",
    "booking-expired",
    "booking-cancelled",
    "payment-received",
    "payment-failed",
    "payment-refunded",
    "magic-link",
    "password-reset",
    "welcome",
    "verify-email",
);

/// What a message says, already in words a person reads (dates on the
/// hub's clock, amounts with their currency).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The recipient's name.
    pub person: String,
    /// The hub's name.
    pub hub: String,
    /// The listing's title.
    pub listing: String,
    /// When, on the hub's clock, with its time zone.
    pub when: String,
    /// An amount with its currency, when the message is about money.
    pub amount: String,
    /// The reason given, if any.
    pub reason: String,
    /// The customer's name (for the staff).
    pub customer: String,
    /// A line of details (a note from the customer).
    pub details: String,
    /// The link to follow.
    pub link: String,
    /// For how many minutes the link works.
    pub minutes: i64,
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// `t("id", name=value, …)`: the catalogue's sentence in the render's locale.
fn t(state: &State, id: &str, kwargs: Kwargs) -> Result<String, Error> {
    let locale = state
        .lookup("locale")
        .and_then(|v| v.as_str().and_then(Locale::parse))
        .unwrap_or_default();
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
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
        Error::new(
            ErrorKind::UndefinedError,
            format!("no sentence {id} in {}", locale.tag()),
        )
    })
}

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with("html.jinja") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        for (name, source) in TEMPLATES {
            // The templates are ours and compiled in; the test renders each.
            if let Err(err) = env.add_template(name, source) {
                tracing::error!(template = name, error = %err, "an email template does not parse");
            }
        }
        env.add_function("t", t);
        env
    })
}

/// `kind` in `locale` with `facts`.
pub fn render(kind: Kind, locale: Locale, facts: &Facts) -> AppResult<Rendered> {
    let fail = |err: Error| AppError::Internal(format!("email {}: {err:#}", kind.name()).into());
    let env = environment();
    let part = |part: &str, context: &Value| -> AppResult<String> {
        env.get_template(&format!("{}/{part}.jinja", kind.name()))
            .and_then(|template| template.render(context))
            .map_err(fail)
    };
    let base = minijinja::context! {
        locale => locale.tag(),
        footer => kind.footer(),
        person => &facts.person,
        hub => &facts.hub,
        listing => &facts.listing,
        when => &facts.when,
        amount => &facts.amount,
        reason => &facts.reason,
        customer => &facts.customer,
        details => &facts.details,
        link => &facts.link,
        minutes => facts.minutes,
    };
    let subject = part("subject", &base)?.trim().to_owned();
    let context = minijinja::context! { subject => subject.clone(), ..base };
    let body = |name: &str| part(name, &context);
    Ok(Rendered {
        text: body("text")?,
        html: body("html")?,
        subject,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            person: "Mimma".into(),
            hub: "Casa del Quartiere <Aurora>".into(),
            listing: "Sala & giardino".into(),
            when: "2026-11-25 11:00–13:00 (Europe/Rome)".into(),
            amount: "20.00 EUR".into(),
            reason: "Already full".into(),
            customer: "Mimma".into(),
            details: String::new(),
            link: "https://example.org/sign-in?token=abc".into(),
            minutes: 15,
        }
    }

    #[test]
    fn every_message_renders_in_every_language_with_its_facts() {
        for kind in Kind::ALL {
            for locale in [Locale::En, Locale::It] {
                let rendered = render(kind, locale, &facts())
                    .unwrap_or_else(|e| panic!("{kind:?} {locale:?}: {}", e.explain()));
                assert!(!rendered.subject.is_empty());
                assert!(rendered.text.contains("Mimma"), "{kind:?} {locale:?}");
                assert!(
                    rendered.text.contains("Casa del Quartiere <Aurora>"),
                    "{}",
                    rendered.text
                );
                assert!(
                    rendered.html.contains("Casa del Quartiere &lt;Aurora&gt;"),
                    "the HTML escapes what people typed: {}",
                    rendered.html
                );
                assert!(!rendered.html.contains("<Aurora>"));
            }
        }
    }

    #[test]
    fn the_two_languages_say_it_differently() {
        let en = render(Kind::BookingConfirmed, Locale::En, &facts()).expect("renders");
        let it = render(Kind::BookingConfirmed, Locale::It, &facts()).expect("renders");
        assert_ne!(en.subject, it.subject);
        assert_ne!(en.text, it.text);
    }
}
