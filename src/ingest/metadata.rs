//! Document metadata: id, symbol, language, date and title of one file.
//!
//! Each field comes from the first source that knows it:
//!
//! | field    | 1. manifest | 2. the document's own header | 3. the file name |
//! |----------|-------------|------------------------------|------------------|
//! | symbol   | `symbol`    | a symbol alone on a line in the header or next to a page footer (running header); a resolution title `7/76 - …` (Arabic) or `76/7. …` (English) → `A/RES/76/7` | `A_RES_70_1-targets.en.txt` → `A/RES/70/1` |
//! | language | `language`  | the letters of the text ([`Lang::detect`]) — after the file name | `.en` / `.ar` before the extension |
//! | date     | `date`      | the date under `Distr.: General` → ISO | — |
//! | title    | `title`     | the resolution title line | — |
//!
//! The document id is the symbol when known, else the file name without its extension and
//! language suffix, so the `.en` and `.ar` versions of one document always share an id. A text
//! with no letters at all (and no other clue) is taken as English. "Original: English" is *not*
//! the language of the file: it names the language the text was drafted in.

use super::manifest::ManifestEntry;
use crate::model::{DocMeta, Lang};
use crate::segment::furniture::{is_job_line, is_symbol_line};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Lines of the header searched for a symbol, a date and a title.
const HEADER_LINES: usize = 60;

static RESOLUTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    // `7/76 - title` (Arabic prints number/session) or `76/7. title` (English session/number).
    let pattern = r"^(?:(\d{1,4})/(\d{2,3})\s*[-–]\s+(.+)|(\d{2,3})/(\d{1,4})\.\s+(.+))$";
    Regex::new(pattern).unwrap() // ok: constant pattern, compiled by the tests
});
static DISTR_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})$")
        .unwrap() // ok: constant
});
static FILE_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,6}(?:_[A-Za-z0-9.]+){2,}$").unwrap() // ok: constant
});

/// The metadata of the file at `path` with contents `text`, given what the manifest says.
pub fn resolve(path: &Path, text: &str, entry: Option<&ManifestEntry>) -> DocMeta {
    let header = Header::read(text);
    let symbol = entry
        .and_then(|e| e.symbol.clone())
        .or(header.symbol)
        .or_else(|| symbol_from_file_name(path));
    let lang = entry
        .and_then(|e| e.language)
        .or_else(|| lang_from_file_name(path))
        .or_else(|| Lang::detect(text))
        .unwrap_or(Lang::En);
    DocMeta {
        id: symbol.clone().unwrap_or_else(|| base_name(path)),
        symbol,
        path: path.to_path_buf(),
        lang,
        date: entry.and_then(|e| e.date.clone()).or(header.date),
        title: entry.and_then(|e| e.title.clone()).or(header.title),
    }
}

/// What the first lines of a document say about it.
#[derive(Debug, Default)]
struct Header {
    symbol: Option<String>,
    date: Option<String>,
    title: Option<String>,
}

impl Header {
    fn read(text: &str) -> Header {
        let mut header = Header::default();
        let mut after_distr = false;
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(HEADER_LINES)
        {
            if header.symbol.is_none() && is_symbol_line(line) {
                header.symbol = Some(line.to_string());
            }
            if after_distr && header.date.is_none() {
                header.date = iso_date(line);
            }
            after_distr = line.starts_with("Distr");
            if let Some(c) = RESOLUTION_TITLE.captures(line) {
                let (session, number, title) = match (c.get(1), c.get(4)) {
                    (Some(number), _) => (c.get(2), Some(number), c.get(3)),
                    _ => (c.get(4), c.get(5), c.get(6)),
                };
                if let (Some(session), Some(number), None) = (session, number, &header.symbol) {
                    header.symbol = Some(format!("A/RES/{}/{}", session.as_str(), number.as_str()));
                    header.title = title.map(|t| t.as_str().trim().to_string());
                }
            }
        }
        if header.symbol.is_none() {
            header.symbol = running_header_symbol(text);
        }
        header
    }
}

/// Lines around a page footer searched for the running header.
const PAGE_EDGE_LINES: usize = 4;

/// The symbol printed alone on a line next to a page footer (job number): the running header
/// of a page, i.e. the document's own symbol (`CTOC/COP/WG.4/2019/6` in a PDF extraction).
fn running_header_symbol(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines.iter().enumerate().find_map(|(i, line)| {
        let near =
            &lines[i.saturating_sub(PAGE_EDGE_LINES)..(i + PAGE_EDGE_LINES + 1).min(lines.len())];
        (is_symbol_line(line) && near.iter().any(|l| is_job_line(l))).then(|| line.to_string())
    })
}

/// English month names, as the Distr. block prints dates (`23 November 2021`).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `23 November 2021` → `2021-11-23`.
fn iso_date(line: &str) -> Option<String> {
    let c = DISTR_DATE.captures(line)?;
    let month = MONTHS.iter().position(|m| *m == &c[2])? + 1;
    let day: u32 = c[1].parse().ok()?;
    Some(format!("{}-{month:02}-{day:02}", &c[3]))
}

/// The file name without its extension and without a `.en`/`.ar` language suffix:
/// `A_RES_70_1-targets.en.txt` → `A_RES_70_1-targets`.
pub fn base_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('.') {
        Some((base, suffix)) if suffix.parse::<Lang>().is_ok() && !base.is_empty() => {
            base.to_string()
        }
        _ => stem,
    }
}

/// The language a `.en`/`.ar` suffix before the extension names.
pub fn lang_from_file_name(path: &Path) -> Option<Lang> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let (_, suffix) = stem.rsplit_once('.')?;
    match suffix.to_ascii_lowercase().as_str() {
        "en" => Some(Lang::En),
        "ar" => Some(Lang::Ar),
        _ => None,
    }
}

/// A symbol spelt with `_` for `/` at the start of the file name, before any `-` description:
/// `A_RES_70_1-targets.en.txt` → `A/RES/70/1`.
pub fn symbol_from_file_name(path: &Path) -> Option<String> {
    let base = base_name(path);
    let head = base.split('-').next()?;
    FILE_SYMBOL.is_match(head).then(|| head.replace('_', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_symbol_language_and_a_shared_base() {
        let en = Path::new("x/A_RES_70_1-targets.en.txt");
        let ar = Path::new("x/A_RES_70_1-targets.ar.txt");
        assert_eq!(symbol_from_file_name(en).as_deref(), Some("A/RES/70/1"));
        assert_eq!(lang_from_file_name(en), Some(Lang::En));
        assert_eq!(lang_from_file_name(ar), Some(Lang::Ar));
        assert_eq!(base_name(en), base_name(ar));
        assert_eq!(
            symbol_from_file_name(Path::new("000_8c5876052fc161d3.txt")),
            None
        );
        assert_eq!(
            symbol_from_file_name(Path::new("2015_a_68_908.en.txt")),
            None
        );
    }

    #[test]
    fn the_header_gives_symbol_date_and_title() {
        let text = "Distr.: General\n23 November 2021\n\nقرار اتخذته الجمعية العامة\n\n7/76 - الإعلان السياسي\n";
        let meta = resolve(Path::new("doc.txt"), text, None);
        assert_eq!(meta.symbol.as_deref(), Some("A/RES/76/7"));
        assert_eq!(meta.id, "A/RES/76/7");
        assert_eq!(meta.date.as_deref(), Some("2021-11-23"));
        assert_eq!(meta.title.as_deref(), Some("الإعلان السياسي"));
        assert_eq!(meta.lang, Lang::Ar);
        let english = resolve(Path::new("r.txt"), "76/7. Political declaration\n", None);
        assert_eq!(english.symbol.as_deref(), Some("A/RES/76/7"));
    }

    #[test]
    fn the_manifest_wins() {
        let entry = ManifestEntry {
            symbol: Some("XYZ/COP/2031/9".into()),
            language: Some(Lang::Ar),
            ..Default::default()
        };
        let meta = resolve(Path::new("A_RES_1_2.en.txt"), "7/76 - x", Some(&entry));
        assert_eq!(meta.id, "XYZ/COP/2031/9");
        assert_eq!(meta.lang, Lang::Ar);
    }
}
