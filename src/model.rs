//! The data model shared by every pipeline stage: languages, unit kinds, documents and units.
//!
//! A *unit* is what the engine indexes and returns: one paragraph, sub-paragraph, heading,
//! footnote or recommendation of one language version of one document, with its anchor
//! (document id + canonical label + ordinal) and its original text.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// A language sabiqa analyses. Arabic and English are the two languages of the collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code, as used in file names, the index and JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The language a text is written in, judged by its letters: Arabic when Arabic letters
    /// outnumber Latin ones, English when Latin letters do, `None` when it has no letters of
    /// either (numbers, symbols, punctuation only).
    pub fn detect(text: &str) -> Option<Lang> {
        // Every unit is judged when indexed and again when highlighted, so the letters are
        // counted on the bytes: an ASCII byte needs no decoding, and no letter of either
        // script takes four bytes.
        let (mut arabic, mut latin) = (0usize, 0usize);
        let bytes = text.as_bytes();
        let continuation = |at: usize| u32::from(bytes.get(at).map_or(0, |b| b & 0x3F));
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            let (width, code) = match lead {
                0x00..=0x7F => {
                    latin += usize::from(lead.is_ascii_alphabetic());
                    at += 1;
                    continue;
                }
                0xD8..=0xDB => {
                    // U+0600–U+06FF, the Arabic block: most of an Arabic text.
                    let at_in_block = usize::from(lead & 0x03) << 6 | continuation(at + 1) as usize;
                    arabic += usize::from(ARABIC_BLOCK_LETTERS[at_in_block]);
                    at += 2;
                    continue;
                }
                0xC0..=0xDF => (2, u32::from(lead & 0x1F) << 6 | continuation(at + 1)),
                0xE0..=0xEF => (
                    3,
                    u32::from(lead & 0x0F) << 12 | continuation(at + 1) << 6 | continuation(at + 2),
                ),
                _ => (4, 0),
            };
            at += width;
            if (0x00C0..=0x024F).contains(&code) {
                latin += 1;
            } else if char::from_u32(code).is_some_and(is_arabic_letter) {
                arabic += 1;
            }
        }
        match (arabic, latin) {
            (0, 0) => None,
            (a, l) if a >= l => Some(Lang::Ar),
            _ => Some(Lang::En),
        }
    }

    /// The other language of the pair.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }
}

/// Which characters of the Arabic block (U+0600–U+06FF) are letters, by their offset in it.
const ARABIC_BLOCK_LETTERS: [bool; 256] = {
    let mut letters = [false; 256];
    let mut at = 0;
    while at < 256 {
        letters[at] = match char::from_u32(0x0600 + at as u32) {
            Some(c) => is_arabic_letter(c),
            None => false,
        };
        at += 1;
    }
    letters
};

/// Whether `c` is an Arabic letter (base block, supplement, extended-A and presentation forms),
/// digits and punctuation excluded.
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}'
        | '\u{06FA}'..='\u{06FC}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Ok(Lang::Ar),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?} (expected ar or en)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_is_judged_by_its_letters() {
        assert_eq!(Lang::detect("الاتجار بالأشخاص (A/RES/76/7)"), Some(Lang::Ar));
        assert_eq!(Lang::detect("trafficking in persons, 2021"), Some(Lang::En));
        assert_eq!(Lang::detect("LibertApp"), Some(Lang::En));
        assert_eq!(Lang::detect("71/167 ١٦٧/٧١"), None);
        assert_eq!(Lang::detect(""), None);
    }

    /// The letters counted char by char, as `detect` counts them on the bytes.
    fn detect_by_chars(text: &str) -> Option<Lang> {
        let latin = text
            .chars()
            .filter(|&c| c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c))
            .count();
        let arabic = text.chars().filter(|&c| is_arabic_letter(c)).count();
        match (arabic, latin) {
            (0, 0) => None,
            (a, l) if a >= l => Some(Lang::Ar),
            _ => Some(Lang::En),
        }
    }

    #[test]
    fn the_edges_of_both_scripts_are_counted_as_by_chars() {
        // The first and last letter of each range, and their neighbours outside it, in one,
        // two, three and four bytes.
        let edges = "\u{00BF}\u{00C0}\u{024F}\u{0250}\u{061F}\u{0620}\u{063F}\u{0640}\u{0641}\u{064A}\u{064B}\u{066D}\u{066E}\u{06D3}\u{06D4}\u{06D5}\u{06D6}\u{06FA}\u{06FC}\u{06FD}\u{074F}\u{0750}\u{077F}\u{0780}\u{089F}\u{08A0}\u{08C9}\u{08CA}\u{FB4F}\u{FB50}\u{FDFF}\u{FE00}\u{FE6F}\u{FE70}\u{FEFC}\u{FEFD}\u{1D400}azAZ@[`{";
        for c in edges.chars() {
            for text in [
                c.to_string(),
                format!("{c}a"),
                format!("{c}\u{0628}"),
                format!("{c}{c}a"),
            ] {
                assert_eq!(Lang::detect(&text), detect_by_chars(&text), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_judged_as_by_chars(text in "\\PC{0,40}") {
            proptest::prop_assert_eq!(Lang::detect(&text), detect_by_chars(&text));
        }

        #[test]
        fn mixed_arabic_and_latin_is_judged_as_by_chars(
            text in "[a-zA-Z\u{00C0}-\u{0250} \u{0600}-\u{06FF}\u{FB50}-\u{FEFF}0-9]{0,40}"
        ) {
            proptest::prop_assert_eq!(Lang::detect(&text), detect_by_chars(&text));
        }
    }
}

/// What kind of text a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A numbered paragraph (`5 -`, `١-`, `16.3`).
    Paragraph,
    /// A lettered sub-paragraph (`(أ)`, `(a)`), labelled `16(a)`.
    SubParagraph,
    /// A heading or title.
    Heading,
    /// A footnote, labelled `fn11`.
    Footnote,
    /// The text under a "Recommendation 5" / "التوصية 5" heading, labelled `rec5`.
    Recommendation,
    /// Any other text: unnumbered paragraphs, preambles, list items.
    Other,
}

impl UnitKind {
    /// Every kind, in declaration order.
    pub const ALL: [UnitKind; 6] = [
        UnitKind::Paragraph,
        UnitKind::SubParagraph,
        UnitKind::Heading,
        UnitKind::Footnote,
        UnitKind::Recommendation,
        UnitKind::Other,
    ];

    /// The name used in the index, on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Paragraph => "paragraph",
            UnitKind::SubParagraph => "sub_paragraph",
            UnitKind::Heading => "heading",
            UnitKind::Footnote => "footnote",
            UnitKind::Recommendation => "recommendation",
            UnitKind::Other => "other",
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for UnitKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        UnitKind::ALL
            .into_iter()
            .find(|k| {
                k.name() == wanted || (wanted == "subparagraph" && *k == UnitKind::SubParagraph)
            })
            .ok_or_else(|| {
                format!(
                    "unknown unit kind {s:?} (expected one of: {})",
                    UnitKind::ALL.map(|k| k.name()).join(", ")
                )
            })
    }
}

/// What is known about one language version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// The document id: the UN symbol when known (`A/RES/76/7`), otherwise derived from the
    /// file name. Language versions of one document share it.
    pub id: String,
    /// The UN document symbol, when known.
    pub symbol: Option<String>,
    /// Where the file was read from.
    pub path: PathBuf,
    /// The language of this version.
    pub lang: Lang,
    /// Date as printed or from the manifest, ISO `YYYY-MM-DD` where it could be parsed.
    pub date: Option<String>,
    /// The document's title, when known.
    pub title: Option<String>,
}

/// One indexable unit of a document version, with its anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// The id of the document the unit belongs to ([`DocMeta::id`]).
    pub doc: String,
    /// The unit kind.
    pub kind: UnitKind,
    /// Canonical label: `14`, `16(a)`, `16.3`, `1.a`, `fn11`, `rec5`; `None` for unlabelled text.
    pub label: Option<String>,
    /// Position of the unit in its document version, from 1.
    pub ordinal: u32,
    /// Language of the unit.
    pub lang: Lang,
    /// The original text of the unit, page furniture and interleaved footnotes removed; pieces
    /// of a paragraph broken by a page break are joined by one space.
    pub text: String,
    /// Byte offset in the source file where the unit starts.
    pub start: usize,
    /// Byte offset in the source file where the unit ends (exclusive).
    pub end: usize,
}

impl Unit {
    /// The language the unit's text is analysed in: judged by its own script, so an English
    /// title or footnote inside an Arabic document gets the English analysis; the version's
    /// language when the text has no letters.
    pub fn text_lang(&self) -> Lang {
        text_lang(&self.text, self.lang)
    }
}

/// The language `text` is analysed in: by its script, else `version_lang`. The indexer and the
/// highlighter both use it, so a text is always re-analysed as it was indexed.
pub fn text_lang(text: &str, version_lang: Lang) -> Lang {
    Lang::detect(text).unwrap_or(version_lang)
}

/// A document version as segmented: its metadata and its units in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// What is known about the document.
    pub meta: DocMeta,
    /// The units, in document order (ordinals 1, 2, 3, …).
    pub units: Vec<Unit>,
}
