//! Segmentation: from the text of one document version to its anchored units.
//!
//! Two kinds of input, told apart by their page furniture:
//!
//! | input                                             | how it is cut | see |
//! |---------------------------------------------------|---------------|-----|
//! | a document as printed (Distr. block, job number, recycling notice, barcode) | furniture removed; numbered paragraphs followed by their sequence, across page breaks and footnotes | [`document`] |
//! | a file of blocks (one paragraph per blank-line-separated block: bilingual samples, UNPC) | one unit per block, labelled by its number | [`blocks`] |
//!
//! Every unit keeps the byte range it spans in the file (`start..end`, on char boundaries) and
//! its text: its lines joined by one space (a page break or an interleaved footnote between two
//! pieces of a paragraph disappears), footnote marks set apart from their word
//! ([`footnotes`]). Labels are canonical ([`labels`]), so the Arabic and English versions of a
//! document carry the same ones. [`segment`] never panics and never drops text: what is not
//! furniture ends up in some unit.

pub mod blocks;
pub mod document;
pub mod footnotes;
pub mod furniture;
pub mod labels;
pub mod lines;
pub mod numbering;

pub use labels::canonical_label;

use crate::model::{DocMeta, Unit, UnitKind};
use std::ops::Range;

/// A unit being built: its kind, label and the line ranges it is made of.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The unit kind.
    pub kind: UnitKind,
    /// The canonical label, if any.
    pub label: Option<String>,
    /// Byte ranges of the pieces (lines) of the unit, in file order.
    pub pieces: Vec<Range<usize>>,
}

/// Cuts `text` (the whole file of one document version) into its units, anchored to `meta`'s
/// document id and language. Never panics, whatever the input.
pub fn segment(text: &str, meta: &DocMeta) -> Vec<Unit> {
    let lines = lines::line_ranges(text);
    let line_text: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
    let drafts = if furniture::has_page_furniture(&line_text) {
        let skip = furniture::furniture_mask(&line_text);
        document::segment(text, &lines, &skip)
    } else {
        blocks::segment(text, &lines)
    };
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, draft)| to_unit(text, draft, i, meta))
        .collect()
}

fn to_unit(text: &str, draft: Draft, index: usize, meta: &DocMeta) -> Unit {
    let start = draft.pieces.first().map_or(0, |r| r.start);
    let end = draft.pieces.iter().map(|r| r.end).max().unwrap_or(start);
    let joined = draft
        .pieces
        .iter()
        .map(|r| &text[r.clone()])
        .collect::<Vec<_>>()
        .join(" ");
    Unit {
        doc: meta.id.clone(),
        kind: draft.kind,
        label: draft.label,
        ordinal: u32::try_from(index + 1).unwrap_or(u32::MAX),
        lang: meta.lang,
        text: footnotes::separate_marks(&joined).into_owned(),
        start,
        end,
    }
}
