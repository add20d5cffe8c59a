//! Seats and units as clients ask for them: a whole number, at least one.

use crate::error::{AppError, AppResult};
use crate::msg;

/// Checks a quantity argument (1 when absent); `field` names it in the error.
pub fn parse_quantity(value: Option<i32>, field: &'static str) -> AppResult<u32> {
    u32::try_from(value.unwrap_or(1))
        .ok()
        .filter(|q| *q >= 1)
        .ok_or_else(|| AppError::validation(field, msg!("input-choose-at-least-one")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quantity_is_a_whole_number_of_at_least_one() {
        assert_eq!(parse_quantity(None, "q").ok(), Some(1));
        assert_eq!(parse_quantity(Some(3), "q").ok(), Some(3));
        for bad in [0, -1, i32::MIN] {
            assert!(matches!(
                parse_quantity(Some(bad), "q"),
                Err(AppError::Validation { .. })
            ));
        }
    }
}
