//! The wording-first way to the top hits (src/search/disjunction.rs) must find exactly what
//! scoring every match finds: proven on the real corpus with the eval queries, their words
//! required, and paragraphs pasted as queries.

mod common;

use sabiqa::search::disjunction::Disjunction;
use sabiqa::search::per_language::PerLanguage;
use sabiqa::search::query::{compile, QueryOptions};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::EnableScoring;
use tantivy::query::Query;
use tantivy::{DocAddress, Executor, Score};

/// Depths compared: the first page, and deep enough to reach past the wording's units.
const DEPTHS: [usize; 2] = [10, 100];

/// Ranked hits: score and unit.
type Ranked = Vec<(Score, DocAddress)>;

/// Top hits the fast way (TopDocs alone lets the weight prune) and the exhaustive way (with
/// Count, tantivy scores every match).
fn fast_and_exhaustive(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    depth: usize,
) -> (Ranked, Ranked) {
    let top = || TopDocs::with_limit(depth).order_by_score();
    let fast = searcher.search(query, &top()).expect("search runs");
    let (exhaustive, _) = searcher
        .search(query, &(top(), Count))
        .expect("exhaustive search runs");
    (fast, exhaustive)
}

/// Top hits the fast way with the segments searched at the same time, as a pasted passage's
/// are (`Disjunction::searched_at_once`: each segment pruned by its own page alone), twice:
/// the two must be equal to the last bit, whichever thread finished first.
fn fast_in_parallel(
    searcher: &tantivy::Searcher,
    disjunction: &Disjunction,
    depth: usize,
) -> Ranked {
    let executor = Executor::multi_thread(2, "test-search-").expect("thread pool");
    let query = disjunction.searched_at_once();
    let search = || {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let top = TopDocs::with_limit(depth).order_by_score();
        searcher
            .search_with_executor(&query, &top, &executor, scoring)
            .expect("search runs")
    };
    let first = search();
    assert_eq!(first, search(), "a repeated search differs");
    first
}

fn close(a: Score, b: Score) -> bool {
    (a - b).abs() <= 1e-4 * b.abs().max(1.0)
}

/// Same scores rank by rank (up to the order of float additions), and the same units wherever
/// the score is not tied with another rank's.
fn assert_same_top(query: &str, fast: &[(Score, DocAddress)], exhaustive: &[(Score, DocAddress)]) {
    assert_eq!(
        fast.len(),
        exhaustive.len(),
        "hit count differs for {query:?}"
    );
    for (rank, (f, e)) in fast.iter().zip(exhaustive).enumerate() {
        assert!(
            close(f.0, e.0),
            "rank {rank}: {} vs {} for {query:?}",
            f.0,
            e.0
        );
        let tied = exhaustive
            .iter()
            .enumerate()
            .any(|(other, o)| other != rank && close(o.0, e.0));
        if !tied {
            assert_eq!(f.1, e.1, "rank {rank} unit differs for {query:?}");
        }
    }
}

fn eval_queries() -> Vec<String> {
    ["eval/precedent.tsv", "eval/bilingual.tsv"]
        .iter()
        .filter_map(|rel| common::shared(rel))
        .flat_map(|path| {
            let text = std::fs::read_to_string(&path).expect("eval file reads");
            text.lines()
                .skip(1)
                .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The same queries, each word required (`+a +b`), where they have two words or more and no
/// phrase: in Latin script, one disjunction per language.
fn every_word_required(queries: &[String]) -> Vec<String> {
    queries
        .iter()
        .filter(|q| !q.contains('"') && q.split_whitespace().count() > 1)
        .map(|q| {
            q.split_whitespace()
                .map(|w| format!("+{w}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Paragraphs of the real corpus as pasted: whole, and their first 60 words.
fn pasted_paragraphs() -> Vec<String> {
    let mut pasted = Vec::new();
    for text in common::sampled_unit_texts(37, 9) {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() >= 12 {
            pasted.push(words[..words.len().min(60)].join(" "));
            pasted.push(text);
        }
    }
    pasted
}

#[test]
fn wording_first_finds_the_exhaustive_top_hits() {
    let Some(index) = common::corpus_index() else {
        return;
    };
    let searcher = &index.searcher;
    let tantivy_searcher = searcher.tantivy_searcher();
    let eval = eval_queries();
    let required = every_word_required(&eval);
    let pasted = pasted_paragraphs();
    assert!(
        pasted.len() >= 50,
        "only {} pasted paragraphs",
        pasted.len()
    );
    // Two words, optional and required: the units without the wording are ranked by block-max
    // WAND over the bare terms.
    let pairs: Vec<String> = eval
        .iter()
        .filter(|q| !q.contains('"'))
        .filter_map(|q| {
            let words: Vec<&str> = q.split_whitespace().take(2).collect();
            (words.len() == 2).then(|| words.join(" "))
        })
        .flat_map(|pair| {
            let required = pair
                .split(' ')
                .map(|w| format!("+{w}"))
                .collect::<Vec<_>>()
                .join(" ");
            [pair, required]
        })
        .collect();
    assert!(pairs.len() >= 10, "{} two-word queries", pairs.len());
    let queries: Vec<&String> = eval
        .iter()
        .chain(&required)
        .chain(&pairs)
        .chain(&pasted)
        .collect();
    let (mut disjunctions, mut per_language) = (0, 0);
    for query in &queries {
        let compiled =
            compile(query, searcher.fields(), QueryOptions::default()).expect("compiles");
        disjunctions += usize::from(compiled.query.downcast_ref::<Disjunction>().is_some());
        if compiled.query.downcast_ref::<PerLanguage>().is_some() {
            per_language += 1;
            // One disjunction per language matches what the plain boolean query matches (an
            // exclusion, of a word no unit has, sends the query that way).
            let plain = compile(
                &format!("{query} -zzqxqzz"),
                searcher.fields(),
                QueryOptions::default(),
            )
            .expect("compiles");
            assert!(plain.query.downcast_ref::<PerLanguage>().is_none());
            let count = |q: &dyn Query| tantivy_searcher.search(q, &Count).expect("counts");
            assert_eq!(
                count(compiled.query.as_ref()),
                count(plain.query.as_ref()),
                "{query:?} matches other units than the plain query"
            );
        }
        for depth in DEPTHS {
            let (fast, exhaustive) =
                fast_and_exhaustive(&tantivy_searcher, compiled.query.as_ref(), depth);
            assert!(!exhaustive.is_empty(), "{query:?} finds nothing");
            assert_same_top(query, &fast, &exhaustive);
            if let Some(disjunction) = compiled.query.downcast_ref::<Disjunction>() {
                let parallel = fast_in_parallel(&tantivy_searcher, disjunction, depth);
                assert_same_top(query, &parallel, &exhaustive);
            }
        }
    }
    assert!(
        tantivy_searcher.segment_readers().len() >= 2,
        "one segment: nothing is searched at the same time"
    );
    // Most of them take the disjunction's way, and the English ones with required words
    // one disjunction per language: the test covers both.
    assert!(
        (disjunctions + per_language) * 10 >= queries.len() * 8,
        "{disjunctions} + {per_language} of {}",
        queries.len()
    );
    assert!(per_language >= 5, "{per_language} queries per language");
}

#[test]
fn wording_first_within_a_filter_finds_the_exhaustive_top_hits() {
    let Some(index) = common::corpus_index() else {
        return;
    };
    let searcher = &index.searcher;
    let tantivy_searcher = searcher.tantivy_searcher();
    let fields = searcher.fields();
    let eval = eval_queries();
    let queries: Vec<String> = every_word_required(&eval)
        .into_iter()
        .chain(eval)
        .chain(pasted_paragraphs())
        .collect();
    for query in &queries {
        let compiled = compile(query, fields, QueryOptions::default()).expect("compiles");
        for lang in ["ar", "en"] {
            let filter = || -> Box<dyn Query> {
                Box::new(tantivy::query::TermQuery::new(
                    tantivy::schema::Term::from_field_text(fields.lang, lang),
                    tantivy::schema::IndexRecordOption::Basic,
                ))
            };
            let filtered: Box<dyn Query> =
                if let Some(disjunction) = compiled.query.downcast_ref::<Disjunction>() {
                    Box::new(disjunction.filtered(vec![filter()]))
                } else if let Some(per_language) = compiled.query.downcast_ref::<PerLanguage>() {
                    Box::new(per_language.filtered(&[filter()]))
                } else {
                    continue;
                };
            for depth in DEPTHS {
                let (fast, exhaustive) =
                    fast_and_exhaustive(&tantivy_searcher, filtered.as_ref(), depth);
                assert_same_top(query, &fast, &exhaustive);
                if let Some(disjunction) = filtered.downcast_ref::<Disjunction>() {
                    let parallel = fast_in_parallel(&tantivy_searcher, disjunction, depth);
                    assert_same_top(query, &parallel, &exhaustive);
                }
            }
        }
    }
}
