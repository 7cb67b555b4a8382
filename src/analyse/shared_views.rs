//! The stem and exact views of a text share every step but the stemmer (see the module table
//! of [`analyse`](super)), and the common grams are made from the exact view's terms; tantivy
//! analyses each field of a document on its own, so without this the indexer would break and
//! normalise the words of every unit three times (a tenth of its time for each extra pass).
//! [`SharedSteps`] is the tokenizer of the views and of the common grams: it runs the shared
//! steps once per text and thread, yields a copy of their tokens and keeps the originals for
//! the other readers; the last of them takes them.
//!
//! The copy is keyed by the text itself (and its language), not by where it lives, so a
//! different text never gets another's tokens; the tokens are those of a fresh analysis, and
//! the view's own filters (the stemmer) run after it as before.

use crate::model::Lang;
use std::cell::RefCell;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The tokenizer that yields the shared steps' tokens of a text, computed once per text and
/// thread for all the views of one language.
#[derive(Clone)]
pub struct SharedSteps {
    lang: Lang,
    /// The shared steps themselves, run when this thread's last text was another.
    steps: TextAnalyzer,
    /// This view's copy of the tokens, which its filters rewrite.
    tokens: Tokens,
}

impl SharedSteps {
    /// The shared steps of `lang`'s views. They are built here, from the language alone, because
    /// the language is what keys the tokens a thread keeps for the other readers.
    pub fn new(lang: Lang) -> Self {
        SharedSteps {
            lang,
            steps: super::shared_steps(lang),
            tokens: Tokens::default(),
        }
    }
}

/// A list of tokens whose slots (and their strings) are reused from text to text.
#[derive(Clone, Default)]
struct Tokens {
    slots: Vec<Token>,
    len: usize,
}

impl Tokens {
    fn clear(&mut self) {
        self.len = 0;
    }

    fn push(&mut self, token: &Token) {
        if self.len == self.slots.len() {
            self.slots.push(Token::default());
        }
        let slot = &mut self.slots[self.len];
        slot.offset_from = token.offset_from;
        slot.offset_to = token.offset_to;
        slot.position = token.position;
        slot.position_length = token.position_length;
        slot.text.clear();
        slot.text.push_str(&token.text);
        self.len += 1;
    }

    fn copy_from(&mut self, other: &Tokens) {
        self.clear();
        other.as_slice().iter().for_each(|t| self.push(t));
    }

    fn as_slice(&self) -> &[Token] {
        &self.slots[..self.len]
    }
}

/// How many analyzers of a language read the shared steps' tokens of each text the indexer
/// gives them: the stem view, the exact view and the common grams.
const READERS: usize = 3;

/// The last text this thread ran the shared steps on, and their tokens, until the last of
/// the other readers takes them.
#[derive(Default)]
struct LastText {
    lang: Option<Lang>,
    text: String,
    tokens: Tokens,
    /// Readers of this text yet to come.
    readers_left: usize,
}

thread_local! {
    static LAST_TEXT: RefCell<LastText> = RefCell::new(LastText::default());
}

impl Tokenizer for SharedSteps {
    type TokenStream<'a> = SharedStepsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SharedStepsStream<'a> {
        LAST_TEXT.with(|last| {
            let last = &mut *last.borrow_mut();
            if last.lang == Some(self.lang) && last.text == text {
                // Another reader of the text the indexer just analysed: a copy of its
                // tokens, or the tokens themselves for the last one (one more analysis of
                // it runs the steps again).
                last.readers_left -= 1;
                if last.readers_left == 0 {
                    std::mem::swap(&mut self.tokens, &mut last.tokens);
                    last.lang = None;
                } else {
                    self.tokens.copy_from(&last.tokens);
                }
                return;
            }
            last.lang = Some(self.lang);
            last.readers_left = READERS - 1;
            last.text.clear();
            last.text.push_str(text);
            last.tokens.clear();
            let mut stream = self.steps.token_stream(text);
            while stream.advance() {
                last.tokens.push(stream.token());
            }
            self.tokens.copy_from(&last.tokens);
        });
        if self.tokens.slots.is_empty() {
            // `token()` before the first `advance()` still has a token to show.
            self.tokens.slots.push(Token::default());
        }
        SharedStepsStream {
            len: self.tokens.len,
            slots: &mut self.tokens.slots,
            next: 0,
        }
    }
}

/// The token stream of [`SharedSteps`].
pub struct SharedStepsStream<'a> {
    /// At least one slot; the first `len` hold this text's tokens.
    slots: &'a mut [Token],
    len: usize,
    /// How many tokens have been yielded; the current one is `next - 1`.
    next: usize,
}

impl TokenStream for SharedStepsStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next == self.len {
            return false;
        }
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.slots[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.slots[self.next.saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::super::{analyzer, common_grams, gram_analyzer, shared_steps, stem_term, View};
    use crate::model::Lang;
    use tantivy::tokenizer::TextAnalyzer;

    type Analysed = Vec<(String, usize, usize, usize)>;

    fn run(analyzer: &mut TextAnalyzer, text: &str) -> Analysed {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// The view analysed from scratch, nothing shared.
    fn unshared(text: &str, lang: Lang, view: View) -> Analysed {
        let mut tokens = run(&mut shared_steps(lang), text);
        if view == View::Stem {
            tokens.iter_mut().for_each(|t| stem_term(lang, &mut t.0));
        }
        tokens
    }

    /// The common grams of the exact view analysed from scratch, as the views' tokens are
    /// compared: (gram, start of its first word, end of its second, first word's position).
    fn unshared_grams(text: &str, lang: Lang) -> Analysed {
        let exact = unshared(text, lang, View::Exact);
        exact
            .windows(2)
            .filter(|pair| pair[1].3 == pair[0].3 + 1)
            .filter_map(|pair| {
                let gram = common_grams::gram(lang, &pair[0].0, &pair[1].0)?;
                Some((gram, pair[0].1, pair[1].2, pair[0].3))
            })
            .collect()
    }

    #[test]
    fn every_reader_in_any_order_equals_its_analysis_from_scratch() {
        let texts = [
            "والمنظمات الدولية، بالتعاون مع الدول ١٢-٣",
            "الاتّـجار بالأشخاص",
            "The traffickers' networks and States' reports on 71/167",
            "The traffickers' networks and States' reports on 71/167",
            "",
            "ـ",
        ];
        // Each view, and the common grams (no view).
        let mut analyzers: Vec<(Lang, Option<View>, TextAnalyzer)> = [Lang::Ar, Lang::En]
            .into_iter()
            .flat_map(|lang| {
                View::ALL
                    .map(|view| (lang, Some(view), analyzer(lang, view)))
                    .into_iter()
                    .chain([(lang, None, gram_analyzer(lang))])
            })
            .collect();
        // Every analyzer on every text: stem, exact, grams (the indexer's order), then the
        // reverse; each twice in a row; the same text in the other language in between.
        for round in 0..2 {
            for text in texts {
                let mut order: Vec<usize> = (0..analyzers.len()).collect();
                if round == 1 {
                    order.reverse();
                }
                for i in order {
                    let (lang, view, analyzer) = &mut analyzers[i];
                    let expected = match view {
                        Some(view) => unshared(text, *lang, *view),
                        None => unshared_grams(text, *lang),
                    };
                    for _ in 0..2 {
                        assert_eq!(run(analyzer, text), expected, "{lang} {view:?} {text:?}");
                    }
                }
            }
        }
        // The texts do make grams in both languages.
        assert!(!unshared_grams(texts[0], Lang::Ar).is_empty());
        assert!(!unshared_grams(texts[2], Lang::En).is_empty());
    }

    #[test]
    fn a_stemmed_copy_never_changes_the_other_view() {
        let text = "بالاتفاقيات والبروتوكولات";
        let mut stem = analyzer(Lang::Ar, View::Stem);
        let mut exact = analyzer(Lang::Ar, View::Exact);
        let stemmed = run(&mut stem, text);
        let exact_terms = run(&mut exact, text);
        assert_ne!(stemmed, exact_terms);
        assert_eq!(exact_terms, unshared(text, Lang::Ar, View::Exact));
    }
}
