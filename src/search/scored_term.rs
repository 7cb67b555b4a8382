//! A word's postings, scored by BM25 as tantivy's term scorer scores them, with the postings at
//! hand: tantivy keeps its `TermScorer` to itself, and sabiqa's own loops need what it hides
//! (MaxScore the postings' order, the wording-first walk a unit's positions).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, Scorer};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// A word's postings in one segment, each unit scored by BM25 with its field norm.
pub struct ScoredTerm {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl ScoredTerm {
    /// The postings of `term` in `reader`'s segment, read with `record` (frequencies, and
    /// positions when they are wanted) and scored by `bm25` (BM25's weight of the term, boosted
    /// as the query boosts it); `None` when the segment lacks the term.
    pub fn open(
        reader: &SegmentReader,
        term: &Term,
        bm25: Bm25Weight,
        record: IndexRecordOption,
    ) -> tantivy::Result<Option<ScoredTerm>> {
        ScoredTerm::open_normed_by(reader, term, term.field(), bm25, record)
    }

    /// As [`ScoredTerm::open`], each unit's length norm read from `norms` instead of the
    /// term's own field (a common gram scored as the phrase of the exact field it stands for).
    pub fn open_normed_by(
        reader: &SegmentReader,
        term: &Term,
        norms: Field,
        bm25: Bm25Weight,
        record: IndexRecordOption,
    ) -> tantivy::Result<Option<ScoredTerm>> {
        let Some(postings) = reader
            .inverted_index(term.field())?
            .read_postings(term, record)?
        else {
            return Ok(None);
        };
        // As tantivy's term weight: a field without norms scores every unit at norm 1.
        let fieldnorms = match reader.fieldnorms_readers().get_field(norms)? {
            Some(fieldnorms) => fieldnorms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(ScoredTerm {
            postings,
            fieldnorms,
            bm25,
        }))
    }

    /// The word's positions in the current unit, ascending, into `out` (cleared first); none
    /// unless the postings were opened with positions.
    #[inline]
    pub fn positions(&mut self, out: &mut Vec<u32>) {
        out.clear();
        self.postings.positions(out);
    }
}

impl DocSet for ScoredTerm {
    #[inline]
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    #[inline]
    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for ScoredTerm {
    #[inline]
    fn score(&mut self) -> Score {
        let fieldnorm_id = self.fieldnorms.fieldnorm_id(self.doc());
        self.bm25.score(fieldnorm_id, self.postings.term_freq())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::{DocAddress, TERMINATED};

    const TEXTS: [&str; 4] = [
        "alpha beta gamma",
        "alpha gamma delta epsilon zeta beta alpha",
        "beta gamma",
        "alpha",
    ];

    #[test]
    fn scores_as_the_boosted_term_query() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let term = Term::from_field_text(text, "alpha");
        let bm25 = Bm25Weight::for_terms(&searcher, std::slice::from_ref(&term))
            .expect("statistics")
            .boost_by(2.0);
        let expected = searcher
            .search(
                &BoostQuery::new(
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                    2.0,
                ),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .expect("searches");
        let record = IndexRecordOption::WithFreqs;
        let mut word = ScoredTerm::open(searcher.segment_reader(0), &term, bm25, record)
            .expect("opens")
            .expect("in the segment");
        let mut scored = Vec::new();
        while word.doc() != TERMINATED {
            scored.push((word.score(), DocAddress::new(0, word.doc())));
            word.advance();
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        assert_eq!(scored.len(), 3);
        assert_eq!(scored, expected);
    }

    #[test]
    fn reads_the_positions_of_the_unit_it_stands_on() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let term = Term::from_field_text(text, "alpha");
        let bm25 = Bm25Weight::for_terms(&searcher, std::slice::from_ref(&term)).expect("stats");
        let record = IndexRecordOption::WithFreqsAndPositions;
        let mut word = ScoredTerm::open(searcher.segment_reader(0), &term, bm25, record)
            .expect("opens")
            .expect("in the segment");
        let mut positions = vec![99];
        assert_eq!(word.seek(1), 1);
        word.positions(&mut positions);
        assert_eq!(positions, [0, 6]);
        word.advance();
        word.positions(&mut positions);
        assert_eq!(positions, [0]);
    }

    #[test]
    fn a_segment_without_the_word_has_no_postings() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let absent = Term::from_field_text(text, "omega");
        let bm25 = Bm25Weight::for_terms(&searcher, std::slice::from_ref(&absent)).expect("stats");
        let record = IndexRecordOption::WithFreqs;
        let opened = ScoredTerm::open(searcher.segment_reader(0), &absent, bm25, record);
        assert!(opened.expect("opens").is_none());
    }
}
