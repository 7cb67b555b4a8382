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

/// Whether `text` holds a character before which [`separate_marks`] may insert a space: `^(`
/// or a superscript (U+00B2, U+00B3, U+00B9: bytes C2 B2/B3/B9; U+2070–U+207E: E2 81 B0–BE).
/// A byte test, since other characters starting with those lead bytes (`’`, `–`, `…`: E2 80 …)
/// are common in UN text.
fn has_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'^', 0xC2, 0xE2, bytes).any(|i| match bytes[i] {
        b'^' => bytes.get(i + 1) == Some(&b'('),
        0xC2 => matches!(bytes.get(i + 1), Some(0xB2 | 0xB3 | 0xB9)),
        _ => bytes.get(i + 1) == Some(&0x81) && matches!(bytes.get(i + 2), Some(0xB0..=0xBE)),
    })
}

/// `text` with a space inserted between a word and a footnote mark glued to it.
pub fn separate_marks(text: &str) -> Cow<'_, str> {
    // Fast path: most text holds no mark, and telling so from the bytes spares decoding it.
    if !has_mark(text) {
        return Cow::Borrowed(text);
    }
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
        // Punctuation that shares a mark's lead byte (E2 80 …, C2 A0/AB) is no mark.
        assert!(matches!(
            separate_marks("the State’s – “report”… 50\u{a0}% «x»"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_byte_test_finds_every_character_a_mark_starts_with() {
        for c in ('\u{0}'..='\u{FFFF}').filter(|&c| super::is_superscript(c)) {
            assert!(has_mark(&format!("a{c}")), "U+{:04X}", c as u32);
        }
        assert!(has_mark("x^(1)"));
        assert!(!has_mark("x^2"));
        for c in ('\u{80}'..='\u{FFFF}').filter(|&c| !super::is_superscript(c)) {
            assert!(!has_mark(&format!("a{c}b")), "U+{:04X}", c as u32);
        }
    }
}
