//! English possessives: `traffickers'` and `trafficker's` index as the plain noun.
//!
//! As Lucene's `EnglishPossessiveFilter`, with the trailing apostrophe of plural possessives
//! too (the tokenizer already leaves it out of a word, but a term may reach here by other
//! ways). Runs after lowercasing.

use super::filter::{token_filter, TermFilter};

/// Token filter removing a final `'s` (or `’s`) and a final apostrophe.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishPossessive;

/// The apostrophes of possessives: ASCII, right single quotation mark, fullwidth.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{FF07}'];

/// Removes a possessive ending from `term`.
pub(crate) fn strip_possessive(term: &mut String) {
    let stem_len = match term.strip_suffix('s') {
        Some(rest) => rest.strip_suffix(APOSTROPHES).map(str::len),
        None => term.strip_suffix(APOSTROPHES).map(str::len),
    };
    if let Some(len) = stem_len.filter(|&len| len > 0) {
        term.truncate(len);
    }
}

impl TermFilter for EnglishPossessive {
    #[inline]
    fn apply(&mut self, term: &mut String, _buffer: &mut String) -> bool {
        strip_possessive(term);
        true
    }
}

token_filter!(EnglishPossessive);

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(text: &str) -> String {
        let mut term = text.to_owned();
        strip_possessive(&mut term);
        term
    }

    #[test]
    fn possessives_lose_their_ending() {
        assert_eq!(stripped("trafficker's"), "trafficker");
        assert_eq!(stripped("trafficker\u{2019}s"), "trafficker");
        assert_eq!(stripped("traffickers'"), "traffickers");
    }

    #[test]
    fn other_words_keep_theirs() {
        for word in ["traffickers", "persons", "'s", "'", "don't", "s"] {
            assert_eq!(stripped(word), word);
        }
    }
}
