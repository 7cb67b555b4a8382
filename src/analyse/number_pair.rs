//! Number pairs N/M written in either order are one term.
//!
//! Arabic UN texts write a resolution or decision number both ways (the corpus has ٧١/١٦٧ and
//! ١٦٧/٧١ for resolution 71/167), so a pair of two numbers is indexed in one canonical order:
//! the smaller number first (`167/71` → `71/167`). One token rather than both orders keeps
//! positions, and so phrase queries, exact. The price: a date-like pair `2015/16` also matches
//! `16/2015`, which no text means differently. Longer symbols (`12/10/2021`, `A/RES/76/7`)
//! keep their order. Runs after normalisation, so every digit is ASCII here.

use super::filter::{token_filter, TermFilter};
use std::cmp::Ordering;

/// Token filter putting number pairs in canonical order.
#[derive(Clone, Copy, Debug, Default)]
pub struct NumberPairOrder;

/// Compares two runs of ASCII digits by value, whatever their length.
fn compare_numbers(a: &str, b: &str) -> Ordering {
    let (a_trim, b_trim) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    a_trim
        .len()
        .cmp(&b_trim.len())
        .then_with(|| a_trim.cmp(b_trim))
        .then_with(|| a.len().cmp(&b.len()))
}

/// The two numbers of `term` when it is a pair `N/M`.
fn split_pair(term: &str) -> Option<(&str, &str)> {
    let (first, second) = term.split_once('/')?;
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (is_number(first) && is_number(second)).then_some((first, second))
}

/// Rewrites a number pair of `term` into canonical order.
pub(crate) fn order_pair(term: &mut String, buffer: &mut String) {
    let Some((first, second)) = split_pair(term) else {
        return;
    };
    if compare_numbers(first, second) == Ordering::Greater {
        buffer.clear();
        buffer.push_str(second);
        buffer.push('/');
        buffer.push_str(first);
        std::mem::swap(term, buffer);
    }
}

impl TermFilter for NumberPairOrder {
    #[inline]
    fn apply(&mut self, term: &mut String, buffer: &mut String) -> bool {
        order_pair(term, buffer);
        true
    }
}

token_filter!(NumberPairOrder);

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(text: &str) -> String {
        let (mut term, mut buffer) = (text.to_owned(), String::new());
        order_pair(&mut term, &mut buffer);
        term
    }

    #[test]
    fn the_smaller_number_comes_first() {
        assert_eq!(ordered("167/71"), "71/167");
        assert_eq!(ordered("71/167"), "71/167");
        assert_eq!(ordered("7/1"), "1/7");
        assert_eq!(ordered("1/7"), "1/7");
        assert_eq!(ordered("09/10"), "09/10");
        assert_eq!(ordered("10/09"), "09/10");
    }

    #[test]
    fn other_terms_keep_their_order() {
        for term in [
            "12/10/2021",
            "a/res/76/7",
            "s/2016/949",
            "71",
            "wg.4/2021",
            "b/a",
            "/7",
        ] {
            assert_eq!(ordered(term), term);
        }
    }
}
