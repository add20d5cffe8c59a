//! Bearer tokens: random, opaque, and stored only as their SHA-256.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// What every token starts with, so a leaked one is recognisable in logs and scanners.
const PREFIX: &str = "ptn_";

/// A freshly minted token: shown to the client once, never stored.
pub struct BearerToken(String);

impl BearerToken {
    /// 256 random bits from the operating system.
    pub fn generate() -> BearerToken {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        BearerToken(format!("{PREFIX}{}", hex::encode(bytes)))
    }

    /// The token text to give the client.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        hash_token(&self.0)
    }
}

/// Whether `text` has the shape of a token we minted (the prefix and 64
/// hex digits), so garbage costs no database read.
pub fn is_well_formed(text: &str) -> bool {
    text.strip_prefix(PREFIX)
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The stored form of a token text presented by a client.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_only_their_hash_is_kept() {
        let a = BearerToken::generate();
        let b = BearerToken::generate();
        assert_ne!(a.reveal(), b.reveal());
        assert!(a.reveal().starts_with("ptn_") && a.reveal().len() == 68);
        assert_eq!(a.hash(), hash_token(a.reveal()));
        assert!(!a.hash().contains(&a.reveal()[4..]));
        assert!(is_well_formed(a.reveal()));
        assert!(!is_well_formed("ptn_abc"));
        assert!(!is_well_formed(&a.reveal().replace("ptn_", "xyz_")));
    }
}
