//! Search stage: runs a user query over an index and returns ranked units with their anchors,
//! highlights, snippet fragments and counterparts in the other language.
//!
//! Ranking is BM25 over units (paragraphs). See [`query`] for how a query is read and which
//! fields each piece searches, and [`highlight`] for what gets highlighted.

/// The matching part of a [`tantivy::query::Weight`] implementation (`scorer`, `explain`,
/// `count`), handed to the weight in field `$inner`: a weight whose own work is only its way to
/// the top hits (`for_each_pruning`) matches, scores and counts as that one does.
macro_rules! match_like {
    ($inner:tt) => {
        fn scorer(
            &self,
            reader: &tantivy::SegmentReader,
            boost: tantivy::Score,
        ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
            self.$inner.scorer(reader, boost)
        }

        fn explain(
            &self,
            reader: &tantivy::SegmentReader,
            doc: tantivy::DocId,
        ) -> tantivy::Result<tantivy::query::Explanation> {
            self.$inner.explain(reader, doc)
        }

        fn count(&self, reader: &tantivy::SegmentReader) -> tantivy::Result<u32> {
            self.$inner.count(reader)
        }
    };
}

pub mod counted_term;
pub mod disjunction;
pub mod gram_phrase;
pub mod guarded_phrase;
pub mod highlight;
pub mod match_tally;
pub mod max_score;
pub mod pair;
pub mod per_language;
pub mod query;
pub mod scored_term;

use crate::index::{Fields, SabiqaIndex};
use crate::{Error, Lang, Result, UnitKind};
use disjunction::Disjunction;
use match_tally::MatchTally;
use per_language::PerLanguage;
use query::{CompiledQuery, QueryOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::document::Value;
use tantivy::schema::Schema;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{
    DocAddress, DocSet, Executor, IndexReader, ReloadPolicy, SegmentReader, TantivyDocument,
    TERMINATED,
};

/// What to search for, and how.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query, in the syntax of [`query`].
    pub query: String,
    /// Hits to return (groups, with `group`).
    pub limit: usize,
    /// Hits to skip first (pagination).
    pub offset: usize,
    /// How the query is analysed, and which language it searches.
    pub options: QueryOptions,
    /// Only units of this document id.
    pub doc: Option<String>,
    /// Only units of this kind.
    pub kind: Option<UnitKind>,
    /// Only documents dated on or after (ISO date).
    pub date_from: Option<String>,
    /// Only documents dated on or before (ISO date).
    pub date_to: Option<String>,
    /// Group hits by document, best paragraph first.
    pub group: bool,
    /// Show the units of this language: a hit in the other language is replaced by its aligned
    /// unit(s) here, the matched unit becoming its counterpart (the translator's "how was this
    /// rendered before"). Hits with no aligned unit in this language are left out.
    pub show: Option<Lang>,
}

/// One unit as stored in the index.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnitRecord {
    /// Document id.
    pub doc: String,
    /// UN symbol, when known.
    pub symbol: Option<String>,
    /// Source file.
    pub path: String,
    /// Canonical label.
    pub para: Option<String>,
    /// Unit kind.
    pub kind: String,
    /// Position in its document version.
    pub ordinal: u64,
    /// Language.
    pub lang: String,
    /// Document date.
    pub date: Option<String>,
    /// Document title.
    pub title: Option<String>,
    /// Original text.
    pub text: String,
    /// Byte range of the unit in its source file.
    pub start: u64,
    /// End of that range.
    pub end: u64,
    /// Ordinals of the aligned units in the other language version.
    #[serde(skip)]
    pub counterpart_ordinals: Vec<u64>,
}

/// One ranked hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The unit that matched.
    #[serde(flatten)]
    pub unit: UnitRecord,
    /// BM25 score.
    pub score: f32,
    /// Byte ranges of `text` that satisfy the query.
    pub highlights: Vec<Range<usize>>,
    /// Byte ranges of `text` to show as the snippet.
    pub fragments: Vec<Range<usize>>,
    /// The aligned unit(s) in the other language version, in order.
    pub counterparts: Vec<UnitRecord>,
}

/// Hits of one document, with `--group`.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Document id.
    pub doc: String,
    /// Its best hit's score.
    pub score: f32,
    /// Its hits, best first.
    pub hits: Vec<Hit>,
}

/// The answer to a request.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Units matching the query (before `limit`): exact, or for a query whose top hits are
    /// found without meeting every match, exact up to [`EXACT_TOTAL_UP_TO`] and a lower bound
    /// beyond (see `total_at_least`).
    pub total: usize,
    /// Whether more units than `total` match: counting stopped there.
    pub total_at_least: bool,
    /// The hits, best first (empty with `group`).
    pub hits: Vec<Hit>,
    /// The groups, with `group`.
    pub groups: Vec<Group>,
    /// Search time, milliseconds.
    pub took_ms: f64,
    /// The part of `took_ms` spent ranking: reading the query, finding the top hits and
    /// counting. The rest loads, highlights and pairs the hits shown.
    pub ranking_ms: f64,
}

/// How many hits `--group` looks at to form its groups.
const GROUP_POOL: usize = 200;

/// Matches are counted exactly up to this many (or past the requested page, if further);
/// beyond, the total is reported as "at least". Lucene's default (`TOTAL_HITS_THRESHOLD`): an
/// exact count of hundreds of thousands of matches costs more than the search and tells a
/// reader nothing.
pub const EXACT_TOTAL_UP_TO: usize = 1_000;

/// Most threads a pasted passage is searched with.
pub const MAX_SEARCH_THREADS: usize = 8;

/// A searcher over one index; cheap to share between threads.
#[derive(Clone)]
pub struct Searcher {
    sabiqa: SabiqaIndex,
    reader: IndexReader,
    /// The columns counterparts are read from, for the segments last searched.
    unit_columns: Arc<Mutex<SegmentColumns>>,
    /// The threads of a pasted passage's search (see [`Searcher::passage_pool`]).
    passage_pool: Arc<OnceLock<Option<Arc<rayon::ThreadPool>>>>,
}

/// One segment's language and ordinal columns, and the language codes' ordinals in the first.
#[derive(Clone)]
struct UnitColumns {
    langs: StrColumn,
    ordinals: Column<u64>,
    /// The ordinal of `Lang::Ar`'s and `Lang::En`'s code in `langs`, where present.
    lang_ords: [Option<u64>; 2],
}

impl UnitColumns {
    fn open(reader: &SegmentReader, fields: &Fields, schema: &Schema) -> Result<Option<Self>> {
        let columns = reader.fast_fields();
        let Some(langs) = columns.str(schema.get_field_name(fields.lang))? else {
            return Ok(None);
        };
        let ordinals = columns.u64(schema.get_field_name(fields.ordinal))?;
        let mut lang_ords = [None; 2];
        for (slot, lang) in lang_ords.iter_mut().zip([Lang::Ar, Lang::En]) {
            *slot = langs
                .dictionary()
                .term_ord(lang.code())
                .map_err(tantivy::TantivyError::from)?;
        }
        Ok(Some(UnitColumns {
            langs,
            ordinals,
            lang_ords,
        }))
    }

    fn lang_ord(&self, lang: Lang) -> Option<u64> {
        self.lang_ords[usize::from(lang == Lang::En)]
    }
}

/// The [`UnitColumns`] of each segment of one commit, in the searcher's segment order. Opening
/// a column reads its block index: opened for every hit, that was a third of a whole request
/// at a million paragraphs.
#[derive(Default)]
struct SegmentColumns {
    segments: Vec<SegmentId>,
    columns: Arc<Vec<Option<UnitColumns>>>,
}

impl Searcher {
    /// Opens the index at `dir` for searching.
    pub fn open(dir: &Path) -> Result<Searcher> {
        let sabiqa = SabiqaIndex::open(dir)?;
        let reader = sabiqa
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Searcher {
            sabiqa,
            reader,
            unit_columns: Arc::default(),
            passage_pool: Arc::default(),
        })
    }

    /// The threads a pasted passage's search uses, one a core, made at the first such search
    /// and shared by the searcher's clones: its segments are searched, and its hits read and
    /// highlighted, at the same time. `None` on a single core, or where the system refuses
    /// threads: the search then runs on the calling thread.
    fn passage_pool(&self) -> Option<&Arc<rayon::ThreadPool>> {
        self.passage_pool
            .get_or_init(|| {
                let cores = std::thread::available_parallelism().map_or(1, usize::from);
                (cores > 1)
                    .then(|| {
                        rayon::ThreadPoolBuilder::new()
                            .num_threads(cores.min(MAX_SEARCH_THREADS))
                            .thread_name(|i| format!("sabiqa-search-{i}"))
                            .build()
                            .ok()
                    })
                    .flatten()
                    .map(Arc::new)
            })
            .as_ref()
    }

    /// How many threads a pasted passage's search runs on: its pool's, else 1.
    pub fn passage_threads(&self) -> usize {
        self.passage_pool()
            .map_or(1, |pool| pool.current_num_threads())
    }

    /// The unit columns of `searcher`'s segments, opened when its commit is another than last
    /// time's.
    fn unit_columns(&self, searcher: &tantivy::Searcher) -> Result<Arc<Vec<Option<UnitColumns>>>> {
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        // A poisoned lock only means another request panicked; the cache is rebuilt below
        // whenever its segments are not these.
        let mut cache = self
            .unit_columns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.segments != segments {
            let schema = self.sabiqa.index.schema();
            let columns = searcher
                .segment_readers()
                .iter()
                .map(|reader| UnitColumns::open(reader, &self.sabiqa.fields, &schema))
                .collect::<Result<Vec<_>>>()?;
            *cache = SegmentColumns {
                segments,
                columns: Arc::new(columns),
            };
        }
        Ok(cache.columns.clone())
    }

    /// Searches the index's latest commit from now on (without this, a new commit is picked up
    /// within about a second).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.sabiqa.fields
    }

    /// tantivy's searcher over the current commit, for queries sabiqa does not wrap.
    pub fn tantivy_searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Runs a request.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let compiled = query::compile(&request.query, &self.sabiqa.fields, request.options)?;
        let filtered = self.with_filters(&compiled, request);
        let searcher = self.reader.searcher();
        // Grouping, and showing the other language (which leaves out hits with no rendering),
        // choose their page from a larger pool of ranked hits.
        let pooled = request.group || request.show.is_some();
        let wanted = if pooled {
            GROUP_POOL.max((request.offset + request.limit) * 4)
        } else {
            request.limit
        };
        let top_docs = TopDocs::with_limit(wanted.max(1))
            .and_offset(if pooled { 0 } else { request.offset })
            .order_by_score();
        let passage = filtered
            .downcast_ref::<Disjunction>()
            .filter(|disjunction| disjunction.is_pasted_passage());
        let pool = passage.and_then(|_| self.passage_pool());
        let prunable = filtered
            .downcast_ref::<Disjunction>()
            .is_some_and(|disjunction| !disjunction.scores_every_match())
            || filtered.downcast_ref::<PerLanguage>().is_some()
            || filtered.downcast_ref::<TermQuery>().is_some();
        let (top, total, total_at_least) = if prunable {
            // Top hits and count as separate passes: counting every match alongside would
            // make tantivy score every match, where these queries reach their top hits
            // without (wording first; block-max WAND for a term).
            // A query whose every word is required meets all its matches on the way to its
            // top hits, and counts them there.
            let tally = Arc::new(MatchTally::default());
            let counted: Option<Box<dyn Query>> =
                if let Some(d) = filtered.downcast_ref::<Disjunction>() {
                    d.may_walk_every_match()
                        .then(|| Box::new(d.counted_into(&tally)) as Box<dyn Query>)
                } else if let Some(p) = filtered.downcast_ref::<PerLanguage>() {
                    p.may_walk_every_match()
                        .then(|| Box::new(p.counted_into(&tally)) as Box<dyn Query>)
                } else {
                    None
                };
            // A pasted passage reads thousands of postings in each segment, the others far
            // fewer: only its segments are worth handing to other threads.
            let top = match passage.zip(pool) {
                Some((passage, pool)) => searcher.search_with_executor(
                    &passage.searched_at_once(),
                    &top_docs,
                    &Executor::ThreadPool(pool.clone()),
                    EnableScoring::enabled_from_searcher(&searcher),
                )?,
                None => {
                    searcher.search(counted.as_deref().unwrap_or(filtered.as_ref()), &top_docs)?
                }
            };
            let (total, at_least) = match tally.total(&searcher) {
                Some(total) => (usize::try_from(total).unwrap_or(usize::MAX), false),
                None => count_up_to(
                    &searcher,
                    filtered.as_ref(),
                    EXACT_TOTAL_UP_TO.max(request.offset + request.limit + 1),
                )?,
            };
            (top, total, at_least)
        } else {
            // Every match is scored anyway: count it in the same pass, exactly.
            let (top, total) = searcher.search(&filtered, &(top_docs, Count))?;
            (top, total, false)
        };
        let ranking_ms = started.elapsed().as_secs_f64() * 1e3;
        let columns = self.unit_columns(&searcher)?;
        let load = |(score, address): (tantivy::Score, DocAddress)| -> Result<Hit> {
            let unit = unit_at(&self.sabiqa.fields, &searcher, address)?;
            let version_lang: Lang = unit.lang.parse().map_err(Error::Index)?;
            let lang = crate::model::text_lang(&unit.text, version_lang);
            let highlights = highlight::highlights(&unit.text, lang, &compiled.matchers);
            let fragments = highlight::fragments(&unit.text, &highlights);
            let counterparts = self.counterparts(&searcher, &columns, &unit)?;
            Ok(Hit {
                unit,
                score,
                highlights,
                fragments,
                counterparts,
            })
        };
        // A pasted passage's hits are highlighted for its sixty words or more: each hit on a
        // thread of its own.
        let mut hits = match pool {
            Some(pool) => pool.install(|| top.into_par_iter().map(load).collect::<Result<_>>())?,
            None => top.into_iter().map(load).collect::<Result<Vec<Hit>>>()?,
        };
        if let Some(show) = request.show {
            let shown = hits.into_iter().filter_map(|hit| shown_in(hit, show));
            hits = if request.group {
                shown.collect()
            } else {
                shown.skip(request.offset).take(request.limit).collect()
            };
        }
        let groups = if request.group {
            group(std::mem::take(&mut hits), request.offset, request.limit)
        } else {
            Vec::new()
        };
        Ok(SearchResults {
            total,
            total_at_least,
            hits,
            groups,
            took_ms: started.elapsed().as_secs_f64() * 1e3,
            ranking_ms,
        })
    }

    /// Every unit of a document, both language versions, in order (Arabic first).
    pub fn document(&self, doc: &str) -> Result<Vec<UnitRecord>> {
        let q = TermQuery::new(
            Term::from_field_text(self.sabiqa.fields.doc, doc),
            IndexRecordOption::Basic,
        );
        let searcher = self.reader.searcher();
        let addresses = searcher.search(&q, &tantivy::collector::DocSetCollector)?;
        let mut units = addresses
            .into_iter()
            .map(|a| unit_at(&self.sabiqa.fields, &searcher, a))
            .collect::<Result<Vec<_>>>()?;
        units.sort_by(|a, b| (&a.lang, &a.path, a.ordinal).cmp(&(&b.lang, &b.path, b.ordinal)));
        Ok(units)
    }

    fn with_filters(&self, compiled: &CompiledQuery, request: &SearchRequest) -> Box<dyn Query> {
        let f = &self.sabiqa.fields;
        let term = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(doc) = &request.doc {
            filters.push(term(f.doc, doc));
        }
        if let Some(kind) = request.kind {
            filters.push(term(f.kind, kind.name()));
        }
        if let Some(lang) = request.options.lang {
            filters.push(term(f.lang, lang.code()));
        }
        if request.date_from.is_some() || request.date_to.is_some() {
            let bound = |d: &Option<String>| match d {
                Some(d) => std::ops::Bound::Included(Term::from_field_text(f.date, d)),
                None => std::ops::Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(
                bound(&request.date_from),
                bound(&request.date_to),
            )));
        }
        if filters.is_empty() {
            return compiled.query.box_clone();
        }
        if let Some(disjunction) = compiled.query.downcast_ref::<Disjunction>() {
            return Box::new(disjunction.filtered(filters));
        }
        if let Some(per_language) = compiled.query.downcast_ref::<PerLanguage>() {
            return Box::new(per_language.filtered(&filters));
        }
        // Filters restrict; they add nothing to the score.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, compiled.query.box_clone())];
        clauses.extend(
            filters
                .into_iter()
                .map(|filter| -> (Occur, Box<dyn Query>) {
                    (Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0)))
                }),
        );
        Box::new(BooleanQuery::new(clauses))
    }

    /// The units aligned with `unit` in the other language version: the document's units,
    /// read from its postings, whose language and ordinal columns match (no query to build
    /// for each hit).
    fn counterparts(
        &self,
        searcher: &tantivy::Searcher,
        columns: &[Option<UnitColumns>],
        unit: &UnitRecord,
    ) -> Result<Vec<UnitRecord>> {
        if unit.counterpart_ordinals.is_empty() {
            return Ok(Vec::new());
        }
        let other = match unit.lang.parse::<Lang>() {
            Ok(lang) => lang.other(),
            Err(_) => return Ok(Vec::new()),
        };
        let f = &self.sabiqa.fields;
        let doc_term = Term::from_field_text(f.doc, &unit.doc);
        let mut found = Vec::new();
        for (segment, (reader, columns)) in
            searcher.segment_readers().iter().zip(columns).enumerate()
        {
            let Some(columns) = columns else {
                continue;
            };
            let Some(other_lang) = columns.lang_ord(other) else {
                continue;
            };
            let postings = reader
                .inverted_index(f.doc)?
                .read_postings(&doc_term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?;
            let Some(mut units) = postings else {
                continue;
            };
            let alive = reader.alive_bitset();
            let mut doc = units.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc))
                    && columns.langs.term_ords(doc).next() == Some(other_lang)
                    && columns
                        .ordinals
                        .first(doc)
                        .is_some_and(|o| unit.counterpart_ordinals.contains(&o))
                {
                    found.push(DocAddress::new(segment as u32, doc));
                }
                doc = units.advance();
            }
        }
        let mut units = found
            .into_iter()
            .map(|a| unit_at(f, searcher, a))
            .collect::<Result<Vec<_>>>()?;
        units.sort_by_key(|u| u.ordinal);
        Ok(units)
    }
}

/// The unit stored at `address`.
fn unit_at(
    fields: &Fields,
    searcher: &tantivy::Searcher,
    address: DocAddress,
) -> Result<UnitRecord> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(unit_record(fields, &doc))
}

/// How many units `query` matches, counting no further than `limit`; and whether it stopped
/// there (at least that many match).
fn count_up_to(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<(usize, bool)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut count = 0;
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        let mut matches = weight.scorer(reader, 1.0)?;
        let mut doc = matches.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                count += 1;
                if count == limit {
                    return Ok((count, true));
                }
            }
            doc = matches.advance();
        }
    }
    Ok((count, false))
}

/// The hit as seen from language `show`: itself when it is in that language, else its aligned
/// unit(s) there (several are joined, in order, as one), with the matched unit as counterpart.
fn shown_in(hit: Hit, show: Lang) -> Option<Hit> {
    if hit.unit.lang == show.code() {
        return Some(hit);
    }
    let mut renderings = hit.counterparts.into_iter();
    let mut unit = renderings.next()?;
    for more in renderings {
        unit.text.push('\n');
        unit.text.push_str(&more.text);
        unit.end = unit.end.max(more.end);
    }
    let whole = 0..unit.text.len();
    let matched = hit.unit;
    Some(Hit {
        unit,
        score: hit.score,
        highlights: Vec::new(),
        fragments: vec![whole],
        counterparts: vec![matched],
    })
}

/// Groups hits by document: documents by their best hit, hits by score.
fn group(hits: Vec<Hit>, offset: usize, limit: usize) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for hit in hits {
        match groups.iter_mut().find(|g| g.doc == hit.unit.doc) {
            Some(g) => g.hits.push(hit),
            None => groups.push(Group {
                doc: hit.unit.doc.clone(),
                score: hit.score,
                hits: vec![hit],
            }),
        }
    }
    groups.into_iter().skip(offset).take(limit).collect()
}

fn unit_record(f: &Fields, doc: &TantivyDocument) -> UnitRecord {
    let text = |field| -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let number = |field| -> u64 { doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0) };
    UnitRecord {
        doc: text(f.doc).unwrap_or_default(),
        symbol: text(f.symbol),
        path: text(f.path).unwrap_or_default(),
        para: text(f.label),
        kind: text(f.kind).unwrap_or_default(),
        ordinal: number(f.ordinal),
        lang: text(f.lang).unwrap_or_default(),
        date: text(f.date),
        title: text(f.title),
        text: text(f.text).unwrap_or_default(),
        start: number(f.start),
        end: number(f.end),
        counterpart_ordinals: doc
            .get_all(f.counterpart)
            .filter_map(|v| v.as_u64())
            .collect(),
    }
}

/// Small in-memory indexes for the unit tests of the query pieces.
#[cfg(test)]
pub(crate) mod test_index {
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    /// An index of one unit per text, in one text field (tantivy's default analysis).
    pub(crate) fn of_texts(texts: impl IntoIterator<Item = String>) -> (Index, Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for body in texts {
            writer.add_document(doc!(text => body)).expect("adds");
        }
        writer.commit().expect("commits");
        (index, text)
    }

    /// An index of one unit per text, each in field `en` (`true`) or `ar`, never both, as
    /// sabiqa indexes a unit; and the two fields.
    pub(crate) fn two_languages(units: Vec<(bool, String)>) -> (Index, Field, Field) {
        let mut schema = Schema::builder();
        let en = schema.add_text_field("en", TEXT);
        let ar = schema.add_text_field("ar", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for (in_english, text) in units {
            let field = if in_english { en } else { ar };
            writer.add_document(doc!(field => text)).expect("adds");
        }
        writer.commit().expect("commits");
        (index, en, ar)
    }

    /// English units in sabiqa's exact view (`exact`, with positions) and its common grams
    /// (`gram`), in two segments (`texts` twice, a commit after each round), the units with the
    /// term `deleted` deleted; the two fields.
    pub(crate) fn exact_and_grams(texts: &[&str], deleted: &str) -> (Index, Field, Field) {
        use crate::analyse::{self, View};
        use crate::Lang;
        use tantivy::schema::{IndexRecordOption, Term, TextFieldIndexing, TextOptions};
        let mut schema = Schema::builder();
        let indexed = |tokenizer: &str, record| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(record),
            )
        };
        let exact = schema.add_text_field(
            "exact",
            indexed(
                analyse::tokenizer_name(Lang::En, View::Exact),
                IndexRecordOption::WithFreqsAndPositions,
            ),
        );
        let gram = schema.add_text_field(
            "gram",
            indexed(
                analyse::gram_tokenizer_name(Lang::En),
                IndexRecordOption::WithFreqs,
            ),
        );
        let index = Index::create_in_ram(schema.build());
        analyse::register(index.tokenizers());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for _ in 0..2 {
            for &text in texts {
                writer
                    .add_document(doc!(exact => text, gram => text))
                    .expect("adds");
            }
            writer.commit().expect("commits");
        }
        writer.delete_term(Term::from_field_text(exact, deleted));
        writer.commit().expect("commits");
        (index, exact, gram)
    }
}
