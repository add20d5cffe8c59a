//! Folding text for search: lower case, accents removed, so "Caffè" finds
//! "caffe" and "CAFFÈ" alike on both databases (which fold differently).

use crate::error::{AppError, AppResult};
use crate::msg;

/// `raw` lower-cased, with Latin accents removed and runs of non-alphanumerics as one space.
pub fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = true;
    for c in raw.chars().flat_map(char::to_lowercase) {
        let base = strip_accent(c);
        if base.is_alphanumeric() {
            out.push(base);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// The most words a search may have: each is one more condition on every
/// candidate row, and thousands of them would hold a database connection
/// (and a deep expression) for one request.
pub const MAX_WORDS: usize = 10;
/// The longest search text, in characters.
pub const MAX_CHARS: usize = 200;

/// The words of a search text, folded; `VALIDATION` on `field` when there
/// are more than [`MAX_WORDS`] or the text is longer than [`MAX_CHARS`].
pub fn search_words(query: &str, field: &'static str) -> AppResult<Vec<String>> {
    let found = words(query);
    if found.len() > MAX_WORDS || query.chars().count() > MAX_CHARS {
        return Err(AppError::validation(
            field,
            msg!("search-too-many-words", max = MAX_WORDS, chars = MAX_CHARS),
        ));
    }
    Ok(found)
}

/// The words of a query, folded; empty words dropped.
pub fn words(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The base letter of an accented Latin letter (the accents of Italian,
/// French, German, Spanish and Portuguese, the languages of our hubs' neighbours).
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(
            fold("Caffè  SOSPESO!  Perché-no"),
            "caffe sospeso perche no"
        );
        assert_eq!(fold("ÉLÈVE"), "eleve");
        assert_eq!(words("  Sala, prove! "), vec!["sala", "prove"]);
        assert!(words(" ,; ").is_empty());
    }
}
