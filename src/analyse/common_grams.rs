//! Common grams: each pair of adjacent words of which one is a common word (في, من, the, of,
//! …) is also one term, so that a quoted two-word phrase with a common word is looked up
//! instead of matched position by position.
//!
//! A phrase such as "الرئيسية في" or "obligations and" is otherwise checked on every unit
//! that has both words: at 1M units that is most of the units with the rarer word, and each
//! check reads the common word's positions, where the phrase itself is in a few hundred
//! units. Lucene's analyzers drop such words and lose the phrase; Lucene's and
//! Elasticsearch's `common_grams` filters keep it the way done here. The grams are the exact
//! view's terms joined by [`GRAM_JOINER`], in a field of their own, with frequencies but no
//! positions: a gram's frequency in a unit is the number of times the phrase occurs there,
//! which is what BM25 scores a phrase by.
//!
//! Positions decide adjacency as a phrase query does: two tokens form a gram only when the
//! second stands one position after the first (a dropped token leaves a gap, and no phrase
//! spans a gap). The lists are the commonest function words of each language in UN text
//! (each in about 2 % of the units or more of a collection recombined from the shared corpus
//! by `sabiqa gen-corpus`), in the exact view's normalised form; changing them changes the
//! index (the schema version).

use crate::model::Lang;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Joins the two terms of a gram: no token of the exact view contains a space.
pub const GRAM_JOINER: char = ' ';

/// Common Arabic words, normalised as the exact view writes them, sorted.
const ARABIC: &[&str] = &[
    "اجل", "التي", "الذي", "الي", "ان", "او", "اي", "بان", "بشان", "بعد", "بما", "بها", "بين",
    "تلك", "ذات", "ذلك", "علي", "عن", "غير", "في", "فيما", "فيها", "قد", "كل", "كما", "لا", "لم",
    "ما", "مع", "من", "هذا", "هذه", "و", "وان", "وفي", "وقد", "ولا", "ومن",
];

/// Common English words, lowercased, sorted.
const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have",
    "in", "is", "it", "its", "not", "of", "on", "or", "that", "the", "their", "this", "to", "was",
    "were", "which", "will", "with",
];

/// The length in bytes of the longest common word: a longer term is none (most terms, found
/// without a search).
const LONGEST: usize = max(longest(ARABIC), longest(ENGLISH));

const fn longest(words: &[&str]) -> usize {
    let (mut i, mut most) = (0, 0);
    while i < words.len() {
        most = max(most, words[i].len());
        i += 1;
    }
    most
}

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The common words as numbers ([`packed`]), in the lists' order: every token of every text is
/// looked up, and comparing numbers spares the string comparisons (a binary search over the
/// strings was 3 % of a build's time).
const ARABIC_KEYS: [u64; ARABIC.len()] = packed_all(ARABIC);
const ENGLISH_KEYS: [u64; ENGLISH.len()] = packed_all(ENGLISH);

const _: () = assert!(LONGEST <= 8, "a common word must fit in a u64");

/// The bytes of a term of at most 8 bytes as one number, first byte highest, zeros after the
/// last: for terms without a zero byte, the order of the numbers is the order of the terms.
const fn packed(bytes: &[u8]) -> u64 {
    let mut key = 0;
    let mut at = 0;
    while at < 8 {
        key <<= 8;
        if at < bytes.len() {
            key |= bytes[at] as u64;
        }
        at += 1;
    }
    key
}

const fn packed_all<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut keys = [0; N];
    let mut at = 0;
    while at < N {
        keys[at] = packed(words[at].as_bytes());
        at += 1;
    }
    keys
}

/// Whether `term` (an exact-view term of `lang`) is a common word, which forms grams with its
/// neighbours.
#[inline]
pub fn is_common(lang: Lang, term: &str) -> bool {
    if term.len() > LONGEST {
        return false;
    }
    let (words, keys) = match lang {
        Lang::Ar => (ARABIC, &ARABIC_KEYS[..]),
        Lang::En => (ENGLISH, &ENGLISH_KEYS[..]),
    };
    // A term that ends in zero bytes packs as the word without them: the lengths tell them apart.
    keys.binary_search(&packed(term.as_bytes()))
        .is_ok_and(|at| words[at].len() == term.len())
}

/// The gram of two adjacent exact-view terms of `lang`, when one of them is common.
pub fn gram(lang: Lang, first: &str, second: &str) -> Option<String> {
    (is_common(lang, first) || is_common(lang, second)).then(|| {
        let mut gram = String::with_capacity(first.len() + GRAM_JOINER.len_utf8() + second.len());
        join_into(&mut gram, first, second);
        gram
    })
}

/// Writes the gram of `first` and `second` into `out`, replacing what it held.
fn join_into(out: &mut String, first: &str, second: &str) {
    out.clear();
    out.push_str(first);
    out.push(GRAM_JOINER);
    out.push_str(second);
}

/// Token filter replacing a stream of exact-view terms of one language by its common grams.
#[derive(Clone, Copy, Debug)]
pub struct CommonGrams {
    lang: Lang,
}

impl CommonGrams {
    /// The filter for `lang`'s common words.
    pub fn new(lang: Lang) -> Self {
        CommonGrams { lang }
    }
}

impl TokenFilter for CommonGrams {
    type Tokenizer<T: Tokenizer> = CommonGramsTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CommonGramsTokenizer<T> {
        CommonGramsTokenizer {
            inner,
            lang: self.lang,
            previous: Token::default(),
            gram: Token::default(),
        }
    }
}

/// A tokenizer followed by [`CommonGrams`].
#[derive(Clone)]
pub struct CommonGramsTokenizer<T> {
    inner: T,
    lang: Lang,
    /// Kept across texts so that their strings are reused.
    previous: Token,
    gram: Token,
}

impl<T: Tokenizer> Tokenizer for CommonGramsTokenizer<T> {
    type TokenStream<'a> = CommonGramsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CommonGramsStream {
            tail: self.inner.token_stream(text),
            lang: self.lang,
            previous: &mut self.previous,
            has_previous: false,
            previous_common: false,
            gram: &mut self.gram,
        }
    }
}

/// The token stream of a [`CommonGramsTokenizer`]: one token per gram, at its first word's
/// position, its offsets spanning both words.
pub struct CommonGramsStream<'a, S> {
    tail: S,
    lang: Lang,
    previous: &'a mut Token,
    has_previous: bool,
    previous_common: bool,
    gram: &'a mut Token,
}

impl<S: TokenStream> TokenStream for CommonGramsStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token();
            let common = is_common(self.lang, &token.text);
            let adjacent =
                self.has_previous && token.position == self.previous.position.wrapping_add(1);
            let formed = adjacent && (common || self.previous_common);
            if formed {
                join_into(&mut self.gram.text, &self.previous.text, &token.text);
                self.gram.position = self.previous.position;
                self.gram.offset_from = self.previous.offset_from;
                self.gram.offset_to = token.offset_to;
                self.gram.position_length = 2;
            }
            self.previous.text.clear();
            self.previous.text.push_str(&token.text);
            self.previous.position = token.position;
            self.previous.offset_from = token.offset_from;
            self.has_previous = true;
            self.previous_common = common;
            if formed {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.gram
    }

    fn token_mut(&mut self) -> &mut Token {
        self.gram
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::{analyse, View};
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

    fn grams(lang: Lang, text: &str) -> Vec<(String, usize)> {
        let mut analyzer = crate::analyse::gram_analyzer(lang);
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn the_lists_are_sorted_and_in_the_exact_views_form() {
        for (lang, words) in [(Lang::Ar, ARABIC), (Lang::En, ENGLISH)] {
            assert!(
                words.windows(2).all(|w| w[0] < w[1]),
                "{lang:?} list unsorted"
            );
            let keys: Vec<u64> = words.iter().map(|w| packed(w.as_bytes())).collect();
            assert!(
                keys.windows(2).all(|k| k[0] < k[1]),
                "{lang:?} keys not in the list's order"
            );
            for word in words {
                let analysed = analyse(word, lang, View::Exact);
                assert_eq!(analysed.len(), 1, "{word}");
                assert_eq!(&analysed[0].token, word, "not in the exact view's form");
            }
        }
    }

    #[test]
    fn a_common_word_is_one_of_the_list_and_nothing_else() {
        for (lang, words) in [(Lang::Ar, ARABIC), (Lang::En, ENGLISH)] {
            let mut candidates: Vec<String> = Vec::new();
            for word in words.iter().chain(ARABIC).chain(ENGLISH) {
                candidates.push(word.to_string());
                candidates.push(format!("{word}\0"));
                candidates.push(format!("\0{word}"));
                candidates.push(format!("{word}s"));
                candidates.push(format!("و{word}"));
                for (at, _) in word.char_indices().skip(1) {
                    candidates.push(word[..at].to_string());
                    candidates.push(word[at..].to_string());
                }
            }
            candidates
                .extend(["", "\0", "\0\0\0\0\0\0\0\0", "zzzzzzzz", "الاتجار"].map(String::from));
            let mut common = 0;
            for candidate in &candidates {
                let listed = words.contains(&candidate.as_str());
                assert_eq!(is_common(lang, candidate), listed, "{lang:?} {candidate:?}");
                common += usize::from(listed);
            }
            assert!(common >= words.len(), "{lang:?}: {common}");
        }
    }

    #[test]
    fn a_pair_with_a_common_word_is_a_gram_and_a_pair_without_is_not() {
        assert_eq!(
            grams(Lang::En, "obligations and duties of the States"),
            [
                ("obligations and".to_string(), 0),
                ("and duties".to_string(), 1),
                ("duties of".to_string(), 2),
                ("of the".to_string(), 3),
                ("the states".to_string(), 4),
            ]
        );
        assert_eq!(grams(Lang::En, "cumulative funding regime"), []);
        // Spelling variants meet in the exact view: إلى and الى are one common word, ة is ه.
        assert_eq!(
            grams(Lang::Ar, "الاجتماعات الرئيسية إلى الدورة"),
            [
                ("الرئيسيه الي".to_string(), 1),
                ("الي الدوره".to_string(), 2)
            ]
        );
    }

    #[test]
    fn a_gap_left_by_a_dropped_token_breaks_the_pair() {
        // A token of more than 64 characters is dropped; its position stays taken.
        let text = format!("rights {} of women", "x".repeat(70));
        assert_eq!(grams(Lang::En, &text), [("of women".to_string(), 2)]);
    }

    #[test]
    fn gram_of_two_terms_is_what_the_filter_indexes() {
        let mut analyzer = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(CommonGrams::new(Lang::En))
            .build();
        let mut stream = analyzer.token_stream("rights of women");
        let mut indexed = Vec::new();
        while stream.advance() {
            indexed.push(stream.token().text.clone());
        }
        assert_eq!(
            indexed,
            [
                gram(Lang::En, "rights", "of").expect("common"),
                gram(Lang::En, "of", "women").expect("common"),
            ]
        );
        assert_eq!(gram(Lang::En, "rights", "women"), None);
    }
}
