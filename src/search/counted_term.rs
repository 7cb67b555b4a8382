//! A word the query repeats, weighed by how many times: BM25's weight multiplied by the count
//! (what a `BoostQuery` around a `TermQuery` scores), with tantivy's own `TermScorer`.
//!
//! tantivy unions term scorers with a loop specialised for them; one boosted clause (a
//! `BoostScorer`) turns the whole union into the generic one over boxed scorers, three to five
//! times slower for a pasted paragraph at a million paragraphs, and nearly every paragraph
//! repeats one of its kept words.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError};

/// `term`, its BM25 weight multiplied by `count`.
#[derive(Debug, Clone)]
pub struct CountedTermQuery {
    term: Term,
    count: Score,
}

impl CountedTermQuery {
    /// The word `term`, found `count` times in the query.
    pub fn new(term: Term, count: Score) -> Self {
        CountedTermQuery { term, count }
    }

    /// How many times the query says the word: what its BM25 weight is multiplied by.
    pub fn count(&self) -> Score {
        self.count
    }
}

impl Query for CountedTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let term = TermQuery::new(self.term.clone(), IndexRecordOption::WithFreqs);
        Ok(Box::new(CountedTermWeight {
            term: term.weight(enable_scoring)?,
            count: self.count,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

/// The weight of a [`CountedTermQuery`]: the term's own weight, whose scorer tantivy builds
/// with the boost it is given (BM25's weight times it), asked for `count` times the boost.
struct CountedTermWeight {
    term: Box<dyn Weight>,
    count: Score,
}

impl Weight for CountedTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.term.scorer(reader, boost * self.count)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        let mut explanation =
            Explanation::new("term weighed by its count in the query", scorer.score());
        explanation.add_detail(self.term.explain(reader, doc)?);
        explanation.add_const("count", self.count);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.term.count(reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, TermQuery};

    #[test]
    fn scores_as_a_boosted_term_query() {
        let (index, text) = crate::search::test_index::of_texts(
            [
                "peace and security",
                "peace peace",
                "security council",
                "a long text about peace with many more words than the others have",
            ]
            .map(String::from),
        );
        let searcher = index.reader().expect("reader").searcher();
        let term = Term::from_field_text(text, "peace");
        let top = TopDocs::with_limit(10).order_by_score();
        let counted = searcher
            .search(&CountedTermQuery::new(term.clone(), 3.0), &top)
            .expect("searches");
        let boosted = searcher
            .search(
                &BoostQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    3.0,
                ),
                &top,
            )
            .expect("searches");
        assert_eq!(counted.len(), 3);
        assert_eq!(counted, boosted);
    }
}
