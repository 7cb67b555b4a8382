//! Canonical labels: one spelling for an anchor whatever script or punctuation printed it.
//!
//! | printed                                   | canonical |
//! |-------------------------------------------|-----------|
//! | `14`, `١٤`, `۱۴`, `- 14 -`, `14.`, `١٤-`   | `14`      |
//! | `16 (a)`, `١٦ (أ)`, `16(a)`               | `16(a)`   |
//! | `(أ)`, `(a)` (no paragraph printed)       | `(a)`     |
//! | `16.3`, `16-3`, `١٦-٣`                    | `16.3`    |
//! | `1.a`, `1-أ`                              | `1.a`     |
//! | `16.2.2`, `16-2-2`, `1-أ-1`               | `16.2.2`, `1.a.1` |
//! | `Goal 16`, `الهدف 16`                     | `goal16`  |
//! | `Article 18`, `المادة 18`                 | `art18`   |
//! | `Recommendation 5`, `التوصية 5`           | `rec5`    |
//! | `footnote 11`, `fn11`, `(11)` as a footnote | `fn11`  |
//!
//! Why: delegates cite "A/RES/76/7, paragraph 16 (a)" in either language. The Arabic version
//! prints the same anchor with Arabic-Indic digits and Arabic letters in abjad order
//! (أ ب ج د هـ و ز ح ط ي …), which the UN maps one-to-one onto a b c d e f g h i j …; folding both
//! to one spelling is what lets the two language versions (and a user's query) meet.

use crate::analyse::digits::digit_value;

/// Arabic sub-paragraph letters in the order the UN uses them (abjad order), index = Latin
/// letter offset from `a`. `ه` also appears without the kashida as `هـ`.
const ARABIC_LETTERS: [&str; 26] = [
    "أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
    "ر", "ش", "ت", "ث", "خ", "ذ", "ض",
];

/// The Latin letter an Arabic sub-paragraph letter stands for (`أ` → `a`, `هـ` → `e`).
/// Accepts the letter with or without tatweel (U+0640) and `ا`/`إ` for `أ`.
pub fn arabic_letter_to_latin(letter: &str) -> Option<char> {
    let bare: String = letter.chars().filter(|&c| c != '\u{0640}').collect();
    let bare = match bare.as_str() {
        "ا" | "إ" | "آ" => "أ",
        "ة" => "ه",
        other => other,
    }
    .to_string();
    ARABIC_LETTERS
        .iter()
        .position(|l| *l == bare)
        .map(|i| char::from(b'a' + i as u8))
}

/// A sub-paragraph letter as printed (`a`, `أ`, `هـ`) → its Latin letter, if it is one.
pub fn letter_value(printed: &str) -> Option<char> {
    let mut chars = printed.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() => Some(c),
        _ => arabic_letter_to_latin(printed),
    }
}

/// The value of a run of decimal digits of any script (`١٤` → 14); `None` when `s` is empty,
/// holds anything else, or is too long to be a paragraph number.
pub fn number_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 6 {
        return None;
    }
    s.chars()
        .try_fold(0u32, |acc, c| digit_value(c).map(|d| acc * 10 + d))
}

/// The canonical form of a label as printed or typed, or `None` when `printed` is not a label.
///
/// See the module table. Context-free: a bare `(أ)` gives `(a)`; the segmenter prefixes the
/// paragraph it belongs to (`16(a)`).
pub fn canonical_label(printed: &str) -> Option<String> {
    let s = printed
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let s = s.trim_end_matches(['.', ')', ':']).trim();
    if s.is_empty() {
        return None;
    }
    let s = if printed.trim().ends_with(')') && s.contains('(') {
        // Put back the closing parenthesis trimmed above: `16 (a)`.
        format!("{s})")
    } else {
        s.to_string()
    };
    let lower = s.to_lowercase();
    for (words, prefix) in KEYWORD_PREFIXES {
        for word in *words {
            if let Some(rest) = lower.strip_prefix(word) {
                let rest = rest.trim_start_matches([' ', '.', '(', ')', '-']).trim();
                let rest = rest.trim_end_matches(['.', ')', '-', ' ']);
                return number_value(rest).map(|n| format!("{prefix}{n}"));
            }
        }
    }
    if let Some(inner) = s.strip_prefix('(') {
        let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
        if let Some(letter) = letter_value(inner) {
            return Some(format!("({letter})"));
        }
        return number_value(inner).map(|n| n.to_string());
    }
    if let Some(n) = number_value(&s) {
        return Some(n.to_string());
    }
    if let Some(label) = paragraph_with_letter(&s) {
        return Some(label);
    }
    dotted_label(&s)
}

/// Words that introduce a labelled unit, lower-cased, and the prefix of their canonical label.
/// The paragraph words map to a bare number.
const KEYWORD_PREFIXES: &[(&[&str], &str)] = &[
    (&["goal", "الهدف"], "goal"),
    (&["article", "art", "المادة"], "art"),
    (&["recommendation", "rec", "التوصية"], "rec"),
    (&["footnote", "fn", "الحاشية"], "fn"),
    (&["paragraph", "para", "الفقرة"], ""),
];

/// `16 (a)`, `١٦(أ)` → `16(a)`.
fn paragraph_with_letter(s: &str) -> Option<String> {
    let open = s.find('(')?;
    let number = number_value(s[..open].trim())?;
    let inner = s[open + 1..].strip_suffix(')')?.trim();
    let letter = letter_value(inner)?;
    Some(format!("{number}({letter})"))
}

/// `16.3`, `16-3`, `1-أ`, `16-2-2`, `1.a.1` → dot-separated, ASCII digits, Latin letters.
/// The first part is a number below 1000; later parts are such numbers or single letters; two
/// or three parts (so a year range such as `2021-2025` is no label).
pub fn dotted_label(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['.', '-', '–']).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let small_number = |part: &str| number_value(part).filter(|&n| n < 1000);
    let mut out = small_number(parts[0])?.to_string();
    for part in &parts[1..] {
        out.push('.');
        if let Some(n) = small_number(part) {
            out.push_str(&n.to_string());
        } else {
            out.push(letter_value(part)?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        canonical_label(s)
    }

    #[test]
    fn paragraph_numbers_fold_to_ascii_in_every_printed_style() {
        for printed in [
            "14",
            "١٤",
            "۱۴",
            "- 14 -",
            "14.",
            "١٤-",
            "- ١٤ -",
            "paragraph 14",
        ] {
            assert_eq!(canon(printed).as_deref(), Some("14"), "{printed}");
        }
    }

    #[test]
    fn arabic_letters_map_to_latin_in_un_order() {
        let arabic = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي"];
        for (i, letter) in arabic.iter().enumerate() {
            assert_eq!(
                letter_value(letter),
                Some(char::from(b'a' + i as u8)),
                "{letter}"
            );
        }
        assert_eq!(canon("(أ)").as_deref(), Some("(a)"));
        assert_eq!(canon("١٦ (هـ)").as_deref(), Some("16(e)"));
        assert_eq!(canon("16 (e)").as_deref(), Some("16(e)"));
    }

    #[test]
    fn targets_and_indicators_canonicalise_alike_in_both_languages() {
        assert_eq!(canon("16-3"), canon("16.3"));
        assert_eq!(canon("16.3").as_deref(), Some("16.3"));
        assert_eq!(canon("1-أ"), canon("1.a"));
        assert_eq!(canon("1.a").as_deref(), Some("1.a"));
        assert_eq!(canon("16-2-2").as_deref(), Some("16.2.2"));
        assert_eq!(canon("1-أ-1").as_deref(), Some("1.a.1"));
    }

    #[test]
    fn keyword_anchors_get_their_prefix() {
        assert_eq!(canon("Goal 16").as_deref(), Some("goal16"));
        assert_eq!(canon("الهدف 16 -").as_deref(), Some("goal16"));
        assert_eq!(canon("Article 18").as_deref(), Some("art18"));
        assert_eq!(canon("المادة ١٨").as_deref(), Some("art18"));
        assert_eq!(canon("التوصية 5").as_deref(), Some("rec5"));
        assert_eq!(canon("Recommendation 5").as_deref(), Some("rec5"));
        assert_eq!(canon("fn11").as_deref(), Some("fn11"));
    }

    #[test]
    fn non_labels_are_refused() {
        for s in [
            "",
            "-",
            "trafficking",
            "A/RES/76/7",
            "2021-2025",
            "1-2-3-4",
            "(xyz)",
        ] {
            assert_eq!(canon(s), None, "{s}");
        }
    }
}
