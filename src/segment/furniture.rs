//! Page furniture: what the document system prints on every page, which is not the text.
//!
//! | furniture                                  | example                              |
//! |--------------------------------------------|--------------------------------------|
//! | recycling notice                           | `الرجاء إعادة استعمال الورق`, `Please recycle` |
//! | barcode                                    | `*1909715*`                          |
//! | job number, print date, page counter       | `010203 010203 V.29-99999 (A)`, `V.19-09715 7/17`, `GE.15-01234` |
//! | running header: the symbol alone on a line | `CTOC/COP/WG.4/2019/6`               |
//! | Distr. block                               | `Distr.: General`, its date, `Arabic`, `Original: English` |
//!
//! Why: a search for "V.18" or "General" must not find every page of every document, and a
//! paragraph cut by a page break must read as one sentence once the furniture is gone. The rules
//! only ever match a *whole line*, so text that merely mentions a symbol is kept.

use regex::Regex;
use std::sync::LazyLock;

/// The recycling notice printed on a UN document's first page: Arabic, English.
pub const RECYCLING_NOTICES: [&str; 2] = ["الرجاء إعادة استعمال الورق", "Please recycle"];

static RECYCLE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"^(?:{})\W*$", RECYCLING_NOTICES.join("|"));
    Regex::new(&pattern).unwrap() // ok: constant pattern, compiled by the tests
});
/// One token of a job-number line.
static JOB_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Z]{1,2}\.\d{2}-\d{5}|\d{2}-\d{5}|\d{6}|\([A-Z]\)|\d{1,3}/\d{1,3}|\*\d{5,}\*)$",
    )
    .unwrap() // ok: constant
});
static JOB_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"^(?:[A-Z]{1,2}\.\d{2}-\d{5}|\d{2}-\d{5}|\*\d{5,}\*)$";
    Regex::new(pattern).unwrap() // ok: constant pattern, compiled by the tests
});
/// A UN document symbol alone: upper-case series, at least two slashes (`A/76/L.11`).
static SYMBOL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+){2,}$").unwrap() // ok: constant
});
static DISTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Distr\.?\s*:?\s*(?:General|Limited|Restricted)\b").unwrap() // ok: constant
});
/// Lines of the Distr. block after its first line: the date, the language, the original.
static DISTR_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}|Arabic|English|French|Spanish|Russian|Chinese|Original\s*:\s*\w+)$",
    )
    .unwrap() // ok: constant
});

/// Whether `line` (trimmed) is page furniture on its own, whatever its neighbours.
pub fn is_furniture(line: &str) -> bool {
    if RECYCLE.is_match(line) || DISTR.is_match(line) || is_symbol_line(line) {
        return true;
    }
    let mut tokens = line.split_whitespace().peekable();
    tokens.peek().is_some()
        && line.split_whitespace().all(|t| JOB_TOKEN.is_match(t))
        && line.split_whitespace().any(|t| JOB_NUMBER.is_match(t))
}

/// Whether `line` is a page footer carrying a job number or barcode (`V.19-09715 7/17`).
pub fn is_job_line(line: &str) -> bool {
    is_furniture(line) && line.split_whitespace().any(|t| JOB_NUMBER.is_match(t))
}

/// Whether `line` is a document symbol alone on its line (a running header).
pub fn is_symbol_line(line: &str) -> bool {
    SYMBOL_LINE.is_match(line)
}

/// Marks the furniture among `lines` (trimmed): every line [`is_furniture`] matches, plus the
/// date, language and "Original:" lines that directly follow a `Distr.` line.
pub fn furniture_mask(lines: &[&str]) -> Vec<bool> {
    let mut mask = Vec::with_capacity(lines.len());
    let mut in_distr_block = false;
    for line in lines {
        let furniture = if DISTR.is_match(line) {
            in_distr_block = true;
            true
        } else if in_distr_block && DISTR_TAIL.is_match(line) {
            true
        } else {
            in_distr_block = false;
            is_furniture(line)
        };
        mask.push(furniture);
    }
    mask
}

/// Whether the text looks like a document as the document system prints it (a Distr. block
/// with its date, a recycling notice, a barcode or job number), as opposed to a file that
/// already holds one paragraph per blank-line-separated block. A lone `Distr.: General` line is
/// not enough: sampled corpora (UNPC) keep it as a sentence of its own.
pub fn has_page_furniture(lines: &[&str]) -> bool {
    let distr_block = lines
        .windows(2)
        .any(|w| DISTR.is_match(w[0]) && DISTR_TAIL.is_match(w[1]));
    distr_block || lines.iter().any(|l| RECYCLE.is_match(l) || is_job_line(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_recognised() {
        for line in [
            RECYCLING_NOTICES[0],
            "010203 010203 V.29-99999 (A)",
            "*1909715*",
            "V.19-09715 7/17",
            "CTOC/COP/WG.4/2019/6",
            "Distr.: General",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn text_mentioning_furniture_is_kept() {
        for line in [
            "* CTOC/COP/2018/1",
            "9/88 - الإعلان الختامي لعام 2021",
            "الجلسة العامة 37",
            "وتتضمن المذكرة XYZ/COP/WG.7/2031/INF/3/Rev.2 مرفقاً",
            "2021",
            "",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn the_distr_block_is_furniture_up_to_its_end() {
        let lines = [
            "Distr.: General",
            "23 July 2018",
            "Arabic",
            "Original: English",
            "",
            "23 July 2018",
        ];
        assert_eq!(
            furniture_mask(&lines),
            [true, true, true, true, false, false]
        );
    }
}
