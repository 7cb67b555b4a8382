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

/// Removes the possessive endings from `term`: all of them, so that a term analysed again is
/// itself (`a’s’s` becomes `a`, not `a’s`, which would become `a` when searched).
pub(crate) fn strip_possessive(term: &mut String) {
    loop {
        let stem_len = match term.strip_suffix('s') {
            Some(rest) => rest.strip_suffix(APOSTROPHES).map(str::len),
            None => term.strip_suffix(APOSTROPHES).map(str::len),
        };
        match stem_len.filter(|&len| len > 0) {
            Some(len) => term.truncate(len),
            None => return,
        }
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
    fn repeated_endings_all_go() {
        assert_eq!(stripped("a\u{2019}s\u{2019}s"), "a");
        assert_eq!(stripped("traffickers''"), "traffickers");
        assert_eq!(stripped("'s'"), "'s");
    }

    #[test]
    fn other_words_keep_theirs() {
        for word in ["traffickers", "persons", "'s", "'", "don't", "s"] {
            assert_eq!(stripped(word), word);
        }
    }
}
