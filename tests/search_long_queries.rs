//! Long queries — a paragraph pasted whole, or its first 60 words — keep their most
//! informative words (src/search/disjunction.rs). Proven on the real corpus: every sampled
//! paragraph, pasted, finds itself first.

mod common;

use sabiqa::search::disjunction::MAX_QUERY_TERMS;
use sabiqa::search::SearchRequest;

/// Paragraphs of the real corpus long enough for the selection to apply, sampled across
/// every document.
fn long_paragraphs() -> Vec<String> {
    common::sampled_unit_texts(11, 5)
        .into_iter()
        .filter(|text| text.split_whitespace().count() > MAX_QUERY_TERMS * 2)
        .collect()
}

#[test]
fn a_pasted_paragraph_finds_itself_first() {
    let Some(index) = common::corpus_index() else {
        return;
    };
    let paragraphs = long_paragraphs();
    assert!(
        paragraphs.len() >= 30,
        "only {} long paragraphs sampled",
        paragraphs.len()
    );
    let mut misses = Vec::new();
    for paragraph in &paragraphs {
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        let first_60 = words[..60.min(words.len())].join(" ");
        for (pasted, what) in [
            (paragraph.clone(), "whole"),
            (first_60.clone(), "first 60 words"),
        ] {
            let request = SearchRequest {
                query: pasted,
                limit: 1,
                ..SearchRequest::default()
            };
            let results = index.searcher.search(&request).expect("searches");
            let first = results.hits.first().map(|h| h.unit.text.as_str());
            // Another unit with the same wording (a repeated paragraph) may come first.
            let found = first.is_some_and(|text| {
                text.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .starts_with(&first_60)
            });
            if !found {
                misses.push(format!(
                    "{what}: {} … found instead: {}",
                    first_60.chars().take(80).collect::<String>(),
                    first
                        .unwrap_or("nothing")
                        .chars()
                        .take(200)
                        .collect::<String>()
                ));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} missed: {misses:#?}",
        misses.len(),
        paragraphs.len() * 2
    );
}
