//! Unicode word boundaries (UAX #29) for the scripts of UN documents, without the general
//! machinery.
//!
//! `unicode-segmentation` implements UAX #29 for every script, and it is several times slower
//! than a plain alphanumeric scan. Almost every character of the collection is ASCII, Latin,
//! Cyrillic or Arabic, whose word-break classes fit in one `match`, so the common case runs
//! here, and a *chunk* (the text between two white-space characters, which are always word
//! boundaries) holding any other character is handed to `unicode-segmentation` whole.
//! `fast_path_agrees_with_unicode_segmentation` (a property test below) holds the two to the
//! same answer.
//!
//! | UAX #29 rule | what it keeps together | here |
//! |---|---|---|
//! | WB4 | a letter and its marks, bidi and zero-width controls | `WordClass::Ignorable` joins the unit before it |
//! | WB5, WB8–10 | letters and digits | `Letter`, `Numeric` |
//! | WB6/7 | `don't`, `U.S` | `MidLetter`, `MidNumLet` between letters |
//! | WB11/12 | `1,000`, `3.5`, `١٬٠٠٠` | `MidNum`, `MidNumLet` between digits |
//! | WB13a/b | `foo_bar`, `10 000` (narrow no-break space) | `ExtendNumLet` |
//!
//! Two deliberate departures, both characters the normaliser removes, so that a term splits
//! the same way as the text it came from: ZERO WIDTH SPACE (U+200B) is `Ignorable` (UAX #29
//! breaks on it), because PDF extraction leaves it inside Arabic words, where it must not
//! split them; TATWEEL (U+0640) is `Ignorable` (UAX #29: a letter), so `a'ـ0` splits as `a'0`
//! does, and a run of tatweel alone is no word.

use unicode_segmentation::UnicodeSegmentation;

/// A byte range `[start, end)` of the original text.
pub(crate) type Span = (usize, usize);

/// The word-break class of a character, as far as word tokens are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// ALetter: letters of the alphabetic scripts, tatweel.
    Letter,
    /// Numeric: decimal digits and the Arabic number separators.
    Numeric,
    /// ExtendNumLet: `_`, narrow no-break space; joins words and numbers.
    ExtendNumLet,
    /// MidLetter: `:` `·`; joins two letters.
    MidLetter,
    /// MidNum: `,` `;` `،` `٬`; joins two digits.
    MidNum,
    /// MidNumLet (and Single_Quote): `.` `'` `’`; joins two letters or two digits.
    MidNumLet,
    /// Extend, Format and ZWJ (plus U+200B): marks and controls that belong to the character
    /// before them and never break a word.
    Ignorable,
    /// White space: always a boundary, and never part of a word.
    Space,
    /// Any other character this module knows: punctuation and symbols, which break words.
    Other,
    /// A character of a script this module does not model: its chunk goes to
    /// `unicode-segmentation`.
    Unknown,
}

use WordClass::*;

/// Word-break classes of the ASCII characters.
const ASCII: [WordClass; 128] = {
    let mut table = [Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b'a'..=b'z' | b'A'..=b'Z' => Letter,
            b'0'..=b'9' => Numeric,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => Space,
            b'\'' | b'.' => MidNumLet,
            b':' => MidLetter,
            b',' | b';' => MidNum,
            b'_' => ExtendNumLet,
            _ => Other,
        };
        b += 1;
    }
    table
};

/// The word-break class of `c`.
#[inline]
pub(crate) fn word_class(c: char) -> WordClass {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    match c as u32 {
        // Arabic letters, the bulk of the collection, first.
        0x0620..=0x063F | 0x0641..=0x064A => Letter,
        0x0640 | 0x064B..=0x065F | 0x0670 | 0x0610..=0x061A | 0x061C => Ignorable,
        0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED => Ignorable,
        0x0660..=0x0669 | 0x066B | 0x06F0..=0x06F9 | 0x0600..=0x0605 | 0x06DD => Numeric,
        0x066E | 0x066F | 0x0671..=0x06D3 | 0x06D5 | 0x06E5 | 0x06E6 | 0x06EE | 0x06EF => Letter,
        0x06FA..=0x06FC | 0x06FF | 0x0750..=0x077F | 0x08A0..=0x08C9 => Letter,
        0x08CA..=0x08E1 | 0x08E3..=0x08FF => Ignorable,
        0x08E2 => Numeric,
        0x060C | 0x060D | 0x066C => MidNum,
        0x0606..=0x060B | 0x060E | 0x060F | 0x061B | 0x061D..=0x061F => Other,
        0x066A | 0x066D | 0x06D4 | 0x06DE | 0x06E9 | 0x06FD | 0x06FE => Other,
        // Latin-1, Latin Extended-A/B, IPA, spacing modifiers.
        0x00AA | 0x00B5 | 0x00B8 | 0x00BA | 0x00C0..=0x00D6 | 0x00D8..=0x00F6 => Letter,
        0x00F8..=0x02D7 | 0x02DE..=0x02FF => Letter,
        0x02D8..=0x02DD => Other,
        0x00AD => Ignorable,
        0x00B7 => MidLetter,
        0x0085 | 0x00A0 => Space,
        0x0080..=0x00BF | 0x00D7 | 0x00F7 => Other,
        0x0300..=0x036F => Ignorable,
        // Cyrillic.
        0x0400..=0x0481 | 0x048A..=0x052F => Letter,
        0x0482 => Other,
        0x0483..=0x0489 => Ignorable,
        // General punctuation.
        0x2000..=0x200A | 0x2028 | 0x2029 | 0x205F => Space,
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F => Ignorable,
        0x2018 | 0x2019 | 0x2024 => MidNumLet,
        0x2027 => MidLetter,
        0x2044 => MidNum,
        0x202F | 0x203F | 0x2040 | 0x2054 => ExtendNumLet,
        // U+203C and U+2049 are emoji (WB3c); U+2065 is unassigned.
        0x203C | 0x2049 | 0x2065 => Unknown,
        0x2010..=0x2017 | 0x201A..=0x2023 | 0x2025 | 0x2026 | 0x2030..=0x205E => Other,
        // Arabic presentation forms (their punctuation and symbols go the general way).
        0xFB50..=0xFBB1 | 0xFBD3..=0xFD3D | 0xFD50..=0xFD8F | 0xFD92..=0xFDC7 => Letter,
        0xFDF0..=0xFDFB | 0xFE70..=0xFE74 | 0xFE76..=0xFEFC => Letter,
        0xFE00..=0xFE0F | 0xFEFF => Ignorable,
        _ if c.is_whitespace() => Space,
        _ => Unknown,
    }
}

/// `c.is_alphanumeric()`, answered without Unicode's tables for ASCII and Arabic letters.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether `c` is a mark or control that never breaks a word (see [`WordClass::Ignorable`]).
#[inline]
pub(crate) fn is_ignorable(c: char) -> bool {
    word_class(c) == Ignorable
}

/// The word being built while scanning a chunk.
struct Word {
    start: usize,
    end: usize,
    last: WordClass,
    has_alphanumeric: bool,
}

/// What the previous non-ignorable character was part of, for WB4.
#[derive(PartialEq)]
enum Previous {
    Word,
    Mid,
    Nothing,
}

/// Splits the chunk of `text` starting at byte `from` (which must not be white space) into
/// words, appended to `out`; returns where the chunk ends (the next white space, or the end
/// of the text).
pub(crate) fn segment_chunk(text: &str, from: usize, out: &mut Vec<Span>) -> usize {
    let first_new = out.len();
    match segment_known_chunk(text, from, out) {
        Ok(end) => end,
        Err(()) => {
            out.truncate(first_new);
            segment_chunk_generally(text, from, out)
        }
    }
}

/// The fast path: `Err` as soon as a character of unknown class shows up.
fn segment_known_chunk(text: &str, from: usize, out: &mut Vec<Span>) -> Result<usize, ()> {
    let mut word: Option<Word> = None;
    // A MidLetter/MidNum/MidNumLet after the word: its class and where it (with its marks) ends.
    let mut mid: Option<(WordClass, usize)> = None;
    let mut previous = Previous::Nothing;
    let emit = |word: Option<Word>, out: &mut Vec<Span>| {
        if let Some(w) = word.filter(|w| w.has_alphanumeric) {
            out.push((w.start, w.end));
        }
    };
    let mut at = from;
    while let Some(c) = text[at..].chars().next() {
        if previous == Previous::Word && mid.is_none() {
            if let Some(w) = word.as_mut() {
                let run_end = extend_over_plain_run(text.as_bytes(), at, w);
                if run_end > at {
                    at = run_end;
                    continue;
                }
            }
        }
        let start = at;
        let end = start + c.len_utf8();
        at = end;
        let class = word_class(c);
        match class {
            Ignorable => match previous {
                Previous::Word => {
                    if let Some(w) = word.as_mut() {
                        w.end = end;
                    }
                }
                Previous::Mid => {
                    if let Some(m) = mid.as_mut() {
                        m.1 = end;
                    }
                }
                Previous::Nothing => {}
            },
            Letter | Numeric | ExtendNumLet => {
                let joins = match (&word, mid) {
                    (Some(w), None) => {
                        class != ExtendNumLet || matches!(w.last, Letter | Numeric | ExtendNumLet)
                    }
                    (Some(w), Some((m, _))) => {
                        (w.last == Letter && class == Letter && matches!(m, MidLetter | MidNumLet))
                            || (w.last == Numeric
                                && class == Numeric
                                && matches!(m, MidNum | MidNumLet))
                    }
                    (None, _) => false,
                };
                mid = None;
                match word.as_mut() {
                    Some(w) if joins => {
                        w.end = end;
                        w.last = class;
                        // One lookup per word: Unicode's alphabetic table is slow.
                        w.has_alphanumeric = w.has_alphanumeric || is_alphanumeric(c);
                    }
                    _ => {
                        emit(word.take(), out);
                        word = Some(Word {
                            start,
                            end,
                            last: class,
                            has_alphanumeric: is_alphanumeric(c),
                        });
                    }
                }
                previous = Previous::Word;
            }
            MidLetter | MidNum | MidNumLet => {
                let can_join = mid.is_none()
                    && word
                        .as_ref()
                        .is_some_and(|w| matches!(w.last, Letter | Numeric));
                if can_join {
                    mid = Some((class, end));
                    previous = Previous::Mid;
                } else {
                    emit(word.take(), out);
                    mid = None;
                    previous = Previous::Nothing;
                }
            }
            Other => {
                emit(word.take(), out);
                mid = None;
                previous = Previous::Nothing;
            }
            Space => {
                emit(word.take(), out);
                return Ok(start);
            }
            Unknown => return Err(()),
        }
    }
    emit(word, out);
    Ok(text.len())
}

/// Extends `word` over the ASCII letters and digits and the Arabic letters, tatweel and
/// tashkeel that follow it from byte `at` (the bulk of every text: each of them joins a word
/// whatever comes before), without decoding characters or consulting tables; returns where the
/// run ends.
#[inline]
fn extend_over_plain_run(bytes: &[u8], mut at: usize, word: &mut Word) -> usize {
    let start = at;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii_alphanumeric() {
            word.last = if b.is_ascii_digit() { Numeric } else { Letter };
            word.has_alphanumeric = true;
            at += 1;
        } else if (b == 0xD8 || b == 0xD9) && at + 1 < bytes.len() {
            // A two-byte UTF-8 sequence of U+0600–U+067F.
            let code = (u32::from(b & 0x1F) << 6) | u32::from(bytes[at + 1] & 0x3F);
            match code {
                0x0621..=0x063F | 0x0641..=0x064A => {
                    word.last = Letter;
                    word.has_alphanumeric = true;
                }
                0x0640 | 0x064B..=0x065F => {}
                _ => break,
            }
            at += 2;
        } else {
            break;
        }
    }
    if at > start {
        word.end = at;
    }
    at
}

/// The general path: UAX #29 by `unicode-segmentation` over the chunk, then words separated
/// only by ignorable characters (U+200B) joined again.
fn segment_chunk_generally(text: &str, from: usize, out: &mut Vec<Span>) -> usize {
    let end = text[from..]
        .char_indices()
        .find(|&(_, c)| word_class(c) == Space)
        .map_or(text.len(), |(i, _)| from + i);
    let first_new = out.len();
    for (i, word) in text[from..end].unicode_word_indices() {
        let span = (from + i, from + i + word.len());
        if out.len() > first_new {
            if let Some(last) = out.last_mut() {
                let gap = &text[last.1..span.0];
                if !gap.is_empty() && gap.chars().all(is_ignorable) {
                    last.1 = span.1;
                    continue;
                }
            }
        }
        out.push(span);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let c = text[at..].chars().next().expect("in bounds");
            if word_class(c) == Space {
                at += c.len_utf8();
                continue;
            }
            at = segment_chunk(text, at, &mut spans);
        }
        spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn letters_digits_and_their_marks_make_one_word() {
        assert_eq!(words("الاتِّجار بالأشخاص"), ["الاتِّجار", "بالأشخاص"]);
        assert_eq!(words("إنشــــاء فريق"), ["إنشــــاء", "فريق"]);
        assert_eq!(words("G20 and 3rd"), ["G20", "and", "3rd"]);
    }

    #[test]
    fn middle_punctuation_joins_only_between_its_kind() {
        assert_eq!(
            words("don't U.S. 1,000 3.5 WG.4"),
            ["don't", "U.S", "1,000", "3.5", "WG", "4"]
        );
        assert_eq!(words("traffickers' rights"), ["traffickers", "rights"]);
        assert_eq!(words("١٬٠٠٠ و٣٫٥"), ["١٬٠٠٠", "و٣٫٥"]);
        assert_eq!(words("snake_case"), ["snake_case"]);
    }

    #[test]
    fn controls_never_split_a_word() {
        assert_eq!(words("الاتجار\u{200E}"), ["الاتجار\u{200E}"]);
        assert_eq!(words("الات\u{200B}جار"), ["الات\u{200B}جار"]);
        assert_eq!(
            words("الات\u{200F}جار \u{202B}بالأشخاص\u{202C}"),
            ["الات\u{200F}جار", "بالأشخاص\u{202C}"]
        );
        assert_eq!(words("a\u{FEFF}b"), ["a\u{FEFF}b"]);
        assert_eq!(words("a'ـ0 ـــ"), ["a", "0"]);
    }

    #[test]
    fn other_scripts_take_the_general_path() {
        for text in ["東京 was", "שלום עולם", "नमस्ते दुनिया", "a😀b"]
        {
            assert_eq!(words(text), text.unicode_words().collect::<Vec<_>>());
        }
        // ZERO WIDTH SPACE joins there too.
        assert_eq!(words("東\u{200B}a"), ["東\u{200B}a"]);
    }

    /// Characters of every class the fast path models, U+200B and U+0640 excepted (where it
    /// departs from UAX #29 on purpose).
    fn known_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'Z', 'é', 'ß', 'ж', '7', '٣', '۴', 'ب', 'ة', 'ﻻ', 'ﷲ', '\u{064E}', '\u{0651}',
            '\u{0301}', '\u{200E}', '\u{200F}', '\u{200C}', '\u{202B}', '\u{2066}', '\u{FEFF}',
            '\u{00AD}', '\u{0600}', '\u{066B}', '\u{066C}', '\u{00B8}', '\u{02C6}', '\u{02D9}',
            'ﺏ', 'ﷺ', '.', ',', ';', ':', '\'', '’', '·', '_', '\u{202F}', '،', '-', '/', '(', '"',
            '«', '؟', '٪', ' ', '\n', '\u{00A0}', '\u{2003}', '—', '…', '\u{2044}',
        ])
    }

    proptest! {
        #[test]
        fn fast_path_agrees_with_unicode_segmentation(
            chars in prop::collection::vec(known_char(), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            // Marks with no letter before them (after a space, at the start) are segments of
            // their own in UAX #29, and `unicode_words` keeps those that are alphabetic
            // (U+064E is): they are not words, and the fast path drops them.
            let is_base = |c: char| c.is_alphanumeric() && !matches!(word_class(c), Ignorable | Space);
            let expected: Vec<&str> =
                text.unicode_words().filter(|w| w.chars().any(is_base)).collect();
            prop_assert_eq!(words(&text), expected, "{:?}", text);
        }
    }
}
