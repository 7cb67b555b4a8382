//! The top hits of a sum of words without reading every posting: MaxScore (Turtle and Flood,
//! 1995), scored in windows of unit ids as Lucene's `MaxScoreBulkScorer` does.
//!
//! A pasted paragraph keeps 25 words, and in a large collection even its rarest occur in
//! thousands of units: tantivy's union reads every posting of every word. But a page of hits
//! needs only the units that can beat the page's weakest hit so far (the threshold). Each word
//! adds at most its BM25 weight (its `bound`); sorted by bound, the lightest words whose bounds
//! sum to no more than the threshold are **non-essential**: a unit that has only those cannot
//! enter the page. So only the essential words' postings are read, a window of units at a
//! time, summed into a buffer; each unit they touch whose sum, plus the non-essential bounds,
//! can still beat the threshold looks the non-essential words up (heaviest first, stopping as
//! soon as it cannot). As the page fills the threshold rises, and the commonest words (the
//! lightest, with the longest postings) become non-essential first.
//!
//! Some units get a constant on top (the units carrying a pasted passage's wording, which
//! outrank all others): they are always looked at, and are hits only if they match a word.
//!
//! Invariant: every unit whose score beats the threshold is handed to the callback with the
//! score exhaustive scoring gives it (the sum of its words' scores, plus its bonus; added in
//! another order, so equal up to float rounding). tests/search_pruning.rs compares the two.

use super::scored_term::ScoredTerm;
use tantivy::query::{Bm25Weight, Scorer};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Units scored together: the buffer of their sums stays in the first-level cache's reach, and
/// the essential words are re-chosen at each window's start.
const WINDOW: u32 = 4096;

/// A clause's matches in one segment, scored, and the most it can add to a unit's score.
pub struct Bounded {
    matches: Matches,
    bound: Score,
}

/// How a clause's matches are read.
// A query holds a few dozen; boxing the large variant would add a pointer chase per posting.
#[allow(clippy::large_enum_variant)]
enum Matches {
    /// A word's postings, scored by BM25 as tantivy's term scorer scores them.
    Term(ScoredTerm),
    /// Any other scorer (a phrase).
    Scorer(Box<dyn Scorer>),
}

impl Bounded {
    /// `term` in the segment of `reader`, weighed by `weight` (BM25's, boosted as the query
    /// boosts it); `None` when the segment lacks it.
    pub fn term(
        reader: &SegmentReader,
        term: &Term,
        weight: Bm25Weight,
    ) -> tantivy::Result<Option<Bounded>> {
        // BM25's term-frequency factor is below 1: at fieldnorm 0 and the largest frequency it
        // rounds to exactly 1, the weight itself.
        let bound = weight.score(0, u32::MAX);
        let record = IndexRecordOption::WithFreqs;
        Ok(
            ScoredTerm::open(reader, term, weight, record)?.map(|postings| Bounded {
                matches: Matches::Term(postings),
                bound,
            }),
        )
    }

    /// The matches of `scorer`, each adding at most `bound`.
    pub fn scorer(scorer: Box<dyn Scorer>, bound: Score) -> Bounded {
        Bounded {
            matches: Matches::Scorer(scorer),
            bound,
        }
    }

    fn doc(&self) -> DocId {
        match &self.matches {
            Matches::Term(postings) => postings.doc(),
            Matches::Scorer(scorer) => scorer.doc(),
        }
    }

    fn advance(&mut self) -> DocId {
        match &mut self.matches {
            Matches::Term(postings) => postings.advance(),
            Matches::Scorer(scorer) => scorer.advance(),
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        match &mut self.matches {
            Matches::Term(postings) => postings.seek(target),
            Matches::Scorer(scorer) => scorer.seek(target),
        }
    }

    fn score(&mut self) -> Score {
        match &mut self.matches {
            Matches::Term(postings) => postings.score(),
            Matches::Scorer(scorer) => scorer.score(),
        }
    }
}

/// Units given `bonus` on top of their words' scores.
pub struct Bonus<'a> {
    /// The units, in increasing order.
    pub units: &'a [DocId],
    /// What each gets on top.
    pub bonus: Score,
}

/// Hands `callback` every unit that matches one of `terms` and whose score (the sum of its
/// words' scores, plus the bonus for `bonus.units`) beats the threshold, which starts at
/// `threshold` and becomes whatever the callback returns (see [`tantivy::query::Weight::for_each_pruning`]).
pub fn for_each_pruning(
    mut terms: Vec<Bounded>,
    bonus: &Bonus<'_>,
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    terms.retain(|t| t.doc() != TERMINATED);
    terms.sort_by(|a, b| a.bound.total_cmp(&b.bound));
    // most[k]: the most the k lightest words together can add.
    let mut most = Vec::with_capacity(terms.len() + 1);
    most.push(0.0);
    for term in &terms {
        most.push(most[most.len() - 1] + term.bound);
    }
    let mut sums = vec![0.0 as Score; WINDOW as usize];
    let mut matched = vec![0u64; WINDOW as usize / 64];
    let mut given_bonus = vec![0u64; WINDOW as usize / 64];
    let mut next_bonus = 0;
    // terms[..non_essential] are only looked up, never read in full.
    let mut non_essential = 0;
    loop {
        while non_essential < terms.len() && most[non_essential + 1] <= threshold {
            non_essential += 1;
        }
        let first_essential = terms[non_essential..]
            .iter()
            .map(|t| t.doc())
            .min()
            .unwrap_or(TERMINATED);
        let first_bonus = bonus.units.get(next_bonus).copied().unwrap_or(TERMINATED);
        let start = first_essential.min(first_bonus);
        if start == TERMINATED {
            return;
        }
        // A segment holds fewer units than `TERMINATED`, so every posting ends before it.
        let end = start.saturating_add(WINDOW).min(TERMINATED);
        for term in &mut terms[non_essential..] {
            let mut doc = term.doc();
            while doc < end {
                let at = (doc - start) as usize;
                sums[at] += term.score();
                matched[at / 64] |= 1 << (at % 64);
                doc = term.advance();
            }
        }
        while let Some(&unit) = bonus.units.get(next_bonus).filter(|&&u| u < end) {
            let at = (unit - start) as usize;
            given_bonus[at / 64] |= 1 << (at % 64);
            next_bonus += 1;
        }
        for word in 0..matched.len() {
            let (words_matched, bonused) = (matched[word], given_bonus[word]);
            matched[word] = 0;
            given_bonus[word] = 0;
            let mut candidates = words_matched | bonused;
            while candidates != 0 {
                let bit = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let at = word * 64 + bit;
                let doc = start + at as DocId;
                let mut score = std::mem::take(&mut sums[at]);
                let mut is_match = words_matched & (1 << bit) != 0;
                let extra = if bonused & (1 << bit) != 0 {
                    bonus.bonus
                } else {
                    0.0
                };
                // Heaviest non-essential word first, while the unit can still beat the
                // threshold.
                let mut left = non_essential;
                while left > 0 && score + extra + most[left] > threshold {
                    left -= 1;
                    let term = &mut terms[left];
                    if term.doc() < doc {
                        term.seek(doc);
                    }
                    if term.doc() == doc {
                        score += term.score();
                        is_match = true;
                    }
                }
                if is_match && score + extra > threshold {
                    threshold = callback(doc, score + extra);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;
    use tantivy::query::{EnableScoring, Query, TermQuery};

    /// Every unit's exact score by scoring each word on its own, then the top `k` (ties by
    /// unit), against the pruned way with a top-`k` heap for a callback.
    fn check(texts: Vec<String>, words: &[&str], bonus_units: &[DocId], k: usize) {
        let (index, field) = test_index::of_texts(texts.clone());
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let terms: Vec<Term> = words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let weights: Vec<_> = terms
            .iter()
            .map(|t| {
                TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)
                    .weight(scoring)
                    .expect("weight")
            })
            .collect();
        let bonus = 100.0;
        let mut exact = vec![(0.0 as Score, false); texts.len()];
        for weight in &weights {
            weight
                .for_each(reader, &mut |doc, score| {
                    exact[doc as usize].0 += score;
                    exact[doc as usize].1 = true;
                })
                .expect("scores");
        }
        let mut expected: Vec<(Score, DocId)> = exact
            .iter()
            .enumerate()
            .filter(|(_, (_, hit))| *hit)
            .map(|(doc, (score, _))| {
                let doc = doc as DocId;
                let extra = if bonus_units.contains(&doc) {
                    bonus
                } else {
                    0.0
                };
                (score + extra, doc)
            })
            .collect();
        expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        expected.truncate(k);

        let bounded = terms
            .iter()
            .filter_map(|term| {
                let weight = Bm25Weight::for_terms(&searcher, std::slice::from_ref(term))
                    .expect("statistics");
                Bounded::term(reader, term, weight).expect("opens")
            })
            .collect();
        let mut page: Vec<(Score, DocId)> = Vec::new();
        for_each_pruning(
            bounded,
            &Bonus {
                units: bonus_units,
                bonus,
            },
            Score::MIN,
            &mut |doc, score| {
                page.push((score, doc));
                page.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                page.truncate(k);
                if page.len() == k {
                    page[k - 1].0
                } else {
                    Score::MIN
                }
            },
        );
        // The same scores rank by rank; each unit given has the score it was given (units
        // tied at the page's edge may differ).
        assert_eq!(page.len(), expected.len());
        let close = |a: Score, b: Score| (a - b).abs() <= 1e-4 * b.abs();
        for (got, want) in page.iter().zip(&expected) {
            assert!(close(got.0, want.0), "{got:?} vs {want:?}");
            let extra = if bonus_units.contains(&got.1) {
                bonus
            } else {
                0.0
            };
            let (score, hit) = exact[got.1 as usize];
            assert!(hit && close(got.0, score + extra), "{got:?}: {score}");
        }
    }

    /// Unit `u` of `n` carries word `wN` when `u % N == 0`: commoner words for smaller N,
    /// units with every word at multiples of all of them, spread over several windows.
    fn texts(n: u32, words: u32) -> Vec<String> {
        (0..n)
            .map(|u| {
                let mut text: Vec<String> = (1..=words)
                    .filter(|w| u % w == 0)
                    .map(|w| format!("w{w}"))
                    .collect();
                // Lengths vary, so BM25 tells units with the same words apart.
                text.extend((0..u % 7).map(|_| "filler".to_string()));
                if text.is_empty() {
                    text.push("filler".to_string());
                }
                text.join(" ")
            })
            .collect()
    }

    /// `n` units of random words: word `wN` in about one unit in `N`, 1 to 3 times, among
    /// 0 to 29 fillers (a fixed linear congruential sequence, so the test is reproducible).
    fn random_texts(n: u32, words: u32) -> Vec<String> {
        let mut state: u64 = 0x5eed;
        let mut next = move |below: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % below
        };
        (0..n)
            .map(|_| {
                let mut text = Vec::new();
                for w in 1..=words {
                    if next(u64::from(w)) == 0 {
                        let times = 1 + next(3);
                        text.extend((0..times).map(|_| format!("w{w}")));
                    }
                }
                text.extend((0..next(30)).map(|_| "filler".to_string()));
                if text.is_empty() {
                    text.push("filler".to_string());
                }
                text.join(" ")
            })
            .collect()
    }

    #[test]
    fn finds_the_top_hits_of_many_words_across_windows() {
        let words: Vec<String> = (1..=12).map(|w| format!("w{w}")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        for k in [1, 10, 100] {
            check(texts(20_000, 12), &words, &[], k);
        }
        let words: Vec<String> = (2..=40).map(|w| format!("w{w}")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        for k in [1, 10, 100, 1000] {
            check(random_texts(30_000, 40), &words, &[], k);
        }
    }

    #[test]
    fn bonus_units_rank_first_only_when_they_match_a_word() {
        let words = ["w7", "w11", "w2"];
        // 7 carries w7; 1 carries none of the words (only `w1` and filler); 19_999 is in the
        // last window.
        check(texts(20_000, 12), &words, &[1, 7, 19_999], 10);
    }

    #[test]
    fn a_word_absent_from_the_index_is_left_out() {
        check(texts(5_000, 6), &["w3", "absent", "w5"], &[], 10);
    }
}
