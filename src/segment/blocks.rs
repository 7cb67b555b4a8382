//! Segmenting a file that already holds one paragraph per block (the bilingual samples, the
//! UNPC files): every blank-line-separated block is one unit, in order, never merged or dropped.
//!
//! | block starts with                     | kind           | label          |
//! |---------------------------------------|----------------|----------------|
//! | `Goal 16.` / `الهدف 16 -`             | heading        | `goal16`       |
//! | `Article 18` / `المادة 18`            | heading        | `art18`        |
//! | `16.3` / `16-3`, `1.a` / `1-أ`, `16.2.2` | paragraph   | `16.3`, `1.a`, `16.2.2` |
//! | `57.` / `٥٧ -` (under Article 18: `art18.1`) | paragraph | `57`        |
//! | `(a)` / `(أ)` after paragraph `p`     | sub-paragraph  | `p(a)`         |
//! | `'3``                                 | sub-paragraph  | `3`            |
//! | `(11)`                                | footnote       | `fn11`         |
//! | `Recommendation 5` / `التوصية 5`      | recommendation | `rec5`         |
//! | anything else: short without final stop / longer | heading / other | none |
//!
//! Why no sequence rule here: such files are samples (UNPC keeps paragraphs 3, 4, 57, 78 of a
//! document), and their gold alignment counts blocks by position, so the block is the unit.

use super::document::ends_sentence;
use super::lines::blocks;
use super::numbering::{leading_marker, Marker};
use super::Draft;
use crate::model::UnitKind;
use std::ops::Range;

/// Longest block (in words) still taken for a heading.
const HEADING_MAX_WORDS: usize = 16;

/// One unit per block of `lines`.
pub fn segment(text: &str, lines: &[Range<usize>]) -> Vec<Draft> {
    let mut units = Vec::new();
    let mut article: Option<u32> = None;
    let mut parent: Option<String> = None;
    for block in blocks(lines, &[]) {
        let pieces: Vec<Range<usize>> = block.iter().map(|&i| lines[i].clone()).collect();
        let first = &text[pieces[0].clone()];
        let whole = &text[pieces[0].start..pieces[pieces.len() - 1].end];
        let (kind, label) = match leading_marker(first) {
            Some(Marker::Goal(n)) => {
                article = None;
                parent = None;
                (UnitKind::Heading, Some(format!("goal{n}")))
            }
            Some(Marker::Article(n)) => {
                article = Some(n);
                parent = None;
                (UnitKind::Heading, Some(format!("art{n}")))
            }
            Some(Marker::Dotted(label)) => {
                parent = Some(label.clone());
                (UnitKind::Paragraph, Some(label))
            }
            Some(Marker::Paragraph(n)) => {
                let label = match article {
                    Some(a) => format!("art{a}.{n}"),
                    None => n.to_string(),
                };
                parent = Some(label.clone());
                (UnitKind::Paragraph, Some(label))
            }
            Some(Marker::Letter(c)) => {
                let label = match &parent {
                    Some(p) => format!("{p}({c})"),
                    None => format!("({c})"),
                };
                (UnitKind::SubParagraph, Some(label))
            }
            Some(Marker::SubItem(n)) => (UnitKind::SubParagraph, Some(n.to_string())),
            Some(Marker::Footnote(n)) => (UnitKind::Footnote, Some(format!("fn{n}"))),
            Some(Marker::Recommendation(n)) => {
                parent = Some(format!("rec{n}"));
                (UnitKind::Recommendation, Some(format!("rec{n}")))
            }
            _ if is_heading(whole, pieces.len()) => (UnitKind::Heading, None),
            _ => (UnitKind::Other, None),
        };
        units.push(Draft {
            kind,
            label,
            pieces,
        });
    }
    units
}

/// A short one- or two-line block without a final stop.
fn is_heading(text: &str, line_count: usize) -> bool {
    line_count <= 2
        && text.split_whitespace().count() <= HEADING_MAX_WORDS
        && !ends_sentence(text)
        && !text.trim_end().ends_with([':', ';', '؛', '،', ','])
}
