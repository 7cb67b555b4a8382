//! Anchors: units of the two versions that carry the same canonical label.
//!
//! | rule | why |
//! |---|---|
//! | a label counts only if it occurs exactly once on each side | `1.` inside every article of the Universal Declaration, a list restarting its numbering: a repeated label names no single unit |
//! | of the matches, the longest chain increasing on both sides is kept | a stray label (a number the segmenter took for a paragraph number, a misprint) must not force a crossing; the longest increasing subsequence drops the fewest matches |
//!
//! A label present in one version only simply is no anchor: its unit falls into the stretch
//! between two anchors and the stretch aligner decides (often a 1–0).

use crate::model::Unit;
use std::collections::HashMap;

/// The anchor pairs `(index in a, index in b)`, strictly increasing on both sides.
pub(crate) fn anchors(a: &[Unit], b: &[Unit]) -> Vec<(usize, usize)> {
    let labels_a = unique_labels(a);
    let labels_b = unique_labels(b);
    let mut matches: Vec<(usize, usize)> = labels_a
        .iter()
        .filter_map(|(label, &i)| labels_b.get(label).map(|&j| (i, j)))
        .collect();
    matches.sort_unstable();
    longest_increasing_chain(&matches)
}

/// Each label occurring exactly once in `units`, with the index of its unit.
fn unique_labels(units: &[Unit]) -> HashMap<&str, usize> {
    let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, unit) in units.iter().enumerate() {
        if let Some(label) = unit.label.as_deref() {
            seen.entry(label)
                .and_modify(|slot| *slot = None)
                .or_insert(Some(i));
        }
    }
    seen.into_iter()
        .filter_map(|(label, slot)| slot.map(|i| (label, i)))
        .collect()
}

/// The longest subsequence of `pairs` (sorted by `.0`, each `.0` distinct) whose `.1` strictly
/// increases; patience sorting, O(k log k).
fn longest_increasing_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[len] = index in `pairs` of the smallest `.1` ending a chain of length len + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let len = tails.partition_point(|&t| pairs[t].1 < j);
        previous[k] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(k);
        } else {
            tails[len] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied();
    while let Some(k) = cursor {
        chain.push(pairs[k]);
        cursor = previous[k];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::test_units::units;

    #[test]
    fn matching_unique_labels_become_anchors() {
        let a = units(&[(Some("1"), "one"), (None, "x"), (Some("2"), "two")]);
        let b = units(&[(Some("1"), "un"), (Some("2"), "deux")]);
        assert_eq!(anchors(&a, &b), vec![(0, 0), (2, 1)]);
    }

    #[test]
    fn repeated_labels_are_not_anchors() {
        let a = units(&[
            (Some("art1"), ""),
            (Some("1"), ""),
            (Some("art2"), ""),
            (Some("1"), ""),
        ]);
        let b = units(&[
            (Some("art1"), ""),
            (Some("1"), ""),
            (Some("art2"), ""),
            (Some("1"), ""),
        ]);
        assert_eq!(anchors(&a, &b), vec![(0, 0), (2, 2)]);
    }

    #[test]
    fn a_stray_label_cannot_cause_a_crossing() {
        // b has a stray "5" early on (a number misread as a paragraph label).
        let a = units(&[
            (Some("3"), ""),
            (Some("4"), ""),
            (Some("5"), ""),
            (Some("6"), ""),
        ]);
        let b = units(&[
            (Some("5"), ""),
            (Some("3"), ""),
            (Some("4"), ""),
            (Some("6"), ""),
        ]);
        assert_eq!(anchors(&a, &b), vec![(0, 1), (1, 2), (3, 3)]);
    }

    #[test]
    fn chain_is_the_longest_increasing_one() {
        let pairs = [(0, 4), (1, 1), (2, 2), (3, 0), (4, 3), (5, 5)];
        assert_eq!(
            longest_increasing_chain(&pairs),
            vec![(1, 1), (2, 2), (4, 3), (5, 5)]
        );
        assert!(longest_increasing_chain(&[]).is_empty());
    }
}
