//! Lines and blocks of a file, as byte ranges into it.
//!
//! A *line* is trimmed of white space and of invisible bidirectional controls (which PDF and
//! Word exports scatter at line edges); a *block* is a run of non-blank lines, the way every
//! sample separates paragraphs. Ranges always fall on char boundaries of the original text, so
//! every unit can point back into the file.

use std::ops::Range;

/// Whether `c` is trimmed from line edges: white space (including no-break space) and
/// invisible formatting characters (bidi marks and embeddings, zero-width space, BOM).
fn is_edge_noise(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The trimmed byte range of every line of `text` (`\n`, `\r\n` or `\r` ends a line). A blank
/// line has an empty range.
pub fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push(trimmed(text, start..i));
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// `range` of `text` without edge noise on either side.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let left = slice.len() - slice.trim_start_matches(is_edge_noise).len();
    let right = slice.trim_end_matches(is_edge_noise).len();
    if right <= left {
        return range.start..range.start;
    }
    range.start + left..range.start + right
}

/// Groups line indices into blocks: runs of lines that are neither blank nor `skip`ped.
pub fn blocks(lines: &[Range<usize>], skip: &[bool]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || skip.get(i).copied().unwrap_or(false) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(i);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_ranges_for_every_line_ending() {
        let text = "  a b \r\n\u{200F}c\r\rd\n";
        let lines: Vec<&str> = line_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, ["a b", "c", "", "d", ""]);
    }

    #[test]
    fn blocks_are_separated_by_blank_and_skipped_lines() {
        let text = "a\nb\n\nc\nJUNK\nd";
        let lines = line_ranges(text);
        let skip: Vec<bool> = lines.iter().map(|r| &text[r.clone()] == "JUNK").collect();
        assert_eq!(blocks(&lines, &skip), vec![vec![0, 1], vec![3], vec![5]]);
    }
}
