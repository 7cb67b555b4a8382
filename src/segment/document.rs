//! Segmenting a document as the document system prints it: furniture, headings, numbered
//! paragraphs, sub-paragraphs, footnotes between paragraphs, page breaks inside paragraphs.
//!
//! | situation                                                       | decision |
//! |-----------------------------------------------------------------|----------|
//! | `n -` where n = last paragraph + 1 (or 1 at the start)          | new paragraph `n` |
//! | `n -` where n = last + 2, first line of its block, not a heading | new paragraph `n` (one was lost) |
//! | `n -` repeating the last paragraph, same opening words          | a second unit `n` (the source repeats it) |
//! | any other `n -`, alone in a short block without final stop      | heading (`١- الدعم المقدم …`) |
//! | any other `n -`                                                 | list item inside the open unit |
//! | `(أ)` next in letter order under paragraph / recommendation `p` | sub-paragraph `p(a)` |
//! | `(n)` where n = last footnote + 1                               | footnote `fn{n}`; the paragraph it interrupts stays open |
//! | `التوصية n` / `Recommendation n` (whole line)                   | recommendation `rec{n}`: the heading and the text under it |
//! | `أولاً -`, `ألف -`, `II.`                                       | heading |
//! | unmarked block after a unit whose text has no final stop        | continuation of that unit (page break), joined by one space |
//! | other unmarked block: short without final stop / longer         | heading / other |
//!
//! Why the sequence rule: UN paragraph numbers rise by one through the whole document, while
//! section headings and lists inside paragraphs restart their own numbering; the sequence tells
//! them apart where the print style cannot. In visual-order text (PDF extraction of Arabic), the
//! number is searched anywhere in the line, and every unmarked block continues the open unit,
//! since the final stop of a line is no longer at its end.

use super::lines::blocks;
use super::numbering::{leading_marker, visual_paragraph_numbers, Marker};
use super::Draft;
use crate::model::UnitKind;
use std::ops::Range;

/// Longest block (in words) still taken for a heading.
const HEADING_MAX_WORDS: usize = 16;
/// Bytes of the opening words compared to recognise a repeated paragraph.
const REPEAT_PREFIX: usize = 60;

/// Segments the lines of a printed document (`skip` marks the furniture lines).
pub fn segment(text: &str, lines: &[Range<usize>], skip: &[bool]) -> Vec<Draft> {
    // Each line's marker is read once (its patterns are most of segmentation's time): deciding
    // the print order and segmenting both ask for it.
    let mut markers: Vec<Option<Marker>> = lines
        .iter()
        .zip(skip)
        .map(|(range, &skipped)| {
            if skipped {
                None
            } else {
                leading_marker(&text[range.clone()])
            }
        })
        .collect();
    let visual = is_visual_order(text, lines, skip, &markers);
    let mut state = State::new(text, visual);
    for block in blocks(lines, skip) {
        let block_lines: Vec<(Range<usize>, Option<Marker>)> = block
            .iter()
            .map(|&i| (lines[i].clone(), markers[i].take()))
            .collect();
        state.block(block_lines);
    }
    state.units
}

/// Whether the paragraph numbers sit at the end or middle of lines (visual order) rather than
/// at their start (`markers`: each line's leading marker).
fn is_visual_order(
    text: &str,
    lines: &[Range<usize>],
    skip: &[bool],
    markers: &[Option<Marker>],
) -> bool {
    let (mut leading, mut elsewhere) = (0usize, 0usize);
    for (i, range) in lines.iter().enumerate() {
        if skip[i] {
            continue;
        }
        if matches!(markers[i], Some(Marker::Paragraph(_))) {
            leading += 1;
        } else if visual_paragraph_numbers(&text[range.clone()])
            .next()
            .is_some()
        {
            elsewhere += 1;
        }
    }
    elsewhere >= 5 && elsewhere > leading * 2
}

/// Whether `text` ends a sentence: a final stop, possibly followed by closing quotes or
/// brackets and a footnote mark. A colon or semicolon announces more (a list), so it does not.
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || c.is_numeric()
            || matches!(
                c,
                ')' | ']' | '"' | '”' | '»' | '\'' | '’' | '^' | '(' | '⁽' | '⁾'
            )
    });
    matches!(trimmed.chars().last(), Some('.' | '!' | '?' | '؟' | '…'))
        || matches!(text.trim_end().chars().last(), Some('.' | '!' | '?' | '؟'))
}

/// Whether a block reads as a heading: short, one or two lines, without a final stop.
pub fn heading_like(text: &str, line_count: usize) -> bool {
    line_count <= 2
        && text.split_whitespace().nth(HEADING_MAX_WORDS).is_none()
        && !ends_sentence(text)
        && !text.trim_end().ends_with([':', ';', '؛', '،', ','])
}

/// The first [`REPEAT_PREFIX`] bytes of `s` (cut at a char boundary).
fn opening(s: &str) -> &str {
    let mut end = s.len().min(REPEAT_PREFIX);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

struct State<'a> {
    text: &'a str,
    visual: bool,
    units: Vec<Draft>,
    /// The unit the last line went into.
    current: Option<usize>,
    /// The unit a continuation block attaches to.
    open: Option<usize>,
    /// The unit a footnote interrupted; it is open again after the footnote.
    suspended: Option<usize>,
    last_paragraph: Option<u32>,
    last_footnote: u32,
    last_recommendation: u32,
    /// The label letters attach to (`16`, `rec2`) and the last letter used under it.
    parent: Option<String>,
    last_letter: Option<char>,
    /// Inside a numbered list that belongs to the open unit (agenda items in a paragraph).
    in_list: bool,
}

impl<'a> State<'a> {
    fn new(text: &'a str, visual: bool) -> Self {
        State {
            text,
            visual,
            units: Vec::new(),
            current: None,
            open: None,
            suspended: None,
            last_paragraph: None,
            last_footnote: 0,
            last_recommendation: 0,
            parent: None,
            last_letter: None,
            in_list: false,
        }
    }

    /// A block's lines, each with its leading marker.
    fn block(&mut self, block: Vec<(Range<usize>, Option<Marker>)>) {
        let (Some((first, _)), Some((last, _))) = (block.first(), block.last()) else {
            return;
        };
        let block_text = &self.text[first.start..last.end];
        let block_len = block.len();
        for (i, (range, marker)) in block.into_iter().enumerate() {
            self.line(range, marker, i == 0, block_len, block_text);
        }
        self.open = self.current.and_then(|i| match self.units[i].kind {
            UnitKind::Footnote => self.suspended,
            UnitKind::Heading => None,
            _ => Some(i),
        });
    }

    fn line(
        &mut self,
        range: Range<usize>,
        mut marker: Option<Marker>,
        first: bool,
        block_len: usize,
        block_text: &str,
    ) {
        let line = &self.text[range.clone()];
        if self.visual
            && !matches!(
                marker,
                Some(Marker::Paragraph(_) | Marker::Recommendation(_))
            )
        {
            if let Some(n) = visual_paragraph_numbers(line).find(|&n| self.accepts(n, line, first))
            {
                marker = Some(Marker::Paragraph(n));
            }
        }
        match marker {
            Some(Marker::Paragraph(n)) if self.accepts(n, line, first) => {
                self.last_paragraph = Some(n);
                self.start_container(UnitKind::Paragraph, n.to_string(), range);
            }
            Some(Marker::Paragraph(_)) if first && block_len == 1 && heading_like(line, 1) => {
                self.start_heading(None, range);
            }
            Some(Marker::Paragraph(_) | Marker::SubItem(_)) => {
                self.in_list = true;
                self.append(range, first);
            }
            Some(Marker::Dotted(label)) => self.start_container(UnitKind::Paragraph, label, range),
            Some(Marker::Recommendation(n)) if n > self.last_recommendation => {
                self.last_recommendation = n;
                self.start_container(UnitKind::Recommendation, format!("rec{n}"), range);
            }
            Some(Marker::Goal(n)) => self.start_heading(Some(format!("goal{n}")), range),
            Some(Marker::Article(n)) => self.start_heading(Some(format!("art{n}")), range),
            Some(Marker::Letter(c)) if !self.in_list && self.next_letter() == c => {
                self.last_letter = Some(c);
                let label = match &self.parent {
                    Some(p) => format!("{p}({c})"),
                    None => format!("({c})"),
                };
                self.start(UnitKind::SubParagraph, Some(label), range);
            }
            Some(Marker::Footnote(n)) if n == self.last_footnote + 1 => {
                self.last_footnote = n;
                self.start_footnote(Some(format!("fn{n}")), range);
            }
            Some(Marker::StarFootnote) if first => self.start_footnote(None, range),
            Some(Marker::Section) => self.start_heading(None, range),
            _ => self.plain(range, first, block_len, block_text),
        }
    }

    /// Whether paragraph number `n` on `line` continues the document's sequence.
    fn accepts(&self, n: u32, line: &str, first: bool) -> bool {
        let Some(last) = self.last_paragraph else {
            return n == 1;
        };
        if n == last + 1 {
            return true;
        }
        if n == last && first {
            return self.repeats_last_paragraph(line);
        }
        n == last + 2 && first && !self.in_list && !heading_like(line, 1) && self.open_unit_closed()
    }

    fn repeats_last_paragraph(&self, line: &str) -> bool {
        let label = self.last_paragraph.map(|n| n.to_string());
        let Some(previous) = self
            .units
            .iter()
            .rev()
            .find(|u| u.kind == UnitKind::Paragraph && u.label == label)
        else {
            return false;
        };
        let first_piece = &self.text[previous.pieces[0].clone()];
        opening(first_piece) == opening(line)
    }

    fn open_unit_closed(&self) -> bool {
        self.open
            .and_then(|i| self.units.get(i))
            .is_none_or(|u| self.visual || ends_sentence(self.last_piece(u)))
    }

    fn last_piece(&self, unit: &Draft) -> &'a str {
        unit.pieces.last().map_or("", |r| &self.text[r.clone()])
    }

    fn next_letter(&self) -> char {
        match self.last_letter {
            None => 'a',
            Some(c) => char::from_u32(c as u32 + 1).unwrap_or('a'),
        }
    }

    fn plain(&mut self, range: Range<usize>, first: bool, block_len: usize, block_text: &str) {
        if !first {
            self.append(range, false);
            return;
        }
        let continues = self.open.and_then(|i| self.units.get(i)).is_some_and(|u| {
            // Before the first paragraph, unnumbered blocks are the title page, not page breaks.
            let continuable = u.kind != UnitKind::Other || self.last_paragraph.is_some();
            continuable && (self.visual || !ends_sentence(self.last_piece(u)))
        });
        if continues {
            self.append(range, true);
        } else if heading_like(block_text, block_len) {
            self.start_heading(None, range);
        } else {
            self.in_list = false;
            self.start(UnitKind::Other, None, range);
        }
    }

    /// Adds `range` to the unit being built (`first`: as a continuation of the open unit,
    /// across a page break or a footnote).
    fn append(&mut self, range: Range<usize>, first: bool) {
        let target = if first { self.open } else { self.current };
        match target.and_then(|i| self.units.get_mut(i)) {
            Some(unit) => {
                unit.pieces.push(range);
                self.current = target;
            }
            None => self.start(UnitKind::Other, None, range),
        }
    }

    fn start_container(&mut self, kind: UnitKind, label: String, range: Range<usize>) {
        self.parent = Some(label.clone());
        self.last_letter = None;
        self.in_list = false;
        self.start(kind, Some(label), range);
    }

    fn start_heading(&mut self, label: Option<String>, range: Range<usize>) {
        self.parent = None;
        self.last_letter = None;
        self.in_list = false;
        self.start(UnitKind::Heading, label, range);
    }

    fn start_footnote(&mut self, label: Option<String>, range: Range<usize>) {
        let interrupted = self
            .current
            .filter(|&i| !matches!(self.units[i].kind, UnitKind::Footnote | UnitKind::Heading));
        if interrupted.is_some() {
            self.suspended = interrupted;
        }
        self.start(UnitKind::Footnote, label, range);
    }

    fn start(&mut self, kind: UnitKind, label: Option<String>, range: Range<usize>) {
        self.units.push(Draft {
            kind,
            label,
            pieces: vec![range],
        });
        self.current = Some(self.units.len() - 1);
        if kind != UnitKind::Footnote {
            self.suspended = None;
        }
    }
}
