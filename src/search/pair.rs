//! Two words near each other: a proximity boost or a two-word wording, checked on the words'
//! own postings.
//!
//! The wording-first walk (`DisjunctionWeight::wording_units_lazily`) moves each word's scorer
//! to every unit that has all the wording's words. A phrase scorer for the wording would move
//! postings of its own for the same words to the same units, decoding their blocks a second
//! time before reading positions. A [`Pair`] says which two words and how far apart, so the
//! walk reads the positions from the postings it has already moved
//! ([`super::scored_term::ScoredTerm`]), and decides the match as tantivy's phrase scorer does
//! ([`Pair::found_in`]).

use tantivy::query::{EnableScoring, PhraseQuery, Query, Weight};
use tantivy::schema::Term;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scored_term::ScoredTerm;
    use crate::search::test_index;
    use std::collections::HashSet;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::Bm25Weight;
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocAddress, DocSet, TERMINATED};

    const TEXTS: [&str; 7] = [
        "alpha beta gamma",
        "beta alpha gamma",
        "alpha gamma delta beta",
        "alpha gamma delta epsilon zeta beta",
        "beta gamma alpha alpha delta beta",
        "alpha alpha",
        "gamma delta",
    ];

    #[test]
    fn finds_what_the_phrase_query_finds_for_every_distance_and_slop() {
        let (index, text) = test_index::of_texts(TEXTS.map(String::from));
        let searcher = index.reader().expect("reader").searcher();
        let open = |term: &Term| {
            let bm25 = Bm25Weight::for_terms(&searcher, std::slice::from_ref(term)).expect("stats");
            let record = IndexRecordOption::WithFreqsAndPositions;
            ScoredTerm::open(searcher.segment_reader(0), term, bm25, record)
                .expect("opens")
                .expect("in the segment")
        };
        let words = ["alpha", "beta", "gamma", "delta"].map(|w| Term::from_field_text(text, w));
        let mut matched_something = 0;
        for first in &words {
            for second in &words {
                for distance in 0..=3 {
                    for slop in 0..=4 {
                        let pair = Pair::new(first.clone(), second.clone(), distance, slop);
                        let expected: HashSet<DocAddress> =
                            searcher.search(&pair, &DocSetCollector).expect("searches");
                        let mut found = HashSet::new();
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
                        matched_something += usize::from(!expected.is_empty());
                    }
                }
            }
        }
        // Not a vacuous agreement on empty sets.
        assert!(matched_something > 50, "{matched_something} pairs matched");
    }
}
