//! Footnote reference marks inside paragraph text: kept, but apart from the word they follow.
//!
//! | printed            | in the unit text     |
//! |--------------------|----------------------|
//! | `تأكيدها⁽²⁾،`       | `تأكيدها ⁽²⁾،`        |
//! | `٢٠١٦.^(١)`         | `٢٠١٦. ^(١)`          |
//! | `rights²`          | `rights ²`           |
//!
//! Why: glued to the word, the mark turns `تأكيدها` into a different token for any analyser that
//! folds superscripts (NFKC makes `⁽²⁾` into `(2)` and `²` into `2`); with a space the word is
//! found and the mark still tells the reader a note exists.

use std::borrow::Cow;

/// Whether `c` is a superscript digit or parenthesis (U+00B2, U+00B3, U+00B9, U+2070–U+207E).
fn is_superscript(c: char) -> bool {
    matches!(
        c,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{2070}'..='\u{207E}'
    )
}

/// `text` with a space inserted between a word and a footnote mark glued to it.
pub fn separate_marks(text: &str) -> Cow<'_, str> {
    let needs = |prev: char, c: char, next: Option<char>| {
        !prev.is_whitespace()
            && !is_superscript(prev)
            && prev != '^'
            && ((is_superscript(c) && prev.is_alphanumeric() || c == '\u{207D}')
                || (c == '^' && next == Some('(')))
    };
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    let mut out: Option<String> = None;
    for (i, c) in text.char_indices() {
        chars.next();
        let next = chars.peek().copied();
        if let Some(p) = prev {
            if needs(p, c, next) {
                let buf = out.get_or_insert_with(|| text[..i].to_string());
                buf.push(' ');
            }
        }
        if let Some(buf) = out.as_mut() {
            buf.push(c);
        }
        prev = Some(c);
    }
    match out {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_separated_from_the_word() {
        assert_eq!(separate_marks("تأكيدها⁽²⁾، ونسلم"), "تأكيدها ⁽²⁾، ونسلم");
        assert_eq!(separate_marks("عام ٢٠١٦.^(١)"), "عام ٢٠١٦. ^(١)");
        assert_eq!(separate_marks("rights² and"), "rights ² and");
        assert_eq!(separate_marks("الأشخاص⁽¹⁰⁾."), "الأشخاص ⁽¹⁰⁾.");
    }

    #[test]
    fn text_without_marks_is_borrowed() {
        assert!(matches!(
            separate_marks("x^2 (a) ⁽¹⁾ plain"),
            Cow::Borrowed(_)
        ));
    }
}
