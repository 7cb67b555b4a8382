//! Highlighting: the byte ranges of a hit's ORIGINAL text that satisfy the query, and the
//! fragments of text around them that make a snippet.
//!
//! The hit's text is analysed again, with the analyser that indexed it; every token carries its
//! byte range in the original text, so a highlight covers the original characters (diacritics,
//! tatweel, prefixes such as و and ال included) — whole words, never a bare part of one. A word
//! is highlighted when it equals a searched term; a phrase only where the whole phrase occurs
//! (one range from its first word to its last). Every occurrence is marked.
#![allow(clippy::single_range_in_vec_init)] // one range covering a whole text is meant

use super::query::Matcher;
use crate::analyse::{self, AnalysedToken, View};
use crate::Lang;
use std::ops::Range;

/// Characters of context on each side of a highlight in a fragment.
const CONTEXT_CHARS: usize = 90;
/// At most this many fragments in a snippet.
const MAX_FRAGMENTS: usize = 3;
/// A text this short is its own snippet.
const WHOLE_TEXT_CHARS: usize = 320;

/// The byte ranges of `text` (a unit in language `lang`) that the matchers satisfy, sorted,
/// non-overlapping.
pub fn highlights(text: &str, lang: Lang, matchers: &[Matcher]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for view in [View::Stem, View::Exact] {
        let wanted: Vec<&Matcher> = matchers
            .iter()
            .filter(|m| m.lang == lang && m.view == view)
            .collect();
        if wanted.is_empty() {
            continue;
        }
        // A match is made of tokens that each equal (or begin with) a searched term: only
        // those are kept.
        let tokens = analyse::analyse_keeping(text, lang, view, |token| {
            wanted.iter().any(|m| m.may_match(token))
        });
        for m in wanted {
            ranges.extend(matches(&tokens, m));
        }
    }
    merge(ranges)
}

/// The ranges one matcher satisfies among `tokens` (in position order).
fn matches(tokens: &[AnalysedToken], m: &Matcher) -> Vec<Range<usize>> {
    let at_position = |position: usize| {
        let first = tokens.partition_point(|t| t.position < position);
        tokens[first..]
            .iter()
            .take_while(move |t| t.position == position)
    };
    if m.terms.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for start in tokens.iter().filter(|t| m.term_matches(0, &t.token)) {
        if m.terms.len() == 1 {
            out.push(start.start..start.end);
            continue;
        }
        // Each further term at its offset, allowing up to `slop` extra positions in total.
        let mut span = start.start..start.end;
        let mut shift = 0usize;
        let mut ok = true;
        for (i, (offset, _)) in m.terms.iter().enumerate().skip(1) {
            let found = (0..=(m.slop as usize).saturating_sub(shift)).find_map(|extra| {
                at_position(start.position + offset + shift + extra)
                    .find(|t| m.term_matches(i, &t.token))
                    .map(|t| (extra, t))
            });
            match found {
                Some((extra, t)) => {
                    shift += extra;
                    span.start = span.start.min(t.start);
                    span.end = span.end.max(t.end);
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            out.push(span);
        }
    }
    out
}

/// Sorts ranges and merges the overlapping ones.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The fragments of `text` to show around `highlights`: the whole text when it is short or
/// nothing matched visibly; otherwise up to three windows, the ones with most highlights,
/// in text order. Fragment bounds fall on word boundaries.
pub fn fragments(text: &str, highlights: &[Range<usize>]) -> Vec<Range<usize>> {
    if text.chars().count() <= WHOLE_TEXT_CHARS || highlights.is_empty() {
        return vec![0..text.len()];
    }
    let mut windows: Vec<(Range<usize>, usize)> = Vec::new();
    for h in highlights {
        let w = back_chars(text, h.start, CONTEXT_CHARS)..forward_chars(text, h.end, CONTEXT_CHARS);
        match windows.last_mut() {
            Some((last, count)) if w.start <= last.end => {
                last.end = last.end.max(w.end);
                *count += 1;
            }
            _ => windows.push((w, 1)),
        }
    }
    let mut best: Vec<(Range<usize>, usize)> = windows;
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
    best.truncate(MAX_FRAGMENTS);
    let mut chosen: Vec<Range<usize>> = best.into_iter().map(|(r, _)| r).collect();
    chosen.sort_by_key(|r| r.start);
    chosen
}

/// The byte offset `n` characters before `at`, moved back to the start of a word.
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    let before = &text[..at];
    let mut pos = before
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    if pos > 0 {
        // Start after the next space, so the fragment does not open mid-word.
        if let Some(space) = text[pos..at].find(char::is_whitespace) {
            pos += space + 1;
        }
    }
    pos
}

/// The byte offset `n` characters after `at`, moved back to the end of a word.
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    let after = &text[at..];
    match after.char_indices().nth(n) {
        None => text.len(),
        Some((i, _)) => {
            let end = at + i;
            match text[at..end].rfind(char::is_whitespace) {
                Some(space) if space > 0 => at + space,
                _ => end,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(terms: &[(usize, &str)], slop: u32, prefix: bool) -> Matcher {
        Matcher {
            lang: Lang::En,
            view: View::Exact,
            terms: terms.iter().map(|&(at, t)| (at, t.to_string())).collect(),
            slop,
            prefix,
        }
    }

    #[test]
    fn a_phrase_spans_the_words_between_its_terms_and_a_prefix_marks_whole_words() {
        let text = "The Board voted to adopt the plan; the board adopted it.";
        let phrase = matcher(&[(0, "board"), (2, "adopt")], 1, false);
        let prefix = matcher(&[(0, "pla")], 0, true);
        let marked: Vec<&str> = highlights(text, Lang::En, &[phrase, prefix])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        // "board adopted" is not the phrase: the exact view keeps "adopted" whole.
        assert_eq!(marked, ["Board voted to adopt", "plan"]);
    }

    #[test]
    fn every_occurrence_of_every_matcher_is_marked_among_many_matchers() {
        let text = "the plan of the board and the plan of action of the board";
        let word = |w: &str| matcher(&[(0, w)], 0, false);
        let mut matchers: Vec<Matcher> = ["plan", "board", "action", "absent"]
            .into_iter()
            .map(word)
            .collect();
        matchers.push(matcher(&[(0, "plan"), (1, "of"), (2, "action")], 0, false));
        matchers.push(matcher(&[(0, "the"), (1, "boa")], 0, true));
        matchers.push(matcher(&[(0, "ac")], 0, true));
        let marked: Vec<&str> = highlights(text, Lang::En, &matchers)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(marked, ["plan", "the board", "plan of action", "the board"]);
    }

    #[test]
    fn merge_joins_overlapping_ranges() {
        assert_eq!(merge(vec![5..9, 0..3, 2..4, 9..12]), vec![0..4, 5..12]);
    }

    #[test]
    fn short_text_is_one_fragment() {
        assert_eq!(fragments("short text", &[0..5]), vec![0..10]);
    }

    #[test]
    fn far_apart_matches_give_several_fragments_on_word_boundaries() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let a = text.find("w10 ").unwrap();
        let b = text.find("w300 ").unwrap();
        let f = fragments(&text, &[a..a + 3, b..b + 4]);
        assert_eq!(f.len(), 2);
        for r in &f {
            assert!(r.start == 0 || text[..r.start].ends_with(' '), "{r:?}");
            assert!(
                r.end == text.len() || text[r.end..].starts_with(' '),
                "{r:?}"
            );
        }
        assert!(f[0].contains(&a) && f[1].contains(&b));
    }
}
