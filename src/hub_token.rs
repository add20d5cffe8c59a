//! The secret in an address that opens something of one hub without a
//! login (a calendar feed, a one-click answer):
//! `<hub id, 32 hex>-<secret, 64 hex>`.
//!
//! The hub travels in the token so that using it starts inside that
//! hub's transaction (and, on PostgreSQL, under its row-level security):
//! the one lookup a token costs is `(tenant_id, token_hash)` on a unique
//! index of that hub's rows, so a token can show nothing of another hub
//! whatever it claims, and there is no table of every hub's secrets to
//! read across hubs. The hub id is not a secret; the 256 random bits are.
//! A token that is not of this exact shape is refused before the database.
//!
//! Only the SHA-256 of the whole token is stored, as for login tokens: the
//! table's contents open nothing.

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::ids::HubId;

/// Hex digits of the hub id.
const HUB_LEN: usize = 32;
/// Hex digits of the secret (256 bits).
const SECRET_LEN: usize = 64;
/// The whole token: hub, hyphen, secret.
const TOKEN_LEN: usize = HUB_LEN + 1 + SECRET_LEN;

/// A secret address part naming its hub, well formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubToken {
    hub: HubId,
    text: String,
}

impl HubToken {
    /// A new token for something of `hub`, with 256 bits from the operating system.
    pub fn generate(hub: HubId) -> HubToken {
        let mut secret = [0u8; SECRET_LEN / 2];
        rand::rng().fill_bytes(&mut secret);
        HubToken {
            hub,
            text: format!("{}-{}", hub.0.simple(), hex::encode(secret)),
        }
    }

    /// Reads a token from an address; `None` unless it has exactly our shape.
    pub fn parse(raw: &str) -> Option<HubToken> {
        let lower_hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if raw.len() != TOKEN_LEN {
            return None;
        }
        let (hub, secret) = raw.split_at_checked(HUB_LEN)?;
        let secret = secret.strip_prefix('-')?;
        if !lower_hex(hub) || !lower_hex(secret) {
            return None;
        }
        let hub = uuid::Uuid::try_parse(hub).ok()?;
        Some(HubToken {
            hub: HubId(hub),
            text: raw.to_owned(),
        })
    }

    /// The hub whose rows this token may open (if any of them has this token).
    pub fn hub(&self) -> HubId {
        self.hub
    }

    /// The token text, for the address given to its owner.
    pub fn reveal(&self) -> &str {
        &self.text
    }

    /// What the database keeps: the SHA-256 of the token, in hex.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.text.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_hub_and_is_kept_only_as_a_digest() {
        let hub = HubId(uuid::Uuid::from_u128(0xabc));
        let token = HubToken::generate(hub);
        assert_eq!(token.reveal().len(), TOKEN_LEN);
        assert!(
            token
                .reveal()
                .starts_with("00000000000000000000000000000abc-")
        );
        assert_eq!(HubToken::parse(token.reveal()), Some(token.clone()));
        assert_eq!(token.hub(), hub);
        assert_eq!(token.hash().len(), 64);
        assert!(!token.hash().contains(&token.reveal()[HUB_LEN + 1..]));
        assert_ne!(HubToken::generate(hub), token, "fresh every time");
    }

    #[test]
    fn anything_but_our_shape_is_refused_before_the_database() {
        let good = HubToken::generate(HubId(uuid::Uuid::from_u128(7)));
        let text = good.reveal();
        for bad in [
            String::new(),
            "garbage".to_owned(),
            text[..TOKEN_LEN - 1].to_owned(),
            format!("{text}0"),
            text.to_uppercase(),
            text.replace('-', "0"),
            format!("{}é{}", &text[..40], &text[42..]),
            format!("{}/{}", &text[..40], &text[41..]),
        ] {
            assert_eq!(HubToken::parse(&bad), None, "{bad:?}");
        }
    }
}
