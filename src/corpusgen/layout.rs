//! How a generated document is printed: the UN layout of the real files, in both languages.
//!
//! | element | English | Arabic | why |
//! |---|---|---|---|
//! | header | `United Nations`, symbol, organ, `Distr.: General` + date, `Original: English`, agenda item, title | `الأمم المتحدة`, symbol, organ, `Distr.: General` + date, `Arabic` / `Original: English`, `البند N من جدول الأعمال`, title | ingest reads symbol and date from here |
//! | section heading | `II. Title` | `ثانياً - Title` | headings are units of their own |
//! | paragraph | `12. Text` | one style per document: `12 - `, `١٢ - `, `١٢- `, `- 12 - ` | the numbering styles of the sample corpus |
//! | sub-paragraph | `(a) Text` | `(أ) Text` | lettered sub-paragraphs |
//! | footnote | marker `⁽3⁾` in the text, body `(3) Text` after a rule at the page end | same | footnotes interleave with paragraphs, as extracted from PDF |
//! | page furniture | job number, `Please recycle` (page 1); symbol header and page number (later pages) | the recycling notice, job number; same | what segmentation must drop |
//!
//! Both versions of a bilingual document break pages at the same paragraphs, so furniture and
//! footnotes fall between the same units in both.

use super::rng::SplitMix64;
use crate::segment::furniture::RECYCLING_NOTICES;
use crate::Lang;

/// Characters of body text per page (a UN page holds about 3,000).
const PAGE_CHARS: usize = 3_000;

/// Letters of sub-paragraphs, in order.
const EN_LETTERS: [&str; 20] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t",
];
const AR_LETTERS: [&str; 20] = [
    "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
    "ر",
];
const EN_SECTIONS: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
const AR_SECTIONS: [&str; 10] = [
    "أولاً",
    "ثانياً",
    "ثالثاً",
    "رابعاً",
    "خامساً",
    "سادساً",
    "سابعاً",
    "ثامناً",
    "تاسعاً",
    "عاشراً",
];

/// How an Arabic version prints its paragraph numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArabicNumbering {
    /// `12 - `
    AsciiSpacedDash,
    /// `١٢ - `
    IndicSpacedDash,
    /// `١٢- `
    IndicDash,
    /// `- 12 - `
    LeadingDash,
}

impl ArabicNumbering {
    /// One of the styles, at random.
    pub fn pick(rng: &mut SplitMix64) -> ArabicNumbering {
        match rng.below(4) {
            0 => ArabicNumbering::AsciiSpacedDash,
            1 => ArabicNumbering::IndicSpacedDash,
            2 => ArabicNumbering::IndicDash,
            _ => ArabicNumbering::LeadingDash,
        }
    }

    fn label(self, n: u32) -> String {
        match self {
            ArabicNumbering::AsciiSpacedDash => format!("{n} - "),
            ArabicNumbering::IndicSpacedDash => format!("{} - ", indic(n)),
            ArabicNumbering::IndicDash => format!("{}- ", indic(n)),
            ArabicNumbering::LeadingDash => format!("- {n} - "),
        }
    }
}

/// `n` in Arabic-Indic digits.
pub fn indic(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// What is printed in the header of both versions.
#[derive(Debug, Clone)]
pub struct Header {
    /// The document symbol.
    pub symbol: String,
    /// `(day, month 1-12, year)`.
    pub date: (u32, u32, u32),
    /// Agenda item number.
    pub agenda_item: u32,
    /// Job number (`V.29-99999` style), printed in the first page's furniture.
    pub job: String,
}

/// One language version being written: the file text and the units it holds, in file order.
#[derive(Debug)]
pub struct VersionWriter {
    /// The language.
    pub lang: Lang,
    /// The file text so far.
    pub text: String,
    /// The texts of the units written (headings, paragraphs, sub-paragraphs, footnotes).
    pub units: Vec<String>,
    numbering: ArabicNumbering,
    notes: Vec<(u32, String)>,
    page: u32,
    page_chars: usize,
}

impl VersionWriter {
    /// A version with its header printed.
    pub fn new(lang: Lang, header: &Header, title: &str, numbering: ArabicNumbering) -> Self {
        let mut w = VersionWriter {
            lang,
            text: String::new(),
            units: Vec::new(),
            numbering,
            notes: Vec::new(),
            page: 1,
            page_chars: 0,
        };
        let (day, month, year) = header.date;
        let date = format!(
            "{day} {} {year}",
            crate::ingest::metadata::MONTHS[(month.clamp(1, 12) - 1) as usize]
        );
        let organ = organ(&header.symbol, lang);
        match lang {
            Lang::En => {
                w.block(&format!("United Nations\n\n{}", header.symbol));
                if let Some(organ) = organ {
                    w.block(organ);
                }
                w.block(&format!("Distr.: General\n{date}"));
                w.block("Original: English");
                w.block(&format!("Item {} of the agenda", header.agenda_item));
            }
            Lang::Ar => {
                w.block(&format!("الأمم المتحدة\n\n{}", header.symbol));
                if let Some(organ) = organ {
                    w.block(organ);
                }
                w.block(&format!("Distr.: General\n{date}"));
                w.block("Arabic\nOriginal: English");
                w.block(&format!("البند {} من جدول الأعمال", header.agenda_item));
            }
        }
        w.block(title);
        w
    }

    fn block(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push_str("\n\n");
    }

    fn unit(&mut self, printed: &str, text: &str) {
        self.block(printed);
        self.page_chars += printed.len();
        self.units.push(text.to_string());
    }

    /// A section heading; `section` numbers the first ten.
    pub fn heading(&mut self, section: Option<usize>, text: &str) {
        let printed = match (section, self.lang) {
            (Some(s), Lang::En) if s < EN_SECTIONS.len() => format!("{}. {text}", EN_SECTIONS[s]),
            (Some(s), Lang::Ar) if s < AR_SECTIONS.len() => format!("{} - {text}", AR_SECTIONS[s]),
            _ => text.to_string(),
        };
        self.unit(&printed, text);
    }

    /// Numbered paragraph `n`, with footnote `note` (its number and body) marked in it.
    pub fn paragraph(&mut self, n: u32, text: &str, note: Option<(u32, &str)>) {
        let body = match note {
            Some((k, note_text)) => {
                self.notes.push((k, note_text.to_string()));
                with_marker(text, k)
            }
            None => text.to_string(),
        };
        let label = match self.lang {
            Lang::En => format!("{n}. "),
            Lang::Ar => self.numbering.label(n),
        };
        self.unit(&format!("{label}{body}"), text);
    }

    /// Sub-paragraph `index` (0 → `(a)` / `(أ)`).
    pub fn sub_paragraph(&mut self, index: usize, text: &str) {
        let letters = match self.lang {
            Lang::En => &EN_LETTERS,
            Lang::Ar => &AR_LETTERS,
        };
        let letter = letters[index % letters.len()];
        self.unit(&format!("({letter}) {text}"), text);
    }

    /// Whether the current page is full.
    pub fn page_full(&self) -> bool {
        self.page_chars >= PAGE_CHARS
    }

    /// Ends the page: its footnotes, then its furniture; `last` for the document's end.
    pub fn end_page(&mut self, header: &Header, last: bool) {
        if !self.notes.is_empty() {
            self.block("__________________");
            for (k, note) in std::mem::take(&mut self.notes) {
                self.unit(&format!("({k}) {note}"), &note);
            }
        }
        if last {
            return;
        }
        let (day, month, year) = header.date;
        let stamp = format!("{:02}{:02}{:02}", day, month, year % 100);
        if self.page == 1 {
            match self.lang {
                Lang::En => {
                    self.block(&format!("{} (E)    {stamp}    {stamp}", header.job));
                    self.block(RECYCLING_NOTICES[1]);
                }
                Lang::Ar => {
                    self.block(RECYCLING_NOTICES[0]);
                    self.block(&format!("{stamp} {stamp} {} (A)", header.job));
                }
            }
        } else {
            self.block(&format!("{}", self.page));
        }
        self.page += 1;
        self.page_chars = 0;
        self.block(&header.symbol);
    }
}

/// The organ a symbol's series belongs to, as printed under the symbol.
fn organ(symbol: &str, lang: Lang) -> Option<&'static str> {
    let series = symbol.split('/').next().unwrap_or("");
    let names = match series {
        "A" => ("General Assembly", "الجمعية العامة"),
        "S" => ("Security Council", "مجلس الأمن"),
        "E" => ("Economic and Social Council", "المجلس الاقتصادي والاجتماعي"),
        _ => return None,
    };
    Some(match lang {
        Lang::En => names.0,
        Lang::Ar => names.1,
    })
}

/// The text with footnote marker `⁽k⁾` after its last word (before a final full stop).
fn with_marker(text: &str, k: u32) -> String {
    let marker = format!("⁽{k}⁾");
    match text.strip_suffix('.') {
        Some(body) => format!("{body}{marker}."),
        None => format!("{text}{marker}"),
    }
}

/// A header for generated document `index`, its symbol in `family`.
pub fn header(rng: &mut SplitMix64, family: &str, index: usize) -> Header {
    let year = rng.between(2010, 2024) as u32;
    let job_office = if rng.chance(0.5) { "V." } else { "" };
    Header {
        symbol: format!("{family}/{}", 100 + index),
        date: (rng.between(1, 28) as u32, rng.between(1, 12) as u32, year),
        agenda_item: rng.between(2, 180) as u32,
        job: format!("{job_office}{:02}-{:05}", year % 100, rng.below(100_000)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_numbering_styles_print_as_in_the_corpus() {
        assert_eq!(ArabicNumbering::IndicDash.label(57), "٥٧- ");
        assert_eq!(ArabicNumbering::IndicSpacedDash.label(123), "١٢٣ - ");
        assert_eq!(ArabicNumbering::LeadingDash.label(5), "- 5 - ");
        assert_eq!(ArabicNumbering::AsciiSpacedDash.label(78), "78 - ");
    }

    #[test]
    fn footnotes_go_to_the_page_end_after_a_rule() {
        let mut rng = SplitMix64::new(1);
        let h = header(&mut rng, "A/69", 3);
        assert_eq!(h.symbol, "A/69/103");
        let mut w = VersionWriter::new(Lang::En, &h, "Title", ArabicNumbering::IndicDash);
        w.paragraph(1, "The Committee met.", Some((1, "See A/69/1.")));
        w.end_page(&h, false);
        let rule = w.text.find("__________________").unwrap();
        assert!(w.text.contains("1. The Committee met⁽1⁾."));
        assert!(w.text[rule..].starts_with("__________________\n\n(1) See A/69/1."));
        assert!(w.text.contains("Please recycle"));
        assert_eq!(w.units, vec!["The Committee met.", "See A/69/1."]);
    }
}
