//! Reading the number, letter or keyword a line starts with (its *marker*).
//!
//! | printed at the start of a line               | marker                |
//! |----------------------------------------------|-----------------------|
//! | `1-`, `- 1-`, `- 1 -`, `5 -`, `١-`, `٤٥ -`, `1.` | `Paragraph(n)`     |
//! | `16.3`, `16-3`, `1.a`, `1-أ`, `16.2.2`, `1-أ-1` | `Dotted("16.3")`   |
//! | `(a)`, `(أ)`, `- (ب)`, `(هـ)`                 | `Letter('a')`         |
//! | `(11)`, `(١)`                                | `Footnote(11)`        |
//! | `* text`                                     | `StarFootnote`        |
//! | `'3`` (Arabic sub-item)                      | `SubItem(3)`          |
//! | `التوصية 5`, `Recommendation 5`, `٥التوصية` (whole line) | `Recommendation(5)` |
//! | `Goal 16.`, `الهدف 16 -`                     | `Goal(16)`            |
//! | `Article 18`, `المادة 18` (whole line)       | `Article(18)`         |
//! | `أولاً -`, `ألف -`, `I.`, `A.`, and in visual order `-أولاً` at the end | `Section` |
//! | `- text`, `• text`                           | `Bullet`              |
//!
//! A marker says only what the line *could* be: whether `5 -` really opens paragraph 5 or is an
//! item of a list inside paragraph 4 is decided by the segmenter from the sequence (paragraph
//! numbers in a UN document rise by one).
//!
//! In text extracted from PDF in visual order the paragraph number ends up at the end or in the
//! middle of its line (`... في   -١`); [`visual_paragraph_numbers`] finds those candidates.

use super::labels::{dotted_label, letter_value, number_value};
use regex::{Captures, Regex, RegexSet, SetMatches};
use std::sync::LazyLock;

/// What a line's leading marker says it could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A paragraph number.
    Paragraph(u32),
    /// A hierarchical number (target, indicator), canonical form.
    Dotted(String),
    /// A sub-paragraph letter, as its Latin letter.
    Letter(char),
    /// A numbered footnote.
    Footnote(u32),
    /// A footnote marked with an asterisk.
    StarFootnote,
    /// An Arabic sub-item `'3``.
    SubItem(u32),
    /// A "Recommendation N" heading.
    Recommendation(u32),
    /// A "Goal N" heading.
    Goal(u32),
    /// An "Article N" heading.
    Article(u32),
    /// A section heading (`أولاً -`, `ألف -`, `II.`).
    Section,
    /// A bullet.
    Bullet,
}

/// The patterns of a line's leading marker, in the order [`leading_marker`] tries them, but
/// [`Pattern::SectionVisual`] (tried with [`Pattern::Section`]): last, as it is not in the set
/// of the others ([`Patterns`]).
#[derive(Debug, Clone, Copy)]
enum Pattern {
    Recommendation,
    RecommendationVisual,
    Goal,
    Article,
    Footnote,
    Letter,
    SubItem,
    Dotted,
    Paragraph,
    Star,
    Section,
    Bullet,
    SectionVisual,
}

impl Pattern {
    const ALL: [Pattern; 13] = [
        Pattern::Recommendation,
        Pattern::RecommendationVisual,
        Pattern::Goal,
        Pattern::Article,
        Pattern::Footnote,
        Pattern::Letter,
        Pattern::SubItem,
        Pattern::Dotted,
        Pattern::Paragraph,
        Pattern::Star,
        Pattern::Section,
        Pattern::Bullet,
        Pattern::SectionVisual,
    ];

    fn regex(self) -> &'static str {
        match self {
            Pattern::Paragraph => r"^(?:[-–]\s*)?(\d{1,3})\s*[-–.)]\s*",
            Pattern::Dotted => {
                r"^(\d{1,3}(?:[.\-–](?:\d{1,3}|[a-z]|[\p{Arabic}]\x{0640}?)){1,2})(?:\s|$)"
            }
            Pattern::Letter => r"^(?:[-–]\s*)?\(([a-z]|[\p{Arabic}]\x{0640}?)\)(?:\s|$)",
            Pattern::Footnote => r"^\((\d{1,3})\)(?:\s|$)",
            Pattern::Star => r"^\*+\s+\S",
            Pattern::SubItem => r"^'(\d{1,3})`",
            Pattern::Recommendation => r"^(?:التوصية|Recommendation)\s*(\d{1,3})\s*[.:]?$",
            Pattern::RecommendationVisual => r"^(\d{1,3})\s*التوصية$",
            Pattern::Goal => r"^(?:Goal\s+(\d{1,2})\.|الهدف\s+(\d{1,2})\s*[-–:])(?:\s|$)",
            Pattern::Article => r"^(?:Article|المادة)\s+\(?(\d{1,3})\)?\s*[.:]?$",
            Pattern::Section => {
                r"^(?:(?:أول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)(?:اً|ًا|ا)?|ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء|[IVX]{1,5}\.|[A-H]\.)\s*[-–]?\s+\S"
            }
            Pattern::SectionVisual => {
                r"\S\s+[-–]\s*(?:(?:أول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)(?:اً|ًا|ا)?|ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء)$"
            }
            Pattern::Bullet => r"^[-–•·▪]\s*\S",
        }
    }
}

/// Every [`Pattern`], compiled alone (for its captures) and together (to learn in one pass
/// over a line which of them match: most lines match none, and thirteen separate searches
/// were a tenth of the indexer's reading time).
///
/// The set holds the patterns anchored at the line's start, which it rejects after a few bytes
/// of most lines. [`Pattern::SectionVisual`] is anchored at the end only: in the set it made
/// every line read to its end (6 % of a build's instructions went to the markers); alone, the
/// regex reads a line backwards from its end.
struct Patterns {
    each: Vec<Regex>,
    at_start: RegexSet,
}

const _: () = assert!(
    Pattern::SectionVisual as usize == Pattern::ALL.len() - 1,
    "the set takes every pattern before SectionVisual"
);

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let sources = Pattern::ALL.map(Pattern::regex);
    Patterns {
        each: sources.iter().map(|re| Regex::new(re).unwrap()).collect(), // ok: constant
        at_start: RegexSet::new(&sources[..Pattern::SectionVisual as usize]).unwrap(), // ok: constant
    }
});

/// Which patterns one line matches.
struct LineMatches<'a> {
    line: &'a str,
    matched: SetMatches,
}

impl<'a> LineMatches<'a> {
    fn of(line: &'a str) -> Self {
        LineMatches {
            line,
            matched: PATTERNS.at_start.matches(line),
        }
    }

    fn is_match(&self, pattern: Pattern) -> bool {
        match pattern {
            Pattern::SectionVisual => PATTERNS.each[pattern as usize].is_match(self.line),
            _ => self.matched.matched(pattern as usize),
        }
    }

    fn captures(&self, pattern: Pattern) -> Option<Captures<'a>> {
        if !self.is_match(pattern) {
            return None;
        }
        PATTERNS.each[pattern as usize].captures(self.line)
    }
}

static VISUAL_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)-(\d{1,3})(?:\s|$)").unwrap()); // ok: constant

/// The marker `line` (trimmed) starts with, if any.
pub fn leading_marker(line: &str) -> Option<Marker> {
    let m = LineMatches::of(line);
    if !m.matched.matched_any() {
        return m
            .is_match(Pattern::SectionVisual)
            .then_some(Marker::Section);
    }
    let number = |caps: &Captures, i: usize| caps.get(i).and_then(|c| number_value(c.as_str()));
    if let Some(c) = m
        .captures(Pattern::Recommendation)
        .or_else(|| m.captures(Pattern::RecommendationVisual))
    {
        return number(&c, 1).map(Marker::Recommendation);
    }
    if let Some(c) = m.captures(Pattern::Goal) {
        return number(&c, 1).or_else(|| number(&c, 2)).map(Marker::Goal);
    }
    if let Some(c) = m.captures(Pattern::Article) {
        return number(&c, 1).map(Marker::Article);
    }
    if let Some(c) = m.captures(Pattern::Footnote) {
        return number(&c, 1).map(Marker::Footnote);
    }
    if let Some(c) = m.captures(Pattern::Letter) {
        return letter_value(&c[1]).map(Marker::Letter);
    }
    if let Some(c) = m.captures(Pattern::SubItem) {
        return number(&c, 1).map(Marker::SubItem);
    }
    if let Some(label) = m
        .captures(Pattern::Dotted)
        .and_then(|c| dotted_label(&c[1]))
    {
        return Some(Marker::Dotted(label));
    }
    if let Some(c) = m.captures(Pattern::Paragraph) {
        // `16-3` is dotted (handled above); `2021.` or `1.5 million` is no paragraph number.
        let after = &line[c.get(0).map_or(0, |g| g.end())..];
        let next = after.chars().next();
        if next.is_some_and(|ch| !ch.is_numeric()) {
            return number(&c, 1).map(Marker::Paragraph);
        }
    }
    if m.is_match(Pattern::Star) {
        return Some(Marker::StarFootnote);
    }
    if m.is_match(Pattern::Section) || m.is_match(Pattern::SectionVisual) {
        return Some(Marker::Section);
    }
    if m.is_match(Pattern::Bullet) {
        return Some(Marker::Bullet);
    }
    None
}

/// Paragraph numbers printed in visual order: `-١` preceded by a space, anywhere in the line
/// (PDF extraction reverses the line, so the number lands at its end or middle).
pub fn visual_paragraph_numbers(line: &str) -> impl Iterator<Item = u32> + '_ {
    VISUAL_NUMBER
        .captures_iter(line)
        .filter_map(|c| number_value(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Marker::*;

    /// A line of each marker style, with the marker it opens: the printed markers of UN
    /// documents, with filler text after them.
    fn marked_lines() -> Vec<(&'static str, Marker)> {
        vec![
            ("1- نص للتجربة", Paragraph(1)),
            ("- 1- نص للتجربة", Paragraph(1)),
            ("- 1 - نص، للتجربة", Paragraph(1)),
            ("5 - نص للتجربة", Paragraph(5)),
            ("١- نص للتجربة", Paragraph(1)),
            ("٤٥ - نص للتجربة", Paragraph(45)),
            ("- ٦- نص للتجربة", Paragraph(6)),
            ("12. Text for the test", Paragraph(12)),
            ("16.3 Text for the test", Dotted("16.3".into())),
            ("16-3 نص للتجربة", Dotted("16.3".into())),
            ("1-أ نص للـتجربة", Dotted("1.a".into())),
            ("1-أ-1 نص للتجربة", Dotted("1.a.1".into())),
            ("(هـ) نص للتجربة", Letter('e')),
            ("- (ب) نص للتجربة", Letter('b')),
            ("(11) نص 99/12", Footnote(11)),
            ("(١) نص للتجربة", Footnote(1)),
            ("* XYZ/COP/2031/1", StarFootnote),
            ("التوصية 16", Recommendation(16)),
            ("١٦التوصية", Recommendation(16)),
            ("Goal 16. Text for the test", Goal(16)),
            ("الهدف 16 - نص للتجربة", Goal(16)),
            ("المادة 18", Article(18)),
            ("أولاً - نص للتجربة", Section),
            ("نصٌّ للتجربة  -أولاً", Section),
            ("نصٌّ للتجربة -ألف", Section),
            ("II. Text", Section),
            ("- نص للتجربة", Bullet),
            ("'3` نص للتجربة", SubItem(3)),
        ]
    }

    /// Lines that open no paragraph, though they start with a number.
    const UNMARKED_NUMBERS: [&str; 4] = [
        "2021 was a year",
        "2021-2025 plan",
        "7/76 - نص للتجربة",
        "نص للتجربة 37",
    ];

    #[test]
    fn every_marker_style_is_read() {
        for (line, marker) in marked_lines() {
            assert_eq!(leading_marker(line), Some(marker), "{line}");
        }
    }

    #[test]
    fn numbers_that_are_not_markers() {
        for line in UNMARKED_NUMBERS {
            assert!(
                !matches!(leading_marker(line), Some(Paragraph(_) | Dotted(_))),
                "{line}: {:?}",
                leading_marker(line)
            );
        }
    }

    #[test]
    fn each_pattern_matches_a_line_as_its_own_regex_does() {
        let marked = marked_lines();
        let lines = marked
            .iter()
            .map(|(line, _)| *line)
            .chain(UNMARKED_NUMBERS)
            .chain(["- ثانياً", ""]);
        let mut matched = 0;
        for line in lines {
            let m = LineMatches::of(line);
            for pattern in Pattern::ALL {
                let alone = PATTERNS.each[pattern as usize].is_match(line);
                assert_eq!(m.is_match(pattern), alone, "{pattern:?} on {line:?}");
                matched += usize::from(alone);
            }
        }
        assert!(matched >= marked.len(), "{matched} matches");
    }

    #[test]
    fn visual_order_numbers_are_found_mid_line_and_at_the_end() {
        let found: Vec<u32> = visual_paragraph_numbers("ــة، نص للتجربة في   -١ ــة بعد").collect();
        assert_eq!(found, [1]);
        let found: Vec<u32> = visual_paragraph_numbers("للتجربة  -٢٤").collect();
        assert_eq!(found, [24]);
        assert_eq!(visual_paragraph_numbers("نص ٢٠٢٠-٢ للتجربة").count(), 0);
    }
}
