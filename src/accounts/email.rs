//! An email address, checked once at the edge.

use crate::error::{AppError, AppResult};
use crate::msg;

/// A syntactically plausible email address, trimmed, as the person typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Checks `raw` and keeps it as typed (less surrounding space). `field`
    /// names the input in the error.
    pub fn parse(raw: &str, field: &'static str) -> AppResult<EmailAddress> {
        let email = raw.trim();
        let invalid =
            || AppError::validation(field, msg!("email-invalid", email = email.to_string()));
        let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
        let labels_ok = domain.split('.').count() >= 2
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c));
        if email.len() > 254 || !labels_ok || !local_ok {
            return Err(invalid());
        }
        Ok(EmailAddress(email.to_owned()))
    }

    /// The address as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key that makes two spellings one account.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_addresses_are_kept_as_typed() {
        let email = EmailAddress::parse("  Ada.Lovelace+hub@Example.ORG ", "email").unwrap();
        assert_eq!(email.as_str(), "Ada.Lovelace+hub@Example.ORG");
        assert_eq!(email.key(), "ada.lovelace+hub@example.org");
        assert!(EmailAddress::parse("nonna@quartiere.torino.it", "email").is_ok());
    }

    #[test]
    fn malformed_addresses_are_refused_naming_the_field() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "ada@@example.org",
            "a da@example.org",
            "ada@exa mple.org",
            "ada@-example.org",
            "ada@example..org",
        ] {
            match EmailAddress::parse(bad, "input.email") {
                Err(AppError::Validation { field, .. }) => assert_eq!(field, "input.email"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }
}
