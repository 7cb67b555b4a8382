//! Creating and opening an index directory, with the schema-version check.

use super::schema::{Fields, SchemaSpec};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::Index;

/// The environment variable that names the default index directory.
pub const INDEX_ENV: &str = "SABIQA_INDEX";

/// Bytes of stored text compressed together: showing a hit decompresses its whole block, so a
/// smaller block than tantivy's 16 KiB makes each hit cheaper to load, a few paragraphs per
/// block still compressing well.
const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// Where the index lives when `--index` is not given: `$SABIQA_INDEX`, else `./sabiqa-index`.
pub fn default_index_dir() -> PathBuf {
    std::env::var_os(INDEX_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("sabiqa-index"))
}

/// What sabiqa writes into every commit's payload, to recognise its own indexes.
#[derive(Debug, Serialize, Deserialize)]
pub struct CommitPayload {
    /// The schema version of `index_schema/schema.toml` the index was built with.
    pub sabiqa_schema_version: u32,
}

/// An open sabiqa index: the tantivy index, its field handles and where it lives.
#[derive(Clone)]
pub struct SabiqaIndex {
    /// The tantivy index, with sabiqa's analysers registered.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// The index directory.
    pub dir: PathBuf,
}

impl SabiqaIndex {
    /// Opens the index at `dir` for searching: it must exist and carry this build's schema.
    pub fn open(dir: &Path) -> Result<SabiqaIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::Index(format!(
                "no index at {}: build one with `sabiqa index --index {} PATH...`",
                dir.display(),
                dir.display()
            )));
        }
        let index = Index::open_in_dir(dir).map_err(|e| {
            Error::Index(format!(
                "the index at {} cannot be opened ({e}): rebuild it with `sabiqa index --rebuild --index {} PATH...`",
                dir.display(),
                dir.display()
            ))
        })?;
        SabiqaIndex::checked(index, dir)
    }

    /// Opens the index at `dir` for writing, creating it when the directory holds none.
    pub fn open_or_create(dir: &Path) -> Result<SabiqaIndex> {
        if dir.join("meta.json").is_file() {
            return SabiqaIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let schema = SchemaSpec::embedded()?.to_tantivy()?;
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            ..tantivy::IndexSettings::default()
        };
        let index = Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir)?;
        SabiqaIndex::checked(index, dir)
    }

    fn checked(index: Index, dir: &Path) -> Result<SabiqaIndex> {
        let spec = SchemaSpec::embedded()?;
        let version_mismatch = |found: String| Error::SchemaVersion {
            path: dir.to_path_buf(),
            found,
            expected: spec.version.to_string(),
        };
        let metas = index.load_metas()?;
        match metas.payload.as_deref() {
            Some(payload) => {
                let found = serde_json::from_str::<CommitPayload>(payload)
                    .map(|p| p.sabiqa_schema_version.to_string())
                    .unwrap_or_else(|_| "unknown (not a sabiqa index)".to_string());
                if found != spec.version.to_string() {
                    return Err(version_mismatch(found));
                }
            }
            // Never committed: only acceptable when it is empty and has our schema.
            None if !metas.segments.is_empty() => {
                return Err(version_mismatch("unknown (not a sabiqa index)".into()))
            }
            None => {}
        }
        if index.schema() != spec.to_tantivy()? {
            return Err(version_mismatch(format!(
                "{} with a different field layout",
                spec.version
            )));
        }
        crate::analyse::register(index.tokenizers());
        let fields = Fields::resolve(&index.schema())?;
        Ok(SabiqaIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// The payload every commit of this build carries.
    pub fn commit_payload() -> Result<String> {
        let version = SchemaSpec::embedded()?.version;
        serde_json::to_string(&CommitPayload {
            sabiqa_schema_version: version,
        })
        .map_err(|e| Error::Other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_index_keeps_stored_text_in_small_blocks() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let created = SabiqaIndex::open_or_create(dir.path()).expect("creates");
        assert_eq!(
            created.index.settings().docstore_blocksize,
            DOCSTORE_BLOCK_BYTES
        );
        // The setting is the index's own: an index opened again keeps it.
        drop(created);
        let reopened = SabiqaIndex::open(dir.path()).expect("opens");
        assert_eq!(reopened.index.settings().docstore_blocksize, 4096);
    }
}
