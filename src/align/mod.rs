//! Bilingual alignment: which documents are versions of one another ([`pair_versions`]) and
//! which units of two versions render each other ([`align`]).
//!
//! Alignment runs in two passes, because UN paragraph numbers are the one thing translation
//! never changes while everything between them (headings, unnumbered text, footnotes,
//! preambles) must be matched by content:
//!
//! | pass | what | module |
//! |---|---|---|
//! | anchors | units with the same canonical label (`16.3`, `1.a`, `fn11`, `art18`), unique on both sides, longest increasing chain | `anchors.rs` |
//! | stretches | the units between two anchors, by a monotonic dynamic programme over length ratio and shared tokens (numbers, symbols, Latin names), moves 1–1, 2–1, 1–2, 1–0, 0–1 | `dp.rs`, `features.rs` |
//!
//! | rule | why |
//! |---|---|
//! | each anchor opens the stretch after it, and its pair may become a 1–2 / 2–1 there | a numbered paragraph one version breaks in two (a page break) keeps both pieces with its number |
//! | an Arabic `a` facing an English `b` is aligned the other way round and turned back | the length model is English → Arabic |
//! | every unit of both versions is in exactly one group, in order | a paragraph missing from one version becomes a 1–0 (or 0–1) group, never a dropped unit; callers count these with [`stats`] |
//!
//! Measured (integration tests `align_bilingual`, `align_unpc`): 537/537 gold pairs of the
//! three bilingual texts, 3,720/3,721 of `unpc/test`.
//!
//! Cost: anchors in O(k log k); each stretch in O(n·m) up to a fixed number of cells, beyond it
//! in a band of fixed width around the diagonal, so a document aligns in time linear in its
//! length (bench `align`).

mod anchors;
mod dp;
mod features;
mod pairing;

pub use pairing::{pair_versions, VersionPair};

use crate::model::{Lang, Unit};
use dp::Item;
use features::Features;
use serde::Serialize;
use std::ops::Range;

/// Units of two versions that render each other: indices into the two unit slices given to
/// [`align`], ascending. One side empty means a unit without counterpart (1–0 or 0–1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlignedGroup {
    /// Indices into the first version's units.
    pub a: Vec<usize>,
    /// Indices into the second version's units.
    pub b: Vec<usize>,
}

/// Aligns the units of two versions of a document. The groups are monotonic and cover every
/// unit of both sides exactly once, in order. Either side may be in either language: the
/// length model is English → Arabic, so an Arabic `a` facing an English `b` is aligned the
/// other way round and the groups turned back.
pub fn align(a: &[Unit], b: &[Unit]) -> Vec<AlignedGroup> {
    if main_language(a) == Some(Lang::Ar) && main_language(b) == Some(Lang::En) {
        return align_oriented(b, a)
            .into_iter()
            .map(|g| AlignedGroup { a: g.b, b: g.a })
            .collect();
    }
    align_oriented(a, b)
}

/// The language most of `units` are in (`None` for no units or a tie).
fn main_language(units: &[Unit]) -> Option<Lang> {
    let arabic = units.iter().filter(|u| u.lang == Lang::Ar).count();
    let english = units.len() - arabic;
    match arabic.cmp(&english) {
        std::cmp::Ordering::Greater => Some(Lang::Ar),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

/// [`align`] with `a` on the English side of the length model.
///
/// A first pass uses the usual English → Arabic length ratio; the 1–1 groups it finds give
/// this document's own ratio, and when that differs markedly the stretches are aligned again
/// with it (see `dp.rs` for why).
fn align_oriented(a: &[Unit], b: &[Unit]) -> Vec<AlignedGroup> {
    let features_a: Vec<Features> = a.iter().map(Features::of_unit).collect();
    let features_b: Vec<Features> = b.iter().map(Features::of_unit).collect();
    let items_a = items(a, &features_a);
    let items_b = items(b, &features_b);
    let stretches = stretches(a, b);

    let first = align_stretches(&stretches, &items_a, &items_b, dp::LENGTH_RATIO);
    let ratio = dp::document_ratio(
        first
            .iter()
            .filter(|g| g.a.len() == 1 && g.b.len() == 1)
            .map(|g| (&items_a[g.a[0]], &items_b[g.b[0]])),
    );
    if (ratio / dp::LENGTH_RATIO - 1.0).abs() < dp::RATIO_TOLERANCE {
        return first;
    }
    align_stretches(&stretches, &items_a, &items_b, ratio)
}

/// A stretch: units `a` and `b` (ranges), whether its first units are an anchor pair.
struct Stretch {
    a: Range<usize>,
    b: Range<usize>,
    anchored: bool,
}

/// Each anchor opens a stretch that runs to the next anchor; the units before the first
/// anchor form an unanchored stretch.
fn stretches(a: &[Unit], b: &[Unit]) -> Vec<Stretch> {
    let mut starts = vec![(0, 0, false)];
    starts.extend(
        anchors::anchors(a, b)
            .into_iter()
            .map(|(i, j)| (i, j, true)),
    );
    let ends = starts
        .iter()
        .skip(1)
        .map(|&(i, j, _)| (i, j))
        .chain([(a.len(), b.len())]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(start_a, start_b, anchored), (end_a, end_b))| Stretch {
            a: start_a..end_a,
            b: start_b..end_b,
            anchored,
        })
        .collect()
}

fn align_stretches(
    stretches: &[Stretch],
    items_a: &[Item<'_>],
    items_b: &[Item<'_>],
    ratio: f32,
) -> Vec<AlignedGroup> {
    let mut groups = Vec::with_capacity(items_a.len().max(items_b.len()));
    for stretch in stretches {
        let (start_a, start_b) = (stretch.a.start, stretch.b.start);
        let aligned = dp::align_stretch(
            &items_a[stretch.a.clone()],
            &items_b[stretch.b.clone()],
            stretch.anchored,
            ratio,
        );
        groups.extend(aligned.into_iter().map(|g| AlignedGroup {
            a: g.a.into_iter().map(|i| i + start_a).collect(),
            b: g.b.into_iter().map(|j| j + start_b).collect(),
        }));
    }
    groups
}

fn items<'a>(units: &'a [Unit], features: &'a [Features]) -> Vec<Item<'a>> {
    units
        .iter()
        .zip(features)
        .map(|(unit, features)| Item {
            features,
            label: unit.label.as_deref(),
        })
        .collect()
}

/// Counts describing an alignment, for `sabiqa index` and the `align` command.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AlignmentStats {
    /// Number of groups.
    pub groups: usize,
    /// Groups of one unit on each side.
    pub one_to_one: usize,
    /// Groups with units on both sides and more than one on some side (2–1, 1–2).
    pub many: usize,
    /// Units of the first version without counterpart.
    pub unpaired_a: usize,
    /// Units of the second version without counterpart.
    pub unpaired_b: usize,
}

/// Counts the kinds of groups in an alignment.
pub fn stats(groups: &[AlignedGroup]) -> AlignmentStats {
    let mut stats = AlignmentStats {
        groups: groups.len(),
        ..AlignmentStats::default()
    };
    for group in groups {
        match (group.a.len(), group.b.len()) {
            (1, 1) => stats.one_to_one += 1,
            (_, 0) => stats.unpaired_a += group.a.len(),
            (0, _) => stats.unpaired_b += group.b.len(),
            _ => stats.many += 1,
        }
    }
    stats
}

/// Hand-built units for the unit tests.
#[cfg(test)]
pub(crate) mod test_units {
    use crate::model::{Lang, Unit, UnitKind};

    /// Units of one document from (label, text) pairs, in order.
    pub(crate) fn units(specs: &[(Option<&str>, &str)]) -> Vec<Unit> {
        specs
            .iter()
            .enumerate()
            .map(|(k, &(label, text))| Unit {
                doc: "doc".to_string(),
                kind: if label.is_some() {
                    UnitKind::Paragraph
                } else {
                    UnitKind::Other
                },
                label: label.map(str::to_string),
                ordinal: k as u32 + 1,
                lang: Lang::detect(text).unwrap_or(Lang::En),
                text: text.to_string(),
                start: 0,
                end: text.len(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_units::units;
    use super::*;
    use proptest::prelude::*;

    fn as_pairs(groups: &[AlignedGroup]) -> Vec<(Vec<usize>, Vec<usize>)> {
        groups.iter().map(|g| (g.a.clone(), g.b.clone())).collect()
    }

    /// Whether `groups` cover 0..n and 0..m exactly once each, in order.
    fn covers_in_order(groups: &[AlignedGroup], n: usize, m: usize) -> bool {
        let a: Vec<usize> = groups.iter().flat_map(|g| g.a.iter().copied()).collect();
        let b: Vec<usize> = groups.iter().flat_map(|g| g.b.iter().copied()).collect();
        a == (0..n).collect::<Vec<_>>()
            && b == (0..m).collect::<Vec<_>>()
            && groups.iter().all(|g| !(g.a.is_empty() && g.b.is_empty()))
    }

    #[test]
    fn a_paragraph_missing_in_one_version_is_one_to_zero_and_the_rest_aligns() {
        let en = units(&[
            (
                Some("1"),
                "1. The Assembly met in New York in 2015 and adopted the agenda.",
            ),
            (
                Some("2"),
                "2. It elected the Bureau for the seventieth session.",
            ),
            (
                Some("3"),
                "3. It heard a statement by the Chair of its working group.",
            ),
            (Some("4"), "4. It decided to hold its next session in 2016."),
        ]);
        let ar = units(&[
            (
                Some("1"),
                "1 - اجتمعت الجمعية في نيويورك في عام 2015 وأقرت جدول أعمالها.",
            ),
            (Some("2"), "2 - وانتخبت مكتب الدورة السبعين."),
            (Some("4"), "4 - وقررت عقد دورتها القادمة في عام 2016."),
        ]);
        let groups = align(&en, &ar);
        assert_eq!(
            as_pairs(&groups),
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1]),
                (vec![2], vec![]),
                (vec![3], vec![2]),
            ]
        );
        let s = stats(&groups);
        assert_eq!((s.one_to_one, s.unpaired_a, s.unpaired_b), (3, 1, 0));
    }

    #[test]
    fn an_unnumbered_paragraph_missing_between_unnumbered_ones_is_skipped() {
        let en = units(&[
            (None, "The Board of Auditors met in July 2015 at Headquarters."),
            (None, "The Board also examined 3 proposals for new working methods, from its members in Geneva, Nairobi and Vienna, and agreed that they be tried during the next two sessions before any decision is taken on them."),
            (None, "The institute held a course for prosecutors in Luxembourg in February 2014, with notes prepared together with ABC-XYZ."),
        ]);
        let ar = units(&[
            (None, "اجتمع مجلس مراجعي الحسابات في تموز/يوليه 2015 في المقر."),
            (None, "ونظم المعهد دورة تدريبية للمدعين العامين عقدت في لكسمبرغ في شباط/فبراير 2014 واستخدمت فيها مذكرات أعدت مع ABC-XYZ."),
        ]);
        let groups = align(&en, &ar);
        assert_eq!(
            as_pairs(&groups),
            vec![(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1])]
        );
    }

    #[test]
    fn unlabelled_stretch_is_aligned_by_length_and_shared_tokens() {
        // Between anchors 5 and 6: the English has three unnumbered paragraphs, the Arabic
        // renders the last two as one. Lengths are similar, so the shared year and symbol
        // decide which two merge.
        let en = units(&[
            (Some("5"), "5. The Council reviewed the report."),
            (
                None,
                "In 2013, the Council adopted resolution 2117 (2013) on small arms.",
            ),
            (None, "It requested a report by 30 September 2014."),
            (None, "The report was issued as S/2015/289."),
            (
                Some("6"),
                "6. The Council decided to remain seized of the matter.",
            ),
        ]);
        let ar = units(&[
            (Some("5"), "5 - استعرض المجلس التقرير."),
            (None, "وفي عام 2013، اتخذ المجلس القرار 2117 (2013) بشأن الأسلحة الصغيرة."),
            (None, "وطلب تقديم تقرير بحلول 30 أيلول/سبتمبر 2014. وقد صدر التقرير بوصفه الوثيقة S/2015/289."),
            (Some("6"), "6 - وقرر المجلس أن يبقي المسألة قيد نظره."),
        ]);
        let groups = align(&en, &ar);
        assert_eq!(
            as_pairs(&groups),
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1]),
                (vec![2, 3], vec![2]),
                (vec![4], vec![3]),
            ]
        );
        assert_eq!(stats(&groups).many, 1);
    }

    #[test]
    fn shared_tokens_beat_position_in_an_unlabelled_stretch() {
        // Three English paragraphs, the Arabic lacks the first: the numbers show which.
        let en = units(&[
            (
                None,
                "The secretariat received 14 submissions by March 2015.",
            ),
            (None, "Of those, 9 concerned the budget for 2016-2017."),
            (None, "The remaining 5 were referred to the Working Group."),
        ]);
        let ar = units(&[
            (
                None,
                "ومن بين هذه التقارير، تناولت 9 منها الميزانية للفترة 2016-2017.",
            ),
            (None, "وأحيلت التقارير الـ 5 المتبقية إلى الفريق العامل."),
        ]);
        let groups = align(&en, &ar);
        assert_eq!(
            as_pairs(&groups),
            vec![(vec![0], vec![]), (vec![1], vec![0]), (vec![2], vec![1])]
        );
    }

    #[test]
    fn repeated_labels_inside_articles_still_align_by_position() {
        let en = units(&[
            (Some("art13"), "Article 13"),
            (
                Some("1"),
                "1. Each member shall report on its 3 programmes every year.",
            ),
            (
                Some("2"),
                "2. Each member may ask the secretariat for 2 further reviews.",
            ),
            (Some("art14"), "Article 14"),
            (
                Some("1"),
                "1. The committee shall meet 4 times a year in Geneva.",
            ),
        ]);
        let ar = units(&[
            (Some("art13"), "المادة 13"),
            (Some("1"), "1. يقدم كل عضو تقريرا عن برامجه الـ 3 كل سنة."),
            (
                Some("2"),
                "2. يجوز لكل عضو أن يطلب من الأمانة إجراء 2 من الاستعراضات الإضافية.",
            ),
            (Some("art14"), "المادة 14"),
            (Some("1"), "1. تجتمع اللجنة 4 مرات في السنة في جنيف."),
        ]);
        let groups = align(&en, &ar);
        assert_eq!(
            as_pairs(&groups),
            (0..5).map(|k| (vec![k], vec![k])).collect::<Vec<_>>()
        );
    }

    #[test]
    fn arabic_first_gives_the_mirror_of_english_first() {
        let en = units(&[
            (None, "The Committee met in Geneva on 14 and 15 November 2019."),
            (None, "It adopted its agenda."),
            (None, "It elected Ms. Smith as Chair and Mr. Haddad as Rapporteur, and then heard the statements of the 4 observers."),
        ]);
        let ar = units(&[
            (None, "اجتمعت اللجنة في جنيف يومي 14 و15 تشرين الثاني/نوفمبر 2019. وأقرت جدول أعمالها."),
            (None, "وانتخبت السيدة سميث رئيسة والسيد حداد مقررا، ثم استمعت إلى بيانات المراقبين الـ 4."),
        ]);
        let forward = align(&en, &ar);
        let backward = align(&ar, &en);
        let mirrored: Vec<AlignedGroup> = backward
            .into_iter()
            .map(|g| AlignedGroup { a: g.b, b: g.a })
            .collect();
        assert_eq!(forward, mirrored);
        assert_eq!(
            as_pairs(&forward),
            vec![(vec![0, 1], vec![0]), (vec![2], vec![1])]
        );
    }

    #[test]
    fn an_anchored_paragraph_split_in_one_version_keeps_both_pieces() {
        let en = units(&[
            (Some("16"), "16. The Working Group recommended that States parties consider establishing national rapporteurs on trafficking in persons, and that they report on their work to the Conference at its twelfth session in 2022."),
            (Some("17"), "17. The Working Group adopted its report."),
        ]);
        let ar = units(&[
            (Some("16"), "16 - أوصى الفريق بأن تنظر الدول الأطراف في تعيين مقررين وطنيين معنيين"),
            (None, "بالاتجار بالأشخاص، وبأن تقدم تقارير عن أعمالها إلى المؤتمر في دورته الثانية عشرة في عام 2022."),
            (Some("17"), "17 - واعتمد الفريق العامل تقريره."),
        ]);
        assert_eq!(
            as_pairs(&align(&en, &ar)),
            vec![(vec![0], vec![0, 1]), (vec![1], vec![2])]
        );
    }

    #[test]
    fn stats_count_every_kind_of_group() {
        let groups = [
            AlignedGroup {
                a: vec![0],
                b: vec![0],
            },
            AlignedGroup {
                a: vec![1, 2],
                b: vec![1],
            },
            AlignedGroup {
                a: vec![3],
                b: vec![],
            },
            AlignedGroup {
                a: vec![],
                b: vec![2],
            },
            AlignedGroup {
                a: vec![4],
                b: vec![3],
            },
        ];
        assert_eq!(
            stats(&groups),
            AlignmentStats {
                groups: 5,
                one_to_one: 2,
                many: 1,
                unpaired_a: 1,
                unpaired_b: 1
            }
        );
    }

    #[test]
    fn empty_versions_align_to_nothing_or_to_skips() {
        assert!(align(&[], &[]).is_empty());
        let en = units(&[(Some("1"), "1. Text."), (None, "More.")]);
        let groups = align(&en, &[]);
        assert_eq!(stats(&groups).unpaired_a, 2);
        assert!(covers_in_order(&groups, 2, 0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever the labels and texts (duplicates, crossings, empty strings), the groups are
        /// monotonic and cover both versions exactly once.
        #[test]
        fn alignment_always_covers_both_sides_in_order(
            a in prop::collection::vec((prop::option::of(0u8..6), "[a-z0-9 ٠-٩ب]{0,30}"), 0..25),
            b in prop::collection::vec((prop::option::of(0u8..6), "[a-z0-9 ٠-٩ب]{0,30}"), 0..25),
        ) {
            let to_units = |specs: &[(Option<u8>, String)]| {
                let labels: Vec<Option<String>> = specs.iter().map(|(l, _)| l.map(|l| l.to_string())).collect();
                let pairs: Vec<(Option<&str>, &str)> = specs
                    .iter()
                    .zip(&labels)
                    .map(|((_, text), label)| (label.as_deref(), text.as_str()))
                    .collect();
                units(&pairs)
            };
            let (ua, ub) = (to_units(&a), to_units(&b));
            let groups = align(&ua, &ub);
            prop_assert!(covers_in_order(&groups, ua.len(), ub.len()));
            let s = stats(&groups);
            prop_assert_eq!(s.groups, groups.len());
        }
    }
}
