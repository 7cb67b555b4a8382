//! A quoted two-word phrase with a common word, looked up as one term of the common-grams
//! field ([`crate::analyse::common_grams`]) and scored as tantivy scores the phrase.
//!
//! A phrase query matches "الرئيسية في" by moving both words' postings to every unit that
//! has both and reading their positions there; at 1M units that is tens of thousands of units
//! for a phrase found in a few hundred. The gram's postings are exactly those few hundred,
//! each with the number of times the phrase occurs in it. BM25 then gives what tantivy's
//! phrase scorer gives: the phrase's weight (the sum of its words' idf, over the exact field's
//! statistics), the phrase count as the term frequency, the exact field's length norm.

use super::scored_term::ScoredTerm;
use crate::analyse::common_grams;
use crate::Lang;
use tantivy::postings::Postings;
use tantivy::query::{
    Bm25Weight, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError};

/// The phrase `words[0] words[1]` (adjacent, exact field), found through its `gram`.
#[derive(Debug, Clone)]
pub struct GramPhraseQuery {
    gram: Term,
    words: [Term; 2],
}

impl GramPhraseQuery {
    /// The phrase of two adjacent terms of `lang`'s exact field, found through its common gram
    /// in `gram_field` (the field `lang`'s common grams are indexed in, with frequencies);
    /// `None` when neither word is common (no gram stands for them).
    pub fn of(lang: Lang, gram_field: Field, words: [Term; 2]) -> Option<Self> {
        let first = std::str::from_utf8(words[0].serialized_value_bytes()).ok()?;
        let second = std::str::from_utf8(words[1].serialized_value_bytes()).ok()?;
        let gram = common_grams::gram(lang, first, second)?;
        Some(GramPhraseQuery {
            gram: Term::from_field_text(gram_field, &gram),
            words,
        })
    }
}

impl Query for GramPhraseQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let similarity = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &self.words)?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(GramPhraseWeight {
            gram: self.gram.clone(),
            words: self.words.clone(),
            similarity,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        // The words, as a phrase query names them: what the query searches for.
        for word in &self.words {
            visitor(word, true);
        }
    }
}

/// The weight of a [`GramPhraseQuery`].
struct GramPhraseWeight {
    gram: Term,
    words: [Term; 2],
    /// The phrase's BM25 weight; none when scoring is off (every match then scores 1, as a
    /// phrase scorer's).
    similarity: Option<Bm25Weight>,
}

impl Weight for GramPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let record = IndexRecordOption::WithFreqs;
        let Some(similarity) = &self.similarity else {
            return Ok(
                match reader
                    .inverted_index(self.gram.field())?
                    .read_postings(&self.gram, record)?
                {
                    Some(postings) => Box::new(ConstScorer::new(postings, 1.0)),
                    None => Box::new(EmptyScorer),
                },
            );
        };
        let norms = self.words[0].field();
        let bm25 = similarity.boost_by(boost);
        Ok(
            match ScoredTerm::open_normed_by(reader, &self.gram, norms, bm25, record)? {
                Some(scored) => Box::new(scored),
                None => Box::new(EmptyScorer),
            },
        )
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let does_not_match =
            || TantivyError::InvalidArgument(format!("Document #({doc}) does not match"));
        let mut gram = reader
            .inverted_index(self.gram.field())?
            .read_postings(&self.gram, IndexRecordOption::WithFreqs)?
            .ok_or_else(does_not_match)?;
        if gram.seek(doc) != doc {
            return Err(does_not_match());
        }
        let mut scorer = self.scorer(reader, 1.0)?;
        scorer.seek(doc);
        // As tantivy's phrase weight explains a phrase: its score, and BM25's detail.
        let mut explanation = Explanation::new("Phrase Scorer", scorer.score());
        if let Some(similarity) = &self.similarity {
            let norms = reader
                .fieldnorms_readers()
                .get_field(self.words[0].field())?;
            let fieldnorm_id = norms.map_or(1, |norms| norms.fieldnorm_id(doc));
            explanation.add_detail(similarity.explain(fieldnorm_id, gram.term_freq()));
        }
        Ok(explanation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BoostQuery, PhraseQuery};
    use tantivy::Index;

    const TEXTS: [&str; 7] = [
        "obligations and duties",
        "duties and obligations and more obligations and duties",
        "obligations, and duties",
        "the obligations of members and their duties",
        "and obligations",
        "obligations",
        "a much longer unit of text on obligations and on the duties of the members of it",
    ];

    fn index_of(deleted: &str) -> (Index, Field, Field) {
        crate::search::test_index::exact_and_grams(&TEXTS, deleted)
    }

    #[test]
    fn finds_counts_and_scores_what_the_phrase_query_does() {
        let (index, exact, gram) = index_of("more");
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        assert!(searcher
            .segment_readers()
            .iter()
            .any(|r| r.num_deleted_docs() > 0));
        for (first, second) in [
            ("obligations", "and"),
            ("and", "obligations"),
            ("of", "the"),
        ] {
            let words = [
                Term::from_field_text(exact, first),
                Term::from_field_text(exact, second),
            ];
            let phrase = PhraseQuery::new(words.to_vec());
            let by_gram = GramPhraseQuery::of(Lang::En, gram, words).expect("a common word");
            // Scored, boosted as a repeated phrase is, and counted with scoring off.
            let top = || (TopDocs::with_limit(20).order_by_score(), Count);
            let expected = searcher.search(&phrase, &top()).expect("searches");
            let found = searcher.search(&by_gram, &top()).expect("searches");
            assert!(!found.0.is_empty(), "{first} {second}");
            assert_eq!(found, expected, "{first} {second}");
            let boosted = |q: Box<dyn Query>| BoostQuery::new(q, 3.0);
            assert_eq!(
                searcher
                    .search(&boosted(Box::new(by_gram.clone())), &top())
                    .expect("searches"),
                searcher
                    .search(&boosted(Box::new(phrase.clone())), &top())
                    .expect("searches"),
            );
            assert_eq!(
                searcher.search(&by_gram, &Count).expect("counts"),
                searcher.search(&phrase, &Count).expect("counts")
            );
            for (score, address) in &found.0 {
                let explained = by_gram.explain(&searcher, *address).expect("explains");
                assert_eq!(explained.value(), *score);
                assert_eq!(
                    explained.to_pretty_json(),
                    phrase
                        .explain(&searcher, *address)
                        .expect("explains")
                        .to_pretty_json()
                );
            }
        }
        // Commas are no tokens and do not break the phrase; the deleted unit is not counted.
        let words = [
            Term::from_field_text(exact, "obligations"),
            Term::from_field_text(exact, "and"),
        ];
        let by_gram = GramPhraseQuery::of(Lang::En, gram, words).expect("a common word");
        assert_eq!(searcher.search(&by_gram, &Count).expect("counts"), 6);
    }

    #[test]
    fn two_uncommon_words_have_no_gram() {
        let (_, exact, gram) = index_of("more");
        let words = [
            Term::from_field_text(exact, "obligations"),
            Term::from_field_text(exact, "duties"),
        ];
        assert!(GramPhraseQuery::of(Lang::En, gram, words).is_none());
    }
}
