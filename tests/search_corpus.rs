//! Index and search, end to end, on the real corpus in ../shared: the precedent query set,
//! phrases through spelling variants, highlights, --exact, filters, grouping, errors.

mod common;

use sabiqa::index::{self, BuildOptions};
use sabiqa::search::{query::QueryOptions, Hit, SearchRequest, Searcher};
use sabiqa::{Lang, UnitKind};
use std::path::{Path, PathBuf};

/// The corpus index, with its searcher; `None` (test skipped) without the corpus.
fn corpus_index() -> Option<&'static Searcher> {
    let index = common::corpus_index()?;
    assert!(index.report.units > 1000, "{:?}", index.report);
    Some(&index.searcher)
}

fn request(query: &str) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        limit: 10,
        ..SearchRequest::default()
    }
}

/// `000` for `…/corpus/ar/000_8c5876052fc161d3.txt`: how the eval files name documents.
fn file_name(hit: &Hit) -> String {
    Path::new(&hit.unit.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is(hit: &Hit, doc_prefix: &str, label: &str) -> bool {
    file_name(hit).starts_with(doc_prefix)
        && (label == "*" || hit.unit.para.as_deref() == Some(label))
}

fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("eval file");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn precedent_queries_find_every_expected_paragraph_in_the_top_10() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    let Some(eval) = common::shared("eval/precedent.tsv") else {
        return;
    };
    let (mut expected_total, mut found_total, mut reciprocal_ranks) = (0usize, 0usize, 0f64);
    let mut failures = Vec::new();
    let rows = read_tsv(&eval);
    for row in &rows {
        let (id, query, expect) = (&row[0], &row[1], &row[2]);
        let hits = searcher.search(&request(query)).expect("query runs").hits;
        let mut first_rank = None;
        for anchor in expect.split_whitespace() {
            let (doc, label) = anchor.split_once(':').expect("doc:label");
            expected_total += 1;
            match hits.iter().position(|h| is(h, doc, label)) {
                Some(rank) => {
                    found_total += 1;
                    first_rank = Some(first_rank.map_or(rank, |r: usize| r.min(rank)));
                }
                None => failures.push(format!("{id} {query:?}: {anchor} not in top 10")),
            }
        }
        reciprocal_ranks += first_rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
    }
    let recall = found_total as f64 / expected_total as f64;
    let mrr = reciprocal_ranks / rows.len() as f64;
    println!(
        "precedent.tsv: recall@10 {recall:.3} ({found_total}/{expected_total}), MRR {mrr:.3}, {} queries",
        rows.len()
    );
    for f in &failures {
        println!("  miss: {f}");
    }
    assert!(failures.is_empty(), "recall@10 {recall:.3}: {failures:#?}");
    assert!(mrr >= 0.85, "MRR {mrr:.3}");
}

#[test]
fn a_phrase_typed_plainly_finds_the_diacritised_and_tatweel_original() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    // 003 writes الاتّجار with a shadda; 002 is full of tatweel and diacritics.
    let hits = searcher
        .search(&request("\"الاتجار بالاشخاص\""))
        .expect("query runs")
        .hits;
    assert!(!hits.is_empty());
    let plain = sabiqa::analyse::normalise_arabic("الاتجار");
    let mut saw_variant = false;
    for hit in &hits {
        assert!(!hit.highlights.is_empty(), "{hit:?}");
        for h in &hit.highlights {
            let original = &hit.unit.text[h.clone()];
            // The highlight covers the original characters of the whole phrase.
            assert!(
                sabiqa::analyse::normalise_arabic(original).contains(&plain),
                "{original:?}"
            );
            saw_variant |= original.contains('\u{0651}') || original.contains('\u{0640}');
        }
    }
    let all = searcher
        .search(&SearchRequest {
            limit: 1000,
            ..request("\"الاتجار بالاشخاص\"")
        })
        .expect("query runs");
    let variants = all.hits.iter().flat_map(|h| {
        h.highlights
            .iter()
            .map(|r| h.unit.text[r.clone()].to_string())
            .collect::<Vec<_>>()
    });
    let with_marks = variants
        .filter(|s| s.contains('\u{0651}') || s.contains('\u{0640}') || s.contains('أ'))
        .count();
    assert!(
        saw_variant || with_marks > 0,
        "no hit shows a diacritised, tatweel or hamza variant"
    );
}

#[test]
fn highlights_are_whole_words_of_the_original_text() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    let hits = searcher
        .search(&request("الاتجار"))
        .expect("query runs")
        .hits;
    assert!(!hits.is_empty());
    for hit in &hits {
        for h in &hit.highlights {
            let text = &hit.unit.text;
            assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
            let before = text[..h.start].chars().next_back();
            let after = text[h.end..].chars().next();
            for neighbour in [before, after].into_iter().flatten() {
                assert!(
                    !sabiqa::model::is_arabic_letter(neighbour),
                    "highlight {:?} cuts a word in {:?}",
                    &text[h.clone()],
                    hit.unit.para
                );
            }
            // Never a bare article.
            assert_ne!(sabiqa::analyse::normalise_arabic(&text[h.clone()]), "ال");
        }
    }
}

#[test]
fn a_quoted_phrase_highlights_only_where_the_whole_phrase_occurs() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    // An agreed wording of the eval set (v06), as a phrase.
    let Some(eval) = common::shared("eval/precedent.tsv") else {
        return;
    };
    let wording = read_tsv(&eval)
        .into_iter()
        .find(|row| row[0] == "v06")
        .map(|row| row[1].clone())
        .expect("eval row v06");
    let words: Vec<String> = wording
        .split_whitespace()
        .map(sabiqa::analyse::normalise_arabic)
        .collect();
    let (first, last) = (&words[0], &words[words.len() - 1]);
    let hits = searcher
        .search(&request(&format!("\"{wording}\"")))
        .expect("query runs")
        .hits;
    assert!(!hits.is_empty());
    for hit in &hits {
        for h in &hit.highlights {
            let marked = sabiqa::analyse::normalise_arabic(&hit.unit.text[h.clone()]);
            assert!(
                marked.contains(first.as_str()) && marked.contains(last.as_str()),
                "{marked:?}"
            );
        }
    }
}

#[test]
fn exact_matching_is_narrower_than_stemmed_matching() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    let count = |exact: bool| {
        searcher
            .search(&SearchRequest {
                options: QueryOptions {
                    exact,
                    ..QueryOptions::default()
                },
                ..request("الاتجار")
            })
            .expect("query runs")
            .total
    };
    let (stemmed, exact) = (count(false), count(true));
    println!("الاتجار: stemmed {stemmed} units, exact {exact} units");
    // Stemmed also finds والاتجار, بالاتجار, للاتجار …; exact only the word as typed.
    assert!(
        exact > 0 && stemmed > exact,
        "stemmed {stemmed}, exact {exact}"
    );
}

#[test]
fn filters_restrict_hits_to_a_document_kind_and_language() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    let any = searcher.search(&request("الاتجار")).expect("runs").hits;
    let doc = any[0].unit.doc.clone();
    let by_doc = searcher
        .search(&SearchRequest {
            doc: Some(doc.clone()),
            limit: 50,
            ..request("الاتجار")
        })
        .expect("runs");
    assert!(!by_doc.hits.is_empty());
    assert!(by_doc.hits.iter().all(|h| h.unit.doc == doc));
    let footnotes = searcher
        .search(&SearchRequest {
            kind: Some(UnitKind::Footnote),
            limit: 50,
            ..request("الأمم المتحدة")
        })
        .expect("runs");
    assert!(!footnotes.hits.is_empty());
    assert!(footnotes.hits.iter().all(|h| h.unit.kind == "footnote"));
    let english = searcher
        .search(&SearchRequest {
            options: QueryOptions {
                lang: Some(Lang::En),
                ..QueryOptions::default()
            },
            limit: 50,
            ..request("trafficking")
        })
        .expect("runs");
    assert!(!english.hits.is_empty());
    assert!(english.hits.iter().all(|h| h.unit.lang == "en"));
}

#[test]
fn grouping_puts_each_document_once_best_paragraph_first() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    let results = searcher
        .search(&SearchRequest {
            group: true,
            ..request("الاتجار بالأشخاص")
        })
        .expect("runs");
    assert!(results.groups.len() >= 3, "{}", results.groups.len());
    let mut seen = std::collections::HashSet::new();
    for g in &results.groups {
        assert!(seen.insert(g.doc.clone()), "{} twice", g.doc);
        assert!(g.hits.iter().all(|h| h.unit.doc == g.doc));
        assert!(g.hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(g.score, g.hits[0].score);
    }
    assert!(results.groups.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn a_query_the_parser_cannot_read_gets_a_message_not_a_panic() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    for bad in ["\"الاتجار بالأشخاص", "(الاتجار OR", "[a TO"] {
        let err = searcher
            .search(&request(bad))
            .map(|_| ())
            .expect_err("refused");
        let msg = err.to_string();
        assert!(msg.starts_with("cannot read the query"), "{msg}");
    }
    // A pasted paragraph, punctuation and all, is a valid query; so is one cut in the middle
    // of a quotation (an unpaired quote in a long text).
    let Some(ar) = common::shared("corpus/ar/004_950dd3b5fc96aeff.txt") else {
        return;
    };
    let text = std::fs::read_to_string(ar).expect("corpus file");
    let mut paragraph = text
        .lines()
        .max_by_key(|l| l.chars().count())
        .expect("a line")
        .to_string();
    let a_space = paragraph.match_indices(' ').nth(10).map_or(0, |(at, _)| at);
    paragraph.insert_str(a_space, " \"");
    assert!(paragraph.chars().count() > 200, "{paragraph}");
    let hits = searcher.search(&request(&paragraph)).expect("runs").hits;
    assert!(hits[0]
        .unit
        .text
        .contains(paragraph.trim().split(' ').nth(5).unwrap_or("")));
}

#[test]
fn an_index_of_another_schema_version_is_refused_with_how_to_rebuild() {
    let Some(ar) = common::shared("corpus/ar") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        progress: false,
        ..BuildOptions::default()
    };
    index::build(dir.path(), std::slice::from_ref(&ar), &options).expect("builds");
    // Rewrite the commit payload as an older sabiqa would have left it.
    let meta_path = dir.path().join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).expect("meta.json");
    let version = index::SchemaSpec::embedded().expect("schema").version;
    let old = meta.replace(
        &format!("\\\"sabiqa_schema_version\\\":{version}"),
        "\\\"sabiqa_schema_version\\\":0",
    );
    assert_ne!(old, meta, "payload not found in {meta}");
    std::fs::write(&meta_path, old).expect("write");
    let err = Searcher::open(dir.path())
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("schema version 0") && err.contains("--rebuild"),
        "{err}"
    );
    // And rebuilding it makes it usable again.
    let err = index::build(dir.path(), &[ar], &options)
        .map(|_| ())
        .expect_err("refused");
    assert!(err.to_string().contains("--rebuild"));
}

#[test]
fn a_missing_or_corrupt_index_directory_is_an_error_with_a_remedy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing: PathBuf = dir.path().join("nothing-here");
    let err = Searcher::open(&missing)
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("no index at") && err.contains("sabiqa index"),
        "{err}"
    );
    std::fs::write(dir.path().join("meta.json"), "{ not json").expect("write");
    let err = Searcher::open(dir.path())
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("cannot be opened") && err.contains("--rebuild"),
        "{err}"
    );
}

#[test]
fn an_uncommitted_build_leaves_the_last_commit_intact() {
    let Some(ar) = common::shared("corpus/ar") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        progress: false,
        ..BuildOptions::default()
    };
    let report = index::build(dir.path(), &[ar], &options).expect("builds");
    let before = Searcher::open(dir.path())
        .expect("opens")
        .search(&request("الاتجار"))
        .expect("runs")
        .total;
    // A writer that adds and deletes but is dropped before committing, as a killed build is.
    {
        let sabiqa = index::SabiqaIndex::open(dir.path()).expect("opens");
        let writer: tantivy::IndexWriter = sabiqa.index.writer(50_000_000).expect("writer");
        writer.delete_all_documents().expect("delete");
        writer
            .add_document(tantivy::TantivyDocument::default())
            .expect("add");
    }
    let after = Searcher::open(dir.path()).expect("opens");
    assert_eq!(
        after.search(&request("الاتجار")).expect("runs").total,
        before
    );
    assert!(report.units > 0);
}

#[test]
fn required_words_and_a_quoted_phrase_are_counted_exactly_past_the_cap() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    // Every word required: finding the top hits walks every unit with both words (in each
    // language for Latin script, in Arabic for Arabic script), and the count comes from that
    // walk, exact. Ranking a quoted phrase scores every unit it matches: the count comes from
    // that pass, exact too.
    for query in ["+of +the", "+the +and", "+في +من", "\"of the\""] {
        let results = searcher.search(&request(query)).expect("runs");
        let compiled =
            sabiqa::search::query::compile(query, searcher.fields(), QueryOptions::default())
                .expect("compiles");
        let matched = searcher
            .tantivy_searcher()
            .search(compiled.query.as_ref(), &tantivy::collector::Count)
            .expect("counts");
        assert!(
            matched > sabiqa::search::EXACT_TOTAL_UP_TO,
            "{query}: {matched}"
        );
        assert_eq!(results.total, matched, "{query}");
        assert!(!results.total_at_least, "{query}");
    }
    // An optional word: the walk does not meet the units with one word only, and the count
    // pass stops at the cap as before.
    let optional = searcher.search(&request("+of the")).expect("runs");
    assert_eq!(optional.total, sabiqa::search::EXACT_TOTAL_UP_TO);
    assert!(optional.total_at_least);
}

#[test]
fn a_common_word_is_counted_up_to_the_cap_and_a_rare_one_exactly() {
    let Some(searcher) = corpus_index() else {
        return;
    };
    let common = searcher.search(&request("في")).expect("runs");
    assert_eq!(common.total, sabiqa::search::EXACT_TOTAL_UP_TO);
    assert!(common.total_at_least, "في is in more units than the cap");
    // A page beyond the cap is still counted past.
    let deep = searcher
        .search(&SearchRequest {
            offset: 1_500,
            ..request("في")
        })
        .expect("runs");
    assert!(deep.total > 1_500 && deep.total_at_least);
    assert_eq!(deep.hits.len(), 10, "the page beyond the cap is there");
    let rare = searcher.search(&request("الاستئماني")).expect("runs");
    assert!(!rare.total_at_least);
    assert!(
        rare.total >= rare.hits.len() && rare.total < 100,
        "{}",
        rare.total
    );
}

#[test]
fn a_phrase_looked_up_by_its_common_gram_finds_and_scores_what_the_phrase_query_does() {
    use sabiqa::analyse::{analyse, common_grams, View};
    use sabiqa::search::gram_phrase::GramPhraseQuery;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::PhraseQuery;
    use tantivy::schema::Term;
    let Some(searcher) = corpus_index() else {
        return;
    };
    let fields = searcher.fields();
    let tantivy_searcher = searcher.tantivy_searcher();
    // Adjacent pairs with a common word, from units of the real corpus in both languages.
    let mut pairs: Vec<(Lang, String, String)> = Vec::new();
    for text in common::sampled_unit_texts(1, 40) {
        let Some(lang) = Lang::detect(&text) else {
            continue;
        };
        let tokens = analyse(&text, lang, View::Exact);
        let adjacent = tokens
            .windows(2)
            .filter(|t| t[1].position == t[0].position + 1);
        for pair in adjacent.step_by(7) {
            if common_grams::gram(lang, &pair[0].token, &pair[1].token).is_some() {
                pairs.push((lang, pair[0].token.clone(), pair[1].token.clone()));
            }
        }
    }
    for lang in [Lang::Ar, Lang::En] {
        let of_lang = pairs.iter().filter(|(l, ..)| *l == lang).count();
        assert!(of_lang >= 100, "{lang}: {of_lang} pairs");
    }
    for (lang, first, second) in &pairs {
        let (exact, gram_field) = match lang {
            Lang::Ar => (fields.ar_exact, fields.ar_gram),
            Lang::En => (fields.en_exact, fields.en_gram),
        };
        let words = [
            Term::from_field_text(exact, first),
            Term::from_field_text(exact, second),
        ];
        let by_gram = GramPhraseQuery::of(*lang, gram_field, words.clone()).expect("common");
        let phrase = PhraseQuery::new(words.to_vec());
        let top = || (TopDocs::with_limit(10).order_by_score(), Count);
        let expected = tantivy_searcher.search(&phrase, &top()).expect("searches");
        let found = tantivy_searcher.search(&by_gram, &top()).expect("searches");
        assert!(
            expected.1 > 0,
            "{first} {second}: the pair is in the corpus"
        );
        assert_eq!(found, expected, "{first} {second}");
    }
    // A quoted Arabic phrase with a common word compiles to its gram, and finds what the
    // phrase query found.
    let (_, first, second) = pairs.iter().find(|(l, ..)| *l == Lang::Ar).expect("pairs");
    let quoted = format!("\"{first} {second}\"");
    let compiled =
        sabiqa::search::query::compile(&quoted, fields, QueryOptions::default()).expect("compiles");
    assert!(compiled.query.downcast_ref::<GramPhraseQuery>().is_some());
    let results = searcher.search(&request(&quoted)).expect("runs");
    let phrase = PhraseQuery::new(vec![
        Term::from_field_text(fields.ar_exact, first),
        Term::from_field_text(fields.ar_exact, second),
    ]);
    assert_eq!(
        results.total,
        tantivy_searcher.search(&phrase, &Count).expect("counts")
    );
    assert!(!results.hits.is_empty() && !results.hits[0].highlights.is_empty());
}

#[test]
fn a_longer_phrase_guarded_by_its_common_grams_finds_and_scores_what_the_phrase_query_does() {
    use sabiqa::analyse::{analyse, common_grams, View};
    use sabiqa::search::guarded_phrase::GuardedPhraseQuery;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{EnableScoring, PhraseQuery};
    use tantivy::schema::Term;
    let Some(searcher) = corpus_index() else {
        return;
    };
    let fields = searcher.fields();
    let tantivy_searcher = searcher.tantivy_searcher();
    // Runs of three to five adjacent words with a common word, from units of the real corpus.
    let mut runs: Vec<(Lang, Vec<String>)> = Vec::new();
    for text in common::sampled_unit_texts(1, 40) {
        let Some(lang) = Lang::detect(&text) else {
            continue;
        };
        let tokens = analyse(&text, lang, View::Exact);
        for (n, start) in (0..tokens.len()).step_by(11).enumerate() {
            let Some(run) = tokens.get(start..start + 3 + n % 3) else {
                break;
            };
            let adjacent = run.windows(2).all(|t| t[1].position == t[0].position + 1);
            let has_gram = run
                .windows(2)
                .any(|t| common_grams::gram(lang, &t[0].token, &t[1].token).is_some());
            if adjacent && has_gram {
                runs.push((lang, run.iter().map(|t| t.token.clone()).collect()));
            }
        }
    }
    let mut led_by_grams = [0usize; 2];
    let scoring = EnableScoring::enabled_from_searcher(&tantivy_searcher);
    for (lang, words) in &runs {
        let (exact, gram_field) = match lang {
            Lang::Ar => (fields.ar_exact, fields.ar_gram),
            Lang::En => (fields.en_exact, fields.en_gram),
        };
        let terms: Vec<(usize, Term)> = words
            .iter()
            .enumerate()
            .map(|(at, w)| (at, Term::from_field_text(exact, w)))
            .collect();
        let guarded = GuardedPhraseQuery::of(*lang, gram_field, &terms).expect("common");
        if guarded.grams_lead(&scoring).expect("statistics") {
            led_by_grams[*lang as usize] += 1;
        }
        let phrase = PhraseQuery::new_with_offset(terms);
        let top = || (TopDocs::with_limit(10).order_by_score(), Count);
        let expected = tantivy_searcher.search(&phrase, &top()).expect("searches");
        let found = tantivy_searcher.search(&guarded, &top()).expect("searches");
        assert!(expected.1 > 0, "{words:?}: the run is in the corpus");
        assert_eq!(found, expected, "{words:?}");
    }
    assert!(
        led_by_grams.iter().all(|&n| n >= 30),
        "phrases led by their grams, Arabic and English: {led_by_grams:?} of {}",
        runs.len()
    );
    // A quoted phrase of such a run compiles to the guarded query.
    let (_, words) = runs.iter().find(|(l, _)| *l == Lang::Ar).expect("runs");
    let quoted = format!("\"{}\"", words.join(" "));
    let compiled =
        sabiqa::search::query::compile(&quoted, fields, QueryOptions::default()).expect("compiles");
    assert!(
        compiled
            .query
            .downcast_ref::<GuardedPhraseQuery>()
            .is_some(),
        "{quoted}: {:?}",
        compiled.query
    );
}
