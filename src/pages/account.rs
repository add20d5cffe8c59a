//! Logging in and out for browsers: by password, by a link sent by email,
//! a new password by email, the email address confirmed, and signing up.
//! The session is the API's own: `logIn` gives a token, kept in an
//! `HttpOnly` cookie until the session ends. Links from emails open a page
//! with one button: the link is used by the `POST`, never by a `GET` a
//! mail scanner could follow.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::accounts::password::MIN_CHARS;
use crate::http::AppState;
use crate::msg;

use super::api::{self, Refusal};
use super::cookies::{self, Lifetime};
use super::posted::{Fields, Posted};
use super::render::{Notice, Page, local_path, page_templates, see_other};
use super::visitor::{Identified, Visitor};

/// This area's templates.
pub(super) const TEMPLATES: &[(&str, &str)] = page_templates!(
    "account/login.html",
    "account/sign-up.html",
    "account/magic-link.html",
    "account/link.html",
    "account/reset.html",
);

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(log_in))
        .route("/logout", axum::routing::post(log_out))
        .route("/sign-up", get(sign_up_form).post(sign_up))
        .route("/magic-link", get(magic_link_form).post(send_magic_link))
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/reset-password", get(reset_form).post(reset))
        .route("/verify-email", get(verify_form).post(verify))
        .route("/language", get(language))
}

#[derive(Debug, Deserialize)]
struct Next {
    next: Option<String>,
    token: Option<String>,
}

/// Where to go after logging in: the page that asked, if it is ours.
fn next_of(next: Option<&str>) -> String {
    next.and_then(local_path)
        .filter(|path| !path.starts_with("/login"))
        .unwrap_or("/")
        .to_owned()
}

async fn nobody(state: &AppState, visitor: &Visitor) -> Result<Identified, Response> {
    super::ask::identified(state, visitor, None).await
}

/// A form page again, with what went wrong and what was typed.
fn form_again(
    template: &'static str,
    visitor: &Visitor,
    who: &Identified,
    refusal: &Refusal,
    fields: &Fields,
) -> Response {
    let status = super::render::status_of(&refusal.code);
    Page::new(
        template,
        minijinja::context! {
            error => &refusal.message,
            error_field => &refusal.field,
            email => fields.get("email"),
            name => fields.get("name"),
            next => fields.get("next"),
            token => fields.get("token"),
            min_password => MIN_CHARS,
        },
    )
    .status(status)
    .show(visitor, Some(who))
}

async fn login_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<Next>,
) -> Response {
    let values = minijinja::context! { next => next_of(query.next.as_deref()) };
    form_page(&state, &visitor, "account/login.html", values).await
}

/// A form page of this area, for a visitor identified in no hub.
async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    template: &'static str,
    values: minijinja::Value,
) -> Response {
    match nobody(state, visitor).await {
        Ok(who) => Page::new(template, values).show(visitor, Some(&who)),
        Err(page) => page,
    }
}

/// Keeps the session `payload` (`{token, expiresAt}`) in the browser and goes to `next`.
fn start_session(state: &AppState, visitor: &Visitor, payload: &Value, next: &str) -> Response {
    let token = payload["token"].as_str().unwrap_or_default();
    let until = payload["expiresAt"]
        .as_str()
        .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
        .map_or(0, |at| {
            (at.with_timezone(&Utc) - state.services.clock.now()).num_seconds()
        });
    let mut response = see_other(next, visitor, None);
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::SESSION,
            token,
            Lifetime::Seconds(until),
            visitor.secure,
        ),
    );
    response
}

async fn log_in(State(state): State<AppState>, Posted(visitor, fields): Posted) -> Response {
    let who = match nobody(&state, &visitor).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = "mutation($input: LogInInput!) { logIn(input: $input) { token expiresAt } }";
    let input =
        json!({ "input": { "email": fields.get("email"), "password": fields.get("password") } });
    match api::ask(&state, &who, document, input).await {
        Ok(data) => start_session(
            &state,
            &visitor,
            &data["logIn"],
            &next_of(fields.optional("next")),
        ),
        Err(refusal) => form_again("account/login.html", &visitor, &who, &refusal, &fields),
    }
}

async fn log_out(State(state): State<AppState>, Posted(visitor, _): Posted) -> Response {
    if let Ok(who) = visitor.identify(&state, None).await
        && who.context.viewer.is_some()
    {
        // Ending the session on the server matters more than the cookie;
        // if it fails the cookie still goes, and the session ends on its own.
        if let Err(refusal) = api::ask(&state, &who, "mutation { logOut }", json!({})).await {
            tracing::warn!(code = %refusal.code, "log-out was refused");
        }
    }
    let locale = visitor.locale();
    let mut response = see_other(
        "/",
        &visitor,
        Some(Notice::Done(&msg!("page-logged-out").render(locale))),
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, "", Lifetime::Gone, visitor.secure),
    );
    response
}

async fn sign_up_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<Next>,
) -> Response {
    let values =
        minijinja::context! { next => next_of(query.next.as_deref()), min_password => MIN_CHARS };
    form_page(&state, &visitor, "account/sign-up.html", values).await
}

async fn sign_up(State(state): State<AppState>, Posted(visitor, fields): Posted) -> Response {
    let who = match nobody(&state, &visitor).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = "mutation($input: SignUpInput!) { signUp(input: $input) { id } }";
    let input = json!({ "input": {
        "email": fields.get("email"),
        "password": fields.get("password"),
        "name": fields.get("name"),
        "locale": who.locale().tag().to_uppercase(),
    } });
    if let Err(refusal) = api::ask(&state, &who, document, input).await {
        return form_again("account/sign-up.html", &visitor, &who, &refusal, &fields);
    }
    let document = "mutation($input: LogInInput!) { logIn(input: $input) { token expiresAt } }";
    let input =
        json!({ "input": { "email": fields.get("email"), "password": fields.get("password") } });
    match api::ask(&state, &who, document, input).await {
        Ok(data) => start_session(
            &state,
            &visitor,
            &data["logIn"],
            &next_of(fields.optional("next")),
        ),
        Err(refusal) => form_again("account/login.html", &visitor, &who, &refusal, &fields),
    }
}

async fn magic_link_form(State(state): State<AppState>, visitor: Visitor) -> Response {
    let values = minijinja::context! { purpose => "magic" };
    form_page(&state, &visitor, "account/magic-link.html", values).await
}

/// Asks for a link by email (`mutation`), then says it went, whether or
/// not the address has an account (the API answers the same either way).
async fn ask_for_link(
    state: &AppState,
    visitor: Visitor,
    fields: &Fields,
    document: &str,
    template: &'static str,
) -> Response {
    let who = match nobody(state, &visitor).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    match api::ask(
        state,
        &who,
        document,
        json!({ "email": fields.get("email") }),
    )
    .await
    {
        Ok(_) => see_other(
            "/login",
            &visitor,
            Some(Notice::Done(&msg!("page-link-sent").render(who.locale()))),
        ),
        Err(refusal) => form_again(template, &visitor, &who, &refusal, fields),
    }
}

async fn send_magic_link(
    State(state): State<AppState>,
    Posted(visitor, fields): Posted,
) -> Response {
    let document = "mutation($email: String!) { requestMagicLink(email: $email) }";
    ask_for_link(
        &state,
        visitor,
        &fields,
        document,
        "account/magic-link.html",
    )
    .await
}

/// The one-button page an emailed link opens (`purpose`: `sign-in`, `verify`).
async fn link_page(
    state: &AppState,
    visitor: &Visitor,
    purpose: &str,
    token: Option<String>,
) -> Response {
    let values = minijinja::context! { purpose => purpose, token => token.unwrap_or_default() };
    form_page(state, visitor, "account/link.html", values).await
}

async fn sign_in_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<Next>,
) -> Response {
    link_page(&state, &visitor, "sign-in", query.token).await
}

async fn sign_in(State(state): State<AppState>, Posted(visitor, fields): Posted) -> Response {
    let document =
        "mutation($token: String!) { signInWithLink(token: $token) { token expiresAt } }";
    match use_link(&state, &visitor, &fields, document).await {
        Ok((_, data)) => start_session(&state, &visitor, &data["signInWithLink"], "/"),
        Err(page) => page,
    }
}

/// Uses the token of an emailed link (`fields`) with `document`: who used
/// it and the API's answer, else the link's page again saying why not.
async fn use_link(
    state: &AppState,
    visitor: &Visitor,
    fields: &Fields,
    document: &str,
) -> Result<(Identified, Value), Response> {
    let who = nobody(state, visitor).await?;
    let token = json!({ "token": fields.get("token") });
    match api::ask(state, &who, document, token).await {
        Ok(data) => Ok((who, data)),
        Err(refusal) => Err(form_again(
            "account/link.html",
            visitor,
            &who,
            &refusal,
            fields,
        )),
    }
}

async fn reset_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<Next>,
) -> Response {
    let values = minijinja::context! {
        token => query.token.unwrap_or_default(),
        min_password => MIN_CHARS,
    };
    form_page(&state, &visitor, "account/reset.html", values).await
}

/// Without a token: emails a reset link. With one: sets the new password.
async fn reset(State(state): State<AppState>, Posted(visitor, fields): Posted) -> Response {
    let Some(token) = fields.optional("token") else {
        let document = "mutation($email: String!) { requestPasswordReset(email: $email) }";
        return ask_for_link(&state, visitor, &fields, document, "account/reset.html").await;
    };
    let who = match nobody(&state, &visitor).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = "mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }";
    let variables = json!({ "token": token, "password": fields.get("password") });
    match api::ask(&state, &who, document, variables).await {
        Ok(_) => see_other(
            "/login",
            &visitor,
            Some(Notice::Done(
                &msg!("page-password-set").render(who.locale()),
            )),
        ),
        Err(refusal) => form_again("account/reset.html", &visitor, &who, &refusal, &fields),
    }
}

async fn verify_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<Next>,
) -> Response {
    link_page(&state, &visitor, "verify", query.token).await
}

async fn verify(State(state): State<AppState>, Posted(visitor, fields): Posted) -> Response {
    let document = "mutation($token: String!) { verifyEmail(token: $token) { id } }";
    match use_link(&state, &visitor, &fields, document).await {
        Ok((who, _)) => {
            let said = msg!("page-email-verified").render(who.locale());
            see_other("/", &visitor, Some(Notice::Done(&said)))
        }
        Err(page) => page,
    }
}

#[derive(Debug, Deserialize)]
struct Switch {
    to: Option<String>,
    back: Option<String>,
}

/// `GET /language?to=it&back=/path`: remembers the language for a year and
/// goes back. A preference of this browser, like the link's own text says.
async fn language(visitor: Visitor, Query(switch): Query<Switch>) -> Response {
    let back = next_of(switch.back.as_deref());
    let mut response = see_other(&back, &visitor, None);
    if let Some(locale) = switch.to.as_deref().and_then(crate::locale::Locale::parse) {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(
                cookies::LANGUAGE,
                locale.tag(),
                Lifetime::Year,
                visitor.secure,
            ),
        );
    }
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Cookie"));
    response
}
