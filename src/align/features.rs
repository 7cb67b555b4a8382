//! What the aligner knows about one unit: its translatable length and the tokens that survive
//! translation unchanged.
//!
//! | feature | how it is taken | why |
//! |---|---|---|
//! | length | letters and digits only; tatweel (ـ) and marks not counted | spacing, punctuation and PDF tatweel vary between versions, the words do not |
//! | number | every run of decimal digits, folded to ASCII (`٥٧` → `57`) | `1 000` (Arabic) vs `1,000`, `١٦٧/٧١` vs `71/167`: the runs survive, their order and separators do not |
//! | symbol | a `/`-joined Latin+digit word (`A/RES/70/1`), lower-cased | UN symbols are printed in Latin script in both versions |
//! | Latin word | two or more Latin letters, lower-cased | names and acronyms (UNICRI, ADC-ICTY) stay Latin in the Arabic text |
//!
//! Numbers of one digit say little (list positions, "two"), so they weigh half; symbols weigh
//! double. English words never meet an Arabic counterpart except these names, so Latin words
//! count only as evidence *for* a match, while a number present on one side only counts a
//! little *against* it (Arabic sometimes spells small numbers out).

use crate::analyse::digits::{digit_value, fold_digit};
use crate::analyse::word_break::is_alphanumeric;
use crate::model::{is_arabic_letter, Unit};
use unicode_normalization::char::is_combining_mark;

/// The kind of a cross-lingual token, which sets its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TokenKind {
    /// A run of one digit.
    ShortNumber,
    /// A run of two or more digits.
    Number,
    /// A Latin-script word.
    Latin,
    /// A UN-style symbol such as `A/RES/70/1`.
    Symbol,
}

impl TokenKind {
    /// How much a shared token of this kind counts.
    pub(crate) fn weight(self) -> f32 {
        match self {
            TokenKind::ShortNumber => 0.5,
            TokenKind::Number | TokenKind::Latin => 1.0,
            TokenKind::Symbol => 2.0,
        }
    }

    fn is_number(self) -> bool {
        matches!(self, TokenKind::ShortNumber | TokenKind::Number)
    }
}

/// One unit's alignment features.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Features {
    /// Letters and digits in the text.
    pub(crate) len: u32,
    /// Cross-lingual tokens as (hash, kind), sorted by hash, without duplicates.
    pub(crate) tokens: Vec<(u64, TokenKind)>,
}

impl Features {
    /// The features of `text`.
    pub(crate) fn of_text(text: &str) -> Features {
        let len = text.chars().filter(|&c| counts_for_length(c)).count();
        let mut tokens = Vec::new();
        for word in text.split(|c: char| c.is_whitespace() || is_separator(c)) {
            collect_word_tokens(word, &mut tokens);
        }
        tokens.sort_unstable();
        tokens.dedup_by_key(|t| t.0);
        Features {
            len: u32::try_from(len).unwrap_or(u32::MAX),
            tokens,
        }
    }

    /// The features of `unit`'s text.
    pub(crate) fn of_unit(unit: &Unit) -> Features {
        Features::of_text(&unit.text)
    }

    fn contains(&self, hash: u64) -> bool {
        self.tokens.binary_search_by_key(&hash, |t| t.0).is_ok()
    }
}

/// How the tokens of one side of a group meet those of the other side.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Overlap {
    /// Weight of the tokens found on both sides.
    pub(crate) shared: f32,
    /// Weight of the numbers found on one side only.
    pub(crate) unmatched_numbers: f32,
}

/// The overlap between the union of `a` units and the union of `b` units (each side one or
/// two units, so membership tests by binary search are cheap and nothing is allocated).
pub(crate) fn overlap(a: &[&Features], b: &[&Features]) -> Overlap {
    let mut result = Overlap::default();
    tally_side(a, b, &mut result, true);
    tally_side(b, a, &mut result, false);
    result
}

/// Adds `from`'s tokens to `result`: shared ones once (when `count_shared`), unmatched numbers
/// always. A token repeated in two units of `from` is counted once.
fn tally_side(from: &[&Features], other: &[&Features], result: &mut Overlap, count_shared: bool) {
    for (k, unit) in from.iter().enumerate() {
        for &(hash, kind) in &unit.tokens {
            if from[..k].iter().any(|earlier| earlier.contains(hash)) {
                continue;
            }
            let found = other.iter().any(|f| f.contains(hash));
            if found && count_shared {
                result.shared += kind.weight();
            } else if !found && kind.is_number() {
                result.unmatched_numbers += kind.weight();
            }
        }
    }
}

/// Whether `c` counts towards a unit's translatable length.
fn counts_for_length(c: char) -> bool {
    // ASCII and the Arabic letters are most characters; they skip Unicode's tables (some
    // Arabic marks are alphabetic, hence the combining-mark test for the rest).
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' => true,
        '\u{0640}' => false,
        _ => c.is_alphanumeric() && !is_combining_mark(c),
    }
}

/// Characters that end a word: punctuation except the ones that hold symbols and names
/// together (`/`, `.`, `-`).
fn is_separator(c: char) -> bool {
    !(is_alphanumeric(c) || matches!(c, '/' | '.' | '-' | '\u{0640}'))
}

fn collect_word_tokens(word: &str, tokens: &mut Vec<(u64, TokenKind)>) {
    let word = word.trim_matches(|c: char| matches!(c, '.' | '-' | '/'));
    if word.is_empty() {
        return;
    }
    if is_symbol(word) {
        let mut symbol = TokenHash::default();
        word.chars()
            .for_each(|c| symbol.push(c.to_ascii_lowercase()));
        tokens.push((symbol.hash, TokenKind::Symbol));
    }
    let (mut digits, mut latin) = (TokenHash::default(), TokenHash::default());
    for c in word.chars().chain(std::iter::once(' ')) {
        if digit_value(c).is_some() {
            digits.push(fold_digit(c));
        } else if digits.chars > 0 {
            let kind = if digits.chars == 1 {
                TokenKind::ShortNumber
            } else {
                TokenKind::Number
            };
            tokens.push((digits.take(), kind));
        }
        if is_latin_letter(c) {
            c.to_lowercase().for_each(|l| latin.push(l));
        } else if latin.chars > 0 {
            let long_enough = latin.chars >= 2;
            let hash = latin.take();
            if long_enough {
                tokens.push((hash, TokenKind::Latin));
            }
        }
    }
}

/// A token's hash built a character at a time (64-bit FNV-1a over the UTF-32 code points), so
/// tokens are never copied into strings.
#[derive(Debug, Clone, Copy)]
struct TokenHash {
    hash: u64,
    chars: usize,
}

impl TokenHash {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn push(&mut self, c: char) {
        for byte in (c as u32).to_le_bytes() {
            self.hash = (self.hash ^ u64::from(byte)).wrapping_mul(Self::PRIME);
        }
        self.chars += 1;
    }

    /// The hash so far, and a fresh start.
    fn take(&mut self) -> u64 {
        std::mem::take(self).hash
    }
}

impl Default for TokenHash {
    fn default() -> Self {
        TokenHash {
            hash: Self::OFFSET_BASIS,
            chars: 0,
        }
    }
}

/// `A/RES/70/1`, `E/CN.15/2015/12`: Latin letters, digits and at least one `/`, no Arabic.
fn is_symbol(word: &str) -> bool {
    word.contains('/')
        && word.chars().any(is_latin_letter)
        && word.chars().any(|c| digit_value(c).is_some())
        && !word.chars().any(is_arabic_letter)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_character_tests_agree_with_unicode_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let alphanumeric = c.is_alphanumeric();
            assert_eq!(
                counts_for_length(c),
                c != '\u{0640}' && alphanumeric && !is_combining_mark(c),
                "{c:?}"
            );
            assert_eq!(
                is_separator(c),
                !(alphanumeric || matches!(c, '/' | '.' | '-' | '\u{0640}')),
                "{c:?}"
            );
        }
    }

    #[test]
    fn length_ignores_tatweel_marks_spaces_and_punctuation() {
        assert_eq!(
            Features::of_text("الاقتصـــادية").len,
            "الاقتصادية".chars().count() as u32
        );
        assert_eq!(Features::of_text("مُطوَّرة").len, 5);
        assert_eq!(Features::of_text("a b, c.").len, 3);
    }

    #[test]
    fn numbers_fold_across_scripts_and_ignore_their_order_and_separators() {
        let en = Features::of_text("resolution 71/167 of 1,000 people");
        let ar = Features::of_text("القرار ١٦٧/٧١ لـ 1 000 شخص");
        let o = overlap(&[&en], &[&ar]);
        // 71, 167, 1 (short) and 000 are shared.
        assert_eq!(o.shared, 3.5);
        assert_eq!(o.unmatched_numbers, 0.0);
    }

    #[test]
    fn symbols_and_latin_names_are_shared_tokens() {
        let en = Features::of_text("UNICRI and ADC-ICTY, see A/RES/70/1.");
        let ar = Features::of_text("المعهد (UNICRI) و ADC-ICTY، انظر A/RES/70/1");
        let o = overlap(&[&en], &[&ar]);
        // unicri, adc, icty, a/res/70/1 (2.0), res, 70, 1 (0.5)
        assert_eq!(o.shared, 1.0 + 1.0 + 1.0 + 2.0 + 1.0 + 1.0 + 0.5);
    }

    #[test]
    fn numbers_on_one_side_only_are_unmatched() {
        let en = Features::of_text("in 2014 and 2015");
        let ar = Features::of_text("في عام 2014");
        let o = overlap(&[&en], &[&ar]);
        assert_eq!(o.shared, 1.0);
        assert_eq!(o.unmatched_numbers, 1.0);
    }

    #[test]
    fn a_token_in_both_units_of_a_merged_side_counts_once() {
        let a1 = Features::of_text("2014 budget");
        let a2 = Features::of_text("2014 report");
        let b = Features::of_text("ميزانية 2014");
        let o = overlap(&[&a1, &a2], &[&b]);
        assert_eq!(o.shared, 1.0);
        assert_eq!(o.unmatched_numbers, 0.0);
    }
}
