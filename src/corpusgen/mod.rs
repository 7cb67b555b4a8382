//! Benchmark collections of any size, recombined from the real corpus: UN-style document files
//! in the format the indexer reads, the same paragraphs as the peers' JSON lines, and a query
//! set drawn from them.
//!
//! | rule | why |
//! |---|---|
//! | every word comes from `../shared/corpus`, read through [`crate::ingest::load_document`] | no invented words, real spelling variation (hamza, tatweel, diacritics as printed) |
//! | a paragraph is a real one (30 %), or as many real sentences as a random real paragraph has | the real paragraph-length distribution, with new combinations |
//! | 40 % of documents are bilingual (`NAME.en.txt` + `NAME.ar.txt`) made of real aligned paragraph pairs; the rest Arabic (⅔) or English only | pairing and alignment are exercised on versions that truly correspond |
//! | 6–160 numbered paragraphs a document (log-uniform), sections, sub-paragraphs, footnotes, page furniture ([`layout`]) | documents of realistic length and shape, so segmentation does real work |
//! | a symbol per document, in a real symbol family, and a `manifest.tsv` | ingest finds ids and pairs versions as in a real collection |
//! | [`rng::SplitMix64`] seeded with `--seed`, every choice in a fixed order | same seed and corpus, same bytes |
//! | `--paragraphs N` counts the units written (headings, paragraphs, sub-paragraphs, footnotes of every version); the JSON lines hold exactly these | sabiqa and the peers index the same text |
//!
//! Unlike a real collection, the vocabulary does not grow with the size (no word is invented):
//! posting lists get denser and the term dictionary stays small as N grows.

pub mod layout;
pub mod queries;
pub mod rng;
pub mod source;

use crate::{ingest, Error, Lang, Result};
use layout::{ArabicNumbering, Header, VersionWriter};
use rng::SplitMix64;
use serde::{Deserialize, Serialize};
use source::Source;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by the generator (so it may be emptied and rewritten).
pub const MARKER: &str = ".sabiqa-corpusgen";

/// Symbol families used when the corpus yields none.
const FALLBACK_FAMILIES: [&str; 5] = ["A/69", "A/70", "S/2015", "E/2015", "A/HRC/29"];
/// Share of bilingual documents.
const BILINGUAL_SHARE: f64 = 0.4;
/// Share of English among single-language documents.
const ENGLISH_SHARE: f64 = 1.0 / 3.0;
/// Share of paragraphs copied whole (agreed language recurs in real documents).
const VERBATIM_SHARE: f64 = 0.3;
/// Bilingual documents are not started with fewer units left than this, so the count is exact.
const MIN_BILINGUAL_BUDGET: usize = 20;

/// One unit as the peers read it (one JSON line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// `<doc>#<para>`.
    pub id: String,
    /// The file name without `.txt` (`g1-0000042.ar`).
    pub doc: String,
    /// The unit's position in its file, from 1.
    pub para: String,
    /// `ar` or `en`.
    pub lang: String,
    /// The unit's text.
    pub text: String,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Units to write.
    pub paragraphs: usize,
    /// The seed.
    pub seed: u64,
    /// The real corpus (holding `ar/`, `bilingual/`, `unpc/dev/`).
    pub corpus: PathBuf,
    /// Folder of the documents (created; must be empty or a former output).
    pub out: PathBuf,
    /// The peers' paragraph JSON lines, if wanted.
    pub jsonl: Option<PathBuf>,
    /// The query set, if wanted (outside `out`, or it would be indexed).
    pub queries: Option<PathBuf>,
}

/// What was generated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GenReport {
    /// Documents (a bilingual one counts once).
    pub documents: usize,
    /// Bilingual documents.
    pub bilingual_documents: usize,
    /// Files written.
    pub files: usize,
    /// Units written.
    pub units: usize,
    /// Bytes of document text written.
    pub bytes: u64,
    /// Queries written.
    pub queries: usize,
    /// Source files the material came from.
    pub source_files: usize,
}

/// Generates a collection (module docs).
pub fn generate(options: &GenOptions) -> Result<GenReport> {
    if let Some(q) = &options.queries {
        if is_inside(q, &options.out) {
            return Err(Error::Other(format!(
                "the query file {} is inside the collection {}: it would be indexed as a document",
                q.display(),
                options.out.display()
            )));
        }
    }
    let source = source::load(&options.corpus)?;
    prepare_out(&options.out)?;
    let mut families: Vec<String> = source.symbol_families.clone();
    if families.is_empty() {
        families = FALLBACK_FAMILIES.iter().map(|f| f.to_string()).collect();
    }
    let mut jsonl = match &options.jsonl {
        Some(p) => Some(BufWriter::new(create(p)?)),
        None => None,
    };
    let mut sample: Vec<Row> = Vec::new();
    let mut manifest = String::from("file\tsymbol_guess\tlanguage\n");
    let mut report = GenReport {
        source_files: source.files,
        ..GenReport::default()
    };
    let mut rng = SplitMix64::new(options.seed);
    while report.units < options.paragraphs {
        let budget = options.paragraphs - report.units;
        let langs: &[Lang] = if budget >= MIN_BILINGUAL_BUDGET
            && !source.pairs.is_empty()
            && rng.chance(BILINGUAL_SHARE)
        {
            &[Lang::En, Lang::Ar]
        } else if !source.en.paragraphs.is_empty() && rng.chance(ENGLISH_SHARE) {
            &[Lang::En]
        } else {
            &[Lang::Ar]
        };
        let family = rng.pick(&families).cloned().unwrap_or_default();
        let header = layout::header(&mut rng, &family, report.documents + 1);
        let versions = compose(&source, &mut rng, langs, &header, budget);
        let written: usize = versions.iter().map(|v| v.units.len()).sum();
        if written == 0 {
            break;
        }
        report.documents += 1;
        report.bilingual_documents += usize::from(langs.len() == 2);
        let name = format!("g{}-{:07}", options.seed, report.documents);
        for v in versions {
            let stem = format!("{name}.{}", v.lang.code());
            let file = options.out.join(format!("{stem}.txt"));
            std::fs::write(&file, &v.text).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            manifest.push_str(&format!("{stem}.txt\t{}\t{}\n", header.symbol, v.lang));
            report.files += 1;
            report.bytes += v.text.len() as u64;
            for (k, text) in v.units.into_iter().enumerate() {
                let row = Row {
                    id: format!("{stem}#{}", k + 1),
                    doc: stem.clone(),
                    para: (k + 1).to_string(),
                    lang: v.lang.code().to_string(),
                    text,
                };
                if let (Some(w), Some(p)) = (jsonl.as_mut(), options.jsonl.as_ref()) {
                    write_row(w, &row).map_err(|source| Error::Io {
                        path: p.clone(),
                        source,
                    })?;
                }
                if options.queries.is_some() && sample.len() < queries::SAMPLE_ROWS {
                    sample.push(row);
                }
                report.units += 1;
            }
        }
    }
    let manifest_path = options.out.join("manifest.tsv");
    std::fs::write(&manifest_path, manifest).map_err(|source| Error::Io {
        path: manifest_path,
        source,
    })?;
    if let (Some(mut w), Some(p)) = (jsonl, options.jsonl.as_ref()) {
        w.flush().map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?;
    }
    if let Some(q) = &options.queries {
        let set = queries::draw(&sample, queries::PER_CLASS, options.seed)?;
        queries::write(q, &set)?;
        report.queries = set.len();
    }
    Ok(report)
}

fn write_row(w: &mut impl Write, row: &Row) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, row)?;
    w.write_all(b"\n")
}

/// The units of an existing collection as JSON-lines rows (ids `<file stem>#<ordinal>`), for
/// drawing queries from a collection the generator did not write. Reads at most `limit` units.
pub fn rows_of_collection(dir: &Path, limit: usize) -> Result<Vec<Row>> {
    let paths = [dir.to_path_buf()];
    let (mut files, _unreadable) = ingest::discover(&paths);
    files.sort();
    let manifest = ingest::manifests_for(&paths)?;
    let mut rows = Vec::new();
    for file in files {
        if rows.len() >= limit {
            break;
        }
        let Ok(doc) = ingest::load_document(&file, &manifest) else {
            continue;
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for unit in doc.units {
            rows.push(Row {
                id: format!("{stem}#{}", unit.ordinal),
                doc: stem.clone(),
                para: unit.ordinal.to_string(),
                lang: unit.lang.code().to_string(),
                text: unit.text,
            });
        }
    }
    rows.truncate(limit);
    Ok(rows)
}

fn create(path: &Path) -> Result<File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    File::create(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn is_inside(file: &Path, dir: &Path) -> bool {
    let absolute = |p: &Path| -> PathBuf {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .components()
            .collect()
    };
    absolute(file).starts_with(absolute(dir))
}

/// Creates `out`, or empties a former output of the generator; refuses any other non-empty
/// folder (its files would be mixed into the collection).
fn prepare_out(out: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: out.to_path_buf(),
        source,
    };
    if out.exists() {
        let entries: Vec<PathBuf> = std::fs::read_dir(out)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        if !entries.is_empty() && !out.join(MARKER).exists() {
            return Err(Error::Other(format!(
                "{} is not empty and was not written by gen-corpus: choose another --out",
                out.display()
            )));
        }
        for entry in entries {
            if entry.is_file() {
                std::fs::remove_file(&entry).map_err(|source| Error::Io {
                    path: entry.clone(),
                    source,
                })?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(io)?;
    std::fs::write(out.join(MARKER), "written by sabiqa gen-corpus\n").map_err(io)
}

/// One text per version language, drawn together (an aligned pair for a bilingual document).
fn draw_texts(
    source: &Source,
    rng: &mut SplitMix64,
    langs: &[Lang],
    single: impl Fn(&Source, &mut SplitMix64, Lang) -> String,
    pairs: &[source::AlignedPair],
) -> Vec<String> {
    match (langs, rng.pick(pairs)) {
        ([_, _], Some(pair)) => langs
            .iter()
            .map(|l| match l {
                Lang::En => pair.en.clone(),
                Lang::Ar => pair.ar.clone(),
            })
            .collect(),
        _ => langs.iter().map(|&l| single(source, rng, l)).collect(),
    }
}

fn paragraph_text(source: &Source, rng: &mut SplitMix64, lang: Lang) -> String {
    let pool = source.pool(lang);
    if rng.chance(VERBATIM_SHARE) {
        return rng.pick(&pool.paragraphs).cloned().unwrap_or_default();
    }
    let sentences = rng.pick(&pool.shapes).copied().unwrap_or(1);
    recombined(pool, rng, sentences)
}

fn recombined(pool: &source::LangPool, rng: &mut SplitMix64, sentences: usize) -> String {
    let picked: Vec<&str> = (0..sentences.max(1))
        .filter_map(|_| rng.pick(&pool.sentences).map(String::as_str))
        .collect();
    picked.join(" ")
}

fn sub_paragraph_text(source: &Source, rng: &mut SplitMix64, lang: Lang) -> String {
    let sentences = rng.between(1, 2);
    recombined(source.pool(lang), rng, sentences)
}

fn footnote_text(source: &Source, rng: &mut SplitMix64, lang: Lang) -> String {
    let pool = source.pool(lang);
    rng.pick(&pool.footnotes).cloned().unwrap_or_default()
}

fn heading_text(source: &Source, rng: &mut SplitMix64, lang: Lang) -> String {
    let pool = source.pool(lang);
    rng.pick(&pool.headings)
        .or_else(|| rng.pick(&pool.sentences))
        .cloned()
        .unwrap_or_default()
}

/// The versions of one document, holding at most `budget` units in all.
fn compose(
    source: &Source,
    rng: &mut SplitMix64,
    langs: &[Lang],
    header: &Header,
    budget: usize,
) -> Vec<VersionWriter> {
    let short_pairs = if source.short_pairs.is_empty() {
        &source.pairs
    } else {
        &source.short_pairs
    };
    let numbering = ArabicNumbering::pick(rng);
    let titles = draw_texts(source, rng, langs, heading_text, short_pairs);
    let mut versions: Vec<VersionWriter> = langs
        .iter()
        .zip(&titles)
        .map(|(&l, t)| VersionWriter::new(l, header, t, numbering))
        .collect();
    // log-uniform between 6 and 160 paragraphs
    let target = (6.0f64 * (160.0f64 / 6.0).powf(rng.unit())).round() as u32;
    let per = langs.len();
    let (mut used, mut section, mut note_no) = (0usize, 0usize, 0u32);
    for n in 1..=target {
        if (n == 1 || rng.chance(0.08)) && used + 2 * per <= budget {
            let texts = draw_texts(source, rng, langs, heading_text, short_pairs);
            for (v, t) in versions.iter_mut().zip(&texts) {
                v.heading(Some(section), t);
            }
            section += 1;
            used += per;
        }
        let mut subs = if rng.chance(0.12) {
            rng.between(2, 5)
        } else {
            0
        };
        let mut note = rng.chance(0.15);
        if used + per * (1 + subs + usize::from(note)) > budget {
            (subs, note) = (0, false);
        }
        if used + per > budget {
            break;
        }
        let texts = draw_texts(source, rng, langs, paragraph_text, &source.pairs);
        let notes = if note {
            note_no += 1;
            Some(draw_texts(source, rng, langs, footnote_text, short_pairs))
        } else {
            None
        };
        for (i, v) in versions.iter_mut().enumerate() {
            let note = notes.as_ref().map(|t| (note_no, t[i].as_str()));
            v.paragraph(n, &texts[i], note);
        }
        for s in 0..subs {
            let texts = draw_texts(source, rng, langs, sub_paragraph_text, &source.pairs);
            for (v, t) in versions.iter_mut().zip(&texts) {
                v.sub_paragraph(s, t);
            }
        }
        used += per * (1 + subs + usize::from(note));
        if versions.first().is_some_and(VersionWriter::page_full) {
            for v in &mut versions {
                v.end_page(header, false);
            }
        }
    }
    for v in &mut versions {
        v.end_page(header, true);
    }
    versions
}
