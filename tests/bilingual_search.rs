//! Bilingual search on the real corpus: the earlier rendering (eval/bilingual.tsv), counterparts
//! both ways, the translator's `show` view, and documents that exist in one language only.

mod common;

use sabiqa::search::{query::QueryOptions, SearchRequest};
use sabiqa::Lang;

fn request(query: &str) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        limit: 10,
        ..SearchRequest::default()
    }
}

#[test]
fn every_bilingual_eval_query_finds_its_unit_and_the_rendering() {
    let Some(index) = common::corpus_index() else {
        return;
    };
    let searcher = &index.searcher;
    let Some(eval) = common::shared("eval/bilingual.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(eval).expect("eval file");
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (id, query, doc, label, contains) = (cols[0], cols[1], cols[2], cols[3], cols[4]);
        rows += 1;
        let hits = searcher.search(&request(query)).expect("query runs").hits;
        let found = hits.iter().any(|h| {
            let file = std::path::Path::new(&h.unit.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            file.starts_with(doc)
                && (label == "*" || h.unit.para.as_deref() == Some(label))
                && h.counterparts.iter().any(|c| c.text.contains(contains))
        });
        if !found {
            failures.push(format!("{id}: {query:?} → {doc} {label} with {contains:?}"));
        }
    }
    println!(
        "bilingual.tsv: {}/{rows} queries found their unit and rendering",
        rows - failures.len()
    );
    assert!(rows > 0);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn an_english_query_shows_the_arabic_rendering_and_the_reverse() {
    let Some(index) = common::corpus_index() else {
        return;
    };
    let searcher = &index.searcher;
    // The translator's view: search English (eval b01, target 16.3 of resolution 70/1, as a
    // phrase), get the Arabic paragraphs.
    let shown = searcher
        .search(&SearchRequest {
            options: QueryOptions {
                lang: Some(Lang::En),
                ..QueryOptions::default()
            },
            show: Some(Lang::Ar),
            ..request(&format!("\"{}\"", eval_query("b01")))
        })
        .expect("runs");
    assert!(!shown.hits.is_empty());
    assert!(shown.hits.iter().all(|h| h.unit.lang == "ar"));
    let target = shown
        .hits
        .iter()
        .find(|h| h.unit.para.as_deref() == Some("16.3"))
        .expect("16.3 shown in Arabic");
    assert!(target.unit.text.contains("16-3"), "{}", target.unit.text);
    assert!(target
        .counterparts
        .iter()
        .any(|c| c.lang == "en" && c.text.contains("rule of law")));

    // The reverse: an Arabic query, its English counterpart.
    let hits = searcher
        .search(&request(&format!(
            "\"{}\"",
            eval_cell("bilingual", "b03", 4)
        )))
        .expect("runs")
        .hits;
    let indicator = hits
        .iter()
        .find(|h| h.unit.para.as_deref() == Some("16.2.2"))
        .expect("indicator 16.2.2");
    assert_eq!(indicator.unit.lang, "ar");
    assert!(indicator
        .counterparts
        .iter()
        .any(|c| c.lang == "en" && c.text.to_lowercase().contains(&eval_query("b03"))));
}

#[test]
fn documents_in_one_language_are_searchable_and_counted() {
    let Some(index) = common::corpus_index() else {
        return;
    };
    let (searcher, report) = (&index.searcher, &index.report);
    // corpus/ar has four Arabic-only documents.
    assert!(report.single_language >= 4, "{report:?}");
    assert!(report.bilingual_pairs >= 3, "{report:?}");
    let hits = searcher
        .search(&request(&format!(
            "\"{}\"",
            eval_cell("precedent", "v05", 1)
        )))
        .expect("runs")
        .hits;
    assert!(!hits.is_empty());
    let arabic_only = hits
        .iter()
        .find(|h| h.unit.path.contains("corpus/ar/"))
        .expect("a hit in an Arabic-only document");
    assert!(arabic_only.counterparts.is_empty());
    let report_units = report.aligned_units + report.unaligned_units;
    assert!(report_units > 0, "alignment counts reported: {report:?}");
}

/// The query of row `id` of ../shared/eval/bilingual.tsv.
fn eval_query(id: &str) -> String {
    eval_cell("bilingual", id, 1)
}

/// Column `column` of row `id` of ../shared/eval/`set`.tsv.
fn eval_cell(set: &str, id: &str, column: usize) -> String {
    let path = common::shared(&format!("eval/{set}.tsv")).expect("the eval sets beside the corpus");
    let text = std::fs::read_to_string(path).expect("the eval set reads");
    text.lines()
        .find_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            (cells.first() == Some(&id)).then(|| cells.get(column).map(|c| c.to_string()))?
        })
        .unwrap_or_else(|| panic!("eval/{set}.tsv row {id}, column {column}"))
}

#[test]
fn counterparts_are_found_in_a_commit_made_after_the_searcher_first_answered() {
    let Some(bilingual) = common::shared("corpus/bilingual") else {
        return;
    };
    let pair = |stem: &str| -> Vec<std::path::PathBuf> {
        ["ar", "en"]
            .map(|lang| bilingual.join(format!("{stem}.{lang}.txt")))
            .to_vec()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let options = sabiqa::index::BuildOptions {
        progress: false,
        ..sabiqa::index::BuildOptions::default()
    };
    let with_counterparts = |searcher: &sabiqa::search::Searcher, doc: Option<&str>| {
        let hits = searcher
            .search(&SearchRequest {
                doc: doc.map(str::to_string),
                ..request("*")
            })
            .expect("runs")
            .hits;
        assert!(!hits.is_empty());
        for hit in &hits {
            assert_eq!(
                hit.counterparts.len(),
                hit.unit.counterpart_ordinals.len(),
                "{}: every aligned unit is found",
                hit.unit.doc
            );
        }
        hits.iter().filter(|h| !h.counterparts.is_empty()).count()
    };

    sabiqa::index::build(dir.path(), &pair("A_RES_217A-udhr"), &options).expect("builds");
    let searcher = sabiqa::search::Searcher::open(dir.path()).expect("opens");
    assert!(with_counterparts(&searcher, None) > 0);

    // A second commit adds segments the searcher has not read counterparts from yet.
    sabiqa::index::build(dir.path(), &pair("A_RES_70_1-targets"), &options).expect("builds");
    searcher.reload().expect("reloads");
    assert!(with_counterparts(&searcher, Some("A/RES/70/1")) > 0);
}

/// Checks that the counterparts of document `id` agree both ways (a unit's counterpart lists
/// the unit back) and returns how many units have one.
fn counterparts_agree(searcher: &sabiqa::search::Searcher, id: &str) -> usize {
    let units = searcher.document(id).expect("document reads");
    let by_ordinal: std::collections::HashMap<(&str, u64), &Vec<u64>> = units
        .iter()
        .map(|u| ((u.lang.as_str(), u.ordinal), &u.counterpart_ordinals))
        .collect();
    let mut aligned = 0;
    for unit in &units {
        let other = if unit.lang == "ar" { "en" } else { "ar" };
        for ordinal in &unit.counterpart_ordinals {
            let back = by_ordinal.get(&(other, *ordinal)).unwrap_or_else(|| {
                panic!("{} {}: no {other} unit {ordinal}", unit.lang, unit.ordinal)
            });
            assert!(
                back.contains(&unit.ordinal),
                "{} {} → {other} {ordinal}, which does not point back",
                unit.lang,
                unit.ordinal
            );
        }
        aligned += usize::from(!unit.counterpart_ordinals.is_empty());
    }
    aligned
}

#[test]
fn re_indexing_one_language_version_re_aligns_the_other() {
    let Some(bilingual) = common::shared("corpus/bilingual") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).expect("docs dir");
    for lang in ["ar", "en"] {
        let name = format!("A_RES_217A-udhr.{lang}.txt");
        std::fs::copy(bilingual.join(&name), docs.join(&name)).expect("copies");
    }
    let index = dir.path().join("index");
    let options = sabiqa::index::BuildOptions {
        progress: false,
        ..sabiqa::index::BuildOptions::default()
    };
    sabiqa::index::build(&index, std::slice::from_ref(&docs), &options).expect("builds");
    let searcher = sabiqa::search::Searcher::open(&index).expect("opens");
    let id = searcher.search(&request("*")).expect("runs").hits[0]
        .unit
        .doc
        .clone();
    let aligned_before = counterparts_agree(&searcher, &id);
    assert!(aligned_before > 0);
    let english_units = |searcher: &sabiqa::search::Searcher| {
        let units = searcher.document(&id).expect("document reads");
        units.iter().filter(|u| u.lang == "en").count()
    };
    let english_before = english_units(&searcher);

    // The English version loses its second half and is indexed again, alone.
    let english = docs.join("A_RES_217A-udhr.en.txt");
    let text = std::fs::read_to_string(&english).expect("reads");
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&english, lines[..lines.len() / 2].join("\n")).expect("writes");
    let report =
        sabiqa::index::build(&index, std::slice::from_ref(&english), &options).expect("builds");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(
        report.documents, 2,
        "the Arabic version is re-read and re-aligned with it"
    );
    searcher.reload().expect("reloads");

    assert!(
        english_units(&searcher) < english_before,
        "the new English text is indexed"
    );
    let aligned_after = counterparts_agree(&searcher, &id);
    assert!(aligned_after > 0 && aligned_after < aligned_before);
}
