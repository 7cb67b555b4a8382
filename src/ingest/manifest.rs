//! Sidecar manifests: what a collection knows about its files.
//!
//! A manifest is a file named `manifest.tsv` in a collection directory: UTF-8, tab-separated,
//! one header line naming the columns (in any order), then one line per file. Empty lines and
//! lines starting with `#` are ignored.
//!
//! | column                     | required | meaning |
//! |----------------------------|----------|---------|
//! | `file`                     | yes      | path of the document file, relative to the manifest's directory (or absolute) |
//! | `symbol` (or `symbol_guess`) | no     | UN document symbol, e.g. `A/RES/76/7`; the language versions of one document share it |
//! | `language`                 | no       | `ar` or `en` (also `ara`, `arabic`, `eng`, `english`) |
//! | `date`                     | no       | date of the document, ISO `YYYY-MM-DD` preferred |
//! | `title`                    | no       | title of the document |
//!
//! An empty cell means "unknown". Example (`→` stands for a tab):
//!
//! ```text
//! file → symbol → language → date → title
//! res-76-7.ar.txt → A/RES/76/7 → ar → 2021-11-22 → the resolution's title …
//! ```
//!
//! Why a sidecar: UN files come from several systems; the manifest is the one place where a
//! curator can state what the file itself does not say (the UNPC samples carry no header at all),
//! and it wins over anything guessed from the text or the file name. The `symbol_guess` spelling
//! is accepted so that the UNPC manifests in `shared/corpus/unpc` work unchanged.

use crate::error::{Error, Result};
use crate::model::Lang;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The file name a manifest must have to be found next to its documents.
pub const MANIFEST_FILE: &str = "manifest.tsv";

/// What a manifest says about one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManifestEntry {
    /// The file, resolved against the manifest's directory.
    pub file: PathBuf,
    /// The UN document symbol.
    pub symbol: Option<String>,
    /// The language of the file.
    pub language: Option<Lang>,
    /// The date of the document.
    pub date: Option<String>,
    /// The title of the document.
    pub title: Option<String>,
}

/// The entries of one or more manifests, looked up by file.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    entries: HashMap<PathBuf, ManifestEntry>,
}

impl Manifest {
    /// Reads the manifest at `path`.
    pub fn load(path: &Path) -> Result<Manifest> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        Self::parse(&text, base).map_err(|reason| Error::BadFile {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// Parses manifest `text` whose `file` paths are relative to `base`.
    fn parse(text: &str, base: &Path) -> std::result::Result<Manifest, String> {
        let mut rows = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let Some((_, header)) = rows.next() else {
            return Ok(Manifest::default());
        };
        let columns: Vec<String> = header
            .split('\t')
            .map(|c| c.trim().trim_start_matches('\u{FEFF}').to_ascii_lowercase())
            .collect();
        let find = |names: &[&str]| columns.iter().position(|c| names.contains(&c.as_str()));
        let file_col = find(&["file"]).ok_or("the header has no `file` column")?;
        let symbol_col = find(&["symbol", "symbol_guess"]);
        let lang_col = find(&["language", "lang"]);
        let date_col = find(&["date"]);
        let title_col = find(&["title"]);
        let mut manifest = Manifest::default();
        for (index, line) in rows {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let cell = |col: Option<usize>| {
                col.and_then(|c| cells.get(c))
                    .filter(|v| !v.is_empty())
                    .map(|v| v.to_string())
            };
            let Some(file) = cell(Some(file_col)) else {
                return Err(format!("line {}: the `file` cell is empty", index + 1));
            };
            let language = match cell(lang_col) {
                Some(l) => Some(
                    l.parse::<Lang>()
                        .map_err(|e| format!("line {}: {e}", index + 1))?,
                ),
                None => None,
            };
            let file = normalise(&base.join(file));
            let entry = ManifestEntry {
                file: file.clone(),
                symbol: cell(symbol_col),
                language,
                date: cell(date_col),
                title: cell(title_col),
            };
            manifest.entries.insert(file, entry);
        }
        Ok(manifest)
    }

    /// What the manifest says about `file`, if it lists it.
    pub fn lookup(&self, file: &Path) -> Option<&ManifestEntry> {
        self.entries.get(&normalise(file))
    }

    /// Number of files listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file is listed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds the entries of `other`; on a file listed twice, `other` wins.
    pub fn merge(&mut self, other: Manifest) {
        self.entries.extend(other.entries);
    }
}

/// `path` made absolute and free of `.`/`..`, following symbolic links when it exists, so that
/// a file named two ways is found under one key.
fn normalise(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Every `manifest.tsv` in the directories among `paths` (recursively) and next to the files
/// among them, merged.
pub fn manifests_for(paths: &[PathBuf]) -> Result<Manifest> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut found);
        } else if let Some(sidecar) = path.parent().map(|d| d.join(MANIFEST_FILE)) {
            if sidecar.is_file() {
                found.push(sidecar);
            }
        }
    }
    found.sort();
    found.dedup();
    let mut manifest = Manifest::default();
    for path in found {
        manifest.merge(Manifest::load(&path)?);
    }
    Ok(manifest)
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match entry.file_type() {
            Ok(t) if t.is_dir() && !hidden => collect(&path, found),
            Ok(t) if t.is_file() && entry.file_name() == MANIFEST_FILE => found.push(path),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_and_symbol_guess_is_accepted() {
        let text =
            "language\tfile\tsymbol_guess\n\nen\ta.en.txt\tA/68/908\n# note\nar\tsub/a.ar.txt\t\n";
        let m = Manifest::parse(text, Path::new("/coll")).unwrap();
        let en = m.lookup(Path::new("/coll/a.en.txt")).unwrap();
        assert_eq!(en.symbol.as_deref(), Some("A/68/908"));
        assert_eq!(en.language, Some(Lang::En));
        let ar = m.lookup(Path::new("/coll/x/../sub/a.ar.txt")).unwrap();
        assert_eq!(ar.symbol, None);
        assert_eq!(ar.language, Some(Lang::Ar));
    }

    #[test]
    fn bad_manifests_say_why() {
        assert!(Manifest::parse("symbol\tlanguage\nA/1\ten\n", Path::new("/")).is_err());
        let err = Manifest::parse("file\tlanguage\na.txt\tfr\n", Path::new("/")).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
