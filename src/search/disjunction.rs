//! The query a plain query compiles to: a sum of optional clauses (the words and phrases typed,
//! in each language searched) and proximity boosts; a long one keeps its most informative words.
//!
//! A paragraph pasted as a query carries 50 to 300 words, among them في, من and the article on
//! nearly every unit. Matching and scoring every unit that shares any word costs time in
//! proportion to the collection, and ranks nothing better: the common words weigh little in
//! BM25 and the rare ones decide. So, as Lucene's and Elasticsearch's MoreLikeThis do:
//!
//! | rule | why |
//! |---|---|
//! | a clause's weight is BM25's at its best: `(1 + k1) · idf · (times it occurs in the query)` | the most a unit can get from it |
//! | in each field (language and view), at most [`MAX_QUERY_TERMS`] matching clauses, the weightiest, are kept; ties keep query order | MoreLikeThis's default (25): enough to identify a paragraph, few enough to stay fast; per field, so that the English words of an English paragraph, rare in Arabic text, do not crowd out its English clauses |
//! | a clause with a term the index lacks is dropped | it matches nothing, and its idf would be the highest |
//! | boosts are always kept | they only reorder the units the kept clauses match |
//! | the whole wording (the words in order, a little slop) adds more than everything else can | delegates look for the wording: a unit that carries it outranks every unit that does not, and BM25 orders each group |
//!
//! Weights come from the index's statistics, so the selection happens when the query is bound
//! to a searcher ([`Query::weight`]). A query of [`MAX_QUERY_TERMS`] clauses or fewer is exactly
//! the boolean query of its clauses; required words (`+word`) and filters are clauses too.
//! Invariant: a boost or the wording matches only units that the matching clauses match (its
//! terms are theirs).
//!
//! The top hits are found **wording first** when the wording was typed (see
//! `DisjunctionWeight::top_hits`): the units that carry it are among those with every one of
//! its words, reached through its rarest word; each is scored by moving every clause to it, and
//! its positions are read (is the wording there?) only when the wording could lift it above the
//! page's weakest hit. When the units that carry the wording fill the page no other unit can
//! enter, so the rest of the segment is never read; and each segment starts from the weakest
//! hit of the best page an earlier segment filled (when they are searched one after the
//! other: a pasted passage's are searched at the same time). A pasted passage (whose
//! wording is in a unit or two) is ranked by [`max_score`]: the units that carry its wording
//! are found first and given its score on top, and the commonest of its kept words are only
//! looked up, never read in full, once the page's weakest hit is beyond their reach. A query
//! with neither (a pasted passage with filters or required words) is scored exhaustively, as
//! are, after the wording's, the units without a wording longer than two words; there the
//! single-term clauses are a union of their own, and a repeated word is a [`CountedTermQuery`],
//! so that tantivy keeps its loop specialised for term scorers. Every way gives the same hits and scores
//! (tests/search_pruning.rs).

use super::counted_term::CountedTermQuery;
use super::match_tally::MatchTally;
use super::max_score::{self, Bounded};
use super::pair::Pair;
use super::scored_term::ScoredTerm;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BooleanWeight, ConstScoreQuery, EmptyScorer,
    EnableScoring, Occur, Query, Scorer, SumCombiner, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

/// Matching clauses kept from a long query: MoreLikeThis's `max_query_terms` default.
pub const MAX_QUERY_TERMS: usize = 25;

/// BM25's term-frequency saturation, as tantivy scores.
const BM25_K1: Score = 1.2;

/// What a clause of a [`Disjunction`] does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    /// Matches units and scores them by BM25 (a word or quoted phrase).
    Matches,
    /// Like `Matches`, and every hit must match it (`+word`).
    Required,
    /// Adds this constant to the units it matches, which the matching clauses match too.
    Boost(Score),
    /// The whole wording typed: the units that carry it rank above every unit that does not.
    Wording,
    /// Every hit must match it; it adds nothing to the score (document, kind, language, date).
    Filter,
}

/// One optional clause of a [`Disjunction`].
#[derive(Debug)]
pub struct Clause {
    /// The query.
    pub query: Box<dyn Query>,
    /// The terms it scores by BM25 (one for a word, several for a phrase); empty for a boost.
    pub terms: Vec<Term>,
    /// Its boost: how many times the piece occurs in the query.
    pub boost: Score,
    /// What it does.
    pub role: Role,
}

impl Clone for Clause {
    fn clone(&self) -> Self {
        Clause {
            query: self.query.box_clone(),
            terms: self.terms.clone(),
            boost: self.boost,
            role: self.role,
        }
    }
}

impl Clause {
    /// Whether the clause scores one term with tantivy's term scorer.
    fn is_single_term(&self) -> bool {
        self.terms.len() == 1
            && (self.query.downcast_ref::<TermQuery>().is_some()
                || self.query.downcast_ref::<CountedTermQuery>().is_some())
    }

    /// The most the clause can add to a unit's score: BM25's term-frequency factor is below 1,
    /// so the weight `(1 + k1) · idf · boost` bounds it (the idf of a phrase is its terms'
    /// sum).
    ///
    /// Computed as tantivy's `Bm25Weight` computes its weight, in the same order (a test
    /// checks they agree to the bit), without building one: a pasted passage's every word is
    /// weighed to choose the kept ones, and tantivy's weight also builds a table of 256 norms
    /// and an explanation with its text. Where tantivy's is not a number (a field without a
    /// token: its average length is 0/0), this one still is: the idf does not depend on it.
    fn weight(&self, statistics: &dyn Bm25StatisticsProvider) -> tantivy::Result<Score> {
        if self.terms.is_empty() {
            return Ok(0.0);
        }
        let docs = statistics.total_num_docs()?;
        let mut idf: Score = 0.0;
        for term in &self.terms {
            // tantivy asserts this; statistics from another provider must not panic a search.
            let with_term = statistics.doc_freq(term)?.min(docs);
            let x = ((docs - with_term) as Score + 0.5) / (with_term as Score + 0.5);
            idf += (1.0 + x).ln();
        }
        Ok(idf * (1.0 + BM25_K1) * self.boost)
    }
}

/// A sum of optional clauses; see the module documentation.
#[derive(Debug, Clone)]
pub struct Disjunction {
    clauses: Vec<Clause>,
    /// Look for the units that carry the wording first: a typed wording, found in a page of
    /// units or more; not a pasted passage's, found in a unit or two.
    wording_first: bool,
    /// Only units that carry the wording can match the boosts.
    boosts_within_wording: bool,
    /// The least the wording adds (see [`Disjunction::with_wording_score_at_least`]).
    wording_score_at_least: Score,
    /// Where the top-hits pass counts the matches it meets (see [`Disjunction::counted_into`]).
    tally: Option<Arc<MatchTally>>,
    /// Its segments are searched at the same time (see [`Disjunction::searched_at_once`]).
    segments_at_once: bool,
}

impl Disjunction {
    /// A disjunction of `clauses`; `wording_first` when its wording was typed, not pasted;
    /// `boosts_within_wording` when only units that carry the wording can match its boosts.
    pub fn new(
        clauses: Vec<Clause>,
        wording_first: bool,
        boosts_within_wording: bool,
    ) -> Disjunction {
        Disjunction {
            clauses,
            wording_first,
            boosts_within_wording,
            wording_score_at_least: 0.0,
            tally: None,
            segments_at_once: false,
        }
    }

    /// Whether it is a pasted passage's (more words than a typed wording), whose top hits are
    /// found by [`max_score`] over its kept words: the costliest search, worth searching its
    /// segments at the same time ([`Self::searched_at_once`]).
    pub fn is_pasted_passage(&self) -> bool {
        !self.wording_first
    }

    /// The same query, for a search whose segments run at the same time: each segment is then
    /// pruned by its own page alone. A floor another segment raised while this one runs would
    /// make a unit's score a sum in an order that depends on the threads' timing (the words
    /// MaxScore reads in full or looks up), and a repeated search could rank near ties
    /// differently.
    pub fn searched_at_once(&self) -> Disjunction {
        Disjunction {
            segments_at_once: true,
            ..self.clone()
        }
    }

    /// Whether its top-hits pass may meet every match, and so count them ([`Self::counted_into`]):
    /// a typed wording whose words are all required.
    pub fn may_walk_every_match(&self) -> bool {
        self.wording_first
            && self.clauses.iter().any(|c| c.role == Role::Wording)
            && !self.clauses.iter().any(|c| c.role == Role::Matches)
    }

    /// The same query, its top-hits pass counting into `tally` (a fresh one per search) the
    /// matches it meets: the query's total, when that pass met them all
    /// ([`MatchTally::total`]).
    pub fn counted_into(&self, tally: &Arc<MatchTally>) -> Disjunction {
        Disjunction {
            tally: Some(tally.clone()),
            ..self.clone()
        }
    }

    /// The same query, its wording adding at least `score`: the parts of a
    /// [`super::per_language::PerLanguage`] share the largest of their wording scores, so that
    /// a unit carrying the wording in one language outranks every unit without it in the other.
    pub fn with_wording_score_at_least(&self, score: Score) -> Disjunction {
        Disjunction {
            wording_score_at_least: score,
            ..self.clone()
        }
    }

    /// What its wording adds when it searches an index of these `statistics`.
    pub fn wording_score_in(
        &self,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Score> {
        let remembered = RememberedStatistics::new(statistics);
        let kept = self.kept_clauses(&remembered)?;
        Disjunction::wording_score(&kept, &remembered)
    }

    /// Whether finding its top hits scores every unit it matches, so that they are best
    /// counted in the same pass: a typed query without a wording to find first, one of whose
    /// clauses is not a single term (a phrase: tantivy prunes by block-max WAND over term
    /// scorers only).
    pub fn scores_every_match(&self) -> bool {
        self.wording_first
            && !self.clauses.iter().any(|c| c.role == Role::Wording)
            && self
                .clauses
                .iter()
                .any(|c| matches!(c.role, Role::Matches | Role::Required) && !c.is_single_term())
    }

    /// The same query, restricted to the units every one of `filters` matches.
    pub fn filtered(&self, filters: Vec<Box<dyn Query>>) -> Disjunction {
        let mut filtered = self.clone();
        filtered
            .clauses
            .extend(filters.into_iter().map(|filter| Clause {
                query: Box::new(ConstScoreQuery::new(filter, 0.0)),
                terms: Vec::new(),
                boost: 1.0,
                role: Role::Filter,
            }));
        filtered
    }

    /// The clauses a search uses: every boost, and in each field the [`MAX_QUERY_TERMS`]
    /// weightiest matching clauses (all of them when there are no more), in query order.
    pub fn kept_clauses(
        &self,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Vec<&Clause>> {
        let field = |c: &Clause| c.terms.first().map(Term::field);
        let mut per_field: HashMap<Field, usize> = HashMap::new();
        for clause in self.clauses.iter().filter(|c| c.role == Role::Matches) {
            if let Some(f) = field(clause) {
                *per_field.entry(f).or_default() += 1;
            }
        }
        if per_field.values().all(|&n| n <= MAX_QUERY_TERMS) {
            return Ok(self.clauses.iter().collect());
        }
        // A clause with a term the index lacks matches nothing; its idf would be the highest.
        let mut candidates = Vec::new();
        for (at, clause) in self.clauses.iter().enumerate() {
            let Some(f) = field(clause).filter(|_| clause.role == Role::Matches) else {
                continue;
            };
            let mut present = true;
            for term in &clause.terms {
                present &= statistics.doc_freq(term)? > 0;
            }
            if present {
                candidates.push((f, clause.weight(statistics)?, at));
            }
        }
        // Per field, heaviest first; the earlier clause wins a tie, so the choice is
        // deterministic.
        candidates.sort_by(|a, b| {
            (a.0.field_id().cmp(&b.0.field_id()))
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
        });
        let mut kept = vec![false; self.clauses.len()];
        let mut taken: HashMap<Field, usize> = HashMap::new();
        for &(f, _, at) in &candidates {
            let n = taken.entry(f).or_default();
            if *n < MAX_QUERY_TERMS {
                *n += 1;
                kept[at] = true;
            }
        }
        Ok(self
            .clauses
            .iter()
            .zip(kept)
            .filter(|(clause, kept)| *kept || clause.role != Role::Matches)
            .map(|(clause, _)| clause)
            .collect())
    }

    /// The weight of the `kept` clauses. Without scoring, boosts and the wording are left out:
    /// they add no match.
    fn bound(
        &self,
        kept: Vec<&Clause>,
        wording_score: Score,
        enable_scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn Weight>> {
        let scoring = enable_scoring.is_scoring_enabled();
        let wording_first = scoring && self.wording_first;
        let rest = if wording_first && self.boosts_within_wording {
            Disjunction::rest_of_terms(&kept)
                .map(|rest| rest.weight(enable_scoring))
                .transpose()?
        } else {
            None
        };
        let statistics = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(statistics_provider),
            EnableScoring::Disabled { .. } => None,
        };
        let mut clauses = Vec::with_capacity(kept.len());
        let mut single_terms = Vec::with_capacity(kept.len());
        // Per matching clause, for the top hits: its term and BM25 weight when it is a single
        // term, and the most it adds to a unit's score.
        let mut matching = Vec::with_capacity(kept.len());
        let wording_clauses: Vec<&Clause> = kept
            .iter()
            .copied()
            .filter(|c| c.role == Role::Wording)
            .collect();
        let kept_roles: Vec<(Role, Option<Term>)> = kept
            .iter()
            .map(|c| match c.terms.as_slice() {
                [term] if c.is_single_term() => (c.role, Some(term.clone())),
                _ => (c.role, None),
            })
            .collect();
        for &clause in &kept {
            if let (Some(statistics), Role::Matches) = (statistics, clause.role) {
                let term = match clause.terms.as_slice() {
                    [term] if clause.is_single_term() => {
                        // Scored as its own scorer scores it: a plain term query is not boosted.
                        let count = clause
                            .query
                            .downcast_ref::<CountedTermQuery>()
                            .map_or(1.0, CountedTermQuery::count);
                        let bm25 = Bm25Weight::for_terms(statistics, &clause.terms)?;
                        Some((term.clone(), bm25.boost_by(count)))
                    }
                    _ => None,
                };
                matching.push((term, clause.weight(statistics)?));
            }
            let query = match clause.role {
                Role::Matches | Role::Required | Role::Filter => clause.query.box_clone(),
                Role::Boost(_) | Role::Wording if !scoring => continue,
                Role::Boost(score) => {
                    Box::new(ConstScoreQuery::new(clause.query.box_clone(), score))
                }
                Role::Wording => Box::new(ConstScoreQuery::new(
                    clause.query.box_clone(),
                    wording_score,
                )),
            };
            single_terms.push(clause.is_single_term());
            clauses.push((clause.role, Arc::from(query.weight(enable_scoring)?)));
        }
        let mut weight = DisjunctionWeight::new(
            clauses,
            &single_terms,
            wording_score,
            wording_first,
            scoring,
        );
        weight.rest_of_terms = rest;
        weight.boosts_within_wording = self.boosts_within_wording;
        // The count pass makes a weight of its own, unscored: only the top-hits pass counts.
        weight.tally = self.tally.clone().filter(|_| scoring);
        weight.segments_in_order = !self.segments_at_once;
        if let Some(statistics) = statistics {
            weight.wording_rarest = wording_clauses
                .iter()
                .map(|wording| Disjunction::rarest_words(wording, statistics))
                .collect::<tantivy::Result<_>>()?;
        }
        if scoring {
            let wordings = kept
                .iter()
                .enumerate()
                .filter(|(_, c)| c.role == Role::Wording);
            weight.wording_words = wordings
                .map(|(at, wording)| {
                    Disjunction::wording_words(wording, &kept_roles)
                        .map(|words| WordingWords { wording: at, words })
                })
                .collect::<Option<_>>()
                .unwrap_or_default();
        }
        if let (Some(statistics), false) = (statistics, weight.wording_words.is_empty()) {
            weight.pairs_on_words = kept
                .iter()
                .map(|clause| Disjunction::pair_on_words(clause, &kept_roles))
                .collect();
            for on_words in weight.pairs_on_words.iter().flatten() {
                for at in [on_words.first, on_words.second] {
                    if let (Some(word), Some(Some(term))) =
                        (kept.get(at), kept_roles.get(at).map(|(_, term)| term))
                    {
                        let count = word
                            .query
                            .downcast_ref::<CountedTermQuery>()
                            .map_or(1.0, CountedTermQuery::count);
                        let bm25 = Bm25Weight::for_terms(statistics, std::slice::from_ref(term))?
                            .boost_by(count);
                        weight.positioned_words.insert(at, (term.clone(), bm25));
                    }
                }
            }
        }
        if weight.matching.is_some() {
            let weights = weight
                .clauses
                .iter()
                .filter(|(role, _)| *role == Role::Matches);
            weight.matching = Some(
                weights
                    .zip(matching)
                    .map(|((_, weight), (term, bound))| match term {
                        Some((term, bm25)) => MatchingClause::Term(term, bm25),
                        None => MatchingClause::Other(weight.clone(), bound),
                    })
                    .collect(),
            );
        }
        Ok(Box::new(weight))
    }

    /// The query that scores the units without the wording, when it is a plain boolean query
    /// of single terms (optional, or required): no filter, no boosted or phrase clause, and
    /// boosts that only units with the wording match. tantivy finds its top hits by block-max
    /// WAND without scoring every match.
    fn rest_of_terms(kept: &[&Clause]) -> Option<BooleanQuery> {
        let mut terms: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in kept {
            let occur = match clause.role {
                Role::Matches => Occur::Should,
                Role::Required => Occur::Must,
                Role::Filter => return None,
                Role::Boost(_) | Role::Wording => continue,
            };
            // Term scorers alone keep tantivy's block-max WAND (a boosted clause would not).
            if !clause.is_single_term() {
                return None;
            }
            terms.push((occur, clause.query.box_clone()));
        }
        (!terms.is_empty()).then(|| BooleanQuery::new(terms))
    }

    /// For each word of `wording`, the clause (of `kept`, by index) that scores that word
    /// alone and that every hit matches or may match; `None` if a word has none.
    fn wording_words(wording: &Clause, kept: &[(Role, Option<Term>)]) -> Option<Vec<usize>> {
        let mut words = Vec::new();
        wording
            .query
            .query_terms(&mut |term, _| words.push(term.clone()));
        let clauses: Option<Vec<usize>> = words
            .iter()
            .map(|word| Disjunction::word_clause(word, kept))
            .collect();
        clauses.filter(|c| !c.is_empty())
    }

    /// The clause (of `kept`, by index) that scores `word` alone and that every hit matches
    /// or may match.
    fn word_clause(word: &Term, kept: &[(Role, Option<Term>)]) -> Option<usize> {
        kept.iter().position(|(role, term)| {
            matches!(role, Role::Matches | Role::Required) && term.as_ref() == Some(word)
        })
    }

    /// When `clause` is the wording or a boost of two words that are clauses of their own
    /// (of `kept`, by index): the pair and those clauses.
    fn pair_on_words(clause: &Clause, kept: &[(Role, Option<Term>)]) -> Option<PairOnWords> {
        if !matches!(clause.role, Role::Wording | Role::Boost(_)) {
            return None;
        }
        let pair = clause.query.downcast_ref::<Pair>()?;
        let [first, second] = pair.terms();
        Some(PairOnWords {
            pair: pair.clone(),
            first: Disjunction::word_clause(first, kept)?,
            second: Disjunction::word_clause(second, kept)?,
        })
    }

    /// The [`WORDING_PRECHECK_TERMS`] rarest words of `wording` in the index.
    fn rarest_words(
        wording: &Clause,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Vec<Term>> {
        let mut words = Vec::new();
        wording
            .query
            .query_terms(&mut |term, _| words.push(term.clone()));
        words.sort();
        words.dedup();
        let mut by_frequency = Vec::with_capacity(words.len());
        for word in words {
            by_frequency.push((statistics.doc_freq(&word)?, word));
        }
        by_frequency.sort();
        Ok(by_frequency
            .into_iter()
            .take(WORDING_PRECHECK_TERMS)
            .map(|(_, word)| word)
            .collect())
    }

    /// What the whole wording adds: more than any unit can get from everything else, so that
    /// every unit carrying the wording outranks every unit that does not.
    fn wording_score(
        clauses: &[&Clause],
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Score> {
        let mut most = 0.0;
        for clause in clauses {
            most += match clause.role {
                Role::Matches | Role::Required => clause.weight(statistics)?,
                Role::Boost(score) => score,
                Role::Wording | Role::Filter => 0.0,
            };
        }
        Ok(most)
    }
}

impl Query for Disjunction {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // A long query asks for its terms' frequencies to choose its clauses, to weigh the
        // wording and to score.
        with_statistics_read_once(enable_scoring, |statistics, scoring| match statistics {
            Some(statistics) => {
                let kept = self.kept_clauses(statistics)?;
                let wording_score =
                    Disjunction::wording_score(&kept, statistics)?.max(self.wording_score_at_least);
                self.bound(kept, wording_score, scoring)
            }
            None => match scoring {
                EnableScoring::Disabled {
                    searcher_opt: Some(searcher),
                    ..
                } => {
                    let remembered = RememberedStatistics::new(searcher);
                    self.bound(self.kept_clauses(&remembered)?, 0.0, scoring)
                }
                // Without statistics nothing can be weighed (nor is anything scored).
                _ => self.bound(self.clauses.iter().collect(), 0.0, scoring),
            },
        })
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query.query_terms(visitor);
        }
    }
}

/// Calls `bind` with `enable_scoring`'s statistics, when it scores, and the scoring to bind
/// weights with, both reading each statistic from the index once however often they are
/// asked; without scoring, with `None` and `enable_scoring` itself.
pub(super) fn with_statistics_read_once<T>(
    enable_scoring: EnableScoring<'_>,
    bind: impl FnOnce(Option<&dyn Bm25StatisticsProvider>, EnableScoring<'_>) -> T,
) -> T {
    match enable_scoring {
        EnableScoring::Enabled {
            statistics_provider,
            searcher,
        } => {
            let remembered = RememberedStatistics::new(statistics_provider);
            let scoring = EnableScoring::enabled_from_statistics_provider(&remembered, searcher);
            bind(Some(&remembered), scoring)
        }
        EnableScoring::Disabled { .. } => bind(None, enable_scoring),
    }
}

/// Collection statistics, each read from the index once.
struct RememberedStatistics<'a> {
    index: &'a dyn Bm25StatisticsProvider,
    doc_freqs: RefCell<HashMap<Term, u64>>,
    tokens: RefCell<HashMap<Field, u64>>,
    docs: Cell<Option<u64>>,
}

impl<'a> RememberedStatistics<'a> {
    fn new(index: &'a dyn Bm25StatisticsProvider) -> Self {
        RememberedStatistics {
            index,
            doc_freqs: RefCell::default(),
            tokens: RefCell::default(),
            docs: Cell::default(),
        }
    }
}

impl Bm25StatisticsProvider for RememberedStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.tokens.borrow().get(&field) {
            return Ok(n);
        }
        let n = self.index.total_num_tokens(field)?;
        self.tokens.borrow_mut().insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(n) = self.docs.get() {
            return Ok(n);
        }
        let n = self.index.total_num_docs()?;
        self.docs.set(Some(n));
        Ok(n)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.borrow().get(term) {
            return Ok(n);
        }
        let n = self.index.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }
}

/// Fewer units carrying the wording than a page of hits (10) cannot fill it: such a segment is
/// scored exhaustively at once (a pasted paragraph's wording is in one unit or two), rather than
/// scoring those units first and then the whole segment.
const WORDING_FIRST_MIN_UNITS: usize = 10;

/// How many of a wording's rarest words tell whether a segment may carry it: two rare words of
/// a passage seldom meet outside it; a third makes that rarer still, at little cost.
const WORDING_PRECHECK_TERMS: usize = 3;

/// A clause's weight, shared by the wording-first loop and the exhaustive boolean weight.
pub(super) type SharedWeight = Arc<dyn Weight>;

/// The weight of a bound [`Disjunction`]: the plain boolean weight of its kept clauses, and a
/// faster way to the top hits when the query has a wording.
struct DisjunctionWeight {
    /// Every kept clause, with its role.
    clauses: Vec<(Role, SharedWeight)>,
    /// What the wording adds, which no unit without it reaches.
    wording_score: Score,
    /// Whether to look for the wording's units first.
    wording_first: bool,
    /// Matches, scores and counts like a `BooleanQuery` of the clauses.
    exhaustive: Box<dyn Weight>,
    /// Scores the units without the wording, where they are scored by single terms alone
    /// ([`Disjunction::rest_of_terms`]).
    rest_of_terms: Option<Box<dyn Weight>>,
    /// The matching clauses, when they and the wording are all the clauses: their top hits
    /// are found by [`max_score`], without reading every posting.
    matching: Option<Vec<MatchingClause>>,
    /// Per wording (in clause order), its [`WORDING_PRECHECK_TERMS`] rarest words in the
    /// index: a segment where no unit has them all does not carry the wording.
    wording_rarest: Vec<Vec<Term>>,
    /// When each word of every wording (one per language) is a clause of its own: per
    /// wording, those clauses. The units that carry a wording are among those that match
    /// every one of its words.
    wording_words: Vec<WordingWords>,
    /// Only units that carry the wording can match the boosts (see [`Disjunction::new`]): a
    /// unit found without the wording is not asked about them, sparing a second read of its
    /// positions.
    boosts_within_wording: bool,
    /// Per clause, when it is the wording or a boost of two words that are clauses of their
    /// own: the pair, checked on those clauses' postings by
    /// [`Self::wording_units_lazily`] (instead of a phrase scorer that would move postings of
    /// its own to the same units).
    pairs_on_words: Vec<Option<PairOnWords>>,
    /// The word clauses such a pair reads (by index): each word's term and BM25 weight, for
    /// postings with positions scored as its own scorer scores.
    positioned_words: HashMap<usize, (Term, Bm25Weight)>,
    /// The highest of the thresholds the segments searched so far ended with. A weight serves
    /// one search (tantivy makes one per search; sabiqa's count pass makes its own, unscored).
    /// Segments are searched in order (tantivy's default executor, which sabiqa keeps but for
    /// a pasted passage), so a unit tied with the floor loses to the earlier segment's, as when
    /// tantivy merges pages. Unused when the segments are searched at the same time.
    segments_floor: Mutex<Score>,
    /// Whether the segments are searched one after the other, so that each can start from
    /// the pages of those before it (see [`Disjunction::searched_at_once`]).
    segments_in_order: bool,
    /// Where the top-hits pass counts the matches it meets, when it meets them all.
    tally: Option<Arc<MatchTally>>,
}

/// A matching clause, as [`max_score`] reads it.
enum MatchingClause {
    /// A word: its term and BM25 weight (boosted by its count in the query).
    Term(Term, Bm25Weight),
    /// A phrase: its weight, and the most it adds to a unit's score.
    Other(SharedWeight, Score),
}

impl DisjunctionWeight {
    /// `single_terms[i]`: whether `clauses[i]` scores one term with tantivy's term scorer.
    fn new(
        clauses: Vec<(Role, SharedWeight)>,
        single_terms: &[bool],
        wording_score: Score,
        wording_first: bool,
        scoring: bool,
    ) -> Self {
        let boolean = |weights: Vec<(Occur, Box<dyn Weight>)>| -> Box<dyn Weight> {
            Box::new(BooleanWeight::with_minimum_number_should_match(
                weights,
                0,
                scoring,
                Box::new(SumCombiner::default),
            ))
        };
        let shared = |w: &SharedWeight| -> Box<dyn Weight> { Box::new(Shared(w.clone())) };
        let of_role = |wanted: &dyn Fn(Role) -> bool, occur: Occur| {
            clauses
                .iter()
                .filter(|(role, _)| wanted(*role))
                .map(|(_, w)| (occur, shared(w)))
                .collect::<Vec<_>>()
        };
        let required = of_role(&|r| r == Role::Required, Occur::Must);
        let matching = of_role(&|r| r == Role::Matches, Occur::Should);
        // tantivy unions term scorers with a loop specialised for them, but only when every
        // scorer of the union is one: the single terms are a union of their own beside the
        // phrases (a hyphenated word is one), three times faster for a pasted passage.
        let matching_union = || -> Box<dyn Weight> {
            let (mut terms, mut others) = (Vec::new(), Vec::new());
            for ((role, w), &single) in clauses.iter().zip(single_terms) {
                if *role == Role::Matches {
                    let part = if single { &mut terms } else { &mut others };
                    part.push((Occur::Should, shared(w)));
                }
            }
            if terms.len() > 1 && !others.is_empty() {
                others.push((Occur::Should, boolean(terms)));
            } else {
                others.extend(terms);
            }
            boolean(others)
        };
        let boosts = of_role(
            &|r| matches!(r, Role::Boost(_) | Role::Wording),
            Occur::Should,
        );
        let filters = of_role(&|r| r == Role::Filter, Occur::Must);
        let only_matching_and_wording = scoring
            && !matching.is_empty()
            && clauses
                .iter()
                .all(|(role, _)| matches!(role, Role::Matches | Role::Wording));
        // With required clauses the others are optional; without, one of the matching ones
        // must match, and boosts only add to the units it matches.
        let exhaustive = if !required.is_empty() {
            boolean(
                required
                    .into_iter()
                    .chain(matching)
                    .chain(boosts)
                    .chain(filters)
                    .collect(),
            )
        } else if boosts.is_empty() && filters.is_empty() {
            matching_union()
        } else {
            let mut parts = vec![(Occur::Must, matching_union())];
            parts.extend(boosts);
            parts.extend(filters);
            boolean(parts)
        };
        DisjunctionWeight {
            clauses,
            wording_score,
            wording_first,
            exhaustive,
            rest_of_terms: None,
            // Filled in by `Disjunction::bound`.
            matching: only_matching_and_wording.then(Vec::new),
            segments_floor: Mutex::new(Score::MIN),
            segments_in_order: true,
            tally: None,
            wording_rarest: Vec::new(),
            wording_words: Vec::new(),
            boosts_within_wording: false,
            pairs_on_words: Vec::new(),
            positioned_words: HashMap::new(),
        }
    }

    /// The units of this segment that carry the wording, in order.
    fn wording_units(&self, reader: &SegmentReader) -> tantivy::Result<Vec<DocId>> {
        let mut units = Vec::new();
        let mut languages = 0;
        let wordings = self.clauses.iter().filter(|(r, _)| *r == Role::Wording);
        for (at, (_, weight)) in wordings.enumerate() {
            languages += 1;
            // A pasted passage's wording is in one segment, if any: the others are told by a
            // few of its rarest words, without opening the postings of all of them.
            let rarest = self.wording_rarest.get(at).map_or(&[][..], Vec::as_slice);
            if !some_unit_has_every(reader, rarest)? {
                continue;
            }
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                units.push(doc);
                doc = scorer.advance();
            }
        }
        if languages > 1 {
            units.sort_unstable();
            units.dedup();
        }
        Ok(units)
    }
}

impl Weight for DisjunctionWeight {
    match_like!(exhaustive);

    /// Top hits (see [`Self::top_hits`]), each segment starting from the weakest hit of the
    /// best page an earlier segment filled, when they are searched in order.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let floor = self.earlier_segments_floor();
        let mut segment_threshold = Score::MIN;
        self.top_hits(threshold.max(floor), reader, &mut |doc, score| {
            segment_threshold = callback(doc, score);
            segment_threshold.max(floor)
        })?;
        self.raise_earlier_segments_floor(segment_threshold);
        Ok(())
    }
}

impl DisjunctionWeight {
    /// Top hits, wording first: the units that carry the wording are few and found through
    /// their rarest word; each is scored by moving every clause to it. When they alone fill
    /// the top hits, no other unit can enter (none reaches the wording's score) and the rest
    /// of the segment is never read; otherwise the other units are ranked by block-max WAND
    /// over the bare terms (`rest_of_terms`) or scored exhaustively, skipping the
    /// units already given; when every word is required, the walk over the units with all the
    /// wording's words met every match, and nothing is left. A pasted passage's are found by
    /// [`max_score`].
    fn top_hits(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let walks_every_match = self.walks_every_match();
        if let (true, [only]) = (
            self.wording_first && walks_every_match,
            self.wording_words.as_slice(),
        ) {
            let (_, _, met) = self.wording_units_lazily(only, threshold, reader, callback)?;
            if let Some(tally) = &self.tally {
                tally.walked(reader, met);
            }
            return Ok(());
        }
        if let Some(tally) = &self.tally {
            tally.not_walked();
        }
        if !self.wording_first {
            if let Some(matching) = &self.matching {
                return self.max_score_then_wording(matching, threshold, reader, callback);
            }
            return self
                .exhaustive
                .for_each_pruning(threshold, reader, callback);
        }
        let (wording_units, mut threshold) = match self.wording_words.as_slice() {
            // One walk per language: a unit is indexed in one language's fields, so it has
            // the words of one wording at most, and no two walks meet it.
            walks @ [_, ..] if !walks_every_match => {
                let (mut carrying, mut threshold) = (Vec::new(), threshold);
                for walk in walks {
                    let found;
                    (found, threshold, _) =
                        self.wording_units_lazily(walk, threshold, reader, callback)?;
                    debug_assert!(found.iter().all(|u| carrying.binary_search(u).is_err()));
                    carrying.extend(found);
                    carrying.sort_unstable();
                }
                (carrying, threshold)
            }
            _ => {
                let wording_units = self.wording_units(reader)?;
                if wording_units.len() < WORDING_FIRST_MIN_UNITS && self.rest_of_terms.is_none() {
                    return self
                        .exhaustive
                        .for_each_pruning(threshold, reader, callback);
                }
                let threshold = self.score_units(&wording_units, threshold, reader, callback)?;
                (wording_units, threshold)
            }
        };
        if threshold >= self.wording_score {
            return Ok(());
        }
        let already_given = |doc: DocId| wording_units.binary_search(&doc).is_ok();
        if let Some(rest) = &self.rest_of_terms {
            let mut current = threshold;
            return rest.for_each_pruning(threshold, reader, &mut |doc, score| {
                if !already_given(doc) {
                    current = callback(doc, score);
                }
                current
            });
        }
        let mut rest = self.exhaustive.scorer(reader, 1.0)?;
        let mut given = wording_units.iter().peekable();
        let mut doc = rest.doc();
        while doc != TERMINATED {
            while given.next_if(|&&g| g < doc).is_some() {}
            if given.peek() != Some(&&doc) {
                let score = rest.score();
                if score > threshold {
                    threshold = callback(doc, score);
                }
            }
            doc = rest.advance();
        }
        Ok(())
    }

    /// Hands `callback` each of `units` that matches and beats the threshold, scored by moving
    /// every clause to it; returns the threshold.
    fn score_units(
        &self,
        units: &[DocId],
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<Score> {
        let mut scorers = Vec::with_capacity(self.clauses.len());
        for (role, weight) in &self.clauses {
            scorers.push((*role, weight.scorer(reader, 1.0)?));
        }
        'units: for &doc in units {
            let mut score: Score = 0.0;
            // A hit matches a matching clause (the wording's words may all have been dropped
            // from a long query's kept clauses).
            let mut matched = false;
            for (role, scorer) in &mut scorers {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                if scorer.doc() == doc {
                    score += scorer.score();
                    matched |= matches!(role, Role::Matches | Role::Required);
                } else if matches!(role, Role::Required | Role::Filter) {
                    continue 'units;
                }
            }
            if matched && score > threshold {
                threshold = callback(doc, score);
            }
        }
        Ok(threshold)
    }

    /// Whether [`Self::wording_units_lazily`] meets every unit the query matches, and so hands
    /// `callback` every unit that beats the threshold: when no word is optional (`+a +b`),
    /// every match has every word of the wording.
    fn walks_every_match(&self) -> bool {
        !self.clauses.iter().any(|(role, _)| *role == Role::Matches)
    }

    /// The units that carry the wording of `walk` and could beat the threshold (and, when
    /// [`Self::walks_every_match`], the other units that beat it), handed to `callback` like
    /// [`Self::score_units`], and the threshold. The walk meets units of its wording's
    /// language only, so other wordings are not asked about, nor the boosts that are pairs of
    /// other words (the others are). Each unit with every word of the wording
    /// is scored by its other clauses first; only if the wording (and every boost) could then
    /// lift it above the threshold are its positions read to see whether it carries the
    /// wording: once the page is full of units that carry it, most units are never read
    /// that way. Returned: the units found to carry it (a unit passed over could not beat the
    /// threshold even with the wording, and without it scores less), the threshold, and, when
    /// [`Self::walks_every_match`], how many alive units matched (every match, since the walk
    /// meets them all).
    fn wording_units_lazily(
        &self,
        walk: &WordingWords,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<(Vec<DocId>, Score, u64)> {
        // The word (and filter) clauses' scorers; the wording's and the boosts' are made when
        // first asked about a unit (`scorer_danger`): a phrase scorer made at once looks for
        // its first match, reading positions through the whole segment when the wording is
        // not in it.
        let mut words = Vec::with_capacity(self.clauses.len());
        let mut lifts = Vec::new();
        let mut word_at = vec![usize::MAX; self.clauses.len()];
        for (at, (role, weight)) in self.clauses.iter().enumerate() {
            if *role == Role::Wording && at != walk.wording {
                // Another language's: no unit this walk meets carries it.
                continue;
            }
            if matches!(role, Role::Boost(_) | Role::Wording) {
                lifts.push(Lift {
                    role: *role,
                    clause: at,
                    weight,
                    scorer: None,
                    next_possible: 0,
                    on_words: None,
                });
            } else {
                word_at[at] = words.len();
                let scorer = match self.positioned_words.get(&at) {
                    Some((term, bm25)) => {
                        let record = IndexRecordOption::WithFreqsAndPositions;
                        match ScoredTerm::open(reader, term, bm25.clone(), record)? {
                            Some(word) => WordScorer::Positioned(Box::new(word)),
                            None => WordScorer::Any(Box::new(EmptyScorer)),
                        }
                    }
                    None => WordScorer::Any(weight.scorer(reader, 1.0)?),
                };
                words.push((*role, scorer));
            }
        }
        for lift in &mut lifts {
            if let Some(Some(on_words)) = self.pairs_on_words.get(lift.clause) {
                lift.on_words = Some(PairOnWords {
                    pair: on_words.pair.clone(),
                    first: word_at[on_words.first],
                    second: word_at[on_words.second],
                });
            }
        }
        // A boost of two words that are not both the walk's is another language's.
        let of_the_walk = |lift: &Lift| {
            self.pairs_on_words
                .get(lift.clause)
                .and_then(Option::as_ref)
                .is_none_or(|pair| {
                    walk.words.contains(&pair.first) && walk.words.contains(&pair.second)
                })
        };
        lifts.retain(of_the_walk);
        let (mut first_positions, mut second_positions) = (Vec::new(), Vec::new());
        // The wording is asked about first: when the boosts lie within it, a unit without it
        // is not asked about them.
        lifts.sort_by_key(|lift| lift.role != Role::Wording);
        // The rarest word leads.
        let mut with_every_word: Vec<usize> = walk.words.iter().map(|&at| word_at[at]).collect();
        with_every_word.sort_by_key(|&at| words[at].1.size_hint());
        // What the wording and the boosts add at most.
        let lift: Score = self.wording_score
            + lifts
                .iter()
                .map(|l| match l.role {
                    Role::Boost(score) => score,
                    _ => 0.0,
                })
                .sum::<Score>();
        let every_match_walked = self.walks_every_match();
        let alive = reader.alive_bitset();
        let mut met: u64 = 0;
        let mut carrying = Vec::new();
        let mut doc = next_common(&mut words, &with_every_word, 0, |(_, s)| s);
        'units: while doc != TERMINATED {
            let mut words_score: Score = 0.0;
            let mut matched = false;
            for (role, scorer) in &mut words {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                if scorer.doc() == doc {
                    words_score += scorer.score();
                    matched |= *role != Role::Filter;
                } else if *role != Role::Matches {
                    doc = next_common(&mut words, &with_every_word, doc + 1, |(_, s)| s);
                    continue 'units;
                }
            }
            if every_match_walked && matched && alive.is_none_or(|a| a.is_alive(doc)) {
                met += 1;
            }
            if words_score + lift > threshold {
                let mut score = words_score;
                let mut carries = false;
                for lift in &mut lifts {
                    if lift.role != Role::Wording && self.boosts_within_wording && !carries {
                        break;
                    }
                    let added = match &lift.on_words {
                        Some(on_words) => on_words
                            .found(&mut words, doc, &mut first_positions, &mut second_positions)
                            .then(|| self.lift_score(lift.role)),
                        None => lift.at(doc, reader)?,
                    };
                    if let Some(added) = added {
                        score += added;
                        carries |= lift.role == Role::Wording;
                    }
                }
                if carries {
                    carrying.push(doc);
                }
                // Without optional words, every match has all the wording's words and is met
                // here: one that does not carry the wording has its whole score too.
                if (carries || every_match_walked) && matched && score > threshold {
                    threshold = callback(doc, score);
                }
            }
            doc = next_common(&mut words, &with_every_word, doc + 1, |(_, s)| s);
        }
        Ok((carrying, threshold, met))
    }

    /// Every unit that beats the threshold, scored like [`Self::exhaustive`] (the sum of the
    /// matching clauses, and the wording's score for the units that carry it, found first),
    /// by [`max_score`]: the commonest words' postings are not read once the page's weakest
    /// hit is out of their reach.
    fn max_score_then_wording(
        &self,
        matching: &[MatchingClause],
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut clauses = Vec::with_capacity(matching.len());
        for clause in matching {
            match clause {
                MatchingClause::Term(term, bm25) => {
                    clauses.extend(Bounded::term(reader, term, bm25.clone())?);
                }
                MatchingClause::Other(weight, bound) => {
                    clauses.push(Bounded::scorer(weight.scorer(reader, 1.0)?, *bound));
                }
            }
        }
        let wording_units = self.wording_units(reader)?;
        let bonus = max_score::Bonus {
            units: &wording_units,
            bonus: self.wording_score,
        };
        max_score::for_each_pruning(clauses, &bonus, threshold, callback);
        Ok(())
    }

    /// What the wording or a boost adds to a unit that carries it.
    fn lift_score(&self, role: Role) -> Score {
        match role {
            Role::Boost(score) => score,
            _ => self.wording_score,
        }
    }

    /// The weakest hit of the best page any earlier segment of this search filled: a unit of
    /// another segment that does not beat it cannot enter the page of the whole index. tantivy
    /// gives each segment a page of its own, starting empty.
    fn earlier_segments_floor(&self) -> Score {
        if !self.segments_in_order {
            return Score::MIN;
        }
        self.segments_floor
            .lock()
            .map_or(Score::MIN, |floor| *floor)
    }

    /// Records the weakest hit of a segment's page, `threshold` (as the collector returned
    /// it: `Score::MIN` while the page is not full).
    fn raise_earlier_segments_floor(&self, threshold: Score) {
        if let Ok(mut floor) = self.segments_floor.lock() {
            *floor = floor.max(threshold);
        }
    }
}

/// A wording and the clauses of its words (by index of the weight's clauses): what
/// [`DisjunctionWeight::wording_units_lazily`] walks.
#[derive(Debug, Clone)]
struct WordingWords {
    wording: usize,
    words: Vec<usize>,
}

/// A scorer of one of the word clauses [`DisjunctionWeight::wording_units_lazily`] walks: a
/// word that a pair reads has its positions at hand.
enum WordScorer {
    Any(Box<dyn Scorer>),
    Positioned(Box<ScoredTerm>),
}

impl DocSet for WordScorer {
    fn advance(&mut self) -> DocId {
        match self {
            WordScorer::Any(scorer) => scorer.advance(),
            WordScorer::Positioned(word) => word.advance(),
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        match self {
            WordScorer::Any(scorer) => scorer.seek(target),
            WordScorer::Positioned(word) => word.seek(target),
        }
    }

    fn doc(&self) -> DocId {
        match self {
            WordScorer::Any(scorer) => scorer.doc(),
            WordScorer::Positioned(word) => word.doc(),
        }
    }

    fn size_hint(&self) -> u32 {
        match self {
            WordScorer::Any(scorer) => scorer.size_hint(),
            WordScorer::Positioned(word) => word.size_hint(),
        }
    }
}

impl Scorer for WordScorer {
    fn score(&mut self) -> Score {
        match self {
            WordScorer::Any(scorer) => scorer.score(),
            WordScorer::Positioned(word) => word.score(),
        }
    }
}

/// The wording or a boost of two words that are clauses of their own, by index (of the
/// weight's clauses, or of the words walked).
#[derive(Debug, Clone)]
struct PairOnWords {
    pair: Pair,
    first: usize,
    second: usize,
}

impl PairOnWords {
    /// Whether unit `doc` carries the pair, read from `words`' positions (the buffers are
    /// reused from one unit to the next).
    fn found(
        &self,
        words: &mut [(Role, WordScorer)],
        doc: DocId,
        first_positions: &mut Vec<u32>,
        second_positions: &mut Vec<u32>,
    ) -> bool {
        for (at, positions) in [
            (self.first, &mut *first_positions),
            (self.second, &mut *second_positions),
        ] {
            match words.get_mut(at) {
                Some((_, WordScorer::Positioned(word))) if word.doc() == doc => {
                    word.positions(positions);
                }
                _ => return false,
            }
        }
        self.pair.found_in(first_positions, second_positions)
    }
}

/// The wording or a boost, asked about one unit at a time by
/// [`DisjunctionWeight::wording_units_lazily`].
struct Lift<'a> {
    role: Role,
    /// Its index among the weight's clauses.
    clause: usize,
    weight: &'a SharedWeight,
    /// Made at the first unit asked about.
    scorer: Option<Box<dyn Scorer>>,
    /// The least unit the scorer can be on next: asked about one unit only (`seek_danger`: no
    /// search ahead for the next unit that matches), it may be left between units, and may
    /// then only be asked about units from there on.
    next_possible: DocId,
    /// When it is a pair of two of the words walked: checked on their postings instead.
    on_words: Option<PairOnWords>,
}

impl Lift<'_> {
    /// What it adds to `doc` (`None` if `doc` does not match it); `doc` must not decrease from
    /// one call to the next.
    fn at(&mut self, doc: DocId, reader: &SegmentReader) -> tantivy::Result<Option<Score>> {
        if self.next_possible > doc {
            return Ok(None);
        }
        let (found, scorer) = match self.scorer.take() {
            Some(mut scorer) => (scorer.seek_danger(doc), scorer),
            None => self.weight.scorer_danger(reader, doc, 1.0)?,
        };
        let scorer = self.scorer.insert(scorer);
        match found {
            SeekDangerResult::Found => {
                self.next_possible = doc;
                Ok(Some(scorer.score()))
            }
            SeekDangerResult::SeekLowerBound(bound) => {
                self.next_possible = bound;
                Ok(None)
            }
        }
    }
}

/// The first unit from `from` on that every one of `items[at]`, `at` in `which`, is on
/// (`TERMINATED` if none); `docset` reads an item's doc set.
fn next_common<T, D: DocSet + ?Sized>(
    items: &mut [T],
    which: &[usize],
    from: DocId,
    docset: impl Fn(&mut T) -> &mut D,
) -> DocId {
    let mut candidate = from;
    'candidates: while candidate != TERMINATED {
        for &at in which {
            let docset = docset(&mut items[at]);
            let doc = if docset.doc() < candidate {
                docset.seek(candidate)
            } else {
                docset.doc()
            };
            if doc > candidate {
                candidate = doc;
                continue 'candidates;
            }
        }
        return candidate;
    }
    TERMINATED
}

/// Whether some unit of the segment has every one of `terms`: read from their postings alone
/// (no frequencies, no positions), it tells cheaply that a segment lacks a phrase of them.
fn some_unit_has_every(reader: &SegmentReader, terms: &[Term]) -> tantivy::Result<bool> {
    let mut postings = Vec::with_capacity(terms.len());
    for term in terms {
        let inverted_index = reader.inverted_index(term.field())?;
        match inverted_index.read_postings(term, IndexRecordOption::Basic)? {
            Some(p) => postings.push(p),
            None => return Ok(false),
        }
    }
    let every: Vec<usize> = (0..postings.len()).collect();
    Ok(next_common(&mut postings, &every, 0, |p| p) != TERMINATED)
}

/// A shared weight inside a boolean weight.
pub(super) struct Shared(pub(super) SharedWeight);

impl Weight for Shared {
    match_like!(0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    use tantivy::Index;

    /// An index where word `wN` occurs in the first `N * 10` of 1,000 units, so a higher
    /// number is a commoner word; unit 999 carries only the commonest word of the query.
    fn index_and_query(words: usize) -> (Index, Disjunction) {
        let (index, text) = test_index::of_texts((0..1000u32).map(|unit| {
            if unit == 999 {
                return format!("w{words}");
            }
            (1..=words)
                .filter(|&n| unit < (n * 10) as u32)
                .map(|n| format!("w{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        }));
        let clauses = (1..=words)
            .map(|n| {
                let term = Term::from_field_text(text, &format!("w{n}"));
                Clause {
                    query: Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                    terms: vec![term],
                    boost: 1.0,
                    role: Role::Matches,
                }
            })
            .collect();
        (index, Disjunction::new(clauses, true, true))
    }

    #[test]
    fn a_short_query_keeps_every_clause() {
        let (index, query) = index_and_query(MAX_QUERY_TERMS);
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(
            query.kept_clauses(&searcher).expect("weighs").len(),
            MAX_QUERY_TERMS
        );
        // Unit 999 has only the commonest word and is still a hit.
        let total = searcher.search(&query, &Count).expect("counts");
        assert_eq!(total, MAX_QUERY_TERMS * 10 + 1);
    }

    #[test]
    fn a_long_query_keeps_its_rarest_words_and_drops_the_commonest() {
        let words = MAX_QUERY_TERMS + 10;
        let (index, query) = index_and_query(words);
        let searcher = index.reader().expect("reader").searcher();
        let kept: Vec<String> = query
            .kept_clauses(&searcher)
            .expect("weighs")
            .iter()
            .map(|c| c.terms[0].value().as_str().unwrap_or_default().to_string())
            .collect();
        let rarest: Vec<String> = (1..=MAX_QUERY_TERMS).map(|n| format!("w{n}")).collect();
        assert_eq!(kept, rarest);
        // Units carrying only dropped (common) words are no longer hits.
        let total = searcher.search(&query, &Count).expect("counts");
        assert_eq!(total, MAX_QUERY_TERMS * 10);
        // The unit with every rare word still ranks first.
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .expect("searches");
        assert_eq!(top[0].1.doc_id, 0);
    }

    #[test]
    fn a_repeated_word_weighs_by_its_count() {
        let (index, query) = index_and_query(MAX_QUERY_TERMS + 1);
        let searcher = index.reader().expect("reader").searcher();
        let mut clauses = query.clauses.clone();
        // The commonest word, said 30 times, outweighs the rarest said once.
        let commonest = clauses.len() - 1;
        clauses[commonest].boost = 30.0;
        let kept = Disjunction::new(clauses, true, true);
        let kept = kept.kept_clauses(&searcher).expect("weighs");
        assert!(kept.iter().any(|c| c.boost == 30.0));
        assert_eq!(kept.len(), MAX_QUERY_TERMS);
    }

    #[test]
    fn a_clause_weighs_what_tantivy_s_bm25_weight_gives_at_its_bound() {
        let (index, query) = index_and_query(12);
        let searcher = index.reader().expect("reader").searcher();
        let terms: Vec<Term> = query.clauses.iter().map(|c| c.terms[0].clone()).collect();
        let absent = Term::from_field_text(terms[0].field(), "absent");
        for clause_terms in [
            vec![terms[0].clone()],
            vec![terms[11].clone()],
            vec![absent.clone()],
            vec![terms[2].clone(), terms[7].clone(), absent],
        ] {
            for boost in [1.0, 0.5, 3.0, 30.0] {
                let clause = Clause {
                    terms: clause_terms.clone(),
                    boost,
                    ..query.clauses[0].clone()
                };
                let tantivy = Bm25Weight::for_terms(&searcher, &clause_terms)
                    .expect("weighs")
                    .boost_by(boost)
                    .score(0, u32::MAX);
                let weight = clause.weight(&searcher).expect("weighs");
                assert_eq!(
                    weight.to_bits(),
                    tantivy.to_bits(),
                    "{clause_terms:?} × {boost}"
                );
            }
        }
    }

    #[test]
    fn a_clause_in_a_field_without_tokens_still_weighs() {
        // Every unit is English: the Arabic field holds no token, and tantivy's BM25 weight
        // for it, whose norms divide by the field's average length, is not a number.
        let (index, en, ar) = test_index::two_languages(vec![
            (true, "alpha beta".to_string()),
            (true, "beta".to_string()),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let in_arabic = word(ar, "alpha");
        let weight = in_arabic.weight(&searcher).expect("weighs");
        assert!(weight.is_finite() && weight > 0.0, "{weight}");
        let in_english = word(en, "alpha");
        let wording =
            Disjunction::wording_score(&[&in_arabic, &in_english], &searcher).expect("weighs");
        assert!(wording.is_finite() && wording > 0.0, "{wording}");
    }

    /// The word `w` of `field`, a matching clause.
    fn word(field: Field, w: &str) -> Clause {
        let term = Term::from_field_text(field, w);
        Clause {
            query: Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            terms: vec![term],
            boost: 1.0,
            role: Role::Matches,
        }
    }

    /// "alpha beta" in `field` within `slop`, as a clause of `role`.
    fn alpha_beta(field: Field, slop: u32, role: Role) -> Clause {
        let term = |w: &str| Term::from_field_text(field, w);
        Clause {
            query: Box::new(tantivy::query::PhraseQuery::new_with_offset_and_slop(
                vec![(0, term("alpha")), (1, term("beta"))],
                slop,
            )),
            terms: Vec::new(),
            boost: 1.0,
            role,
        }
    }

    /// Unit `u` of the pruning tests: half carry "alpha beta" (text lengths vary, so BM25
    /// ranks them), a quarter have the words apart, a quarter only "beta".
    fn alpha_beta_unit(u: usize) -> String {
        let filler = |n: usize| vec!["filler"; n].join(" ");
        match u % 4 {
            0 | 1 => format!("{} alpha beta {}", filler(u % 13), filler(u % 7)),
            2 => format!("alpha {} beta {}", filler(5), filler(u % 11)),
            _ => format!("beta {}", filler(u % 9)),
        }
    }

    /// The page `limit` hits deep after `offset` of `query`, the pruning way (`TopDocs` alone)
    /// and the exhaustive way (with `Count`, tantivy scores every match): the same scores rank
    /// by rank, and each unit given has the score the exhaustive way gives it.
    fn assert_pruning_finds_the_exhaustive_page(
        searcher: &tantivy::Searcher,
        query: &Disjunction,
        limit: usize,
        offset: usize,
    ) {
        let top = || {
            TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score()
        };
        let pruned = searcher.search(query, &top()).expect("searches");
        let (exhaustive, _) = searcher.search(query, &(top(), Count)).expect("searches");
        let (everything, _) = searcher
            .search(
                query,
                &(TopDocs::with_limit(100_000).order_by_score(), Count),
            )
            .expect("searches");
        let close = |a: Score, b: Score| (a - b).abs() <= 1e-4 * b.abs().max(1.0);
        assert_eq!(pruned.len(), exhaustive.len());
        let distinct: std::collections::HashSet<_> = pruned.iter().map(|(_, unit)| unit).collect();
        assert_eq!(
            distinct.len(),
            pruned.len(),
            "a unit given twice: {pruned:?}"
        );
        for (p, e) in pruned.iter().zip(&exhaustive) {
            assert!(close(p.0, e.0), "{p:?} vs {e:?} ({limit} after {offset})");
            let (score, _) = everything
                .iter()
                .find(|(_, unit)| *unit == p.1)
                .expect("a pruned hit is a match");
            assert!(close(p.0, *score), "{p:?} scores {score} exhaustively");
        }
    }

    #[test]
    fn a_wording_in_each_language_is_walked_in_each() {
        // Optional `alpha beta` in two languages, as a Latin-script query: each field has the
        // words as clauses, its wording and its pair. Every fifth English and every third
        // Arabic unit has the words side by side (the wording and the pair); of the others,
        // those with the words apart carry the sloppy wording when little stands between
        // them, and the rest have one word.
        let unit = |u: usize, carrier: usize| {
            let filler = "gamma ".repeat(u % 7);
            match u % carrier {
                0 => format!("{filler}alpha beta"),
                1 => format!("beta {filler}delta"),
                _ => format!("alpha {filler}delta epsilon beta"),
            }
        };
        let english = (0..300).map(|u| (true, unit(u, 5)));
        let arabic = (0..90).map(|u| (false, unit(u, 3)));
        let (index, en, ar) = test_index::two_languages(english.chain(arabic).collect());
        let mut clauses = Vec::new();
        for field in [en, ar] {
            let term = |w: &str| Term::from_field_text(field, w);
            clauses.extend([word(field, "alpha"), word(field, "beta")]);
            for (slop, role) in [(3, Role::Wording), (1, Role::Boost(10.0))] {
                clauses.push(Clause {
                    query: Box::new(Pair::new(term("alpha"), term("beta"), 1, slop)),
                    terms: Vec::new(),
                    boost: 1.0,
                    role,
                });
            }
        }
        let query = Disjunction::new(clauses, true, true);
        let searcher = index.reader().expect("reader").searcher();
        for limit in [10, 60, 100, 200] {
            assert_pruning_finds_the_exhaustive_page(&searcher, &query, limit, 0);
        }
        // The units with the words side by side lead (the wording and the pair), both
        // languages' alike.
        let top = searcher
            .search(&query, &TopDocs::with_limit(90).order_by_score())
            .expect("searches");
        let arabic_carriers = top.iter().filter(|(_, a)| a.doc_id >= 300).count();
        assert_eq!(arabic_carriers, 30, "{top:?}");
    }

    #[test]
    fn boosts_outside_the_wording_are_asked_of_units_without_it() {
        // `+alpha +beta +gamma`: the three-word wording, and a pair boost for each adjacent
        // pair, which a unit can carry without the wording (gamma far from the pair).
        let (index, field) = test_index::of_texts((0..200).map(|u| {
            let filler = "delta ".repeat(u % 6);
            match u % 4 {
                0 => format!("{filler}alpha beta gamma"),
                1 => format!("alpha beta {filler}epsilon zeta eta theta gamma"),
                2 => format!("alpha {filler}epsilon zeta eta theta beta gamma"),
                _ => format!("gamma {filler}beta epsilon zeta eta theta alpha"),
            }
        }));
        let term = |w: &str| Term::from_field_text(field, w);
        let required = |w: &str| Clause {
            role: Role::Required,
            ..word(field, w)
        };
        let phrase = |words: &[&str], slop: u32, role: Role| Clause {
            query: Box::new(tantivy::query::PhraseQuery::new_with_offset_and_slop(
                words
                    .iter()
                    .enumerate()
                    .map(|(at, w)| (at, term(w)))
                    .collect(),
                slop,
            )),
            terms: Vec::new(),
            boost: 1.0,
            role,
        };
        let pair = |first: &str, second: &str| Clause {
            query: Box::new(Pair::new(term(first), term(second), 1, 1)),
            terms: Vec::new(),
            boost: 1.0,
            role: Role::Boost(5.0),
        };
        let clauses = vec![
            required("alpha"),
            required("beta"),
            required("gamma"),
            phrase(&["alpha", "beta", "gamma"], 3, Role::Wording),
            pair("alpha", "beta"),
            pair("beta", "gamma"),
        ];
        let query = Disjunction::new(clauses, true, false);
        let searcher = index.reader().expect("reader").searcher();
        for limit in [10, 50, 60, 120, 200] {
            assert_pruning_finds_the_exhaustive_page(&searcher, &query, limit, 0);
        }
    }

    /// `+alpha +beta` over 300 units: a third lack beta, some have delta, a seventh are
    /// deleted; the index, its field and the query's clauses (the words and their wording).
    fn required_pair() -> (Index, Field, Vec<Clause>) {
        let (index, field) = test_index::of_texts((0..300).map(|u| {
            let deleted = if u % 7 == 0 { " omega" } else { "" };
            match u % 3 {
                0 => format!("alpha beta {}{deleted}", "delta ".repeat(u % 5)),
                1 => format!("beta {}alpha{deleted}", "delta ".repeat(u % 4)),
                _ => format!("alpha gamma{deleted}"),
            }
        }));
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        writer.delete_term(Term::from_field_text(field, "omega"));
        writer.commit().expect("commits");
        let required = |w: &str| Clause {
            role: Role::Required,
            ..word(field, w)
        };
        let clauses = vec![
            required("alpha"),
            required("beta"),
            alpha_beta(field, 3, Role::Wording),
        ];
        (index, field, clauses)
    }

    /// What the top-hits pass of `query` counted into a fresh tally.
    fn tallied(searcher: &tantivy::Searcher, query: &Disjunction) -> Option<u64> {
        crate::search::match_tally::tallied(searcher, |tally| query.counted_into(tally))
    }

    #[test]
    fn the_walk_over_every_match_counts_the_alive_ones() {
        let (index, field, clauses) = required_pair();
        let searcher = index.reader().expect("reader").searcher();
        let query = Disjunction::new(clauses, true, true);
        assert!(query.may_walk_every_match());
        let alive_matches = searcher.search(&query, &Count).expect("counts");
        assert_eq!(
            alive_matches,
            (0..300).filter(|u| u % 3 != 2 && u % 7 != 0).count()
        );
        assert_eq!(tallied(&searcher, &query), Some(alive_matches as u64));
        // A filter is checked before a unit is counted.
        let delta = TermQuery::new(
            Term::from_field_text(field, "delta"),
            IndexRecordOption::Basic,
        );
        let filtered = query.filtered(vec![Box::new(delta)]);
        let filtered_matches = searcher.search(&filtered, &Count).expect("counts");
        assert!(filtered_matches > 0 && filtered_matches < alive_matches);
        assert_eq!(tallied(&searcher, &filtered), Some(filtered_matches as u64));
    }

    #[test]
    fn a_walk_that_cannot_meet_every_match_gives_no_total() {
        // `+alpha +beta gamma`: gamma is optional and in the wording, so the walk over the
        // units with all three words misses those with alpha and beta alone.
        let (index, field, mut clauses) = required_pair();
        let term = |w: &str| Term::from_field_text(field, w);
        clauses.pop();
        clauses.push(word(field, "gamma"));
        clauses.push(Clause {
            query: Box::new(tantivy::query::PhraseQuery::new_with_offset_and_slop(
                vec![(0, term("alpha")), (1, term("beta")), (2, term("gamma"))],
                3,
            )),
            terms: Vec::new(),
            boost: 1.0,
            role: Role::Wording,
        });
        let searcher = index.reader().expect("reader").searcher();
        let query = Disjunction::new(clauses, true, true);
        assert!(!query.may_walk_every_match());
        assert_eq!(tallied(&searcher, &query), None);
    }

    #[test]
    fn only_a_typed_phrase_without_a_wording_scores_every_match() {
        let field = Field::from_field_id(0);
        let of = |clauses: Vec<Clause>, typed: bool| Disjunction::new(clauses, typed, true);
        let phrase = || alpha_beta(field, 0, Role::Matches);
        assert!(of(vec![phrase()], true).scores_every_match());
        assert!(of(vec![phrase(), word(field, "gamma")], true).scores_every_match());
        let words = || vec![word(field, "alpha"), word(field, "beta")];
        assert!(!of(words(), true).scores_every_match(), "block-max WAND");
        let mut with_wording = words();
        with_wording.push(alpha_beta(field, 3, Role::Wording));
        assert!(
            !of(with_wording, true).scores_every_match(),
            "wording first"
        );
        assert!(!of(vec![phrase()], false).scores_every_match(), "MaxScore");
    }

    #[test]
    fn a_segment_has_a_wording_only_if_one_unit_has_all_its_rarest_words() {
        let (index, text) = test_index::of_texts(
            ["alpha beta", "beta gamma", "gamma", "alpha delta beta"].map(String::from),
        );
        let searcher = index.reader().expect("reader").searcher();
        let segment = searcher.segment_reader(0);
        let has = |words: &[&str]| {
            let terms: Vec<Term> = words
                .iter()
                .map(|w| Term::from_field_text(text, w))
                .collect();
            some_unit_has_every(segment, &terms).expect("reads postings")
        };
        assert!(has(&["alpha", "beta"]));
        assert!(has(&["delta", "beta", "alpha"]));
        assert!(!has(&["alpha", "gamma"]));
        assert!(!has(&["delta", "gamma"]));
        assert!(!has(&["alpha", "absent"]));
    }

    #[test]
    fn wording_first_passes_over_units_that_cannot_beat_a_full_page() {
        let (index, text) = test_index::of_texts((0..400usize).map(alpha_beta_unit));
        let searcher = index.reader().expect("reader").searcher();
        let query = Disjunction::new(
            vec![
                word(text, "alpha"),
                word(text, "beta"),
                alpha_beta(text, 3, Role::Wording),
                alpha_beta(text, 1, Role::Boost(2.0)),
            ],
            true,
            true,
        );
        for depth in [1, 10, 50, 250] {
            assert_pruning_finds_the_exhaustive_page(&searcher, &query, depth, 0);
        }
    }

    #[test]
    fn later_segments_start_from_an_earlier_page_with_offsets_and_deletions() {
        use tantivy::schema::{Schema, STRING, TEXT};
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for segment in 0..3usize {
            for u in (0..300usize).map(|u| u + segment * 300) {
                writer
                    .add_document(tantivy::doc!(id => u.to_string(), text => alpha_beta_unit(u)))
                    .expect("adds");
            }
            writer.commit().expect("commits");
        }
        // Some of the best units of the first segment are deleted.
        for u in (0..300).step_by(13) {
            writer.delete_term(Term::from_field_text(id, &u.to_string()));
        }
        writer.commit().expect("commits");
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let clauses = vec![
            word(text, "alpha"),
            word(text, "beta"),
            word(text, "filler"),
            alpha_beta(text, 3, Role::Wording),
        ];
        // Typed (wording first) and pasted (MaxScore).
        for typed in [true, false] {
            let query = Disjunction::new(clauses.clone(), typed, true);
            for (limit, offset) in [(10, 0), (10, 20), (5, 200), (30, 400)] {
                assert_pruning_finds_the_exhaustive_page(&searcher, &query, limit, offset);
            }
        }
    }

    #[test]
    fn the_unit_carrying_the_wording_outranks_shorter_units_with_its_words_apart() {
        // Short units with both words far apart (BM25 favours them), then one long unit with
        // the words together.
        let filler = vec!["filler"; 40].join(" ");
        let (index, text) = test_index::of_texts(
            std::iter::repeat_n("alpha a b c d e f beta beta alpha".to_string(), 5)
                .chain([format!("{filler} alpha beta {filler}")]),
        );
        let searcher = index.reader().expect("reader").searcher();
        let word = |w: &str| word(text, w);
        let wording = alpha_beta(text, 0, Role::Wording);
        let top = |clauses: Vec<Clause>| {
            let query = Disjunction::new(clauses, true, true);
            searcher
                .search(&query, &TopDocs::with_limit(1).order_by_score())
                .expect("searches")[0]
                .1
                .doc_id
        };
        assert_eq!(top(vec![word("alpha"), word("beta"), wording]), 5);
        // Without the wording, BM25 alone prefers a short unit.
        assert_ne!(top(vec![word("alpha"), word("beta")]), 5);
    }
}
