//! The email templates of `emails/`, compiled into the binary, rendered
//! with minijinja. Templates hold no words: `t("id", name=value)` takes
//! each sentence from the message catalogue in the recipient's language,
//! so a missing sentence is an error, never an empty line.

use std::sync::OnceLock;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error};

use crate::error::{AppError, AppResult};
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
    "booking-reminder",
    "dead-letters-waiting",
    "listing-submitted",
    "listing-published",
    "listing-rejected",
    "series-created",
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
    /// The organization that offers the listing.
    pub organization: String,
    /// A line of details (a note from the customer).
    pub details: String,
    /// The link to follow.
    pub link: String,
    /// The link that approves a request in one click (for the staff).
    pub approve: String,
    /// The link that declines it.
    pub decline: String,
    /// For how many minutes the link works.
    pub minutes: i64,
    /// Where (the listing's address), if known.
    pub address: String,
    /// How many (undelivered messages).
    pub count: i64,
    /// How long the oldest has waited, in words.
    pub age: String,
    /// The one-click link that stops messages like this one (optional
    /// messages only).
    pub unsubscribe: String,
    /// The periods booked, when a message is about several (a series).
    pub dates: Vec<String>,
    /// The periods left out of a series, each with why.
    pub skipped: Vec<SkippedLine>,
    /// How the bookings of a series stand: `confirmed`, `requested` (they
    /// wait for the hub's answer) or `payment` (they wait for the payment).
    pub outcome: String,
}

/// A period a series left out, and why, in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedLine {
    /// When, on the hub's clock, with its time zone.
    pub when: String,
    /// Why it could not be booked.
    pub reason: String,
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
        env.add_function("t", crate::i18n::template_sentence);
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
        organization => &facts.organization,
        details => &facts.details,
        link => &facts.link,
        approve => &facts.approve,
        decline => &facts.decline,
        minutes => facts.minutes,
        dates => &facts.dates,
        skipped => facts
            .skipped
            .iter()
            .map(|line| Value::from_pairs([("when", &line.when), ("reason", &line.reason)]))
            .collect::<Value>(),
        outcome => &facts.outcome,
        address => &facts.address,
        count => facts.count,
        age => &facts.age,
        unsubscribe => &facts.unsubscribe,
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
            organization: "Cooperativa Il Ponte".into(),
            details: String::new(),
            link: "https://example.org/sign-in?token=abc".into(),
            approve: "https://example.org/answer/approve-token".into(),
            decline: "https://example.org/answer/decline-token".into(),
            minutes: 15,
            dates: vec![
                "2026-11-25 11:00–13:00 (Europe/Rome)".into(),
                "2026-12-02 11:00–13:00 (Europe/Rome)".into(),
            ],
            skipped: vec![SkippedLine {
                when: "2026-12-09 11:00–13:00 (Europe/Rome)".into(),
                reason: "Closed <that day>".into(),
            }],
            outcome: "confirmed".into(),
            address: "Via Aurora 1, Torino".into(),
            count: 3,
            age: "2 days".into(),
            unsubscribe: "https://example.org/unsubscribe/ptn_abc".into(),
        }
    }

    #[test]
    fn a_request_carries_its_answer_links_when_it_has_them() {
        for locale in [Locale::En, Locale::It] {
            let with = render(Kind::BookingRequested, locale, &facts()).expect("renders");
            for link in ["approve-token", "decline-token"] {
                let text = format!("https://example.org/answer/{link}");
                assert!(with.text.contains(&text), "{}", with.text);
                // An attribute's `/` is escaped; a browser reads it back.
                let href = format!("href=\"{}\"", text.replace('/', "&#x2f;"));
                assert!(with.html.contains(&href), "{}", with.html);
            }
            let without = Facts {
                approve: String::new(),
                decline: String::new(),
                ..facts()
            };
            let plain = render(Kind::BookingRequested, locale, &without).expect("renders");
            assert!(!plain.text.contains("/answer/") && !plain.html.contains("answer&#x2f;"));
        }
    }

    #[test]
    fn a_decline_without_a_reason_reads_well() {
        let without = Facts {
            reason: String::new(),
            ..facts()
        };
        for locale in [Locale::En, Locale::It] {
            let with = render(Kind::BookingDeclined, locale, &facts()).expect("renders");
            let plain = render(Kind::BookingDeclined, locale, &without).expect("renders");
            assert!(with.text.contains("Already full"));
            assert!(!plain.text.contains(": ."), "{}", plain.text);
            assert_ne!(with.text, plain.text);
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
                assert_eq!(
                    rendered.text.contains("/unsubscribe/ptn_abc"),
                    kind.optional(),
                    "only optional messages say how to stop them: {kind:?}"
                );
                // (The HTML escapes the link's slashes, as entities.)
                assert_eq!(rendered.html.contains("ptn_abc"), kind.optional());
            }
        }
    }

    #[test]
    fn a_series_lists_every_date_and_says_how_the_bookings_stand() {
        let mut said = Vec::new();
        for outcome in ["confirmed", "requested", "payment"] {
            let facts = Facts {
                outcome: outcome.into(),
                ..facts()
            };
            for locale in [Locale::En, Locale::It] {
                let rendered = render(Kind::SeriesCreated, locale, &facts).expect("renders");
                for date in ["2026-11-25 11:00", "2026-12-02 11:00", "2026-12-09 11:00"] {
                    assert!(rendered.text.contains(date), "{date}: {}", rendered.text);
                    assert!(rendered.html.contains(date), "{date}: {}", rendered.html);
                }
                assert!(rendered.text.contains("Closed <that day>"));
                assert!(rendered.html.contains("Closed &lt;that day&gt;"));
                said.push(rendered.text);
            }
        }
        let mut distinct = said.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), said.len(), "each outcome reads differently");
        let none_skipped = Facts {
            skipped: Vec::new(),
            ..facts()
        };
        let rendered = render(Kind::SeriesCreated, Locale::En, &none_skipped).expect("renders");
        let with_skipped = render(Kind::SeriesCreated, Locale::En, &facts()).expect("renders");
        assert!(rendered.text.len() < with_skipped.text.len());
        assert!(!rendered.html.contains("<ul>\n</ul>") && !rendered.html.contains("<ul></ul>"));
    }

    #[test]
    fn the_two_languages_say_it_differently() {
        let en = render(Kind::BookingConfirmed, Locale::En, &facts()).expect("renders");
        let it = render(Kind::BookingConfirmed, Locale::It, &facts()).expect("renders");
        assert_ne!(en.subject, it.subject);
        assert_ne!(en.text, it.text);
    }
}
