//! A quoted phrase of three words or more with a common word, its positions read only in the
//! units that have the phrase's common grams.
//!
//! tantivy's phrase scorer reads the positions of every unit that has all the phrase's words.
//! With a common word among them ("implementation of Security Council", "النار من جانب
//! القوات") that is most of the units with the rarer words: in the 1M-unit benchmark
//! collection 3,450 units have the four words of the first, 522 the phrase. Every unit that carries the phrase has the common
//! gram of each adjacent pair with a common word ([`crate::analyse::common_grams`]: "implementation
//! of", "of security"), and those grams together are in about as few units as the phrase (563
//! there). So the grams' postings, intersected, lead: the phrase scorer is asked only about
//! their units (tantivy's `seek_danger`, which checks the one unit asked about and does not read on
//! to the next match), and it scores them as it always does.
//!
//! Where a word of the phrase is in fewer units than every gram, its own postings lead the
//! phrase scorer's intersection as well as the grams would, and the phrase query is used as
//! it is ([`GuardedPhraseQuery::grams_lead`]).
//!
//! Invariant: the same units, the same scores, the same count as the phrase query alone (tests
//! below and tests/search_corpus.rs compare them).

use crate::analyse::common_grams;
use crate::Lang;

use tantivy::postings::SegmentPostings;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

/// An exact phrase (no slop) of one field, found through the common grams of its adjacent
/// words.
#[derive(Debug, Clone)]
pub struct GuardedPhraseQuery {
    phrase: PhraseQuery,
    grams: Vec<Term>,
}

impl GuardedPhraseQuery {
    /// The phrase of `terms` (each with its position in the phrase) of `lang`'s exact field,
    /// guarded by the common grams in `gram_field` of its adjacent pairs; `None` when it has
    /// fewer than three terms (two are one gram: [`super::gram_phrase`]) or no adjacent pair
    /// with a common word.
    pub fn of(lang: Lang, gram_field: Field, terms: &[(usize, Term)]) -> Option<Self> {
        if terms.len() < 3 {
            return None;
        }
        let mut grams: Vec<Term> = Vec::new();
        for pair in terms.windows(2) {
            let [(first_at, first), (second_at, second)] = pair else {
                continue;
            };
            if *second_at != first_at + 1 {
                continue;
            }
            let (Ok(first), Ok(second)) = (
                std::str::from_utf8(first.serialized_value_bytes()),
                std::str::from_utf8(second.serialized_value_bytes()),
            ) else {
                continue;
            };
            if let Some(gram) = common_grams::gram(lang, first, second) {
                let gram = Term::from_field_text(gram_field, &gram);
                if !grams.contains(&gram) {
                    grams.push(gram);
                }
            }
        }
        (!grams.is_empty()).then(|| GuardedPhraseQuery {
            phrase: PhraseQuery::new_with_offset(terms.to_vec()),
            grams,
        })
    }
}

impl GuardedPhraseQuery {
    /// Whether the rarest gram is in fewer units than the rarest word (then the grams lead;
    /// otherwise the phrase scorer's own intersection, led by that word, moves as little, and
    /// the grams would only add their postings). Unknown without statistics: the grams lead.
    pub fn grams_lead(&self, enable_scoring: &EnableScoring<'_>) -> tantivy::Result<bool> {
        let doc_freq = |term: &Term| -> tantivy::Result<Option<u64>> {
            match enable_scoring {
                EnableScoring::Enabled {
                    statistics_provider,
                    ..
                } => statistics_provider.doc_freq(term).map(Some),
                EnableScoring::Disabled {
                    searcher_opt: Some(searcher),
                    ..
                } => searcher.doc_freq(term).map(Some),
                EnableScoring::Disabled { .. } => Ok(None),
            }
        };
        let rarest = |terms: &mut dyn Iterator<Item = &Term>| -> tantivy::Result<Option<u64>> {
            let mut rarest = None;
            for term in terms {
                let Some(freq) = doc_freq(term)? else {
                    return Ok(None);
                };
                rarest = Some(rarest.map_or(freq, |r: u64| r.min(freq)));
            }
            Ok(rarest)
        };
        let mut words = Vec::new();
        self.phrase.query_terms(&mut |term, _| words.push(term));
        Ok(
            match (
                rarest(&mut self.grams.iter())?,
                rarest(&mut words.into_iter())?,
            ) {
                (Some(gram), Some(word)) => gram < word,
                _ => true,
            },
        )
    }
}

impl Query for GuardedPhraseQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let phrase = self.phrase.weight(enable_scoring)?;
        if !self.grams_lead(&enable_scoring)? {
            return Ok(phrase);
        }
        Ok(Box::new(GuardedPhraseWeight {
            phrase,
            grams: self.grams.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        // The words, as the phrase names them: what the query searches for.
        self.phrase.query_terms(visitor);
    }
}

/// The weight of a [`GuardedPhraseQuery`].
struct GuardedPhraseWeight {
    phrase: Box<dyn Weight>,
    grams: Vec<Term>,
}

impl Weight for GuardedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut grams = Vec::with_capacity(self.grams.len());
        for gram in &self.grams {
            match reader
                .inverted_index(gram.field())?
                .read_postings(gram, IndexRecordOption::Basic)?
            {
                Some(postings) => grams.push(postings),
                None => return Ok(Box::new(EmptyScorer)),
            }
        }
        // The rarest gram leads the intersection; the others are only moved to its units.
        grams.sort_by_key(|g| g.size_hint());
        let first = intersect(&mut grams, 0);
        if first == TERMINATED {
            return Ok(Box::new(EmptyScorer));
        }
        let (found, phrase) = self.phrase.scorer_danger(reader, first, boost)?;
        let mut scorer = GuardedPhraseScorer {
            grams,
            phrase,
            doc: first,
        };
        scorer.settle(found);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        // Every unit that carries the phrase has its grams: the phrase explains it.
        self.phrase.explain(reader, doc)
    }
}

/// The units of the grams' intersection that carry the phrase, scored by the phrase scorer.
struct GuardedPhraseScorer {
    /// Rarest first.
    grams: Vec<SegmentPostings>,
    /// Only ever asked about units of the grams' intersection, in increasing order, through
    /// `seek_danger`: valid (on `doc`) once it answered `Found`.
    phrase: Box<dyn Scorer>,
    doc: DocId,
}

impl GuardedPhraseScorer {
    /// From `self.doc`, a unit of the grams' intersection the phrase scorer was asked about
    /// and answered `found`, on to the first such unit that carries the phrase.
    fn settle(&mut self, mut found: SeekDangerResult) {
        while self.doc != TERMINATED {
            match found {
                SeekDangerResult::Found => return,
                SeekDangerResult::SeekLowerBound(lower_bound) => {
                    self.doc = intersect(&mut self.grams, lower_bound);
                    if self.doc == TERMINATED {
                        return;
                    }
                    found = self.phrase.seek_danger(self.doc);
                }
            }
        }
    }
}

/// The first unit from `target` on that every gram has (`TERMINATED` when none); each gram's
/// postings then stand on it.
fn intersect(grams: &mut [SegmentPostings], target: DocId) -> DocId {
    let Some((leader, others)) = grams.split_first_mut() else {
        return TERMINATED;
    };
    let mut candidate = if leader.doc() < target {
        leader.seek(target)
    } else {
        leader.doc()
    };
    'candidates: while candidate != TERMINATED {
        for other in others.iter_mut() {
            let doc = if other.doc() < candidate {
                other.seek(candidate)
            } else {
                other.doc()
            };
            if doc > candidate {
                candidate = leader.seek(doc);
                continue 'candidates;
            }
        }
        return candidate;
    }
    TERMINATED
}

impl DocSet for GuardedPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.settle(SeekDangerResult::SeekLowerBound(self.doc + 1));
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.settle(SeekDangerResult::SeekLowerBound(target));
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.grams.first().map_or(0, |g| g.size_hint())
    }
}

impl Scorer for GuardedPhraseScorer {
    fn score(&mut self) -> Score {
        self.phrase.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::BoostQuery;
    use tantivy::Index;

    const TEXTS: [&str; 9] = [
        "the implementation of the decision of the council",
        "implementation of the decision and the implementation of the decision again",
        "the decision of the implementation",
        "implementation, of the decision",
        "implementation of a decision of the",
        "of the decision implementation",
        "a long unit on the implementation of the decision of the members of the council of it",
        "decision",
        // A token too long to index leaves a gap between "of" and "the".
        "implementation of xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx the decision",
    ];

    fn index_of(deleted: &str) -> (Index, Field, Field) {
        crate::search::test_index::exact_and_grams(&TEXTS, deleted)
    }

    /// The terms of `words` at their positions; `_` stands for a position left empty.
    fn terms(field: Field, words: &str) -> Vec<(usize, Term)> {
        words
            .split(' ')
            .enumerate()
            .filter(|&(_, w)| w != "_")
            .map(|(at, w)| (at, Term::from_field_text(field, w)))
            .collect()
    }

    #[test]
    fn finds_counts_scores_and_explains_what_the_phrase_query_does() {
        let (index, exact, gram) = index_of("again");
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        // Each phrase, and whether its grams lead (else a word rarer than every gram does).
        for (words, grams_lead) in [
            ("implementation of the decision", true),
            ("of the decision", true),
            ("the decision of the", true),
            ("decision of the council", false),
            ("implementation of a decision", true),
            ("implementation of _ the decision", true),
        ] {
            let terms = terms(exact, words);
            let phrase = PhraseQuery::new_with_offset(terms.clone());
            let guarded = GuardedPhraseQuery::of(Lang::En, gram, &terms).expect("common words");
            assert_eq!(
                guarded.grams_lead(&scoring).expect("statistics"),
                grams_lead,
                "{words}"
            );
            let top = || (TopDocs::with_limit(40).order_by_score(), Count);
            let expected = searcher.search(&phrase, &top()).expect("searches");
            let found = searcher.search(&guarded, &top()).expect("searches");
            assert!(!found.0.is_empty(), "{words}");
            assert_eq!(found, expected, "{words}");
            // Counted without scores: the phrase scorer only asked whether each unit has it.
            assert_eq!(
                searcher.search(&guarded, &Count).expect("counts"),
                expected.1,
                "{words}"
            );
            let boosted = |q: Box<dyn Query>| BoostQuery::new(q, 3.0);
            assert_eq!(
                searcher
                    .search(&boosted(Box::new(guarded.clone())), &top())
                    .expect("searches"),
                searcher
                    .search(&boosted(Box::new(phrase.clone())), &top())
                    .expect("searches"),
            );
            for (score, address) in &found.0 {
                let explained = guarded.explain(&searcher, *address).expect("explains");
                assert_eq!(explained.value(), *score);
            }
        }
    }

    #[test]
    fn moves_through_the_units_that_carry_the_phrase() {
        let (index, exact, gram) = index_of("again");
        let searcher = index.reader().expect("reader").searcher();
        let terms = terms(exact, "implementation of the decision");
        let phrase = PhraseQuery::new_with_offset(terms.clone());
        let guarded = GuardedPhraseQuery::of(Lang::En, gram, &terms).expect("common words");
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        assert!(guarded.grams_lead(&scoring).expect("statistics"));
        let (phrase, guarded) = (
            phrase.weight(scoring).expect("weight"),
            guarded.weight(scoring).expect("weight"),
        );
        for reader in searcher.segment_readers() {
            let mut expected = phrase.scorer(reader, 1.0).expect("scorer");
            let mut found = guarded.scorer(reader, 1.0).expect("scorer");
            // Advancing, then seeking to every unit in turn.
            while expected.doc() != TERMINATED {
                assert_eq!(found.doc(), expected.doc());
                assert_eq!(found.score(), expected.score());
                expected.advance();
                found.advance();
            }
            assert_eq!(found.doc(), TERMINATED);
            assert_eq!(found.advance(), TERMINATED);
            let mut expected = phrase.scorer(reader, 1.0).expect("scorer");
            let mut found = guarded.scorer(reader, 1.0).expect("scorer");
            for target in 0..reader.max_doc() + 1 {
                assert_eq!(
                    found.seek(target.max(found.doc())),
                    expected.seek(target.max(expected.doc()))
                );
            }
        }
    }

    #[test]
    fn a_word_rarer_than_every_gram_leads_the_phrase_itself() {
        let (index, exact, gram) = index_of("again");
        let searcher = index.reader().expect("reader").searcher();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        // "council" is in 2 units of a segment, "decision of" in 4, "of the" in 6.
        let rare_word = terms(exact, "decision of the council");
        let guarded = GuardedPhraseQuery::of(Lang::En, gram, &rare_word).expect("common words");
        assert!(!guarded.grams_lead(&scoring).expect("statistics"));
        // Without statistics, the grams lead.
        let unscored = EnableScoring::Disabled {
            schema: searcher.schema(),
            searcher_opt: None,
        };
        assert!(guarded.grams_lead(&unscored).expect("no statistics"));
        let counted = EnableScoring::disabled_from_searcher(&searcher);
        assert!(!guarded.grams_lead(&counted).expect("the searcher's"));
    }

    #[test]
    fn short_phrases_and_phrases_without_a_common_word_are_not_guarded() {
        let (_, exact, gram) = index_of("again");
        assert!(GuardedPhraseQuery::of(Lang::En, gram, &terms(exact, "of the")).is_none());
        assert!(
            GuardedPhraseQuery::of(Lang::En, gram, &terms(exact, "decision council members"))
                .is_none()
        );
        // A gap (a dropped token) makes no gram.
        let gapped = vec![
            (0, Term::from_field_text(exact, "implementation")),
            (2, Term::from_field_text(exact, "of")),
            (4, Term::from_field_text(exact, "decision")),
        ];
        assert!(GuardedPhraseQuery::of(Lang::En, gram, &gapped).is_none());
    }
}
