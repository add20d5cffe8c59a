//! Instants and amounts as people read them on a page: on the hub's clock
//! and in the visitor's language (`lun 23 nov 2026, 10:00`,
//! `Mon 23 Nov 2026, 10:00`; `12,50 €`, `€12.50`).

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

use crate::locale::Locale;
use crate::msg;

/// The short name of a weekday (1 = Monday) in `locale`.
fn weekday(day: u32, locale: Locale) -> String {
    let message = match day {
        1 => msg!("page-weekday-1"),
        2 => msg!("page-weekday-2"),
        3 => msg!("page-weekday-3"),
        4 => msg!("page-weekday-4"),
        5 => msg!("page-weekday-5"),
        6 => msg!("page-weekday-6"),
        _ => msg!("page-weekday-7"),
    };
    message.render(locale)
}

/// The short name of a month (1 = January) in `locale`.
fn month(number: u32, locale: Locale) -> String {
    let message = match number {
        1 => msg!("page-month-1"),
        2 => msg!("page-month-2"),
        3 => msg!("page-month-3"),
        4 => msg!("page-month-4"),
        5 => msg!("page-month-5"),
        6 => msg!("page-month-6"),
        7 => msg!("page-month-7"),
        8 => msg!("page-month-8"),
        9 => msg!("page-month-9"),
        10 => msg!("page-month-10"),
        11 => msg!("page-month-11"),
        _ => msg!("page-month-12"),
    };
    message.render(locale)
}

/// `lun 23 nov 2026`: the day of `instant` on `tz`'s clock.
pub fn day(instant: DateTime<Utc>, tz: Tz, locale: Locale) -> String {
    let local = instant.with_timezone(&tz);
    format!(
        "{} {} {} {}",
        weekday(local.weekday().number_from_monday(), locale),
        local.day(),
        month(local.month(), locale),
        local.year()
    )
}

/// `10:00`: the time of `instant` on `tz`'s clock.
pub fn clock(instant: DateTime<Utc>, tz: Tz) -> String {
    let local = instant.with_timezone(&tz);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// `lun 23 nov 2026, 10:00`.
pub fn when(instant: DateTime<Utc>, tz: Tz, locale: Locale) -> String {
    format!("{}, {}", day(instant, tz, locale), clock(instant, tz))
}

/// `lun 23 nov 2026, 10:00–12:00`, or both days when the period crosses midnight.
pub fn period(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz, locale: Locale) -> String {
    let same_day = start.with_timezone(&tz).date_naive() == end.with_timezone(&tz).date_naive();
    if same_day {
        format!("{}–{}", when(start, tz, locale), clock(end, tz))
    } else {
        format!("{} – {}", when(start, tz, locale), when(end, tz, locale))
    }
}

/// `12,50 €` (Italian) or `€12.50` (English) for `minor` units of `currency`.
pub fn money(minor: i64, currency: &str, locale: Locale) -> String {
    let symbol = match currency {
        "EUR" => "€",
        "GBP" => "£",
        "USD" => "$",
        other => other,
    };
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    let grouped = group(whole, if locale == Locale::It { '.' } else { ',' });
    match locale {
        Locale::It => format!("{sign}{grouped},{cents:02} {symbol}"),
        Locale::En if symbol == currency => format!("{sign}{symbol} {grouped}.{cents:02}"),
        Locale::En => format!("{sign}{symbol}{grouped}.{cents:02}"),
    }
}

/// `12`, `12.5`, `12,50` as minor units (`1250`); no sign, at most two
/// decimals, no thousands separators (`1.250` would be ambiguous).
pub fn minor_units(value: &str) -> Option<i64> {
    let (whole, fraction) = match value.find(['.', ',']) {
        Some(at) => (&value[..at], &value[at + 1..]),
        None => (value, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ok = !whole.is_empty()
        && whole.len() <= 12
        && fraction.len() <= 2
        && digits(whole)
        && digits(fraction)
        && (!fraction.is_empty() || !value.ends_with(['.', ',']));
    if !ok {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

fn group(mut n: u64, separator: char) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(&separator.to_string())
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Rome;

    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap_or_else(|_| panic!("an instant: {s}"))
    }

    #[test]
    fn instants_read_on_the_hubs_clock_in_the_visitors_language() {
        let start = utc("2026-11-23T09:00:00Z");
        assert_eq!(when(start, Rome, Locale::It), "lun 23 nov 2026, 10:00");
        assert_eq!(when(start, Rome, Locale::En), "Mon 23 Nov 2026, 10:00");
        let end = utc("2026-11-23T11:30:00Z");
        assert_eq!(
            period(start, end, Rome, Locale::En),
            "Mon 23 Nov 2026, 10:00–12:30"
        );
    }

    #[test]
    fn the_night_clocks_go_back_an_evening_reads_as_the_wall_says() {
        // 25 October 2026: Rome goes from 03:00 CEST back to 02:00 CET.
        let start = utc("2026-10-24T22:00:00Z"); // 00:00 CEST
        let end = utc("2026-10-25T03:00:00Z"); // 04:00 CET, five hours later
        assert_eq!(
            period(start, end, Rome, Locale::It),
            "dom 25 ott 2026, 00:00–04:00"
        );
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST.
        let spring = utc("2026-03-29T01:00:00Z");
        assert_eq!(clock(spring, Rome), "03:00");
    }

    #[test]
    fn amounts_keep_their_cents_and_group_thousands() {
        assert_eq!(money(1250, "EUR", Locale::It), "12,50 €");
        assert_eq!(money(1250, "EUR", Locale::En), "€12.50");
        assert_eq!(money(123_456_789, "EUR", Locale::It), "1.234.567,89 €");
        assert_eq!(money(-5, "CHF", Locale::En), "-CHF 0.05");
        assert_eq!(money(0, "EUR", Locale::En), "€0.00");
    }
}
