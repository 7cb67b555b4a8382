//! The matches a search's top-hits pass met, counted on the way, so that the total needs no
//! pass of its own when that one met them all.
//!
//! A query whose words are all required and make its wording (`+a +b`) finds its top hits by
//! walking every unit that has all the words ([`super::disjunction`]): every match is met,
//! whether or not it is handed to the collector. Counting them there is free, where the
//! separate count pass intersects the words' postings again (a fifth of such a query's
//! ranking at 1M). The count is the query's total only if every segment was searched that
//! way; a segment searched otherwise (a query with optional words, or without a wording)
//! leaves it partial, and the count pass runs as before.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use tantivy::index::SegmentId;
use tantivy::SegmentReader;

/// The matches counted by the walks of one search; see the module documentation.
#[derive(Debug, Default)]
pub struct MatchTally {
    matches: AtomicU64,
    /// The segments walked over every match.
    walked: Mutex<HashSet<SegmentId>>,
    /// Some segment was searched another way.
    partial: AtomicBool,
}

impl MatchTally {
    /// Records a walk over every match of `reader`'s segment that met `matches` alive units.
    /// A query searched in two languages walks each segment once per language, each walk
    /// meeting the units of its own.
    pub(crate) fn walked(&self, reader: &SegmentReader, matches: u64) {
        self.matches.fetch_add(matches, Ordering::Relaxed);
        match self.walked.lock() {
            Ok(mut walked) => {
                walked.insert(reader.segment_id());
            }
            Err(_) => self.partial.store(true, Ordering::Relaxed),
        }
    }

    /// A segment was searched without meeting every match.
    pub(crate) fn not_walked(&self) {
        self.partial.store(true, Ordering::Relaxed);
    }

    /// The query's total, when every segment of `searcher` was walked over every match.
    pub fn total(&self, searcher: &tantivy::Searcher) -> Option<u64> {
        if self.partial.load(Ordering::Relaxed) {
            return None;
        }
        let walked = self.walked.lock().ok()?;
        // Nothing walked (an index without segments): no total from here.
        let every_segment = !walked.is_empty()
            && searcher
                .segment_readers()
                .iter()
                .all(|reader| walked.contains(&reader.segment_id()));
        every_segment.then(|| self.matches.load(Ordering::Relaxed))
    }
}

/// What the top-hits pass of the query that `counted_into` makes (counting into the tally it
/// is given) counted, for the tests of the queries that count.
#[cfg(test)]
pub(crate) fn tallied<Q: tantivy::query::Query>(
    searcher: &tantivy::Searcher,
    counted_into: impl FnOnce(&std::sync::Arc<MatchTally>) -> Q,
) -> Option<u64> {
    let tally = std::sync::Arc::new(MatchTally::default());
    let top_ten = tantivy::collector::TopDocs::with_limit(10).order_by_score();
    searcher
        .search(&counted_into(&tally), &top_ten)
        .expect("searches");
    tally.total(searcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;

    /// An index of three segments (one commit each) and its searcher.
    fn three_segments() -> tantivy::Searcher {
        let (index, text) = test_index::of_texts(["alpha".to_string()]);
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for body in ["beta", "gamma"] {
            writer
                .add_document(tantivy::doc!(text => body))
                .expect("adds");
            writer.commit().expect("commits");
        }
        index.reader().expect("reader").searcher()
    }

    #[test]
    fn the_total_is_known_only_when_every_segment_was_walked() {
        let searcher = three_segments();
        let readers = searcher.segment_readers();
        assert_eq!(readers.len(), 3);
        let tally = MatchTally::default();
        tally.walked(&readers[0], 4);
        tally.walked(&readers[1], 5);
        assert_eq!(tally.total(&searcher), None, "a segment is missing");
        tally.walked(&readers[2], 0);
        // A second walk of a segment (the other language's) adds its own matches.
        tally.walked(&readers[0], 1);
        assert_eq!(tally.total(&searcher), Some(10));
        tally.not_walked();
        assert_eq!(
            tally.total(&searcher),
            None,
            "a segment was searched another way"
        );
    }
}
