//! Sending a visitor on to Stripe's own pages: paying by card, setting up
//! payouts. The pages' forms may post only back here (`form-action 'self'`,
//! which browsers also hold the redirect answering a post to), so such a
//! post answers a page with the one link to follow: leaving for Stripe is
//! the visitor's own click, and no script of Stripe's runs on our pages.

use axum::response::Response;

use super::render::{Notice, Page, see_other};
use super::visitor::{Identified, Visitor};

/// Where a visitor is sent on to, and in which words.
pub struct Onward<'a> {
    /// Stripe's address, as its API answered it.
    pub url: &'a str,
    /// The page's heading.
    pub title: String,
    /// What happens there.
    pub text: String,
    /// The link's words.
    pub link: String,
    /// Our page to go back to instead.
    pub back: &'a str,
    /// What to say there when Stripe's answer is no web address.
    pub unusable: String,
}

/// `url` when it is a web address a browser may be sent to.
pub fn web_address(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "https" | "http") || parsed.host().is_none() {
        return None;
    }
    Some(parsed.into())
}

/// The page with the link on; back to `onward.back`, saying so, when
/// `onward.url` is no web address.
pub fn onward(visitor: &Visitor, who: &Identified, onward: Onward) -> Response {
    let Some(url) = web_address(onward.url) else {
        tracing::error!(
            url = onward.url,
            "Stripe answered an address that is not a web address"
        );
        return see_other(
            onward.back,
            visitor,
            Some(Notice::Refused(&onward.unusable)),
        );
    };
    let page = Page::new(
        "onward.html",
        minijinja::context! {
            url => url,
            title => onward.title,
            text => onward.text,
            link => onward.link,
            back => onward.back,
        },
    );
    page.show(visitor, Some(who))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_followed() {
        assert!(web_address("https://connect.stripe.com/setup/e/acct_1/abc").is_some());
        assert!(web_address("https://checkout.stripe.com/c/pay/cs_test_1#fid").is_some());
        assert!(web_address("http://127.0.0.1:4242/onboarding/acct_1").is_some());
        for hostile in [
            "javascript:alert(1)",
            "/local",
            "",
            "data:text/html,x",
            "mailto:a@b.example",
        ] {
            assert!(web_address(hostile).is_none(), "{hostile:?}");
        }
    }
}
