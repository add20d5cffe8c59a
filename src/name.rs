//! Names people and hubs go by: trimmed, non-empty, of a sensible length.

use crate::error::{AppError, AppResult};
use crate::msg;

/// Trims `raw` and checks it holds 1 to `max` characters, none of them control characters.
pub fn parse_name(raw: &str, field: &'static str, max: usize) -> AppResult<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::validation(field, msg!("input-empty")));
    }
    if name.chars().count() > max {
        return Err(AppError::validation(
            field,
            msg!("input-too-long", max = max),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::validation(
            field,
            msg!("input-control-characters"),
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Ada  ", "name", 10).unwrap(), "Ada");
        assert!(parse_name("   ", "name", 10).is_err());
        assert!(parse_name("Ada\nLovelace", "name", 40).is_err());
        assert!(parse_name(&"é".repeat(11), "name", 10).is_err());
        assert!(parse_name(&"é".repeat(10), "name", 10).is_ok());
    }
}
