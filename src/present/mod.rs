//! Present stage: hits as a person reads them on a terminal, and as JSON lines for programs.
//!
//! Snippets are cut from the ORIGINAL text at the fragment ranges the search chose, with the
//! highlight ranges marked; both kinds of range are byte ranges into the unit's `text`, so the
//! marks land on the original characters, diacritics and tatweel included.
//!
//! Right-to-left text: Arabic snippets go on lines of their own, never after a left-to-right
//! label on the same line, so a terminal that applies the bidi algorithm per line (most do, or
//! show the logical order) keeps each line in one direction.

use crate::search::{Hit, UnitRecord};
use serde_json::{json, Value};
use std::ops::Range;

/// Put between two fragments of one snippet.
pub const FRAGMENT_SEPARATOR: &str = " … ";

/// How highlighted words are marked in a snippet.
#[derive(Debug, Clone, Copy)]
pub struct Marks {
    /// Before a highlighted span.
    pub open: &'static str,
    /// After it.
    pub close: &'static str,
}

/// Marks for JSON output and HTML-minded programs (as Elasticsearch's `<em>`).
pub const HTML_MARKS: Marks = Marks {
    open: "<mark>",
    close: "</mark>",
};
/// Marks for a colour terminal: reverse video, bold.
pub const ANSI_MARKS: Marks = Marks {
    open: "\x1b[1;7m",
    close: "\x1b[0m",
};
/// Marks for plain text (piped output).
pub const PLAIN_MARKS: Marks = Marks {
    open: "⟦",
    close: "⟧",
};

/// The snippet of `text`: its fragments joined by [`FRAGMENT_SEPARATOR`], highlights marked,
/// line breaks folded to spaces. Ranges must be char-boundary byte ranges of `text` (as the
/// search returns them); any that are not are ignored rather than trusted.
pub fn snippet(
    text: &str,
    fragments: &[Range<usize>],
    highlights: &[Range<usize>],
    marks: Marks,
) -> String {
    let valid = |r: &Range<usize>| {
        r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    };
    let mut out = String::new();
    for (i, fragment) in fragments.iter().filter(|r| valid(r)).enumerate() {
        if i > 0 {
            out.push_str(FRAGMENT_SEPARATOR);
        }
        if fragment.start > 0 && i == 0 {
            out.push('…');
        }
        let mut at = fragment.start;
        for h in highlights.iter().filter(|h| valid(h)) {
            let start = h.start.max(fragment.start);
            let end = h.end.min(fragment.end);
            if start >= end || start < at {
                continue;
            }
            push_folded(&mut out, &text[at..start]);
            out.push_str(marks.open);
            push_folded(&mut out, &text[start..end]);
            out.push_str(marks.close);
            at = end;
        }
        push_folded(&mut out, &text[at..fragment.end]);
        if fragment.end < text.len() && i + 1 == fragments.len() {
            out.push('…');
        }
    }
    out
}

fn push_folded(out: &mut String, s: &str) {
    for c in s.chars() {
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
}

/// How a unit is cited: `A/RES/76/7 ¶16(a)`, the symbol (else the document id) and the label.
pub fn citation(unit: &UnitRecord) -> String {
    let doc = unit.symbol.as_deref().unwrap_or(&unit.doc);
    match &unit.para {
        Some(label) => format!("{doc} ¶{label}"),
        None => format!("{doc} #{}", unit.ordinal),
    }
}

fn unit_json(unit: &UnitRecord) -> Value {
    json!({
        "doc": unit.doc,
        "symbol": unit.symbol,
        "path": unit.path,
        "para": unit.para,
        "kind": unit.kind,
        "ordinal": unit.ordinal,
        "lang": unit.lang,
        "date": unit.date,
        "text": unit.text,
    })
}

/// One hit as a JSON object: `doc`, `path`, `para`, `kind`, `ordinal`, `lang`, `score`,
/// `snippet` (highlights in `<mark>`), `highlights` (`[start, end]` byte ranges into `text`),
/// `text`, `counterparts` (the aligned units of the other language), and `symbol`, `date`,
/// `citation`.
pub fn hit_json(hit: &Hit) -> Value {
    let mut v = unit_json(&hit.unit);
    if let Value::Object(map) = &mut v {
        map.insert("score".into(), json!(hit.score));
        map.insert("citation".into(), json!(citation(&hit.unit)));
        map.insert(
            "snippet".into(),
            json!(snippet(
                &hit.unit.text,
                &hit.fragments,
                &hit.highlights,
                HTML_MARKS
            )),
        );
        map.insert(
            "highlights".into(),
            json!(hit
                .highlights
                .iter()
                .map(|r| [r.start, r.end])
                .collect::<Vec<_>>()),
        );
        map.insert(
            "counterparts".into(),
            Value::Array(hit.counterparts.iter().map(unit_json).collect()),
        );
    }
    v
}

/// Whether a text is mostly Arabic, to lay it out on its own lines.
fn is_rtl(text: &str) -> bool {
    crate::Lang::detect(text) == Some(crate::Lang::Ar)
}

/// One hit for the terminal: a header line (rank, citation, kind, language, score), the path,
/// the snippet, and with `bilingual` the counterparts.
pub fn hit_text(hit: &Hit, rank: usize, colour: bool, bilingual: bool) -> String {
    let marks = if colour { ANSI_MARKS } else { PLAIN_MARKS };
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let u = &hit.unit;
    let mut out = format!(
        "{bold}{rank:>3}. {}{reset}  {} · {} · score {:.2}\n     {dim}{}{reset}\n",
        citation(u),
        u.kind,
        u.lang,
        hit.score,
        u.path
    );
    let text = snippet(&u.text, &hit.fragments, &hit.highlights, marks);
    out.push_str(&indent(&text, is_rtl(&u.text)));
    if bilingual {
        for c in &hit.counterparts {
            out.push_str(&format!(
                "     {dim}↔ {} ({}){reset}\n",
                citation(c),
                c.lang
            ));
            out.push_str(&indent(&c.text.replace('\n', " "), is_rtl(&c.text)));
        }
        if hit.counterparts.is_empty() {
            out.push_str(&format!(
                "     {dim}↔ (no aligned unit in the other language){reset}\n"
            ));
        }
    }
    out
}

/// Indents a block; right-to-left text gets a right-to-left mark so that the line's base
/// direction is right-to-left in terminals that apply the bidi algorithm.
fn indent(text: &str, rtl: bool) -> String {
    let mark = if rtl { "\u{200F}" } else { "" };
    format!("     {mark}{text}\n")
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a fragment covering a whole text is meant
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_highlights_inside_fragments() {
        let text = "one two three four five";
        let s = snippet(text, &[0..text.len()], &[4..7, 14..18], PLAIN_MARKS);
        assert_eq!(s, "one ⟦two⟧ three ⟦four⟧ five");
    }

    #[test]
    fn snippet_joins_fragments_and_ignores_bad_ranges() {
        let text = "alpha beta gamma delta";
        let s = snippet(text, &[0..5, 17..22], &[17..22, 3..100], PLAIN_MARKS);
        assert_eq!(s, "alpha … ⟦delta⟧");
        let arabic = "الإتّجار";
        // 1 is inside the two-byte alef: not a char boundary, ignored.
        let s = snippet(arabic, &[0..arabic.len()], &[1..4], PLAIN_MARKS);
        assert_eq!(s, arabic);
    }
}
