//! A query searched in two languages whose words are required: one [`Disjunction`] per
//! language, their union.
//!
//! A Latin-script word is searched in English and in Arabic (Latin names occur in Arabic text).
//! `+Security +Council` then asks each unit for both words in either language; but a unit's
//! text is indexed in the fields of one language only, so that is the union of
//! `+security +council` in English and the same in Arabic. Each is a [`Disjunction`] of its
//! own, with its wording and boosts, and finds its top hits without scoring every match, as
//! a query typed in Arabic script does; the collector merges them. The parts' wordings add the
//! same (the largest of what each would add alone), so the units that carry the wording, in
//! either language, rank above all others.
//!
//! Invariant: no unit matches two parts (their clauses search the fields of different
//! languages), so a unit's score in the union is its score in the one part it matches, and
//! the parts' top hits, merged, are the union's (tests/search_pruning.rs compares them with
//! scoring every match).

use super::disjunction::{with_statistics_read_once, Disjunction, Shared, SharedWeight};
use super::match_tally::MatchTally;
use std::sync::Arc;
use tantivy::query::{BooleanWeight, EnableScoring, Occur, Query, SumCombiner, Weight};
use tantivy::schema::Term;
use tantivy::{DocId, Score, SegmentReader};

/// The union of one [`Disjunction`] per language; see the module documentation.
#[derive(Debug, Clone)]
pub struct PerLanguage {
    parts: Vec<Disjunction>,
}

impl PerLanguage {
    /// The union of `parts`, each searching the fields of a language of its own.
    pub fn new(parts: Vec<Disjunction>) -> PerLanguage {
        PerLanguage { parts }
    }

    /// Whether a part's top-hits pass may meet every match ([`Disjunction::may_walk_every_match`]).
    pub fn may_walk_every_match(&self) -> bool {
        self.parts.iter().any(Disjunction::may_walk_every_match)
    }

    /// The same query, each part's top-hits pass counting into `tally` (a fresh one per
    /// search) the matches it meets (see [`Disjunction::counted_into`]; no unit matches two
    /// parts).
    pub fn counted_into(&self, tally: &Arc<MatchTally>) -> PerLanguage {
        PerLanguage {
            parts: self
                .parts
                .iter()
                .map(|part| part.counted_into(tally))
                .collect(),
        }
    }

    /// The same query, restricted to the units every one of `filters` matches.
    pub fn filtered(&self, filters: &[Box<dyn Query>]) -> PerLanguage {
        PerLanguage {
            parts: self
                .parts
                .iter()
                .map(|part| part.filtered(filters.iter().map(|f| f.box_clone()).collect()))
                .collect(),
        }
    }
}

impl Query for PerLanguage {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Each part's wording outranks the units of its own language without it; the largest
        // of the wording scores outranks those of every language. The parts weigh their words
        // again when bound, from the statistics already read.
        with_statistics_read_once(enable_scoring, |statistics, scoring| {
            let mut wording_score: Score = 0.0;
            if let Some(statistics) = statistics {
                for part in &self.parts {
                    wording_score = wording_score.max(part.wording_score_in(statistics)?);
                }
            }
            self.bound(wording_score, scoring)
        })
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
}

impl PerLanguage {
    /// The weight of the union, each part's wording adding at least `wording_score`.
    fn bound(
        &self,
        wording_score: Score,
        enable_scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn Weight>> {
        let parts: Vec<SharedWeight> = self
            .parts
            .iter()
            .map(|part| {
                part.with_wording_score_at_least(wording_score)
                    .weight(enable_scoring)
                    .map(Arc::from)
            })
            .collect::<tantivy::Result<_>>()?;
        let union = BooleanWeight::with_minimum_number_should_match(
            parts
                .iter()
                .map(|part| -> (Occur, Box<dyn Weight>) {
                    (Occur::Should, Box::new(Shared(part.clone())))
                })
                .collect(),
            0,
            enable_scoring.is_scoring_enabled(),
            Box::new(SumCombiner::default),
        );
        Ok(Box::new(PerLanguageWeight {
            parts,
            union: Box::new(union),
        }))
    }
}

/// The weight of a bound [`PerLanguage`].
struct PerLanguageWeight {
    /// Each part's weight.
    parts: Vec<SharedWeight>,
    /// Matches, scores and counts like a `BooleanQuery` of the parts.
    union: Box<dyn Weight>,
}

impl Weight for PerLanguageWeight {
    match_like!(union);

    /// Each part's top hits in turn, the threshold carried from one to the next: a unit
    /// matches one part only, so each is handed to the collector once, with its whole score.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut threshold = threshold;
        for part in &self.parts {
            let from = threshold;
            part.for_each_pruning(from, reader, &mut |doc, score| {
                threshold = callback(doc, score);
                threshold
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::disjunction::{Clause, Role};
    use crate::search::test_index;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{PhraseQuery, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption};
    use tantivy::DocAddress;

    /// `+alpha +beta` in one field, the wording `alpha beta` first.
    fn every_word_required(field: Field) -> Disjunction {
        let term = |w: &str| Term::from_field_text(field, w);
        let word = |w: &str| Clause {
            query: Box::new(TermQuery::new(term(w), IndexRecordOption::WithFreqs)),
            terms: vec![term(w)],
            boost: 1.0,
            role: Role::Required,
        };
        let wording = Clause {
            query: Box::new(PhraseQuery::new(vec![term("alpha"), term("beta")])),
            terms: Vec::new(),
            boost: 1.0,
            role: Role::Wording,
        };
        Disjunction::new(vec![word("alpha"), word("beta"), wording], true, true)
    }

    #[test]
    fn each_language_s_walk_counts_its_own_alive_matches() {
        // Both words in 2 of every 3 units, in one language or the other; every seventh
        // unit is deleted.
        let units = (0..240)
            .map(|u: u32| {
                let deleted = if u.is_multiple_of(7) { " omega" } else { "" };
                let text = match u % 3 {
                    0 => format!("alpha gamma beta{deleted}"),
                    1 => format!("beta alpha{deleted}"),
                    _ => format!("alpha{deleted}"),
                };
                (u.is_multiple_of(2), text)
            })
            .collect();
        let (index, en, ar) = test_index::two_languages(units);
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for field in [en, ar] {
            writer.delete_term(Term::from_field_text(field, "omega"));
        }
        writer.commit().expect("commits");
        let searcher = index.reader().expect("reader").searcher();
        let query = PerLanguage::new(vec![every_word_required(en), every_word_required(ar)]);
        assert!(query.may_walk_every_match());
        let total =
            crate::search::match_tally::tallied(&searcher, |tally| query.counted_into(tally));
        let matches = searcher.search(&query, &Count).expect("counts");
        assert_eq!(
            matches,
            (0..240).filter(|u| u % 3 != 2 && u % 7 != 0).count()
        );
        assert_eq!(total, Some(matches as u64));
    }

    #[test]
    fn a_unit_carrying_the_wording_outranks_the_other_languages_units_without_it() {
        // The words are common in one field (they weigh little there, and so does its
        // wording) and rare in the other, where units have them apart, twice each.
        let english = (0..200).map(|unit| {
            let text = if unit % 50 == 0 {
                "alpha beta gamma".to_string()
            } else {
                format!("alpha {}beta", "gamma ".repeat(1 + unit % 9))
            };
            (true, text)
        });
        let arabic = (0..2).map(|_| (false, "alpha alpha gamma beta beta".to_string()));
        let (index, en, ar) = test_index::two_languages(english.chain(arabic).collect());
        let searcher = index.reader().expect("reader").searcher();
        let query = PerLanguage::new(vec![every_word_required(en), every_word_required(ar)]);
        let top: Vec<(Score, DocAddress)> = searcher
            .search(&query, &TopDocs::with_limit(4).order_by_score())
            .expect("runs");
        let units: Vec<u32> = top.iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(units, [0, 50, 100, 150], "{top:?}");
    }

    #[test]
    fn each_language_ranks_its_own_units_and_the_union_finds_what_scoring_every_match_finds() {
        // Units 0..60 in one language or the other; every fifth carries the wording, the
        // others both words apart.
        let mut units: Vec<(bool, String)> = (0..60)
            .map(|unit| {
                let filler = "gamma ".repeat(unit % 7);
                let text = if unit % 5 == 0 {
                    format!("{filler}alpha beta delta")
                } else {
                    format!("alpha {filler}delta beta")
                };
                (unit % 2 == 0, text)
            })
            .collect();
        units.push((true, "alpha only".to_string()));
        let (index, en, ar) = test_index::two_languages(units);
        let searcher = index.reader().expect("reader").searcher();
        let query = PerLanguage::new(vec![every_word_required(en), every_word_required(ar)]);
        for depth in [5, 20, 61] {
            let top = || TopDocs::with_limit(depth).order_by_score();
            let pruned: Vec<(Score, DocAddress)> = searcher.search(&query, &top()).expect("runs");
            let (exhaustive, count) = searcher.search(&query, &(top(), Count)).expect("runs");
            assert_eq!(count, 60, "every unit with both words, in either language");
            assert_eq!(pruned.len(), exhaustive.len());
            for (p, e) in pruned.iter().zip(&exhaustive) {
                assert!(
                    (p.0 - e.0).abs() <= 1e-4 * e.0.abs().max(1.0),
                    "{p:?} vs {e:?}"
                );
            }
            // The twelve units with the wording, of both languages, come first.
            let carriers: Vec<u32> = pruned.iter().take(12).map(|(_, a)| a.doc_id).collect();
            assert!(
                carriers.iter().take(depth).all(|u| u % 5 == 0),
                "{carriers:?}"
            );
            assert!(carriers.iter().any(|u| u % 2 == 1) || depth < 12);
        }
    }
}
