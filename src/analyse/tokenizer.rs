//! The tokenizer: Unicode words (see [`word_break`](super::word_break)), with UN document
//! symbols kept whole, reported as byte ranges of the original text.
//!
//! | text | tokens | why |
//! |---|---|---|
//! | `A/RES/76/7`, `S/2016/949`, `XYZ/COP/WG.7/2031/INF/3/Rev.2` | one token each | a symbol is searched as typed, and the query runs through this same tokenizer |
//! | `71/167`, `١٦٧/٧١` | one token each (ordered later by [`number_pair`](super::number_pair)) | a number pair |
//! | `and/or`, `و/أو` | two tokens | no digit: words, not a symbol |
//! | `كوفيد-19`, `2331 (2016)` | two tokens | found as typed by a phrase of the same two tokens |
//! | `الات\u{200E}جار` | one token | a control never splits a word |
//!
//! A symbol is a run of words joined by single `/`, `.` or `-` (no spaces) that has at least
//! one `/` and one digit. Offsets are never changed after this point: filters rewrite the
//! text only, so a highlight covers the original characters, marks and tatweel included.

use super::digits::digit_value;
use super::word_break::{is_ignorable, segment_chunk, word_class, Span, WordClass};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Tokenizer of Unicode words and UN symbols; see the module table.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
    spans: Vec<Span>,
}

/// The token stream of a [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Where the next chunk (text between white space) starts.
    next_chunk: usize,
    /// The words of the current chunk.
    spans: &'a mut Vec<Span>,
    /// The next of `spans` to emit.
    next_span: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        self.spans.clear();
        WordTokenStream {
            text,
            next_chunk: 0,
            spans: &mut self.spans,
            next_span: 0,
            token: &mut self.token,
        }
    }
}

/// Characters that join the words of a symbol.
fn is_symbol_joiner(c: char) -> bool {
    matches!(c, '/' | '.' | '-')
}

/// Whether the text between two words is one symbol joiner (plus ignorable controls), and
/// which.
fn joiner_between(gap: &str) -> Option<char> {
    let mut chars = gap.chars();
    let joiner = chars.next().filter(|&c| is_symbol_joiner(c))?;
    chars.all(is_ignorable).then_some(joiner)
}

fn has_digit(word: &str) -> bool {
    word.chars().any(|c| digit_value(c).is_some())
}

/// Joins the runs of `spans` that form a symbol (see the module docs) into one span each.
fn join_symbols(text: &str, spans: &mut Vec<Span>) {
    let mut write = 0;
    let mut read = 0;
    while read < spans.len() {
        let mut last = read;
        let (mut has_slash, mut digit) = (false, has_digit(&text[spans[read].0..spans[read].1]));
        while let Some(&(next_start, next_end)) = spans.get(last + 1) {
            match joiner_between(&text[spans[last].1..next_start]) {
                Some(joiner) => {
                    has_slash |= joiner == '/';
                    digit = digit || has_digit(&text[next_start..next_end]);
                    last += 1;
                }
                None => break,
            }
        }
        if has_slash && digit {
            spans[write] = (spans[read].0, spans[last].1);
            write += 1;
        } else {
            spans.copy_within(read..=last, write);
            write += last - read + 1;
        }
        read = last + 1;
    }
    spans.truncate(write);
}

impl WordTokenStream<'_> {
    /// Segments the next chunk that has words; `false` at the end of the text.
    fn next_chunk(&mut self) -> bool {
        self.spans.clear();
        self.next_span = 0;
        while self.spans.is_empty() {
            // Skip white space to the start of a chunk.
            let rest = &self.text[self.next_chunk..];
            match rest
                .char_indices()
                .find(|&(_, c)| word_class(c) != WordClass::Space)
            {
                Some((i, _)) => self.next_chunk += i,
                None => {
                    self.next_chunk = self.text.len();
                    return false;
                }
            }
            self.next_chunk = segment_chunk(self.text, self.next_chunk, self.spans);
        }
        if self.spans.len() > 1 {
            join_symbols(self.text, self.spans);
        }
        true
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_span == self.spans.len() && !self.next_chunk() {
            return false;
        }
        let (start, end) = self.spans[self.next_span];
        self.next_span += 1;
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
            out.push((token.text.clone(), token.position));
        }
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn un_symbols_stay_whole() {
        assert_eq!(texts("(A/RES/76/7)."), ["A/RES/76/7"]);
        assert_eq!(texts("S/2016/949, and"), ["S/2016/949", "and"]);
        assert_eq!(
            texts("XYZ/COP/WG.7/2031/INF/3/Rev.2 وثيقة"),
            ["XYZ/COP/WG.7/2031/INF/3/Rev.2", "وثيقة"]
        );
        assert_eq!(texts("القرار ١٦٧/٧١،"), ["القرار", "١٦٧/٧١"]);
        assert_eq!(texts("71/167"), ["71/167"]);
        assert_eq!(texts("١٦٧/\u{200F}٧١"), ["١٦٧/\u{200F}٧١"]);
    }

    #[test]
    fn words_joined_without_a_digit_or_slash_stay_apart() {
        assert_eq!(texts("and/or و/أو"), ["and", "or", "و", "أو"]);
        assert_eq!(texts("كوفيد-19"), ["كوفيد", "19"]);
        assert_eq!(texts("2331 (2016)"), ["2331", "2016"]);
        assert_eq!(texts("2020-2021"), ["2020", "2021"]);
        assert_eq!(texts("end. 71 /167"), ["end", "71", "167"]);
    }

    #[test]
    fn positions_count_tokens() {
        let positions: Vec<usize> = tokens("الاتجار بالأشخاص A/RES/76/7 و")
            .iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(positions, [0, 1, 2, 3]);
    }

    #[test]
    fn the_article_is_never_a_token_of_its_own() {
        assert_eq!(texts("الاتّـجار بالأشخاص"), ["الاتّـجار", "بالأشخاص"]);
    }

    #[test]
    fn empty_and_blank_texts_have_no_tokens() {
        assert!(tokens("").is_empty());
        assert!(tokens(" \n\t ").is_empty());
        assert!(tokens("... ، ؟").is_empty());
    }
}
