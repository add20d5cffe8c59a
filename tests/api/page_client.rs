//! A browser for the page tests: keeps cookies, follows nothing by
//! itself (so a test sees each redirect), and posts forms with the form
//! token the last page carried, as a browser would.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION};

use crate::helpers::{PASSWORD, TestApp};

/// One answer: status, where it redirects, and the HTML.
#[derive(Debug)]
pub struct Shown {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Shown {
    /// The page's text with tags removed and spaces collapsed, for
    /// asserting on what a person reads.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in self.body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        let out = out
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&#x2f;", "/");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The value of the first form token on the page.
    pub fn form_token(&self) -> Option<String> {
        let at = self.body.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
        let rest = &self.body[at..];
        Some(rest[..rest.find('"')?].to_owned())
    }
}

/// A browser on one test server.
pub struct PageClient {
    client: reqwest::Client,
    base: String,
    language: String,
    token: Option<String>,
}

impl PageClient {
    /// A new browser (no cookies) that asks for pages in `language` (`it`, `en`).
    pub fn new(app: &TestApp, language: &str) -> PageClient {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        PageClient {
            client,
            base: app.url(""),
            language: language.to_owned(),
            token: None,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base.trim_end_matches('/'))
    }

    async fn shown(&mut self, response: reqwest::Response) -> Shown {
        let status = response.status();
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await.expect("a body");
        let shown = Shown {
            status,
            location,
            body,
        };
        if let Some(token) = shown.form_token() {
            self.token = Some(token);
        }
        shown
    }

    /// `GET path`.
    pub async fn get(&mut self, path: &str) -> Shown {
        let response = self
            .client
            .get(self.url(path))
            .header(ACCEPT_LANGUAGE, &self.language)
            .send()
            .await
            .expect("the page answers");
        self.shown(response).await
    }

    /// `POST path` with `fields` and the form token of the last page shown.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Shown {
        let token = self.token.clone().unwrap_or_default();
        self.post_raw(path, fields, Some(&token)).await
    }

    /// `POST path` with `fields` and the given form token (`None`: no token).
    pub async fn post_raw(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        token: Option<&str>,
    ) -> Shown {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        if let Some(token) = token {
            form.push(("csrf", token));
        }
        let response = self
            .client
            .post(self.url(path))
            .header(ACCEPT_LANGUAGE, &self.language)
            .form(&form)
            .send()
            .await
            .expect("the page answers");
        self.shown(response).await
    }

    /// Follows `shown`'s redirect, if it has one.
    pub async fn follow(&mut self, shown: Shown) -> Shown {
        match shown.location.clone() {
            Some(location) if shown.status.is_redirection() => self.get(&location).await,
            _ => shown,
        }
    }

    /// Logs in as `email` (with the test password) through the log-in page.
    pub async fn log_in(&mut self, email: &str) {
        self.get("/login").await;
        let done = self
            .post(
                "/login",
                &[("email", email), ("password", PASSWORD), ("next", "/")],
            )
            .await;
        assert_eq!(
            done.status,
            StatusCode::SEE_OTHER,
            "log-in: {}",
            done.text()
        );
    }
}
