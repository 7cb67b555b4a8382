//! Decimal digits of every script (Unicode category Nd) and their value.
//!
//! UN texts mix ASCII digits with Arabic-Indic (٠–٩, U+0660) and Eastern Arabic-Indic
//! (۰–۹, U+06F0) ones; PDF extraction occasionally leaves others. Every Nd block is a run of
//! ten consecutive code points starting at its zero, so one table of zeros folds them all.

/// The zero of every run of decimal digits (Unicode 15, category Nd), in ascending order.
const DIGIT_ZEROS: &[u32] = &[
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60,
    0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0,
    0x1E950, 0x1FBF0,
];

/// The value (0–9) of a decimal digit of any script, or `None` for any other character.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii() {
        return c.to_digit(10);
    }
    if cp < DIGIT_ZEROS[1] {
        // Latin-1, Greek, Cyrillic, Hebrew and the Arabic letters: most text, and no digit.
        return None;
    }
    // The zero at or below `cp`: the table is sorted, and runs never overlap.
    let idx = match DIGIT_ZEROS.binary_search(&cp) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    let offset = cp - DIGIT_ZEROS[idx];
    (offset < 10).then_some(offset)
}

/// `c` as an ASCII digit when it is a decimal digit of any script; otherwise `c` unchanged.
#[inline]
pub fn fold_digit(c: char) -> char {
    match digit_value(c) {
        Some(v) => char::from(b'0' + v as u8),
        None => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_indic_and_eastern_digits_fold_to_ascii() {
        let folded: String = "١٦٧/٧١ ۲۰۲۱".chars().map(fold_digit).collect();
        assert_eq!(folded, "167/71 2021");
    }

    #[test]
    fn every_run_is_ten_numeric_characters() {
        for &zero in DIGIT_ZEROS {
            for v in 0..10 {
                let c = char::from_u32(zero + v).expect("valid code point");
                assert!(c.is_numeric(), "{c:?} (U+{:04X}) is not numeric", zero + v);
                assert_eq!(digit_value(c), Some(v));
            }
        }
    }

    #[test]
    fn no_character_before_the_arabic_indic_zero_is_a_digit_but_ascii_ones() {
        for c in (0..0x0660).filter_map(char::from_u32) {
            assert_eq!(digit_value(c).is_some(), c.is_ascii_digit(), "{c:?}");
        }
    }

    #[test]
    fn letters_and_other_numbers_are_not_digits() {
        for c in ['a', 'ب', '½', 'Ⅻ', '٪', '/', '\u{0640}'] {
            assert_eq!(digit_value(c), None, "{c:?}");
            assert_eq!(fold_digit(c), c);
        }
    }
}
