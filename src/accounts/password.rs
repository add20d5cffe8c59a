//! Passwords: the length rules and argon2id hashing.
//!
//! Hashing is deliberately slow and memory-hungry, so it runs in the bounded
//! pool of `hashing.rs`, never on the async workers.

use crate::error::{AppError, AppResult};
use crate::msg;

use super::hashing::HashingPool;

/// The shortest password accepted (NIST SP 800-63B asks for at least 8).
pub const MIN_CHARS: usize = 10;
/// The longest; argon2 takes any length, but a megabyte "password" is an attack.
pub const MAX_CHARS: usize = 200;

/// A password that meets the length rules.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// Checks the length rules.
    pub fn parse(raw: &str, field: &'static str) -> AppResult<Password> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(AppError::validation(
                field,
                msg!("password-too-short", min = MIN_CHARS),
            ));
        }
        if chars > MAX_CHARS {
            return Err(AppError::validation(
                field,
                msg!("password-too-long", max = MAX_CHARS),
            ));
        }
        Ok(Password(raw.to_owned()))
    }

    /// The PHC string of an argon2id hash with a fresh salt.
    pub async fn hash(self) -> AppResult<String> {
        HashingPool::shared().hash(self.0).await
    }
}

/// Whether `candidate` matches `stored` (a PHC string). With no stored hash
/// (no such user, or a magic-link-only account) it still does the work of a
/// verification, so the answer takes as long either way.
pub async fn verify(candidate: String, stored: Option<String>) -> AppResult<bool> {
    let decoy = stored.is_none();
    let stored = stored.unwrap_or_else(|| DECOY_HASH.to_owned());
    let matches = HashingPool::shared().verify(candidate, stored).await?;
    Ok(matches && !decoy)
}

/// The argon2id hash (default parameters) of a random string nobody knows.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$KjLrWmOqmjLxBXFUYdAOpj2MCFrSBuRHdNbxPExnhvM";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let hash = Password::parse("correct horse battery", "password")
            .unwrap()
            .hash()
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("correct horse battery!".into(), Some(hash))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert!(!verify("anything at all".into(), None).await.unwrap());
    }

    #[test]
    fn length_rules_count_characters_not_bytes() {
        assert!(Password::parse("short", "password").is_err());
        assert!(Password::parse("àèìòùàèìòù", "password").is_ok());
        assert!(Password::parse(&"x".repeat(MAX_CHARS + 1), "password").is_err());
    }
}
