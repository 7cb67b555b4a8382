//! Analysis: how a paragraph becomes index terms, for Arabic and for English, in two views and
//! their common grams.
//!
//! The *stem* view (default search) conflates inflections: الاتجار finds الإتّجار, والاتجار,
//! بالاتجار, الاتّـجار; "trafficking" finds "traffickers'" and "Trafficking". The *exact* view
//! (agreed wording) is the same terms unstemmed. Every token keeps the byte range of the
//! ORIGINAL text it came from, so a highlight marks the original characters, diacritics and
//! tatweel included; only its text is rewritten. Queries run through the same analyzers, so a
//! symbol or number comes out of a query exactly as out of a document. Stop words stay (agreed
//! wording is searched as a phrase, "في" and "on the" included; BM25 weighs them down), and the
//! commonest of them also form *common grams* with their neighbours (one term per pair), so
//! that a two-word phrase with one is looked up rather than matched position by position.
//!
//! Each rule is one filter in one file, and the pipeline reads like this table:
//!
//! | step | rule | where |
//! |---|---|---|
//! | 1 | Unicode words (UAX #29); UN symbols (`A/RES/76/7`) and number pairs whole; controls never split a word | [`tokenizer`], [`word_break`] |
//! | 2 | Arabic normalisation (diacritics, tatweel, hamza seats, ى ة, Persian letters, digits, presentation forms, controls), in both languages | [`arabic_normaliser`] |
//! | 3 | drop tokens of more than 64 characters (characters, not bytes) | [`long_token`] |
//! | 4 | lowercase | [`lower_caser`] |
//! | 5 | number pairs in one order (`167/71` → `71/167`) | [`number_pair`] |
//! | 6 (en) | possessives (`traffickers'`, `trafficker's`) | [`english_possessive`] |
//! | 7, stem view | Arabic light10 stemming (Lucene's `ArabicStemmer`) / English Snowball | [`arabic_stemmer`], [`english_stemmer`] |
//! | 7, grams | each pair of adjacent exact-view terms with a common word, as one term | [`common_grams`] |
//!
//! Latin words in an Arabic paragraph are normalised and lowercased (the Arabic stemmer's
//! affixes never match them); Arabic words in an English paragraph are normalised Arabic-style
//! and not stemmed.

pub mod arabic_normaliser;
pub mod arabic_stemmer;
pub mod common_grams;
pub mod digits;
pub mod english_possessive;
pub mod english_stemmer;
mod filter;
pub mod long_token;
pub mod lower_caser;
pub mod number_pair;
pub mod shared_views;
pub mod tokenizer;
pub mod word_break;

use crate::model::Lang;
use serde::Serialize;
use std::cell::RefCell;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, TokenizerManager};

/// Which terms a text is indexed or searched as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// Normalised and stemmed: inflections meet (default search).
    Stem,
    /// Normalised and lowercased, unstemmed: the exact wording.
    Exact,
}

impl View {
    /// Both views, stem first.
    pub const ALL: [View; 2] = [View::Stem, View::Exact];

    fn name(self) -> &'static str {
        match self {
            View::Stem => "stem",
            View::Exact => "exact",
        }
    }
}

/// The name under which [`register`] registers the analyzer of `lang` and `view`
/// (`sabiqa_ar_stem`, `sabiqa_ar_exact`, `sabiqa_en_stem`, `sabiqa_en_exact`).
pub fn tokenizer_name(lang: Lang, view: View) -> &'static str {
    match (lang, view) {
        (Lang::Ar, View::Stem) => "sabiqa_ar_stem",
        (Lang::Ar, View::Exact) => "sabiqa_ar_exact",
        (Lang::En, View::Stem) => "sabiqa_en_stem",
        (Lang::En, View::Exact) => "sabiqa_en_exact",
    }
}

/// The name under which [`register`] registers the common-grams analyzer of `lang`
/// (`sabiqa_ar_gram`, `sabiqa_en_gram`).
pub fn gram_tokenizer_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "sabiqa_ar_gram",
        Lang::En => "sabiqa_en_gram",
    }
}

/// Registers the four analyzers with `manager`, under [`tokenizer_name`], and the two
/// common-grams analyzers under [`gram_tokenizer_name`].
pub fn register(manager: &TokenizerManager) {
    for lang in [Lang::Ar, Lang::En] {
        for view in View::ALL {
            manager.register(tokenizer_name(lang, view), analyzer(lang, view));
        }
        manager.register(gram_tokenizer_name(lang), gram_analyzer(lang));
    }
}

/// The common grams of `lang`'s exact view ([`common_grams`]), sharing its steps.
pub fn gram_analyzer(lang: Lang) -> TextAnalyzer {
    TextAnalyzer::builder(shared_views::SharedSteps::new(lang))
        .filter(common_grams::CommonGrams::new(lang))
        .build()
}

/// The analyzer of `lang` and `view`: the pipeline of the module table. The steps both views
/// share run once per text (see [`shared_views`]).
pub fn analyzer(lang: Lang, view: View) -> TextAnalyzer {
    let shared = TextAnalyzer::builder(shared_views::SharedSteps::new(lang));
    match (lang, view) {
        (_, View::Exact) => shared.build(),
        (Lang::Ar, View::Stem) => shared.filter(arabic_stemmer::ArabicStemmer).build(),
        (Lang::En, View::Stem) => shared.filter(english_stemmer::EnglishStemmer).build(),
    }
}

/// Steps 1–6 of the module table: all of `lang`'s exact view, the stem view before stemming.
fn shared_steps(lang: Lang) -> TextAnalyzer {
    let common = TextAnalyzer::builder(tokenizer::WordTokenizer::default())
        .filter(arabic_normaliser::ArabicNormaliser)
        .filter(long_token::LongTokenRemover)
        .filter(lower_caser::LowerCaser)
        .filter(number_pair::NumberPairOrder);
    match lang {
        Lang::Ar => common.build(),
        Lang::En => common.filter(english_possessive::EnglishPossessive).build(),
    }
}

/// Stems an exact-view term of `lang` in place: what the stem view adds to the exact one.
pub fn stem_term(lang: Lang, term: &mut String) {
    match lang {
        Lang::Ar => arabic_stemmer::stem(term),
        Lang::En => english_stemmer::stem(term),
    }
}

/// One token as [`analyse`] reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalysedToken {
    /// The term.
    pub token: String,
    /// Byte offset in the original text where the token starts.
    pub start: usize,
    /// Byte offset in the original text where the token ends (exclusive).
    pub end: usize,
    /// Position of the token, from 0.
    pub position: usize,
}

thread_local! {
    /// The analyzers of this thread, built once: [Ar, En] × [Stem, Exact].
    static ANALYZERS: RefCell<[TextAnalyzer; 4]> = RefCell::new([
        analyzer(Lang::Ar, View::Stem),
        analyzer(Lang::Ar, View::Exact),
        analyzer(Lang::En, View::Stem),
        analyzer(Lang::En, View::Exact),
    ]);
}

/// Runs `each` on every token of `text` analysed for `lang` and `view`.
fn for_each_token(text: &str, lang: Lang, view: View, mut each: impl FnMut(&Token)) {
    let slot = match (lang, view) {
        (Lang::Ar, View::Stem) => 0,
        (Lang::Ar, View::Exact) => 1,
        (Lang::En, View::Stem) => 2,
        (Lang::En, View::Exact) => 3,
    };
    ANALYZERS.with(|analyzers| {
        let mut analyzers = analyzers.borrow_mut();
        let mut stream = analyzers[slot].token_stream(text);
        while stream.advance() {
            each(stream.token());
        }
    });
}

/// The tokens of `text` analysed for `lang` and `view`, with byte offsets into `text`.
pub fn analyse(text: &str, lang: Lang, view: View) -> Vec<AnalysedToken> {
    analyse_keeping(text, lang, view, |_| true)
}

/// The tokens of `text` analysed for `lang` and `view` whose term `keep` accepts, with byte
/// offsets into `text` and their positions among all the tokens: a caller looking for a few
/// terms keeps only theirs, the rest costing no copy.
pub fn analyse_keeping(
    text: &str,
    lang: Lang,
    view: View,
    mut keep: impl FnMut(&str) -> bool,
) -> Vec<AnalysedToken> {
    let mut tokens = Vec::new();
    for_each_token(text, lang, view, |token| {
        if keep(&token.text) {
            tokens.push(AnalysedToken {
                token: token.text.clone(),
                start: token.offset_from,
                end: token.offset_to,
                position: token.position,
            });
        }
    });
    tokens
}

/// `text` through the Arabic normaliser alone (see [`arabic_normaliser`]), for other stages
/// that compare Arabic text.
pub fn normalise_arabic(text: &str) -> String {
    arabic_normaliser::normalise(text)
}

impl std::fmt::Display for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Lang, view: View) -> Vec<String> {
        analyse(text, lang, view)
            .into_iter()
            .map(|t| t.token)
            .collect()
    }

    #[test]
    fn the_issue_examples_meet_in_the_stem_view() {
        let query = terms("الاتجار", Lang::Ar, View::Stem);
        for form in [
            "الإتّجار",
            "والاتجار",
            "بالاتجار",
            "الاتّـجار",
            "الاتجار\u{200E}",
            "الاتِّجار",
        ] {
            assert_eq!(terms(form, Lang::Ar, View::Stem), query, "{form}");
        }
        let query = terms("trafficking", Lang::En, View::Stem);
        for form in ["traffickers'", "Trafficking", "trafficker's"] {
            assert_eq!(terms(form, Lang::En, View::Stem), query, "{form}");
        }
    }

    #[test]
    fn number_pairs_meet_in_every_view_and_language() {
        for lang in [Lang::Ar, Lang::En] {
            for view in View::ALL {
                let query = terms("71/167", lang, view);
                assert_eq!(query, ["71/167"]);
                assert_eq!(terms("٧١/١٦٧", lang, view), query);
                assert_eq!(terms("١٦٧/٧١", lang, view), query);
                assert_eq!(terms("۱۶۷/۷۱", lang, view), query);
            }
        }
    }

    #[test]
    fn exact_view_keeps_prefixes_and_suffixes() {
        assert_eq!(
            terms("والاتّجار بالأشخاص", Lang::Ar, View::Exact),
            ["والاتجار", "بالاشخاص"]
        );
        assert_eq!(
            terms("Traffickers' rights", Lang::En, View::Exact),
            ["traffickers", "rights"]
        );
    }

    #[test]
    fn symbols_come_out_the_same_from_text_and_query() {
        for lang in [Lang::Ar, Lang::En] {
            let in_text = terms(
                "وفقاً للقرار A/RES/76/7 والوثيقة XYZ/COP/WG.7/2031/INF/3/Rev.2",
                lang,
                View::Stem,
            );
            assert!(in_text.contains(&"a/res/76/7".to_owned()), "{in_text:?}");
            assert!(in_text.contains(&"xyz/cop/wg.7/2031/inf/3/rev.2".to_owned()));
            assert_eq!(terms("A/RES/76/7", lang, View::Stem), ["a/res/76/7"]);
        }
    }

    #[test]
    fn mixed_paragraphs() {
        assert_eq!(
            terms("مكتب UNODC's", Lang::Ar, View::Stem),
            ["مكتب", "unodc's"]
        );
        assert_eq!(
            terms("the Office (المكتب)", Lang::En, View::Stem),
            ["the", "offic", "المكتب"]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "إنشــــاء مكتب إقليمي مؤقَّت";
        for token in analyse(text, Lang::Ar, View::Stem) {
            assert!(!text[token.start..token.end].is_empty());
        }
        let first = &analyse(text, Lang::Ar, View::Stem)[0];
        assert_eq!(&text[first.start..first.end], "إنشــــاء");
        assert_eq!(first.token, "انشاء");
    }

    #[test]
    fn registered_names_resolve() {
        let manager = TokenizerManager::default();
        register(&manager);
        for lang in [Lang::Ar, Lang::En] {
            for view in View::ALL {
                let mut analyzer = manager.get(tokenizer_name(lang, view)).expect("registered");
                let mut stream = analyzer.token_stream("بالاتجار");
                assert!(stream.advance());
            }
            let mut grams = manager.get(gram_tokenizer_name(lang)).expect("registered");
            let mut stream = grams.token_stream("بالاتجار في the traffickers");
            assert!(stream.advance());
        }
    }
}
