//! Who is looking at a page: what the browser sent (cookies, language,
//! address), and, once identified, the same request context the API's
//! resolvers read, so a page can do exactly what its visitor could do
//! through the API, and nothing more.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use rand::Rng as _;

use crate::http::AppState;
use crate::http::client_addr;
use crate::http::identify::identify;
use crate::locale::Locale;
use crate::rate_limit::ClientAddr;
use crate::request::{RequestContext, TENANT_HEADER};

use super::cookies::{self, Lifetime};

/// What the browser sent, read without touching the database.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The language the visitor chose on a page, if any.
    chosen: Option<Locale>,
    /// The browser's `Accept-Language`.
    accept_language: Option<String>,
    /// The session cookie.
    session: Option<String>,
    /// The form token: the cookie's, or a new one this response sets.
    pub form_token: String,
    form_token_is_new: bool,
    /// The one-time notice to show, if a form left one.
    pub notice: Option<String>,
    /// The path and query of this page (where the language switch returns).
    pub here: String,
    client: ClientAddr,
    /// Whether cookies get `Secure`.
    pub secure: bool,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(SocketAddr::from(([127, 0, 0, 1], 0)), |info| info.0);
        let edge = &state.services.settings.edge;
        let (form_token, form_token_is_new) = match cookies::read(headers, cookies::FORM_TOKEN)
            .filter(|token| token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            Some(token) => (token, false),
            None => (hex::encode(rand::rng().random::<[u8; 32]>()), true),
        };
        Ok(Visitor {
            chosen: cookies::read(headers, cookies::LANGUAGE).and_then(|tag| Locale::parse(&tag)),
            accept_language: headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            session: cookies::read(headers, cookies::SESSION),
            form_token,
            form_token_is_new,
            notice: cookies::read(headers, cookies::NOTICE),
            here: parts
                .uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
            client: client_addr::resolve(peer, headers, &edge.trusted_proxies),
            secure: state.services.settings.public_url.starts_with("https://"),
        })
    }
}

/// A visitor identified in a hub (or in none): the API's request context.
#[derive(Debug, Clone)]
pub struct Identified {
    /// What resolvers read: hub, viewer, role, language.
    pub context: RequestContext,
    /// The client's address, for the API's rate limits.
    pub client: ClientAddr,
    /// The session cookie named a session that has ended.
    pub session_ended: bool,
}

impl Identified {
    /// The language pages speak to this visitor.
    pub fn locale(&self) -> Locale {
        self.context.locale
    }
}

/// Why a visitor could not be identified: an unknown hub, or a database
/// that did not answer; already in the visitor's language.
#[derive(Debug)]
pub struct Unidentified {
    /// The API's error.
    pub error: crate::error::AppError,
    /// The language to say it in.
    pub locale: Locale,
}

impl Visitor {
    /// Identifies the visitor as the API would identify a request with their
    /// session as bearer token, `hub` as `X-Tenant` and their language
    /// choice first in `Accept-Language`.
    pub async fn identify(
        &self,
        state: &AppState,
        hub: Option<&str>,
    ) -> Result<Identified, Unidentified> {
        let mut headers = HeaderMap::new();
        let mut put = |name: HeaderName, value: &str| {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        };
        if let Some(hub) = hub {
            put(HeaderName::from_static(TENANT_HEADER), hub);
        }
        if let Some(token) = &self.session {
            put(header::AUTHORIZATION, &format!("Bearer {token}"));
        }
        let language = match (self.chosen, &self.accept_language) {
            (Some(chosen), _) => Some(chosen.tag().to_owned()),
            (None, asked) => asked.clone(),
        };
        if let Some(language) = language {
            put(header::ACCEPT_LANGUAGE, &language);
        }
        match identify(&state.services, &headers).await {
            Ok(mut context) => {
                // An ended session is a visitor who is not logged in: the
                // page asks them to log in again instead of failing.
                let session_ended = std::mem::take(&mut context.token_rejected);
                Ok(Identified {
                    context,
                    client: self.client,
                    session_ended,
                })
            }
            Err((error, locale)) => Err(Unidentified { error, locale }),
        }
    }

    /// The language before anyone is identified (the choice, else the browser's).
    pub fn locale(&self) -> Locale {
        self.chosen
            .or_else(|| {
                self.accept_language
                    .as_deref()
                    .and_then(Locale::from_accept_language)
            })
            .unwrap_or_default()
    }

    /// Whether the browser already held a form token (a page of ours set it).
    pub fn has_form_token(&self) -> bool {
        !self.form_token_is_new
    }

    /// The cookies every page response sets: a new form token, the notice
    /// consumed, an ended session removed.
    pub fn cookies(&self, session_ended: bool) -> Vec<HeaderValue> {
        let mut out = Vec::new();
        if self.form_token_is_new {
            out.push(cookies::set(
                cookies::FORM_TOKEN,
                &self.form_token,
                Lifetime::Browser,
                self.secure,
            ));
        }
        if self.notice.is_some() {
            out.push(cookies::set(
                cookies::NOTICE,
                "",
                Lifetime::Gone,
                self.secure,
            ));
        }
        if session_ended {
            out.push(cookies::set(
                cookies::SESSION,
                "",
                Lifetime::Gone,
                self.secure,
            ));
        }
        out
    }
}
