//! Two words near each other: a proximity boost or a two-word wording, checked on the words'
//! own postings.
//!
//! The wording-first walk (`DisjunctionWeight::wording_units_lazily`) moves each word's scorer
//! to every unit that has all the wording's words. A phrase scorer for the wording would move
//! postings of its own for the same words to the same units, decoding their blocks a second
//! time before reading positions. A [`Pair`] says which two words and how far apart, so the
//! walk reads the positions from the postings it has already moved ([`PositionedWord`]), and
//! decides the match as tantivy's phrase scorer does ([`Pair::found_in`]).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, PhraseQuery, Query, Scorer, Weight};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// `first`, then `second` `distance` positions later, give or take `slop` positions: tantivy's
/// sloppy phrase of two terms, which it matches and scores.
#[derive(Debug, Clone)]
pub struct Pair {
    first: Term,
    second: Term,
    distance: u32,
    slop: u32,
}

impl Pair {
    /// The phrase `first` … `second`, `distance` positions apart (1 for adjacent words), with
    /// `slop`. The terms must be of one field.
    pub fn new(first: Term, second: Term, distance: u32, slop: u32) -> Pair {
        Pair {
            first,
            second,
            distance,
            slop,
        }
    }

    /// The two terms, in order.
    pub fn terms(&self) -> [&Term; 2] {
        [&self.first, &self.second]
    }

    /// Whether a unit where the first word stands at `first` and the second at `second`
    /// (positions, ascending) carries the pair. As tantivy's phrase scorer decides it: the
    /// first word's positions are moved `distance` on, and the pair is there when one of them
    /// is within `slop` of one of the second word's.
    pub fn found_in(&self, first: &[u32], second: &[u32]) -> bool {
        let (mut at_first, mut at_second) = (0, 0);
        while let (Some(&f), Some(&s)) = (first.get(at_first), second.get(at_second)) {
            let moved = f + self.distance;
            if moved.abs_diff(s) <= self.slop {
                return true;
            }
            if moved < s {
                at_first += 1;
            } else {
                at_second += 1;
            }
        }
        false
    }

    fn phrase(&self) -> PhraseQuery {
        PhraseQuery::new_with_offset_and_slop(
            vec![
                (0, self.first.clone()),
                (self.distance as usize, self.second.clone()),
            ],
            self.slop,
        )
    }
}

impl Query for Pair {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.phrase().weight(enable_scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.first, true);
        visitor(&self.second, true);
    }
}

/// A word's postings with their positions, scored as tantivy's term scorer scores them (BM25
/// with the unit's field norm), so that the positions can be read where the scorer stands.
pub struct PositionedWord {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl PositionedWord {
    /// The postings of `term` in `reader`'s segment, scored by `bm25`; `None` when the segment
    /// lacks the term.
    pub fn open(
        reader: &SegmentReader,
        term: &Term,
        bm25: Bm25Weight,
    ) -> tantivy::Result<Option<PositionedWord>> {
        let field = term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
        else {
            return Ok(None);
        };
        // As tantivy's term weight: a field without norms scores every unit at norm 1.
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(fieldnorms) => fieldnorms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(PositionedWord {
            postings,
            fieldnorms,
            bm25,
        }))
    }

    /// The word's positions in the current unit, ascending, into `out` (cleared first).
    pub fn positions(&mut self, out: &mut Vec<u32>) {
        out.clear();
        self.postings.positions(out);
    }
}

impl DocSet for PositionedWord {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PositionedWord {
    fn score(&mut self) -> Score {
        let fieldnorm_id = self.fieldnorms.fieldnorm_id(self.doc());
        self.bm25.score(fieldnorm_id, self.postings.term_freq())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;
    use tantivy::collector::{DocSetCollector, TopDocs};
    use tantivy::query::TermQuery;
    use tantivy::{DocAddress, TERMINATED};

    const TEXTS: [&str; 7] = [
        "alpha beta gamma",
        "beta alpha gamma",
        "alpha gamma delta beta",
        "alpha gamma delta epsilon zeta beta",
        "beta gamma alpha alpha delta beta",
        "alpha alpha",
        "gamma delta",
    ];

    fn units(
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> std::collections::HashSet<DocAddress> {
        searcher.search(query, &DocSetCollector).expect("searches")
    }

    #[test]
    fn finds_what_the_phrase_query_finds_for_every_distance_and_slop() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let bm25 = |term: &Term| {
            Bm25Weight::for_terms(&searcher, std::slice::from_ref(term)).expect("statistics")
        };
        let words = ["alpha", "beta", "gamma", "delta"].map(|w| Term::from_field_text(text, w));
        let mut checked = 0;
        for first in &words {
            for second in &words {
                for distance in 1..=3 {
                    for slop in 0..=4 {
                        let pair = Pair::new(first.clone(), second.clone(), distance, slop);
                        let expected = units(&searcher, &pair);
                        let mut found = std::collections::HashSet::new();
                        let open = |t: &Term| {
                            PositionedWord::open(reader, t, bm25(t))
                                .expect("opens")
                                .expect("in the segment")
                        };
                        let (mut a, mut b) = (open(first), open(second));
                        let (mut at_a, mut at_b) = (Vec::new(), Vec::new());
                        let mut doc = a.doc();
                        while doc != TERMINATED {
                            if b.doc() < doc {
                                b.seek(doc);
                            }
                            if b.doc() == doc {
                                a.positions(&mut at_a);
                                b.positions(&mut at_b);
                                if pair.found_in(&at_a, &at_b) {
                                    found.insert(DocAddress::new(0, doc));
                                }
                            }
                            doc = a.advance();
                        }
                        assert_eq!(found, expected, "{pair:?}");
                        checked += usize::from(!expected.is_empty());
                    }
                }
            }
        }
        // Not a vacuous agreement on empty sets.
        assert!(checked > 50, "{checked} pairs matched something");
    }

    #[test]
    fn scores_as_the_term_query() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let term = Term::from_field_text(text, "alpha");
        let bm25 = Bm25Weight::for_terms(&searcher, std::slice::from_ref(&term))
            .expect("statistics")
            .boost_by(2.0);
        let expected = searcher
            .search(
                &tantivy::query::BoostQuery::new(
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                    2.0,
                ),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .expect("searches");
        let mut word = PositionedWord::open(reader, &term, bm25)
            .expect("opens")
            .expect("in the segment");
        let mut scored = Vec::new();
        while word.doc() != TERMINATED {
            scored.push((word.score(), DocAddress::new(0, word.doc())));
            word.advance();
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        assert_eq!(scored.len(), 6);
        assert_eq!(scored, expected);
    }

    #[test]
    fn a_segment_without_the_word_has_no_postings() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let absent = Term::from_field_text(text, "omega");
        let bm25 =
            Bm25Weight::for_terms(&searcher, std::slice::from_ref(&absent)).expect("statistics");
        let opened = PositionedWord::open(searcher.segment_reader(0), &absent, bm25);
        assert!(opened.expect("opens").is_none());
    }
}
