//! Building an index from a collection: read, segment, pair and align language versions,
//! analyse, index — in parallel, with one atomic commit at the end.
//!
//! Documents are processed in batches of files (in path order, so the language versions of a
//! document, which sit side by side, meet in the same batch or the next one): each batch is read
//! and segmented in parallel with rayon, its versions paired and aligned in parallel, and its
//! units handed to tantivy's writer threads, which analyse them. Only a batch and its look-ahead are held
//! in memory, whatever the size of the collection. Nothing is visible until the single commit
//! at the end, so an interrupted build leaves the last committed index as it was.

use super::open::SabiqaIndex;
use crate::align::{self, AlignmentStats};
use crate::analyse::{self, View};
use crate::ingest;
use crate::Lang;
use crate::{Document, Error, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::document::Value;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{IndexWriter, TantivyDocument};

/// Files read and segmented together; large enough to keep both cores busy, small enough to
/// bound memory on collections of millions of paragraphs.
const BATCH_FILES: usize = 256;

/// How the text fields are analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Analysis {
    /// sabiqa's Arabic/English analysis (the product).
    Sabiqa,
    /// tantivy's stock `default` analyzer in every view's field, and the common grams formed
    /// from its tokens in the gram fields: the benchmark's cost floor. (The common words are
    /// listed normalised, and stock tokens keep hamza and ى: the floor forms fewer Arabic
    /// grams than sabiqa, which makes it cheaper, not dearer.)
    Stock,
}

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// tantivy indexing threads.
    pub threads: usize,
    /// tantivy's memory budget, in bytes, shared by the threads.
    pub heap_bytes: usize,
    /// Delete everything the index holds before adding (in the same commit).
    pub rebuild: bool,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// Which analysis the text fields get.
    pub analysis: Analysis,
}

/// tantivy's memory budget for `threads` indexing threads, when none is given: 768 MiB
/// shared, and at least 128 MiB a thread.
///
/// A thread writes a segment each time its share of the budget fills, and tantivy merges those
/// segments while indexing; at 768 MiB, two threads index a million units into two segments
/// and merge none (at 128 MiB a thread they flushed small segments and merged them into four:
/// 7–9 % more build time, and each query paid for twice the segments). A thread's arena grows
/// only as it is used: peak RSS at a million units was 415 MB.
pub fn default_heap_bytes(threads: usize) -> usize {
    const MIB: usize = 1024 * 1024;
    (768 * MIB).max(128 * MIB * threads)
}

impl Default for BuildOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        BuildOptions {
            threads,
            heap_bytes: default_heap_bytes(threads),
            rebuild: false,
            progress: true,
            analysis: Analysis::Sabiqa,
        }
    }
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

/// What a build did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    /// Document versions (files) indexed.
    pub documents: usize,
    /// Units indexed.
    pub units: usize,
    /// Bytes of source text read.
    pub bytes: u64,
    /// Documents indexed in both languages (pairs).
    pub bilingual_pairs: usize,
    /// Document versions with no version in the other language.
    pub single_language: usize,
    /// Units aligned with a counterpart.
    pub aligned_units: usize,
    /// Units of paired documents that got no counterpart (1–0 / 0–1).
    pub unaligned_units: usize,
    /// Files not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Peak resident memory of the process at the end of the build, in KiB (Linux; 0 elsewhere).
    pub peak_rss_kb: u64,
    /// Wall time of the whole build.
    #[serde(serialize_with = "as_secs")]
    pub elapsed: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl BuildReport {
    /// Source megabytes per second.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
    /// Units per second.
    pub fn units_per_sec(&self) -> f64 {
        self.units as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Builds (or updates) the index at `dir` from the files under `paths`.
///
/// Bad files are skipped and listed in the report; the rest is indexed. Re-indexing a file
/// replaces its units.
pub fn build(dir: &Path, paths: &[PathBuf], options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let sabiqa = SabiqaIndex::open_or_create(dir)?;
    if options.analysis == Analysis::Stock {
        // The floor: the same fields, each tokenised by tantivy's stock analyzer (`default`,
        // as tantivy's tokenizer manager builds it); the common grams formed from its tokens
        // (see `Analysis::Stock`).
        use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
        let stock = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
        };
        let tokenizers = sabiqa.index.tokenizers();
        for lang in [Lang::Ar, Lang::En] {
            for view in [View::Stem, View::Exact] {
                tokenizers.register(analyse::tokenizer_name(lang, view), stock().build());
            }
            tokenizers.register(
                analyse::gram_tokenizer_name(lang),
                stock()
                    .filter(analyse::common_grams::CommonGrams::new(lang))
                    .build(),
            );
        }
    }
    let mut report = BuildReport::default();
    let (files, discovery_errors) = ingest::discover(paths);
    report
        .skipped
        .extend(discovery_errors.into_iter().map(skipped));
    let manifest = ingest::manifests_for(paths)?;

    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(total_bytes, options.progress);

    let threads = options.threads.max(1);
    let heap_per_thread = (options.heap_bytes / threads).max(15 * 1024 * 1024);
    let mut writer: IndexWriter<TantivyDocument> = sabiqa
        .index
        .writer_with_num_threads(threads, heap_per_thread * threads)?;
    if options.rebuild {
        writer.delete_all_documents()?;
    }

    // The last commit, where a version indexed earlier may be the other half of a document of
    // this build (none when rebuilding: everything is replaced).
    let committed = if options.rebuild {
        None
    } else {
        let reader: tantivy::IndexReader = sabiqa
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        Some(reader.searcher())
    };
    let mut indexed: HashSet<PathBuf> = HashSet::new();
    let mut pending: Vec<Document> = Vec::new();
    for batch in files.chunks(BATCH_FILES) {
        let loaded: Vec<Result<Document>> = batch
            .par_iter()
            .map(|path| ingest::load_document(path, &manifest))
            .collect();
        let mut docs = std::mem::take(&mut pending);
        let carried = docs.len();
        for (path, outcome) in batch.iter().zip(loaded) {
            match outcome {
                Ok(doc) => {
                    report.bytes += file_len(path);
                    docs.push(doc);
                }
                Err(e) => report.skipped.push(skipped(e)),
            }
        }
        // A version from this batch whose partner has not been seen yet waits one batch; one
        // carried over from the previous batch is indexed now, paired or not.
        let (ready, waiting) = split_ready(docs, carried);
        pending = waiting;
        let ready = with_partners(
            ready,
            committed.as_ref(),
            &sabiqa,
            &mut indexed,
            &mut report,
        )?;
        index_documents(&sabiqa, &writer, ready, &mut report)?;
        bar.set_position(report.bytes);
        bar.set_message(format!("{} docs, {} units", report.documents, report.units));
    }
    let last = with_partners(
        pending,
        committed.as_ref(),
        &sabiqa,
        &mut indexed,
        &mut report,
    )?;
    index_documents(&sabiqa, &writer, last, &mut report)?;

    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&SabiqaIndex::commit_payload()?);
    prepared.commit()?;
    writer.wait_merging_threads()?;
    bar.finish_and_clear();
    report.elapsed = started.elapsed();
    report.peak_rss_kb = peak_rss_kb();
    Ok(report)
}

/// The process's peak resident set size (VmHWM), in KiB; 0 where /proc is not available.
pub fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn skipped(e: Error) -> Skipped {
    match e {
        Error::BadFile { path, reason } => Skipped { path, reason },
        Error::Io { path, source } => Skipped {
            path,
            reason: source.to_string(),
        },
        other => Skipped {
            path: PathBuf::new(),
            reason: other.to_string(),
        },
    }
}

fn progress_bar(total_bytes: u64, wanted: bool) -> ProgressBar {
    if !wanted {
        return ProgressBar::hidden();
    }
    // stderr draws only on a terminal: piped output stays clean.
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The documents of `ready` still to index, with the other language version of each one that
/// has none among them but has one in the `committed` index: that version is re-read from its
/// file and indexed again beside it, so that the counterparts on both sides are those of the new
/// alignment (re-indexing one version alone would leave the other pointing at units that
/// changed). A version pulled in earlier in this build is not indexed twice (`indexed` holds
/// the paths indexed so far). A version that cannot be re-read, or no longer reads as the same
/// document, is left as it was and reported.
fn with_partners(
    mut ready: Vec<Document>,
    committed: Option<&tantivy::Searcher>,
    sabiqa: &SabiqaIndex,
    indexed: &mut HashSet<PathBuf>,
    report: &mut BuildReport,
) -> Result<Vec<Document>> {
    ready.retain(|d| !indexed.contains(&d.meta.path));
    if let Some(committed) = committed {
        let alone: Vec<(String, Lang, PathBuf)> = ready
            .iter()
            .zip(alone_among(&ready))
            .filter(|(_, alone)| *alone)
            .map(|(d, _)| (d.meta.id.clone(), d.meta.lang, d.meta.path.clone()))
            .collect();
        for (id, lang, path) in alone {
            let Some(partner_path) = indexed_version(committed, sabiqa, &id, lang.other())? else {
                continue;
            };
            if partner_path == path || indexed.contains(&partner_path) {
                continue;
            }
            let reread = ingest::manifests_for(std::slice::from_ref(&partner_path))
                .and_then(|manifest| ingest::load_document(&partner_path, &manifest));
            match reread {
                Ok(partner) if partner.meta.id == id && partner.meta.lang == lang.other() => {
                    ready.push(partner);
                }
                Ok(_) => report.skipped.push(Skipped {
                    path: partner_path,
                    reason: format!(
                        "not re-aligned with {}: it no longer reads as the other version of {id}",
                        path.display()
                    ),
                }),
                Err(e) => report.skipped.push(Skipped {
                    reason: format!(
                        "not re-aligned with {}: {}",
                        path.display(),
                        skipped(e).reason
                    ),
                    path: partner_path,
                }),
            }
        }
    }
    indexed.extend(ready.iter().map(|d| d.meta.path.clone()));
    Ok(ready)
}

/// The file of the `lang` version of document `id` in the `committed` index, if it holds one.
fn indexed_version(
    committed: &tantivy::Searcher,
    sabiqa: &SabiqaIndex,
    id: &str,
    lang: Lang,
) -> Result<Option<PathBuf>> {
    let f = sabiqa.fields;
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let query = BooleanQuery::new(vec![
        (Occur::Must, term(f.doc, id)),
        (Occur::Must, term(f.lang, lang.code())),
    ]);
    let top = committed.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, address)) = top.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = committed.doc(*address)?;
    Ok(doc
        .get_first(f.path)
        .and_then(|v| v.as_str())
        .map(PathBuf::from))
}

/// For each of `docs`, whether it is the only version of its document among them.
fn alone_among(docs: &[Document]) -> Vec<bool> {
    let mut versions: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        *versions.entry(d.meta.id.as_str()).or_default() += 1;
    }
    docs.iter()
        .map(|d| versions.get(d.meta.id.as_str()) == Some(&1))
        .collect()
}

/// Splits a batch into the documents to index now and those waiting for their other version.
/// The first `carried` documents came from the previous batch and never wait again.
fn split_ready(docs: Vec<Document>, carried: usize) -> (Vec<Document>, Vec<Document>) {
    let waits: Vec<bool> = alone_among(&docs)
        .into_iter()
        .enumerate()
        .map(|(i, alone)| i >= carried && alone)
        .collect();
    let (mut ready, mut waiting) = (Vec::new(), Vec::new());
    for (doc, wait) in docs.into_iter().zip(waits) {
        if wait {
            waiting.push(doc);
        } else {
            ready.push(doc);
        }
    }
    (ready, waiting)
}

/// Pairs, aligns and indexes a set of documents.
fn index_documents(
    sabiqa: &SabiqaIndex,
    writer: &IndexWriter<TantivyDocument>,
    docs: Vec<Document>,
    report: &mut BuildReport,
) -> Result<()> {
    if docs.is_empty() {
        return Ok(());
    }
    // counterparts[doc][unit] = ordinals of the aligned units in the other version.
    let mut counterparts: Vec<Vec<Vec<u32>>> = docs
        .iter()
        .map(|d| vec![Vec::new(); d.units.len()])
        .collect();
    let pairs = align::pair_versions(&docs);
    report.single_language += pairs
        .iter()
        .filter(|p| p.en.is_some() != p.ar.is_some())
        .count();
    // Each pair aligns independently: in parallel, as the documents were read.
    let alignments: Vec<(usize, usize, Vec<align::AlignedGroup>)> = pairs
        .par_iter()
        .filter_map(|pair| match (pair.en, pair.ar) {
            (Some(en), Some(ar)) => Some((en, ar, align::align(&docs[en].units, &docs[ar].units))),
            _ => None,
        })
        .collect();
    for (en, ar, groups) in alignments {
        report.bilingual_pairs += 1;
        let AlignmentStats {
            unpaired_a,
            unpaired_b,
            ..
        } = align::stats(&groups);
        report.unaligned_units += unpaired_a + unpaired_b;
        for g in &groups {
            let en_ordinals: Vec<u32> = g.a.iter().map(|&i| docs[en].units[i].ordinal).collect();
            let ar_ordinals: Vec<u32> = g.b.iter().map(|&i| docs[ar].units[i].ordinal).collect();
            for &i in &g.a {
                counterparts[en][i] = ar_ordinals.clone();
            }
            for &i in &g.b {
                counterparts[ar][i] = en_ordinals.clone();
            }
            if !g.a.is_empty() && !g.b.is_empty() {
                report.aligned_units += g.a.len() + g.b.len();
            }
        }
    }

    let f = sabiqa.fields;
    for doc in &docs {
        writer.delete_term(Term::from_field_text(
            f.path,
            &doc.meta.path.to_string_lossy(),
        ));
    }
    let added: Result<Vec<usize>> = docs
        .par_iter()
        .zip(counterparts.par_iter())
        .map(|(doc, doc_counterparts)| {
            for (unit, unit_counterparts) in doc.units.iter().zip(doc_counterparts) {
                let tdoc = unit_document(sabiqa, doc, unit, unit_counterparts);
                writer.add_document(tdoc)?;
            }
            Ok(doc.units.len())
        })
        .collect();
    report.units += added?.iter().sum::<usize>();
    report.documents += docs.len();
    Ok(())
}

/// The tantivy document of one unit.
fn unit_document(
    sabiqa: &SabiqaIndex,
    doc: &Document,
    unit: &crate::Unit,
    counterparts: &[u32],
) -> TantivyDocument {
    let f = sabiqa.fields;
    let meta = &doc.meta;
    let mut d = TantivyDocument::new();
    d.add_text(f.doc, &meta.id);
    if let Some(symbol) = &meta.symbol {
        d.add_text(f.symbol, symbol);
    }
    d.add_text(f.path, meta.path.to_string_lossy());
    d.add_text(f.lang, unit.lang.code());
    d.add_text(f.kind, unit.kind.name());
    if let Some(label) = &unit.label {
        d.add_text(f.label, label);
    }
    d.add_u64(f.ordinal, u64::from(unit.ordinal));
    if let Some(date) = &meta.date {
        d.add_text(f.date, date);
    }
    if let Some(title) = &meta.title {
        d.add_text(f.title, title);
    }
    d.add_u64(f.start, unit.start as u64);
    d.add_u64(f.end, unit.end as u64);
    d.add_text(f.text, &unit.text);
    for &c in counterparts {
        d.add_u64(f.counterpart, u64::from(c));
    }
    let text_lang = unit.text_lang();
    let (stem_field, exact_field, gram_field) = match text_lang {
        Lang::Ar => (f.ar_stem, f.ar_exact, f.ar_gram),
        Lang::En => (f.en_stem, f.en_exact, f.en_gram),
    };
    // The fields' analysers (sabiqa's, or the stock tokenizer for the benchmark floor) are
    // registered on the index and run in tantivy's indexing threads; the two views of a text
    // and its common grams share one pass (`analyse::shared_views`). Pre-tokenised text costs
    // more: tantivy round-trips it through JSON (measured: 30 % of a build's CPU against 16 %
    // for the whole analysis).
    d.add_text(stem_field, &unit.text);
    d.add_text(exact_field, &unit.text);
    d.add_text(gram_field, &unit.text);
    d
}
