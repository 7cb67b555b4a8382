//! Dropping tokens that are no words: without a letter or digit once normalised (a lone
//! tatweel or diacritic, `ـ_`), or too long, counted in characters.
//!
//! tantivy's `RemoveLongFilter` counts bytes: its default of 40 bytes is 20 Arabic letters,
//! and UN Arabic has legitimate words that long once prefixes and suffixes are attached
//! (وباستراتيجياتها). A token longer than [`MAX_TOKEN_CHARS`] characters (after
//! normalisation) is noise: a URL, an encoded blob, a run of letters glued by extraction.

use super::filter::{token_filter, TermFilter};

/// The longest token kept, in characters.
pub const MAX_TOKEN_CHARS: usize = 64;

/// Token filter dropping tokens without a letter or digit and tokens of more than
/// [`MAX_TOKEN_CHARS`] characters.
#[derive(Clone, Copy, Debug, Default)]
pub struct LongTokenRemover;

/// Whether `term` is short enough to keep.
#[inline]
pub(crate) fn is_short_enough(term: &str) -> bool {
    // A char takes at least one byte: short in bytes is short in chars, no count needed.
    term.len() <= MAX_TOKEN_CHARS || term.chars().count() <= MAX_TOKEN_CHARS
}

/// Whether the token of `term` is kept.
#[inline]
pub(crate) fn is_kept(term: &str) -> bool {
    term.chars().any(char::is_alphanumeric) && is_short_enough(term)
}

impl TermFilter for LongTokenRemover {
    #[inline]
    fn apply(&mut self, term: &mut String, _buffer: &mut String) -> bool {
        is_kept(term)
    }
}

token_filter!(LongTokenRemover);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_arabic_words_are_kept() {
        // 15 letters, 30 bytes: past tantivy's 40-byte limit once a few more letters attach.
        let word = "وباستراتيجياتها";
        assert!(is_short_enough(word));
        let twenty_six_letters = "والاستراتيجياتوالاتفاقيات";
        assert!(twenty_six_letters.len() > 40);
        assert!(is_short_enough(twenty_six_letters));
    }

    #[test]
    fn terms_without_letters_or_digits_go() {
        assert!(!is_kept(""));
        assert!(!is_kept("_"));
        assert!(is_kept("_7"));
        assert!(is_kept("ب"));
    }

    #[test]
    fn the_limit_counts_characters() {
        assert!(is_short_enough(&"ب".repeat(MAX_TOKEN_CHARS)));
        assert!(!is_short_enough(&"ب".repeat(MAX_TOKEN_CHARS + 1)));
        assert!(!is_short_enough(&"x".repeat(MAX_TOKEN_CHARS + 1)));
    }
}
