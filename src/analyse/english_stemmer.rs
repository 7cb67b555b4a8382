//! English stemming: the Snowball English (Porter2) stemmer that tantivy's
//! `Stemmer(Language::English)` runs (the `frostem` crate), applied to words only.
//!
//! | term | stemmed? |
//! |---|---|
//! | letters only (`trafficking` → `traffick`) | yes |
//! | with a digit or `/` (`a/res/76/7`, `g20`) | no: a symbol is matched as typed |
//! | with an Arabic letter | no: Arabic in an English paragraph is only normalised |
//!
//! Snowball costs ten times the rest of the English analysis per word, and a collection
//! repeats its words endlessly, so each thread keeps the stems of the words it has seen (up
//! to [`CACHE_CAPACITY`] words, then it starts afresh).

use super::filter::{token_filter, TermFilter};
use crate::model::is_arabic_letter;
use frostem::{Algorithm, Stemmer};
use std::cell::RefCell;

/// The most words whose stem a thread remembers.
pub const CACHE_CAPACITY: usize = 50_000;

thread_local! {
    /// Word → stem, for the words this thread has stemmed. foldhash, not the standard
    /// library's SipHash: the lookup is most of the cost of a remembered word.
    static STEMS: RefCell<foldhash::HashMap<String, String>> =
        RefCell::new(foldhash::HashMap::default());
}

/// Whether `term` is an English word the stemmer should see.
#[inline]
fn is_stemmable(term: &str) -> bool {
    !term
        .chars()
        .any(|c| c.is_ascii_digit() || c == '/' || (!c.is_ascii() && is_arabic_letter(c)))
}

/// Stems `term` in place when it is an English word (see the module table).
pub fn stem(term: &mut String) {
    if !is_stemmable(term) {
        return;
    }
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        if let Some(stemmed) = stems.get(term.as_str()) {
            term.clear();
            term.push_str(stemmed);
            return;
        }
        let stemmed = Stemmer::new(Algorithm::English).stem(term).into_owned();
        if stems.len() >= CACHE_CAPACITY {
            stems.clear();
        }
        stems.insert(std::mem::replace(term, stemmed.clone()), stemmed);
    });
}

/// Token filter applying [`stem`] to every term.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishStemmer;

impl TermFilter for EnglishStemmer {
    #[inline]
    fn apply(&mut self, term: &mut String, _buffer: &mut String) -> bool {
        stem(term);
        true
    }
}

token_filter!(EnglishStemmer);

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmed(word: &str) -> String {
        let mut term = word.to_owned();
        stem(&mut term);
        term
    }

    #[test]
    fn inflections_meet() {
        assert_eq!(stemmed("trafficking"), stemmed("traffickers"));
        assert_eq!(stemmed("trafficking"), stemmed("trafficked"));
        assert_eq!(stemmed("persons"), stemmed("person"));
        assert_eq!(stemmed("trafficking"), "traffick");
    }

    #[test]
    fn remembered_stems_are_the_same() {
        for _ in 0..3 {
            assert_eq!(stemmed("traffickers"), "traffick");
            assert_eq!(stemmed("organized"), "organiz");
        }
    }

    #[test]
    fn symbols_numbers_and_arabic_are_left_alone() {
        for term in ["a/res/76/7", "rev.1", "g20", "2021", "الاتجار"] {
            assert_eq!(stemmed(term), term);
        }
    }
}
