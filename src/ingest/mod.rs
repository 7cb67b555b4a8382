//! Ingestion: from paths on disk to segmented documents.
//!
//! | step | function | module |
//! |------|----------|--------|
//! | find the document files under the given paths | [`discover`] | [`discover`](mod@discover) |
//! | find and merge the sidecar manifests | [`manifests_for`] | [`manifest`] |
//! | read a file into text (one [`Reader`] per format) | [`reader_for`] | [`reader`] |
//! | decide id, symbol, language, date, title | [`metadata::resolve`] | [`metadata`] |
//! | cut the text into units | [`crate::segment::segment`] | [`crate::segment`] |
//!
//! A file that cannot be used (unreadable, binary, not UTF-8, empty) is an
//! [`Error::BadFile`] with its path and the reason: the caller reports it and goes on with the
//! other files.

pub mod discover;
pub mod manifest;
pub mod metadata;
pub mod reader;

pub use discover::discover;
pub use manifest::{manifests_for, Manifest, ManifestEntry};
pub use reader::{reader_for, readers, Reader, TextReader};

use crate::error::{Error, Result};
use crate::model::Document;
use std::path::Path;

/// Reads, describes and segments the document file at `path`.
pub fn load_document(path: &Path, manifest: &Manifest) -> Result<Document> {
    let bad = |reason: &str| Error::BadFile {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let reader = reader_for(path).ok_or_else(|| bad("no reader for this kind of file"))?;
    let text = reader.read(path)?;
    if text.trim().is_empty() {
        return Err(bad("empty file (no text)"));
    }
    let meta = metadata::resolve(path, &text, manifest.lookup(path));
    let units = crate::segment::segment(&text, &meta);
    Ok(Document { meta, units })
}
