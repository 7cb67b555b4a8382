//! The monotonic alignment of a stretch of units between two anchors.
//!
//! A dynamic programme over `(i, j)` = "the first `i` units of a and the first `j` of b are
//! aligned", choosing among five moves, each priced as below (lower is better):
//!
//! | move | price |
//! |---|---|
//! | 1–1 | length cost − shared-token bonus + number-mismatch cost ± label agreement |
//! | 2–1, 1–2 | the same on the merged side + [`MERGE_PENALTY`] |
//! | 1–0, 0–1 | [`SKIP_PENALTY`], whatever the length |
//!
//! The length cost is Gale and Church's: the b length is expected to be the document's length
//! ratio times the a length, with a variance growing with the length ([`LENGTH_VARIANCE`]),
//! and the cost is the squared normalised difference over two. The ratio is the document's
//! own (measured on the 1–1 groups of a first pass made with [`LENGTH_RATIO`]), drawn towards
//! [`LENGTH_RATIO`] for short documents ([`RATIO_PRIOR_WEIGHT`]): translations differ in concision (the 1948 Arabic Universal
//! Declaration has 0.65 letters per English one, 2015 UN reports 0.84), and a fixed ratio
//! would shift a whole stretch of a concise translation. The constants were measured on the
//! English → Arabic pairs of `unpc/dev`. A skip has
//! a fixed price rather than Gale and Church's length-proportional one, so that a paragraph
//! missing in one version costs the same whether it is long or short and the rest of the
//! stretch is not shifted to avoid it.
//!
//! Short stretches are solved exactly; in a stretch with more than [`FULL_MATRIX_CELLS`] cells
//! only a band around the diagonal is explored (at least [`BAND_MIN`] units either side), so
//! the work stays linear in the stretch length and a whole collection aligns quickly.

use super::features::{overlap, Features};
use super::AlignedGroup;

/// Expected b length per a length (Arabic letters and digits per English one).
pub(crate) const LENGTH_RATIO: f32 = 0.84;
/// How many a letters' worth of evidence [`LENGTH_RATIO`] weighs against a document's own ratio.
pub(crate) const RATIO_PRIOR_WEIGHT: f32 = 400.0;
/// A document ratio within this fraction of [`LENGTH_RATIO`] is not worth a second pass.
pub(crate) const RATIO_TOLERANCE: f32 = 0.05;
/// Variance of the b length per a length unit, as measured.
pub(crate) const LENGTH_VARIANCE: f32 = 3.2;
/// The most a length difference can cost: less than two skips, so that two units facing each
/// other between the same neighbours are paired (the likeliest counterpart) rather than both
/// left unpaired, however different their lengths.
pub(crate) const LENGTH_COST_CAP: f32 = 2.0 * SKIP_PENALTY - 1.0;
/// Price of leaving one unit without counterpart.
pub(crate) const SKIP_PENALTY: f32 = 5.0;
/// Extra price of a 2–1 or 1–2 group over a 1–1.
pub(crate) const MERGE_PENALTY: f32 = 5.0;
/// Bonus per unit of shared-token weight.
pub(crate) const SHARED_BONUS: f32 = 2.0;
/// Price per unit of weight of a number present on one side only.
pub(crate) const UNMATCHED_NUMBER_COST: f32 = 1.0;
/// Bonus when both units carry the same (repeated, hence non-anchor) label. Different labels
/// cost nothing extra: their numbers already count as unmatched, and versions whose
/// numbering is off by one (`38.` ↔ `39 -`) do occur.
pub(crate) const LABEL_AGREEMENT: f32 = 3.0;
/// Stretches up to this many DP cells are solved on the full matrix.
pub(crate) const FULL_MATRIX_CELLS: usize = 1 << 16;
/// The least half-width of the band explored in longer stretches.
pub(crate) const BAND_MIN: usize = 64;

/// The b letters expected per a letter, measured on `pairs` (units believed to render each
/// other), drawn towards [`LENGTH_RATIO`] by [`RATIO_PRIOR_WEIGHT`], kept within 1/4 and 4.
pub(crate) fn document_ratio<'i, 'a: 'i>(
    pairs: impl Iterator<Item = (&'i Item<'a>, &'i Item<'a>)>,
) -> f32 {
    let (mut total_a, mut total_b) = (0.0f32, 0.0f32);
    for (a, b) in pairs {
        total_a += a.features.len as f32;
        total_b += b.features.len as f32;
    }
    let ratio = (total_b + LENGTH_RATIO * RATIO_PRIOR_WEIGHT) / (total_a + RATIO_PRIOR_WEIGHT);
    ratio.clamp(0.25, 4.0)
}

/// One unit as the stretch aligner sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    /// Its features.
    pub(crate) features: &'a Features,
    /// Its canonical label, if any.
    pub(crate) label: Option<&'a str>,
}

/// The moves, as (units of a, units of b).
const MOVES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

/// Aligns two stretches monotonically; the groups' indices are relative to the stretches and
/// cover every item of both exactly once, in order. When `anchored`, the first items of both
/// stretches are an anchor pair and end up in one group (1–1, or 2–1 / 1–2 when one version
/// split the anchored paragraph in two).
pub(crate) fn align_stretch(
    a: &[Item<'_>],
    b: &[Item<'_>],
    anchored: bool,
    ratio: f32,
) -> Vec<AlignedGroup> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return (0..n)
            .map(|i| AlignedGroup {
                a: vec![i],
                b: vec![],
            })
            .chain((0..m).map(|j| AlignedGroup {
                a: vec![],
                b: vec![j],
            }))
            .collect();
    }
    let band = Band::new(n, m);
    let mut cost = vec![f32::INFINITY; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    if let Some(origin) = band.cell(0, 0) {
        cost[origin] = 0.0;
    }
    for i in 0..=n {
        for j in band.columns(i) {
            let Some(here) = band.cell(i, j) else {
                continue;
            };
            for (k, &(di, dj)) in MOVES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let leaves_origin = di == i && dj == j;
                if anchored && leaves_origin && (di == 0 || dj == 0) {
                    continue;
                }
                let Some(from) = band.cell(i - di, j - dj) else {
                    continue;
                };
                let base = cost[from];
                if !base.is_finite() {
                    continue;
                }
                let total = base + move_cost(&a[i - di..i], &b[j - dj..j], ratio);
                if total < cost[here] {
                    cost[here] = total;
                    back[here] = k as u8; // ok: MOVES has 5 entries
                }
            }
        }
    }
    trace_back(&band, &back, n, m).unwrap_or_else(|| one_to_one_then_rest(n, m))
}

/// The groups from the back-pointers, or `None` if the end is unreachable (cannot happen with
/// the band's overlap guarantee, but a fallback beats a panic).
fn trace_back(band: &Band, back: &[u8], n: usize, m: usize) -> Option<Vec<AlignedGroup>> {
    let mut groups = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let &(di, dj) = MOVES.get(usize::from(back[band.cell(i, j)?]))?;
        groups.push(AlignedGroup {
            a: (i - di..i).collect(),
            b: (j - dj..j).collect(),
        });
        i -= di;
        j -= dj;
    }
    groups.reverse();
    Some(groups)
}

/// A plain positional alignment: the last resort.
fn one_to_one_then_rest(n: usize, m: usize) -> Vec<AlignedGroup> {
    (0..n.max(m))
        .map(|k| AlignedGroup {
            a: if k < n { vec![k] } else { vec![] },
            b: if k < m { vec![k] } else { vec![] },
        })
        .collect()
}

/// The price of grouping `a` with `b` (one or two units each; one side possibly empty).
fn move_cost(a: &[Item<'_>], b: &[Item<'_>], ratio: f32) -> f32 {
    if a.is_empty() || b.is_empty() {
        return SKIP_PENALTY;
    }
    let len_a: f32 = a.iter().map(|x| x.features.len as f32).sum();
    let len_b: f32 = b.iter().map(|x| x.features.len as f32).sum();
    // Each side holds one or two units: its first and last cover it, without allocating.
    let fa = [a[0].features, a[a.len() - 1].features];
    let fb = [b[0].features, b[b.len() - 1].features];
    let tokens = overlap(&fa[..a.len().min(2)], &fb[..b.len().min(2)]);
    let mut price = length_cost(len_a, len_b, ratio) - SHARED_BONUS * tokens.shared
        + UNMATCHED_NUMBER_COST * tokens.unmatched_numbers;
    if a.len() + b.len() > 2 {
        price += MERGE_PENALTY;
    } else if a[0].label.is_some() && a[0].label == b[0].label {
        price -= LABEL_AGREEMENT;
    }
    price
}

/// Gale and Church's length cost: half the squared normalised deviation of `len_b` from
/// `ratio` × `len_a`, at most [`LENGTH_COST_CAP`].
pub(crate) fn length_cost(len_a: f32, len_b: f32, ratio: f32) -> f32 {
    let mean = ((len_a + len_b / ratio) / 2.0).max(1.0);
    let delta = (len_b - ratio * len_a) / (LENGTH_VARIANCE * mean).sqrt();
    (delta * delta / 2.0).min(LENGTH_COST_CAP)
}

/// The cells the programme explores: for each row `i` (0..=n) a contiguous range of columns.
struct Band {
    /// First column of each row.
    lo: Vec<usize>,
    /// One past the last column of each row.
    hi: Vec<usize>,
    /// Where each row starts in the flat cell arrays.
    offset: Vec<usize>,
}

impl Band {
    /// The full matrix for small stretches, otherwise a band around the diagonal wide enough
    /// that consecutive rows overlap (so the end is always reachable).
    fn new(n: usize, m: usize) -> Band {
        let full = (n + 1).saturating_mul(m + 1) <= FULL_MATRIX_CELLS;
        let half_width = BAND_MIN.max(m / n.max(1) + 2);
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        let mut offset = Vec::with_capacity(n + 2);
        offset.push(0);
        for i in 0..=n {
            let (l, h) = if full {
                (0, m + 1)
            } else {
                // Centre of row i on the diagonal from (0, 0) to (n, m); u128 cannot overflow.
                let centre = (i as u128 * m as u128 / n.max(1) as u128) as usize;
                (
                    centre.saturating_sub(half_width),
                    (centre + half_width + 1).min(m + 1),
                )
            };
            lo.push(l);
            hi.push(h);
            let last = offset.last().copied().unwrap_or(0);
            offset.push(last + (h - l));
        }
        Band { lo, hi, offset }
    }

    fn cells(&self) -> usize {
        self.offset.last().copied().unwrap_or(0)
    }

    fn columns(&self, i: usize) -> std::ops::Range<usize> {
        self.lo[i]..self.hi[i]
    }

    /// The flat index of cell `(i, j)`, or `None` outside the band.
    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = (*self.lo.get(i)?, *self.hi.get(i)?);
        (lo..hi).contains(&j).then(|| self.offset[i] + (j - lo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(features: &'a [Features], labels: &[Option<&'a str>]) -> Vec<Item<'a>> {
        features
            .iter()
            .enumerate()
            .map(|(k, f)| Item {
                features: f,
                label: labels.get(k).copied().flatten(),
            })
            .collect()
    }

    fn lengths(lens: &[u32]) -> Vec<Features> {
        lens.iter()
            .map(|&len| Features {
                len,
                tokens: vec![],
            })
            .collect()
    }

    fn pairs(groups: &[AlignedGroup]) -> Vec<(Vec<usize>, Vec<usize>)> {
        groups.iter().map(|g| (g.a.clone(), g.b.clone())).collect()
    }

    #[test]
    fn length_cost_is_zero_at_the_expected_ratio_and_grows_away_from_it() {
        assert!(length_cost(100.0, 84.0, 0.84) < 1e-3);
        assert!(length_cost(100.0, 60.0, 0.84) > length_cost(100.0, 75.0, 0.84));
        assert!(length_cost(100.0, 120.0, 0.84) > length_cost(100.0, 95.0, 0.84));
        assert!(length_cost(100.0, 65.0, 0.65) < length_cost(100.0, 65.0, 0.84));
    }

    #[test]
    fn lengths_alone_find_a_two_to_one_group() {
        // a: 100, 60, 40, 200 ; b: 84, 84 (= 60 + 40 merged), 168.
        let fa = lengths(&[100, 60, 40, 200]);
        let fb = lengths(&[84, 84, 168]);
        let groups = align_stretch(&items(&fa, &[]), &items(&fb, &[]), false, LENGTH_RATIO);
        assert_eq!(
            pairs(&groups),
            vec![
                (vec![0], vec![0]),
                (vec![1, 2], vec![1]),
                (vec![3], vec![2])
            ]
        );
    }

    #[test]
    fn a_concise_translation_gets_its_own_ratio() {
        let fa = lengths(&[1000, 1000]);
        let fb = lengths(&[650, 650]);
        let (ia, ib) = (items(&fa, &[]), items(&fb, &[]));
        let ratio = document_ratio(ia.iter().zip(&ib));
        assert!(ratio > 0.65 && ratio < 0.7, "{ratio}");
        // Nothing to measure: the prior.
        assert_eq!(document_ratio(std::iter::empty()), LENGTH_RATIO);
    }

    #[test]
    fn an_empty_side_gives_only_skips() {
        let fa = lengths(&[10, 20]);
        let groups = align_stretch(&items(&fa, &[]), &[], false, LENGTH_RATIO);
        assert_eq!(pairs(&groups), vec![(vec![0], vec![]), (vec![1], vec![])]);
        assert!(align_stretch(&[], &[], false, LENGTH_RATIO).is_empty());
    }

    #[test]
    fn a_long_stretch_is_banded_and_still_covers_everything() {
        let n = 3000;
        let fa = lengths(&vec![50; n]);
        let fb = lengths(&vec![42; n + 5]);
        assert!((n + 1) * (n + 6) > FULL_MATRIX_CELLS);
        let groups = align_stretch(&items(&fa, &[]), &items(&fb, &[]), false, LENGTH_RATIO);
        let a: Vec<usize> = groups.iter().flat_map(|g| g.a.clone()).collect();
        let b: Vec<usize> = groups.iter().flat_map(|g| g.b.clone()).collect();
        assert_eq!(a, (0..n).collect::<Vec<_>>());
        assert_eq!(b, (0..n + 5).collect::<Vec<_>>());
    }

    #[test]
    fn band_rows_overlap_even_for_very_unequal_stretches() {
        for (n, m) in [(2000, 20000), (20000, 2000), (1, 100000), (100000, 1)] {
            let band = Band::new(n, m);
            for i in 1..=n {
                assert!(band.lo[i] <= band.hi[i - 1], "row {i} of {n}x{m}");
            }
            assert_eq!(band.lo[0], 0);
            assert_eq!(band.hi[n], m + 1);
        }
    }
}
