//! The small pages people reach from an email link (answering a request,
//! turning mail off): self-contained HTML with no script and no style
//! sheet, so the strict Content-Security-Policy loads nothing, and every
//! sentence escaped.

use crate::i18n::Message;
use crate::locale::Locale;

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page in `locale`: `title` as its heading, then `body` (already HTML).
pub fn document(locale: Locale, title: &str, body: &str) -> String {
    let (lang, title) = (locale.tag(), escape(title));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n</head>\n\
         <body>\n<main>\n<h1>{title}</h1>\n{body}</main>\n</body>\n</html>\n"
    )
}

/// A paragraph of `message` in `locale`.
pub fn paragraph(message: Message, locale: Locale) -> String {
    format!("<p>{}</p>\n", escape(&message.render(locale)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_typed_cannot_become_markup() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        let page = document(Locale::It, "Sala <A>", "<p>x</p>\n");
        assert!(page.contains("<html lang=\"it\">"));
        assert!(page.contains("<title>Sala &lt;A&gt;</title>"));
        assert!(!page.contains("<A>"));
    }
}
