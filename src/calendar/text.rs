//! Text people wrote (titles, addresses, names) made fit for an iCalendar
//! TEXT value. The `icalendar` crate escapes `\`, `;`, `,` and line feeds
//! and folds long lines; control characters are ours to drop, since RFC
//! 5545 allows none in TEXT but the tab (a lone carriage return would end
//! the content line early in a lenient reader).

/// `raw` with line breaks kept as line feeds and every other control
/// character but the tab removed.
pub fn multiline(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// `raw` on one line: line breaks become spaces.
pub fn one_line(raw: &str) -> String {
    multiline(raw)
        .split('\n')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_and_lines_joined_where_asked() {
        assert_eq!(
            multiline("Via Roma 1\r\n10100 Torino\u{7}"),
            "Via Roma 1\n10100 Torino"
        );
        assert_eq!(one_line(" Sala\r\ndel camino \u{0}"), "Sala del camino");
        assert_eq!(one_line("a;b,c\\d"), "a;b,c\\d", "escaping is the writer's");
    }
}
