//! Pages as HTML: the templates of `pages/templates/`, compiled into the
//! binary and rendered with minijinja (HTML auto-escaped). Templates hold
//! no words: `t("id", …)` takes each sentence from the catalogue in the
//! visitor's language. Every page shares one frame: the language switch,
//! who is logged in, the hub and the form token.

use std::sync::OnceLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};
use serde::Serialize;

use crate::locale::Locale;

use super::api::Refusal;
use super::visitor::{Identified, Unidentified, Visitor};
use super::{cookies, format};

/// `(name, source)` of templates under `pages/templates/`.
macro_rules! page_templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../pages/templates/", $name)))),+]
    };
}
pub(crate) use page_templates;

/// The templates every area shares.
pub(super) const SHARED: &[(&str, &str)] = page_templates!(
    "layout.html",
    "message.html",
    "fields.html",
    "answer.html",
    "onward.html"
);

/// The policy of a page: its own style sheet and images, nothing else, and
/// forms post only back here.
const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
    form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (name, source) in super::templates() {
            // The templates are ours and compiled in; a test renders each.
            if let Err(err) = env.add_template(name, source) {
                tracing::error!(template = name, error = %err, "a page template does not parse");
            }
        }
        env.add_function("t", crate::i18n::template_sentence);
        env.add_filter("when", when);
        env.add_filter("day", day);
        env.add_filter("clock", clock);
        env.add_filter("period", period);
        env.add_filter("money", money);
        env
    })
}

fn locale_of(state: &State) -> Locale {
    state
        .lookup("locale")
        .and_then(|v| v.as_str().and_then(Locale::parse))
        .unwrap_or_default()
}

fn tz_of(state: &State) -> Tz {
    state
        .lookup("tz")
        .and_then(|v| v.as_str().and_then(|name| name.parse().ok()))
        .unwrap_or(Tz::UTC)
}

fn instant(value: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("not an instant: {value}"),
            )
        })
}

/// `{{ booking.start | when }}`: day and time on the hub's clock.
fn when(state: &State, value: &str) -> Result<String, Error> {
    Ok(format::when(
        instant(value)?,
        tz_of(state),
        locale_of(state),
    ))
}

/// `{{ booking.start | day }}`: the day on the hub's clock.
fn day(state: &State, value: &str) -> Result<String, Error> {
    Ok(format::day(instant(value)?, tz_of(state), locale_of(state)))
}

/// `{{ booking.start | clock }}`: the time of day on the hub's clock.
fn clock(state: &State, value: &str) -> Result<String, Error> {
    Ok(format::clock(instant(value)?, tz_of(state)))
}

/// `{{ booking.start | period(booking.end) }}`.
fn period(state: &State, start: &str, end: &str) -> Result<String, Error> {
    Ok(format::period(
        instant(start)?,
        instant(end)?,
        tz_of(state),
        locale_of(state),
    ))
}

/// `{{ quote.total | money }}` for an API `Money` (`{amount, currency}`).
fn money(state: &State, value: Value) -> Result<String, Error> {
    let amount = value
        .get_attr("amount")
        .ok()
        .and_then(|a| i64::try_from(a).ok())
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "money without an amount"))?;
    let currency = value
        .get_attr("currency")
        .map(|c| c.to_string())
        .unwrap_or_default();
    Ok(format::money(amount, &currency, locale_of(state)))
}

/// Any serializable value (API answers, rows) as a template value.
pub fn data<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// What the frame of every page shows.
#[derive(Debug, Serialize)]
struct Frame<'a> {
    locale: &'static str,
    other_locale: &'static str,
    here: &'a str,
    form_token: &'a str,
    notice: Option<&'a str>,
    alert: Option<&'a str>,
    me: Option<Me<'a>>,
    hub: Option<HubFrame<'a>>,
    role: Option<&'static str>,
    tz: &'a str,
}

#[derive(Debug, Serialize)]
struct Me<'a> {
    name: &'a str,
    email: &'a str,
}

#[derive(Debug, Serialize)]
struct HubFrame<'a> {
    slug: &'a str,
    name: &'a str,
}

/// A page to answer with: a template and its own values.
pub struct Page {
    template: &'static str,
    values: Value,
    status: StatusCode,
}

impl Page {
    /// `template` with `values` (a `minijinja::context!`).
    pub fn new(template: &'static str, values: Value) -> Page {
        Page {
            template,
            values,
            status: StatusCode::OK,
        }
    }

    /// The same page under another status.
    pub fn status(mut self, status: StatusCode) -> Page {
        self.status = status;
        self
    }

    /// Renders the page for `visitor` (identified as `who`, if they were).
    pub fn show(self, visitor: &Visitor, who: Option<&Identified>) -> Response {
        let locale = who.map_or_else(|| visitor.locale(), Identified::locale);
        let context = who.map(|w| &w.context);
        let hub = context.and_then(|c| c.hub.as_ref());
        let frame = Frame {
            locale: locale.tag(),
            other_locale: match locale {
                Locale::It => Locale::En.tag(),
                Locale::En => Locale::It.tag(),
            },
            here: &visitor.here,
            form_token: &visitor.form_token,
            notice: visitor.notice.as_deref().and_then(|n| n.strip_prefix("d:")),
            alert: visitor.notice.as_deref().and_then(|n| n.strip_prefix("r:")),
            me: context.and_then(|c| c.viewer.as_ref()).map(|v| Me {
                name: &v.user.name,
                email: &v.user.email,
            }),
            hub: hub.map(|h| HubFrame {
                slug: &h.slug,
                name: &h.name,
            }),
            role: context.and_then(|c| c.role).map(|role| role.as_str()),
            tz: hub.map_or("UTC", |h| h.time_zone.as_str()),
        };
        let rendered = environment()
            .get_template(self.template)
            .and_then(|template| {
                template.render(minijinja::context! { ..data(&frame), ..self.values })
            });
        let (status, body) = match rendered {
            Ok(body) => (self.status, body),
            Err(err) => {
                let reference = uuid::Uuid::new_v4();
                tracing::error!(%reference, template = self.template, error = %format!("{err:#}"), "a page did not render");
                let sentence = crate::msg!("error-internal", reference = reference.to_string());
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    crate::plain_page::document(locale, &sentence.render(locale), ""),
                )
            }
        };
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_CSP),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
        let ended = who.is_some_and(|w| w.session_ended);
        for cookie in visitor.cookies(ended) {
            headers.append(header::SET_COOKIE, cookie);
        }
        response
    }
}

/// A page that says one thing: `title` and `text`, with a way back home.
pub fn message(title: &str, text: &str, status: StatusCode) -> Page {
    Page::new(
        "message.html",
        minijinja::context! { title => title, text => text },
    )
    .status(status)
}

/// What a refusal of the API becomes on a page a visitor opened: a log-in
/// for `UNAUTHENTICATED`, else the sentence under its HTTP status.
pub fn refused(visitor: &Visitor, who: Option<&Identified>, refusal: Refusal) -> Response {
    if refusal.code == "UNAUTHENTICATED" {
        return login_first(visitor);
    }
    let status = status_of(&refusal.code);
    let locale = who.map_or_else(|| visitor.locale(), Identified::locale);
    let title = match status {
        StatusCode::NOT_FOUND => crate::msg!("page-not-found-title"),
        StatusCode::FORBIDDEN => crate::msg!("page-forbidden-title"),
        _ => crate::msg!("page-refused-title"),
    };
    message(&title.render(locale), &refusal.message, status).show(visitor, who)
}

/// The HTTP status a page answers with for an API error `code`.
pub fn status_of(code: &str) -> StatusCode {
    match code {
        "NOT_FOUND" => StatusCode::NOT_FOUND,
        "FORBIDDEN" => StatusCode::FORBIDDEN,
        "VALIDATION" | "BAD_REQUEST" => StatusCode::BAD_REQUEST,
        "CONFLICT" => StatusCode::CONFLICT,
        "RATE_LIMITED" => StatusCode::TOO_MANY_REQUESTS,
        "UNAVAILABLE" | "PAYMENT_FAILED" => StatusCode::SERVICE_UNAVAILABLE,
        "UNAUTHENTICATED" => StatusCode::UNAUTHORIZED,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The page for a visitor who could not be identified (an unknown hub).
pub fn unidentified(visitor: &Visitor, failure: Unidentified) -> Response {
    let error = failure.error.into_graphql(failure.locale);
    let code = error
        .extensions
        .as_ref()
        .and_then(|e| e.get("code"))
        .and_then(|v| v.clone().into_json().ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "INTERNAL".to_owned());
    let refusal = Refusal {
        code,
        message: error.message,
        field: None,
    };
    refused(visitor, None, refusal)
}

/// To the log-in page, coming back here afterwards.
pub fn login_first(visitor: &Visitor) -> Response {
    login_then(&visitor.here, visitor)
}

/// To the log-in page, going to `next` afterwards.
pub fn login_then(next: &str, visitor: &Visitor) -> Response {
    let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
    see_other(&format!("/login?next={next}"), visitor, None)
}

/// A sentence left for the next page: something done, or refused.
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    /// What was done (`role="status"`).
    Done(&'a str),
    /// Why it was not (`role="alert"`).
    Refused(&'a str),
}

/// `303 See Other` to `location` (a path of ours), leaving `notice` to show there.
pub fn see_other(location: &str, visitor: &Visitor, notice: Option<Notice>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    let location = local_path(location).unwrap_or("/");
    if let Ok(value) = HeaderValue::from_str(location) {
        headers.insert(header::LOCATION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(notice) = notice {
        let value = match notice {
            Notice::Done(text) => format!("d:{text}"),
            Notice::Refused(text) => format!("r:{text}"),
        };
        headers.append(
            header::SET_COOKIE,
            cookies::set(
                cookies::NOTICE,
                &value,
                cookies::Lifetime::Seconds(60),
                visitor.secure,
            ),
        );
    }
    response
}

/// `path` when it is a path on this server (`/…`, not `//host` or a URL).
pub fn local_path(path: &str) -> Option<&str> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_server_are_followed() {
        assert_eq!(local_path("/hubs/demo?x=1"), Some("/hubs/demo?x=1"));
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/a\r\nSet-Cookie: x",
            "",
        ] {
            assert_eq!(local_path(hostile), None, "{hostile:?}");
        }
    }
}
