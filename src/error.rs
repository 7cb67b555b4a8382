//! Errors as values, with the context a user needs to act on them.

use std::path::PathBuf;

/// Everything that can go wrong in sabiqa's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or decoded; the collection goes on without it.
    #[error("{path}: {reason}")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// Why it was skipped.
        reason: String,
    },
    /// An I/O failure on a path.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The index could not be opened, built or searched.
    #[error("index: {0}")]
    Index(String),
    /// The index was made with another schema version.
    #[error("the index at {path} has schema version {found}, this sabiqa needs {expected}: rebuild it with `sabiqa index --rebuild --index {path} PATH...`")]
    SchemaVersion {
        /// The index directory.
        path: PathBuf,
        /// The version found on disk.
        found: String,
        /// The version this build expects.
        expected: String,
    },
    /// A query the parser cannot read.
    #[error("cannot read the query: {0}")]
    Query(String),
    /// Anything else, with its explanation.
    #[error("{0}")]
    Other(String),
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Index(e.to_string())
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
