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
use tantivy::query::{
    Bm25Weight, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError};

/// The phrase `words[0] words[1]` (adjacent, exact field), found through its `gram`.
#[derive(Debug, Clone)]
pub struct GramPhraseQuery {
    gram: Term,
    words: [Term; 2],
}

impl GramPhraseQuery {
    /// The phrase of the two exact-field `words`, whose common gram is the term `gram`.
    pub fn new(gram: Term, words: [Term; 2]) -> Self {
        GramPhraseQuery { gram, words }
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
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new(
            "phrase (BM25 of its count, its words' idf summed), found by its common gram",
            scorer.score(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::{self, common_grams, View};
    use crate::Lang;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::PhraseQuery;
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
    use tantivy::{doc, Index, IndexWriter};

    /// An index of English units in sabiqa's exact view and its common grams; the two fields.
    fn index_of(texts: &[&str]) -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let indexed = |tokenizer: &str, record| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(record),
            )
        };
        let exact = schema.add_text_field(
            "exact",
            indexed(
                analyse::tokenizer_name(Lang::En, View::Exact),
                IndexRecordOption::WithFreqsAndPositions,
            ),
        );
        let gram = schema.add_text_field(
            "gram",
            indexed(
                analyse::gram_tokenizer_name(Lang::En),
                IndexRecordOption::WithFreqs,
            ),
        );
        let index = Index::create_in_ram(schema.build());
        analyse::register(index.tokenizers());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for text in texts {
            writer
                .add_document(doc!(exact => *text, gram => *text))
                .expect("adds");
        }
        writer.commit().expect("commits");
        (index, exact, gram)
    }

    #[test]
    fn finds_and_scores_what_the_phrase_query_finds_and_scores() {
        let (index, exact, gram) = index_of(&[
            "obligations and duties",
            "duties and obligations and more obligations and duties",
            "obligations, and duties",
            "the obligations of States and their duties",
            "and obligations",
            "obligations",
            "a much longer unit of text on obligations and on the duties of the parties to it",
        ]);
        let searcher = index.reader().expect("reader").searcher();
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
            let gram_term = Term::from_field_text(
                gram,
                &common_grams::gram(Lang::En, first, second).expect("a common word"),
            );
            let by_gram = GramPhraseQuery::new(gram_term, words);
            let top = || (TopDocs::with_limit(10).order_by_score(), Count);
            let (expected, expected_count) = searcher.search(&phrase, &top()).expect("searches");
            let (found, count) = searcher.search(&by_gram, &top()).expect("searches");
            assert!(!found.is_empty(), "{first} {second}");
            assert_eq!(found, expected, "{first} {second}");
            assert_eq!(count, expected_count, "{first} {second}");
            for (_, address) in &found {
                let explained = by_gram.explain(&searcher, *address).expect("explains");
                assert!(explained.value() > 0.0);
            }
        }
        // The commas do not break the phrase (they are no tokens), as in a phrase query.
        let words = [
            Term::from_field_text(exact, "obligations"),
            Term::from_field_text(exact, "and"),
        ];
        let gram_term = Term::from_field_text(gram, "obligations and");
        let count = searcher
            .search(&GramPhraseQuery::new(gram_term, words), &Count)
            .expect("searches");
        assert_eq!(count, 4);
    }
}
